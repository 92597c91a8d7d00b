// Certification-grade rates at one threshold: every rate from counts with its exact (Clopper-Pearson)
// interval, per attack class, and the non-response rates APNRR / BPNRR. Pure shared code (common/).

import { OUT_OF_DOMAIN_REASON } from './outcome.js';
import { ATTACK_CLASSES, type AttackClass } from './attack-classes.js';
import { countedRate, type CountedRate } from './binomial.js';
import { isCalledAttack } from './decision.js';
import { MetricsInputError, POSITIVE_LABEL, type LabelledScores } from './labelled-scores.js';
import { bpcerAtApcer } from './operating-points.js';
import type { NonResponse } from './scores-csv.js';
import { ThresholdIndex } from './threshold-index.js';

/** Scored samples with their attack class, plus the listed samples that got no score. */
export interface ClassifiedScores extends LabelledScores {
  /** Index into ATTACK_CLASSES per sample (read for attacks only); absent: all 'unclassified'. */
  readonly classCodes?: Uint8Array;
  readonly nonResponses?: readonly NonResponse[];
  /** Samples without ground truth (questioned, common/dataset/label.ts) left out before these arrays were built. */
  readonly questioned?: number;
  /** Scored samples outside the model's domain, and whether they were decided by score (else they are among nonResponses). */
  readonly outOfDomain?: number;
  readonly outOfDomainDecidedByScore?: boolean;
}

export interface SpeciesRate extends CountedRate {
  readonly species: string;
}

/** ISO/IEC 30107-3 rates over the attacks of one class (or of all classes). */
export interface AttackRates {
  /** Responded attacks of these classes. */
  readonly attacks: number;
  /** APCER per species, in order of first appearance; attempts = responded attacks of the species. */
  readonly apcerBySpecies: readonly SpeciesRate[];
  /** APCER_AP: the worst species (its own count and interval); null without attacks. */
  readonly apcerAp: SpeciesRate | null;
  /** All attacks of these classes pooled; null without attacks. */
  readonly apcerPooled: CountedRate | null;
  /** Attack non-responses over all attack presentations of these classes; null without any. */
  readonly apnrr: CountedRate | null;
}

export interface CertificationRates {
  readonly threshold: number;
  readonly level: number;
  /** Bona fide called attack, of responded bona fide presentations. */
  readonly bpcer: CountedRate;
  /** Over all attacks, whatever their class. */
  readonly all: AttackRates;
  /** Per class present in the data (presentation, adversarial, digital, unclassified). */
  readonly byClass: readonly ({ readonly attackClass: AttackClass } & AttackRates)[];
  /** Bona fide non-responses over all bona fide presentations; null without any bona fide. */
  readonly bpnrr: CountedRate | null;
  /** ACER = (APCER_AP + BPCER) / 2 and HTER = (pooled APCER + BPCER) / 2: averages, no exact interval; see their components. */
  readonly acer: number;
  readonly hter: number;
  /** BPCER at worst-species APCER ≤ 5 % / 1 % on these scores, with the count at that threshold. */
  readonly bpcer20: { readonly threshold: number; readonly bpcer: CountedRate };
  readonly bpcer100: { readonly threshold: number; readonly bpcer: CountedRate };
  readonly nonResponses: readonly NonResponse[];
  /** Questioned samples (no ground truth) left out of every rate; they are never counted anywhere else. */
  readonly questionedLeftOut: number;
  /** Samples outside the model's domain: non-responses by default, or decided by score when the analyst chose so. */
  readonly outOfDomain: { readonly samples: number; readonly decidedByScore: boolean };
  /** The sentence every display of the classification rates carries. */
  readonly basis: string;
}

/** ' N questioned samples … left out' when there were any: every display of the rates says so. */
export function outOfDomainNote(nonResponses: readonly NonResponse[]): string {
  const n = nonResponses.filter((r) => r.reason === OUT_OF_DOMAIN_REASON).length;
  return n === 0 ? '' : ` ${n} of the non-responses ${n === 1 ? 'is' : 'are'} outside the model's domain (inconclusive, not decided by score).`;
}

/** ' N samples outside the model's domain … decided by score' when the analyst chose so: the report and the panel say it. */
export function decidedByScoreNote(count: number, decidedByScore: boolean): string {
  if (!decidedByScore || count === 0) return '';
  return ` ${count} sample${count === 1 ? '' : 's'} outside the model's domain ${count === 1 ? 'is' : 'are'} decided by score, as the analyst chose (by default ${count === 1 ? 'it is an inconclusive non-response' : 'they are inconclusive non-responses'}).`;
}

export function questionedNote(count: number): string {
  return count === 0 ? '' : ` ${count} questioned sample${count === 1 ? '' : 's'} (no ground truth) ${count === 1 ? 'is' : 'are'} left out of every rate.`;
}

interface Tally {
  errors: Map<string, number>;
  attempts: Map<string, number>;
  nonResponses: number;
}

function newTally(): Tally {
  return { errors: new Map(), attempts: new Map(), nonResponses: 0 };
}

function attackRates(tally: Tally, level: number): AttackRates {
  const apcerBySpecies: SpeciesRate[] = [];
  let errors = 0;
  let attempts = 0;
  for (const [species, n] of tally.attempts) {
    const k = tally.errors.get(species) ?? 0;
    errors += k;
    attempts += n;
    apcerBySpecies.push({ species, ...(countedRate(k, n, level) as CountedRate) });
  }
  let apcerAp: SpeciesRate | null = null;
  // The worst species; among equal rates the one with more attempts (the tighter statement).
  for (const rate of apcerBySpecies) {
    if (apcerAp === null || rate.rate > apcerAp.rate || (rate.rate === apcerAp.rate && rate.attempts > apcerAp.attempts)) apcerAp = rate;
  }
  return {
    attacks: attempts,
    apcerBySpecies,
    apcerAp,
    apcerPooled: countedRate(errors, attempts, level),
    apnrr: countedRate(tally.nonResponses, attempts + tally.nonResponses, level),
  };
}

/**
 * All counted rates at `threshold` (attack when score ≥ threshold). Classification rates are over
 * responded samples only; non-responses enter APNRR / BPNRR. O(n + species).
 */
export function certificationRates(data: ClassifiedScores, threshold: number, level = 0.95): CertificationRates {
  if (!Number.isFinite(threshold)) throw new MetricsInputError('bad-argument', `threshold must be finite, got ${threshold}`);
  const index = ThresholdIndex.build(data); // validates scores, labels and codes
  const speciesNames = data.speciesNames ?? ['attack'];
  const all = newTally();
  const byClass = new Map<AttackClass, Tally>();
  const tallyOf = (attackClass: AttackClass): Tally => {
    let tally = byClass.get(attackClass);
    if (tally === undefined) byClass.set(attackClass, (tally = newTally()));
    return tally;
  };
  let bonaFide = 0;
  let bonaFideErrors = 0;
  for (let i = 0; i < data.scores.length; i++) {
    const calledAttack = isCalledAttack(data.scores[i]!, threshold);
    if (data.labels[i] !== POSITIVE_LABEL) {
      bonaFide++;
      if (calledAttack) bonaFideErrors++;
      continue;
    }
    const species = speciesNames[data.speciesCodes === undefined ? 0 : data.speciesCodes[i]];
    const attackClass = ATTACK_CLASSES[data.classCodes?.[i] ?? 3] ?? 'unclassified';
    for (const tally of [all, tallyOf(attackClass)]) {
      tally.attempts.set(species, (tally.attempts.get(species) ?? 0) + 1);
      if (!calledAttack) tally.errors.set(species, (tally.errors.get(species) ?? 0) + 1);
    }
  }
  const nonResponses = data.nonResponses ?? [];
  let bonaFideNonResponses = 0;
  for (const missing of nonResponses) {
    if (missing.label !== 1) {
      bonaFideNonResponses++;
      continue;
    }
    all.nonResponses++;
    tallyOf(missing.attackClass).nonResponses++;
  }
  const bpcer = countedRate(bonaFideErrors, bonaFide, level) as CountedRate;
  const allRates = attackRates(all, level);
  const atApcer = (maxApcer: number) => {
    const point = bpcerAtApcer(index, maxApcer);
    const errors = index.bonaFideCount - index.bonaFideBelow[point.row];
    return { threshold: point.threshold, bpcer: countedRate(errors, index.bonaFideCount, level) as CountedRate };
  };
  const apcerAp = allRates.apcerAp?.rate ?? 0;
  const apcerPooled = allRates.apcerPooled?.rate ?? 0;
  return {
    threshold,
    level,
    bpcer,
    all: allRates,
    byClass: ATTACK_CLASSES.filter((c) => byClass.has(c)).map((attackClass) => ({ attackClass, ...attackRates(byClass.get(attackClass)!, level) })),
    bpnrr: countedRate(bonaFideNonResponses, bonaFide + bonaFideNonResponses, level),
    acer: (apcerAp + bpcer.rate) / 2,
    hter: (apcerPooled + bpcer.rate) / 2,
    bpcer20: atApcer(0.05),
    bpcer100: atApcer(0.01),
    nonResponses,
    questionedLeftOut: data.questioned ?? 0,
    outOfDomain: { samples: data.outOfDomain ?? 0, decidedByScore: data.outOfDomainDecidedByScore === true },
    basis: (nonResponses.length === 0
      ? 'Classification rates (APCER, BPCER) are over all listed samples; there were no non-responses.'
      : `Classification rates (APCER, BPCER) exclude the ${nonResponses.length} non-response${nonResponses.length === 1 ? '' : 's'}, which are counted in APNRR / BPNRR instead.`)
      + outOfDomainNote(nonResponses) + decidedByScoreNote(data.outOfDomain ?? 0, data.outOfDomainDecidedByScore === true) + questionedNote(data.questioned ?? 0),
  };
}
