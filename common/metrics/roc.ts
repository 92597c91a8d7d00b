// ROC curve and AUC from exact sorted scores, with scikit-learn's tie handling and conventions.
// Pure shared code (common/): typed arrays in and out.

import { thresholdOfRow, type BinaryCounts } from './threshold-index.js';

/**
 * ROC curve with attack (label 1) as the positive class, in scikit-learn 1.2 `roc_curve` order:
 * thresholds strictly decreasing, the first one max score + 1 (where nothing is called attack, so
 * the curve starts at (0, 0)), then every distinct score. Point j counts the samples with
 * score ≥ thresholds[j]: tpr = 1 − APCER_pooled, fpr = BPCER.
 */
export interface RocCurve {
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  readonly thresholds: Float64Array;
  /** Bona fide samples called attack (false positives) at each point. */
  readonly falsePositives: Uint32Array;
  /** Attacks called attack (true positives) at each point. */
  readonly truePositives: Uint32Array;
}

export interface RocOptions {
  /**
   * Drop points collinear with their neighbours, exactly as sklearn's `drop_intermediate=True`
   * (the default there): a point is kept when the second difference of the false-positive or of
   * the true-positive counts is non-zero, and the first and last distinct scores are always kept.
   * Default false: every distinct score is a point (what threshold sweeps need).
   */
  readonly dropIntermediate?: boolean;
}

/** ROC curve. O(m) for m distinct scores. */
export function rocCurve(counts: BinaryCounts, options: RocOptions = {}): RocCurve {
  const m = counts.distinctScores.length;
  // Point j ↔ row m − j (row m is "above every score").
  const fpsAll = new Uint32Array(m + 1);
  const tpsAll = new Uint32Array(m + 1);
  for (let j = 0; j <= m; j++) {
    fpsAll[j] = counts.bonaFideCount - counts.bonaFideBelow[m - j];
    tpsAll[j] = counts.attackCount - counts.attacksBelow[m - j];
  }
  let keep: Uint32Array | undefined;
  // sklearn tests `len(fps) > 2` on the m distinct-score points, before prepending the extra one.
  if (options.dropIntermediate === true && m > 2) {
    keep = new Uint32Array(m + 1);
    let kept = 0;
    keep[kept++] = 0;
    for (let j = 1; j <= m; j++) {
      const isEnd = j === 1 || j === m;
      if (
        isEnd ||
        fpsAll[j + 1] - 2 * fpsAll[j] + fpsAll[j - 1] !== 0 ||
        tpsAll[j + 1] - 2 * tpsAll[j] + tpsAll[j - 1] !== 0
      ) {
        keep[kept++] = j;
      }
    }
    keep = keep.subarray(0, kept);
  }
  const size = keep === undefined ? m + 1 : keep.length;
  const fpr = new Float64Array(size);
  const tpr = new Float64Array(size);
  const thresholds = new Float64Array(size);
  const falsePositives = new Uint32Array(size);
  const truePositives = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    const j = keep === undefined ? i : keep[i];
    falsePositives[i] = fpsAll[j];
    truePositives[i] = tpsAll[j];
    // Same division as sklearn (fps / fps[-1]), so the rates are bit-identical.
    fpr[i] = fpsAll[j] / counts.bonaFideCount;
    tpr[i] = tpsAll[j] / counts.attackCount;
    thresholds[i] = thresholdOfRow(counts, m - j);
  }
  return { fpr, tpr, thresholds, falsePositives, truePositives };
}

/**
 * Area under the ROC curve (attack = positive class), the trapezoid rule over all distinct
 * scores as sklearn's `roc_auc_score`, so ties count one half (the Mann–Whitney statistic).
 * Summed in integer counts, exact while 2·attacks·bonaFide < 2^53, then divided once. O(m).
 */
export function rocAuc(counts: BinaryCounts): number {
  const m = counts.distinctScores.length;
  let twiceArea = 0;
  let previousFp = 0;
  let previousTp = 0;
  for (let row = m - 1; row >= 0; row--) {
    const fp = counts.bonaFideCount - counts.bonaFideBelow[row];
    const tp = counts.attackCount - counts.attacksBelow[row];
    twiceArea += (fp - previousFp) * (tp + previousTp);
    previousFp = fp;
    previousTp = tp;
  }
  return twiceArea / (2 * counts.attackCount * counts.bonaFideCount);
}
