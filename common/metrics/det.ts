// DET curve (detection error trade-off) on normal-deviate axes, as scikit-learn's `det_curve`.
// Pure shared code (common/): typed arrays in and out.

import { normalQuantile } from './normal.js';
import type { BinaryCounts } from './threshold-index.js';

/**
 * DET points with attack as the positive class: fpr = BPCER, fnr = pooled APCER, in
 * scikit-learn 1.2 `det_curve` order (thresholds increasing, fpr decreasing). Like sklearn, the
 * points before the last one with fpr = BPCER at the top score and after the first one with
 * fnr = 0 are left out, since they only run along the axes. `probitFpr` / `probitFnr` are the
 * normal deviates Φ⁻¹(rate) used as plot coordinates; rates 0 and 1 give ∓Infinity there, which a
 * plot clips to its axis range.
 */
export interface DetCurve {
  readonly fpr: Float64Array;
  readonly fnr: Float64Array;
  readonly thresholds: Float64Array;
  readonly probitFpr: Float64Array;
  readonly probitFnr: Float64Array;
}

/** DET curve. O(m) for m distinct scores. */
export function detCurve(counts: BinaryCounts): DetCurve {
  const m = counts.distinctScores.length;
  // sklearn's `_binary_clf_curve` index i (decreasing thresholds) is row m − 1 − i here.
  const fpsAt = (i: number): number => counts.bonaFideCount - counts.bonaFideBelow[m - 1 - i];
  const tpsAt = (i: number): number => counts.attackCount - counts.attacksBelow[m - 1 - i];
  // first: the last index whose fps equals fps[0] (fps.searchsorted(fps[0], 'right') − 1).
  let first = 0;
  while (first + 1 < m && fpsAt(first + 1) === fpsAt(0)) first++;
  // last (exclusive): one past the first index where tps reaches its total.
  let last = 0;
  while (tpsAt(last) < counts.attackCount) last++;
  last += 1;
  const size = Math.max(0, last - first);
  const fpr = new Float64Array(size);
  const fnr = new Float64Array(size);
  const thresholds = new Float64Array(size);
  const probitFpr = new Float64Array(size);
  const probitFnr = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const i = last - 1 - k; // reversed: increasing thresholds
    fpr[k] = fpsAt(i) / counts.bonaFideCount;
    fnr[k] = (counts.attackCount - tpsAt(i)) / counts.attackCount;
    thresholds[k] = counts.distinctScores[m - 1 - i];
    probitFpr[k] = normalQuantile(fpr[k]);
    probitFnr[k] = normalQuantile(fnr[k]);
  }
  return { fpr, fnr, thresholds, probitFpr, probitFnr };
}
