// Paired bootstrap of the differences between two models scored on the same samples: ΔACER, ΔAPCER_max,
// ΔBPCER (each model at its own threshold) and ΔEER, each replicate drawing the same samples for both
// models. Pure shared code (common/), seeded by the bootstrap's generator (prng.ts).

import { percentileInterval, MAX_BOOTSTRAP_REPLICATES } from './bootstrap.js';
import { isCalledAttack } from './decision.js';
import { equalErrorRate } from './eer.js';
import { MetricsInputError, POSITIVE_LABEL, requireNumber } from './labelled-scores.js';
import { scoresOfModel, validatePairedScores, type PairedScores } from './paired.js';
import { SeededRandom } from './prng.js';
import { compactSpecies, countBelow, groupOfSample, ThresholdIndex, type BinaryCounts } from './threshold-index.js';

export interface PairedBootstrapOptions {
  /** Number of replicates; default 1000. */
  readonly replicates?: number;
  /** 32-bit integer seed; default 0. */
  readonly seed?: number;
  /** Central interval level; default 0.95. */
  readonly level?: number;
  /**
   * 'identity' (the default when identity codes are given): draw identities with replacement and take all
   * their samples, so that one person's samples stay together; 'sample' (the default without them): draw
   * samples within each group (bona fide, each attack species), keeping the group sizes.
   */
  readonly resample?: 'sample' | 'identity';
}

/** B − A on the full data and the percentile interval of the replicates' B − A. */
export interface DifferenceInterval {
  readonly a: number;
  readonly b: number;
  readonly diff: number;
  readonly low: number;
  readonly high: number;
}

export interface PairedBootstrapResult {
  readonly replicates: number;
  readonly seed: number;
  readonly level: number;
  readonly resample: 'sample' | 'identity';
  readonly redrawnReplicates: number;
  readonly acer: DifferenceInterval;
  readonly apcerMax: DifferenceInterval;
  readonly apcerPooled: DifferenceInterval;
  readonly bpcer: DifferenceInterval;
  readonly eer: DifferenceInterval;
}

const MAX_REDRAWS_PER_REPLICATE = 100;
const STATS = ['acer', 'apcerMax', 'apcerPooled', 'bpcer', 'eer'] as const;
type Stat = (typeof STATS)[number];

/** One model's ranks in its distinct scores and whether each sample is decided wrongly at its threshold. */
interface ModelPlan {
  readonly distinctScores: Float64Array;
  readonly rankOf: Uint32Array;
  readonly wrong: Uint8Array;
}

function modelPlan(scores: Float64Array, labels: Uint8Array, threshold: number): ModelPlan {
  const sorted = scores.slice().sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i];
  const distinctScores = sorted.slice(0, m);
  const rankOf = new Uint32Array(scores.length);
  const wrong = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    rankOf[i] = countBelow(distinctScores, scores[i]);
    wrong[i] = isCalledAttack(scores[i], threshold) !== (labels[i] === POSITIVE_LABEL) ? 1 : 0;
  }
  return { distinctScores, rankOf, wrong };
}

/** One replicate's statistics of one model from the multiplicity of each sample. */
function replicateStatistics(plan: ModelPlan, groupOf: Uint32Array, groups: number, weight: Uint32Array): Record<Stat, number> {
  const m = plan.distinctScores.length;
  const bonaFideAt = new Uint32Array(m);
  const attacksAt = new Uint32Array(m);
  const total = new Uint32Array(groups);
  const wrong = new Uint32Array(groups);
  for (let i = 0; i < weight.length; i++) {
    const w = weight[i];
    if (w === 0) continue;
    const group = groupOf[i];
    if (group === 0) bonaFideAt[plan.rankOf[i]] += w;
    else attacksAt[plan.rankOf[i]] += w;
    total[group] += w;
    if (plan.wrong[i] === 1) wrong[group] += w;
  }
  const counts: BinaryCounts = { distinctScores: plan.distinctScores, bonaFideBelow: new Uint32Array(m + 1), attacksBelow: new Uint32Array(m + 1), bonaFideCount: 0, attackCount: 0 };
  let bonaFide = 0;
  let attacks = 0;
  for (let row = 0; row < m; row++) {
    counts.bonaFideBelow[row] = bonaFide;
    counts.attacksBelow[row] = attacks;
    bonaFide += bonaFideAt[row];
    attacks += attacksAt[row];
  }
  counts.bonaFideBelow[m] = bonaFide;
  counts.attacksBelow[m] = attacks;
  const eer = equalErrorRate({ ...counts, bonaFideCount: bonaFide, attackCount: attacks }).eer;
  let apcerMax = 0;
  let missed = 0;
  for (let g = 1; g < groups; g++) {
    missed += wrong[g];
    if (total[g] > 0) apcerMax = Math.max(apcerMax, wrong[g] / total[g]);
  }
  const bpcer = wrong[0] / bonaFide;
  return { acer: (apcerMax + bpcer) / 2, apcerMax, apcerPooled: missed / attacks, bpcer, eer };
}

/** Point statistics of one model on the full data (the same definitions as ThresholdIndex.ratesAt). */
function fullStatistics(data: PairedScores, model: 'a' | 'b', threshold: number): Record<Stat, number> {
  const index = ThresholdIndex.build(scoresOfModel(data, model));
  const rates = index.ratesAt(threshold);
  return { acer: rates.acer, apcerMax: rates.apcerMax, apcerPooled: rates.apcerPooled, bpcer: rates.bpcer, eer: equalErrorRate(index).eer };
}

/**
 * Paired percentile bootstrap of B − A. Each replicate gives every sample a multiplicity (the same for
 * both models), then both models' rates at their own thresholds and EERs from it: O(n + m_A + m_B) per
 * replicate after one sort per model. A species absent from a replicate is left out of its APCER_max.
 */
export function pairedBootstrap(data: PairedScores, thresholdA: number, thresholdB: number, options: PairedBootstrapOptions = {}): PairedBootstrapResult {
  validatePairedScores(data);
  requireNumber(thresholdA, 'threshold of model A');
  requireNumber(thresholdB, 'threshold of model B');
  const replicates = options.replicates ?? 1000;
  const seed = options.seed ?? 0;
  const level = options.level ?? 0.95;
  const resample = options.resample ?? (data.identityCodes === undefined ? 'sample' : 'identity');
  if (!Number.isInteger(replicates) || replicates < 2 || replicates > MAX_BOOTSTRAP_REPLICATES) {
    throw new MetricsInputError('bad-argument', `replicates must be an integer from 2 to ${MAX_BOOTSTRAP_REPLICATES}, got ${replicates}`);
  }
  if (!Number.isInteger(seed)) throw new MetricsInputError('bad-argument', `seed must be an integer, got ${seed}`);
  if (!(level > 0 && level < 1)) throw new MetricsInputError('bad-argument', `level must be in (0, 1), got ${level}`);
  if (resample === 'identity' && data.identityCodes === undefined) {
    throw new MetricsInputError('bad-argument', 'a bootstrap by identity needs identity codes for every sample');
  }
  const n = data.labels.length;
  const reference = scoresOfModel(data, 'a');
  const { speciesNames, groupOfRawSpecies } = compactSpecies(reference);
  const groups = 1 + speciesNames.length;
  const groupOf = new Uint32Array(n);
  for (let i = 0; i < n; i++) groupOf[i] = groupOfSample(reference, groupOfRawSpecies, i);
  const plans = [modelPlan(data.scoresA, data.labels, thresholdA), modelPlan(data.scoresB, data.labels, thresholdB)];
  const units = resample === 'sample' ? membersBy(groupOf, groups) : membersBy(data.identityCodes as Uint32Array, data.identityNames?.length ?? 0);
  const random = new SeededRandom(seed);
  const weight = new Uint32Array(n);
  const values = Object.fromEntries(STATS.map((stat) => [stat, new Float64Array(replicates)])) as Record<Stat, Float64Array>;
  let redrawnReplicates = 0;
  for (let r = 0; r < replicates; r++) {
    redrawnReplicates += drawWeights(units, resample, groupOf, random, weight);
    const statsA = replicateStatistics(plans[0], groupOf, groups, weight);
    const statsB = replicateStatistics(plans[1], groupOf, groups, weight);
    for (const stat of STATS) values[stat][r] = statsB[stat] - statsA[stat];
  }
  const fullA = fullStatistics(data, 'a', thresholdA);
  const fullB = fullStatistics(data, 'b', thresholdB);
  const interval = (stat: Stat): DifferenceInterval => {
    const diff = fullB[stat] - fullA[stat];
    const { lower, upper } = percentileInterval(diff, values[stat], level);
    return { a: fullA[stat], b: fullB[stat], diff, low: lower, high: upper };
  };
  return {
    replicates,
    seed,
    level,
    resample,
    redrawnReplicates,
    acer: interval('acer'),
    apcerMax: interval('apcerMax'),
    apcerPooled: interval('apcerPooled'),
    bpcer: interval('bpcer'),
    eer: interval('eer'),
  };
}

/** The samples of each code 0..count−1. */
function membersBy(codes: ArrayLike<number>, count: number): Uint32Array[] {
  const lists: number[][] = Array.from({ length: count }, () => []);
  for (let i = 0; i < codes.length; i++) lists[codes[i]].push(i);
  return lists.filter((list) => list.length > 0).map((list) => Uint32Array.from(list));
}

/** Fills `weight` with one resample's multiplicities, drawn again while it lacks a class; returns the draws thrown away. */
function drawWeights(units: Uint32Array[], resample: 'sample' | 'identity', groupOf: Uint32Array, random: SeededRandom, weight: Uint32Array): number {
  for (let attempt = 0; ; attempt++) {
    weight.fill(0);
    if (resample === 'sample') {
      for (const group of units) for (let k = 0; k < group.length; k++) weight[group[random.nextIndex(group.length)]]++;
    } else {
      for (let k = 0; k < units.length; k++) for (const i of units[random.nextIndex(units.length)]) weight[i]++;
    }
    let bonaFide = 0;
    let attacks = 0;
    for (let i = 0; i < weight.length; i++) {
      if (weight[i] === 0) continue;
      if (groupOf[i] === 0) bonaFide += weight[i];
      else attacks += weight[i];
    }
    if (bonaFide > 0 && attacks > 0) return attempt;
    if (attempt >= MAX_REDRAWS_PER_REPLICATE) {
      throw new MetricsInputError('one-class', `the paired bootstrap by identity drew ${attempt + 1} one-class replicates in a row; too few identities carry both classes`);
    }
  }
}
