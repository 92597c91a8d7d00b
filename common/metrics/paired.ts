// Paired comparison of two models scored on the same samples: McNemar's exact test on their decisions
// (each at its own threshold), DeLong's test for the difference of their AUCs, per-species McNemar with
// Holm's adjustment. Pure shared code (common/); the paired bootstrap is in paired-bootstrap.ts.

import { isCalledAttack } from './decision.js';
import { MetricsInputError, POSITIVE_LABEL, validateLabelledScores, type LabelledScores } from './labelled-scores.js';
import { normalQuantile } from './normal.js';
import { normalUpperTail } from './normal-tail.js';
import { compactSpecies, groupOfSample } from './threshold-index.js';

/**
 * Conventions of every paired function: model A's and model B's scores of the same samples, in the same
 * order, with one set of labels (and species, identities). A difference is always B − A, so a negative
 * difference of an error rate means B errs less. b01 counts the samples A decides correctly and B wrongly,
 * b10 the samples A decides wrongly and B correctly.
 */
export interface PairedScores extends Omit<LabelledScores, 'scores'> {
  readonly scoresA: Float64Array;
  readonly scoresB: Float64Array;
}

/** The discordant pairs of one group of samples and McNemar's exact two-sided p-value. */
export interface McNemarResult {
  readonly b01: number;
  readonly b10: number;
  readonly p: number;
}

/** Either model's scores as LabelledScores (sharing the labels, species and identities). */
export function scoresOfModel(data: PairedScores, model: 'a' | 'b'): LabelledScores {
  const { scoresA, scoresB, ...rest } = data;
  return { ...rest, scores: model === 'a' ? scoresA : scoresB };
}

/** Checks both score sets (finite, both classes, same length). O(n). */
export function validatePairedScores(data: PairedScores): void {
  if (data.scoresA.length !== data.scoresB.length) {
    throw new MetricsInputError('length-mismatch', `model A has ${data.scoresA.length} scores and model B ${data.scoresB.length}; a paired comparison needs both on the same samples`);
  }
  validateLabelledScores(scoresOfModel(data, 'a'));
  validateLabelledScores(scoresOfModel(data, 'b'));
}

/** ln C(n, k). */
function logChoose(n: number, k: number): number {
  let sum = 0;
  // Exact for the small cases; lgamma-free so that the p-value keeps full precision.
  if (k > n - k) k = n - k;
  for (let i = 1; i <= k; i++) sum += Math.log((n - k + i) / i);
  return sum;
}

/**
 * McNemar's exact test: under the null each discordant pair is B's error or A's with probability 1/2, so
 * p = min(1, 2 · P(X ≤ min(b01, b10))) for X ~ Binomial(b01 + b10, 1/2) (scipy's binomtest two-sided at
 * 1/2); 1 when no pair is discordant. The tail is summed from its largest term down. O(min(b01, b10)).
 */
export function mcnemarExact(b01: number, b10: number): number {
  if (!Number.isInteger(b01) || !Number.isInteger(b10) || b01 < 0 || b10 < 0) {
    throw new MetricsInputError('bad-argument', `discordant counts must be non-negative integers, got ${b01} and ${b10}`);
  }
  const n = b01 + b10;
  if (n === 0) return 1;
  const k = Math.min(b01, b10);
  if (2 * k === n) return 1;
  let term = Math.exp(logChoose(n, k) - n * Math.LN2);
  let tail = term;
  for (let i = k; i > 0; i--) {
    term *= i / (n - i + 1);
    tail += term;
    if (term < tail * 1e-17) break;
  }
  return Math.min(1, 2 * tail);
}

/** Holm's step-down adjustment of p-values (family-wise error), in the input's order. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((x, y) => pValues[x] - pValues[y]);
  const adjusted = new Array<number>(m).fill(0);
  let running = 0;
  order.forEach((i, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[i]));
    adjusted[i] = running;
  });
  return adjusted;
}

/** Whether sample i is decided wrongly at threshold τ (an attack called bona fide, or the reverse). */
function isError(score: number, label: number, threshold: number): boolean {
  return isCalledAttack(score, threshold) !== (label === POSITIVE_LABEL);
}

/** McNemar on the samples that `include` selects, A at threshold τA and B at τB. */
function mcnemarOver(data: PairedScores, thresholdA: number, thresholdB: number, include: (i: number) => boolean): McNemarResult {
  let b01 = 0;
  let b10 = 0;
  for (let i = 0; i < data.labels.length; i++) {
    if (!include(i)) continue;
    const errorA = isError(data.scoresA[i], data.labels[i], thresholdA);
    const errorB = isError(data.scoresB[i], data.labels[i], thresholdB);
    if (!errorA && errorB) b01++;
    else if (errorA && !errorB) b10++;
  }
  return { b01, b10, p: mcnemarExact(b01, b10) };
}

/** McNemar's exact test separately on the attacks (APCER) and the bona fide samples (BPCER). O(n). */
export function pairedMcNemar(data: PairedScores, thresholdA: number, thresholdB: number): { attack: McNemarResult; bonaFide: McNemarResult } {
  return {
    attack: mcnemarOver(data, thresholdA, thresholdB, (i) => data.labels[i] === POSITIVE_LABEL),
    bonaFide: mcnemarOver(data, thresholdA, thresholdB, (i) => data.labels[i] !== POSITIVE_LABEL),
  };
}

export interface SpeciesComparison extends McNemarResult {
  readonly name: string;
  readonly attacks: number;
  readonly apcerA: number;
  readonly apcerB: number;
  /** APCER_B − APCER_A of this species. */
  readonly diff: number;
  /** McNemar's p adjusted by Holm over the species compared. */
  readonly pHolm: number;
}

/** ΔAPCER per attack species (species with at least one attack) with Holm-adjusted McNemar p-values. O(n · species). */
export function speciesComparison(data: PairedScores, thresholdA: number, thresholdB: number): SpeciesComparison[] {
  const { speciesNames, groupOfRawSpecies } = compactSpecies(scoresOfModel(data, 'a'));
  const groupOf = new Uint32Array(data.labels.length);
  for (let i = 0; i < groupOf.length; i++) groupOf[i] = groupOfSample(scoresOfModel(data, 'a'), groupOfRawSpecies, i);
  const rows = speciesNames.map((name, k) => {
    const group = k + 1;
    let attacks = 0;
    let errorsA = 0;
    let errorsB = 0;
    for (let i = 0; i < groupOf.length; i++) {
      if (groupOf[i] !== group) continue;
      attacks++;
      if (isError(data.scoresA[i], POSITIVE_LABEL, thresholdA)) errorsA++;
      if (isError(data.scoresB[i], POSITIVE_LABEL, thresholdB)) errorsB++;
    }
    const test = mcnemarOver(data, thresholdA, thresholdB, (i) => groupOf[i] === group);
    return { name, attacks, apcerA: errorsA / attacks, apcerB: errorsB / attacks, diff: (errorsB - errorsA) / attacks, ...test };
  });
  const adjusted = holmAdjust(rows.map((row) => row.p));
  return rows.map((row, k) => ({ ...row, pHolm: adjusted[k] }));
}

export interface DeLongResult {
  readonly aucA: number;
  readonly aucB: number;
  /** AUC_B − AUC_A. */
  readonly diff: number;
  readonly standardError: number;
  readonly level: number;
  readonly low: number;
  readonly high: number;
  /** Two-sided p of z = diff / se (1 when se = 0 and diff = 0, 0 when se = 0 and diff ≠ 0). */
  readonly p: number;
}

/** Midranks (1-based, ties share the mean of their ranks) of `values`. O(n log n). */
function midranks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => values[x] - values[y]);
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && values[order[end + 1]] === values[order[start]]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]] = rank;
    start = end + 1;
  }
  return ranks;
}

/** DeLong's structural components of one model: V10 per attack, V01 per bona fide sample, and the AUC. */
function structuralComponents(scores: Float64Array, labels: Uint8Array): { v10: Float64Array; v01: Float64Array; auc: number } {
  const attacks: number[] = [];
  const bonaFide: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === POSITIVE_LABEL ? attacks : bonaFide).push(scores[i]);
  const m = attacks.length;
  const n = bonaFide.length;
  const all = midranks(Float64Array.from([...attacks, ...bonaFide]));
  const withinAttacks = midranks(Float64Array.from(attacks));
  const withinBonaFide = midranks(Float64Array.from(bonaFide));
  const v10 = new Float64Array(m);
  const v01 = new Float64Array(n);
  let auc = 0;
  for (let i = 0; i < m; i++) {
    v10[i] = (all[i] - withinAttacks[i]) / n;
    auc += v10[i];
  }
  for (let j = 0; j < n; j++) v01[j] = 1 - (all[m + j] - withinBonaFide[j]) / m;
  return { v10, v01, auc: auc / m };
}

/** Sample covariance (n − 1 denominator) of two equally long series; 0 for fewer than two values. */
function covariance(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  if (n < 2) return 0;
  let meanX = 0;
  let meanY = 0;
  for (let i = 0; i < n; i++) {
    meanX += x[i];
    meanY += y[i];
  }
  meanX /= n;
  meanY /= n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (x[i] - meanX) * (y[i] - meanY);
  return sum / (n - 1);
}

/**
 * DeLong's test for two correlated AUCs (attack = positive class), by the midrank computation of the
 * structural components (Sun & Xu's fast DeLong, O(n log n)): var(Δ) = (S10_AA + S10_BB − 2·S10_AB) / m +
 * (S01_AA + S01_BB − 2·S01_AB) / n for m attacks and n bona fide samples; interval Δ ± z_{(1+level)/2}·se.
 */
export function delongTest(data: PairedScores, level = 0.95): DeLongResult {
  if (!(level > 0 && level < 1)) throw new MetricsInputError('bad-argument', `level must be in (0, 1), got ${level}`);
  validatePairedScores(data);
  const a = structuralComponents(data.scoresA, data.labels);
  const b = structuralComponents(data.scoresB, data.labels);
  const m = a.v10.length;
  const n = a.v01.length;
  const variance =
    (covariance(a.v10, a.v10) + covariance(b.v10, b.v10) - 2 * covariance(a.v10, b.v10)) / m +
    (covariance(a.v01, a.v01) + covariance(b.v01, b.v01) - 2 * covariance(a.v01, b.v01)) / n;
  const diff = b.auc - a.auc;
  const z = normalQuantile(0.5 + level / 2);
  if (!(variance > 1e-300)) {
    return { aucA: a.auc, aucB: b.auc, diff, standardError: 0, level, low: diff, high: diff, p: diff === 0 ? 1 : 0 };
  }
  const standardError = Math.sqrt(variance);
  return {
    aucA: a.auc,
    aucB: b.auc,
    diff,
    standardError,
    level,
    low: diff - z * standardError,
    high: diff + z * standardError,
    p: Math.min(1, 2 * normalUpperTail(Math.abs(diff) / standardError)),
  };
}
