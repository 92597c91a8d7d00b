// Precision–recall curve and average precision, attack as the positive class, as scikit-learn 1.2.
// Pure shared code (common/): typed arrays in and out.

import type { BinaryCounts } from './threshold-index.js';

/**
 * scikit-learn 1.2 `precision_recall_curve` layout: thresholds = the m distinct scores ascending;
 * precision and recall have m + 1 entries, entry r at thresholds[r] (attack when score ≥ it), and
 * a final (precision 1, recall 0) point with no threshold. Recall = 1 − pooled APCER; precision
 * = attacks among the samples called attack.
 */
export interface PrecisionRecallCurve {
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  readonly thresholds: Float64Array;
}

/** PR curve. O(m). */
export function precisionRecallCurve(counts: BinaryCounts): PrecisionRecallCurve {
  const m = counts.distinctScores.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  for (let row = 0; row < m; row++) {
    const truePositives = counts.attackCount - counts.attacksBelow[row];
    const calledAttack = truePositives + counts.bonaFideCount - counts.bonaFideBelow[row];
    // calledAttack ≥ 1 on every row < m (the row's own score is called attack); sklearn writes 0
    // where it would be 0, which cannot happen here.
    precision[row] = truePositives / calledAttack;
    recall[row] = truePositives / counts.attackCount;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: counts.distinctScores.slice() };
}

/**
 * Average precision as sklearn's `average_precision_score`: the step-function integral
 * Σ_r (recall_r − recall_{r+1}) · precision_r, no interpolation. O(m).
 */
export function averagePrecision(counts: BinaryCounts): number {
  const { precision, recall } = precisionRecallCurve(counts);
  let sum = 0;
  for (let r = 0; r + 1 < recall.length; r++) sum += (recall[r] - recall[r + 1]) * precision[r];
  return sum;
}
