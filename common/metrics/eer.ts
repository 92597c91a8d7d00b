// Equal error rate (pooled APCER = BPCER) with its interpolated threshold.
// Pure shared code (common/).

import { thresholdOfRow, type BinaryCounts } from './threshold-index.js';

export interface EqualErrorRate {
  /** The rate where the piecewise-linear ROC crosses APCER_pooled = BPCER. */
  readonly eer: number;
  /**
   * The threshold interpolated at the crossing with the same weight as the rates (the reference
   * computation's value). On the last segment it can exceed every score: row m's threshold is top + 1.
   */
  readonly interpolatedThreshold: number;
  /** The threshold reported and decided at: the interpolated one, kept within the observed scores. */
  readonly threshold: number;
  /** The operating points (rows) bracketing the crossing; equal when it falls on a point. */
  readonly rowBelow: number;
  readonly rowAbove: number;
}

/**
 * EER on the full ROC (every distinct score a point, plus "above every score").
 *
 * Rows k = 0..m run from the lowest threshold (all called attack: BPCER 1, APCER 0) to above the
 * highest (BPCER 0, APCER 1), so d_k = BPCER_k − APCER_k falls from 1 to −1. With k the first row
 * where d_k ≤ 0: if d_k = 0 the EER is that point's rate; otherwise the crossing lies on the ROC
 * segment between rows k−1 and k at t = d_{k−1} / (d_{k−1} − d_k), EER = BPCER_{k−1} + t·(BPCER_k −
 * BPCER_{k−1}) and threshold = τ_{k−1} + t·(τ_k − τ_{k−1}). This is the crossing of the linearly
 * interpolated ROC with the line fnr = fpr, the usual `brentq(1 − x − interp(fpr, tpr))` EER
 * without its root-finding tolerance. The interpolated threshold lies between two observed scores
 * (or between the top score and top + 1), so deciding at it gives the operating point of row k
 * (row k − 1 only if rounding lands it on τ_{k−1}); the EER itself belongs to the interpolated
 * curve, not to one operating point. O(log m). When the crossing lies on the last segment (towards
 * "above every score", e.g. every score tied) the reported threshold is the top score, so it never
 * names a value outside the data; `interpolatedThreshold` keeps the unclamped value.
 */
export function equalErrorRate(counts: BinaryCounts): EqualErrorRate {
  const m = counts.distinctScores.length;
  const bpcerAt = (row: number): number => (counts.bonaFideCount - counts.bonaFideBelow[row]) / counts.bonaFideCount;
  const apcerAt = (row: number): number => counts.attacksBelow[row] / counts.attackCount;
  // d is non-increasing in the row, so a binary search finds the first row with d ≤ 0 in O(log m);
  // row m always qualifies (d_m = −1) and row 0 never does (d_0 = 1).
  let lo = 1;
  let hi = m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bpcerAt(mid) - apcerAt(mid) <= 0) hi = mid;
    else lo = mid + 1;
  }
  const k = lo;
  const dk = bpcerAt(k) - apcerAt(k);
  if (dk === 0) {
    const threshold = thresholdOfRow(counts, Math.min(k, m - 1));
    return { eer: bpcerAt(k), interpolatedThreshold: thresholdOfRow(counts, k), threshold, rowBelow: k, rowAbove: k };
  }
  const dPrev = bpcerAt(k - 1) - apcerAt(k - 1);
  const t = dPrev / (dPrev - dk);
  const eer = bpcerAt(k - 1) + t * (bpcerAt(k) - bpcerAt(k - 1));
  const interpolatedThreshold = thresholdOfRow(counts, k - 1) + t * (thresholdOfRow(counts, k) - thresholdOfRow(counts, k - 1));
  const threshold = Math.min(interpolatedThreshold, counts.distinctScores[m - 1]);
  return { eer, interpolatedThreshold, threshold, rowBelow: k - 1, rowAbove: k };
}
