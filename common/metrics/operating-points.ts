// ISO/IEC 30107-3 operating points: BPCER at APCER ≤ x (BPCER20, BPCER100), APCER at BPCER ≤ x,
// and the minimum-HTER point, searched over every distinct score. Pure shared code (common/).

import { requireRate } from './labelled-scores.js';
import { thresholdOfRow, type ErrorRates, type ThresholdIndex } from './threshold-index.js';

/** Which APCER a constraint reads: the ISO worst species (default) or all attacks pooled. */
export type ApcerKind = 'max' | 'pooled';

/** A candidate threshold on a threshold index with its row and error rates (not the UI's operating point). */
export interface RatePoint {
  /** Candidate threshold: an observed score, or max score + 1 (nothing called attack). */
  readonly threshold: number;
  readonly row: number;
  readonly rates: ErrorRates;
}

/**
 * BPCER at APCER ≤ `maxApcer` (ISO/IEC 30107-3 BPCER_N with maxApcer = 1/N, e.g. BPCER20 at 0.05):
 * the highest threshold whose APCER (worst species by default, as bob.pad.base's
 * `apcer_threshold`, which takes the strictest of the per-species `far_threshold`s) is at most
 * `maxApcer`. APCER only grows with the threshold while BPCER only falls, so the highest such
 * threshold has the lowest BPCER. Candidates are the distinct scores, where each tie group is
 * decided as a whole, plus max + 1; the lowest score always qualifies (APCER 0). O(log m · species).
 */
export function bpcerAtApcer(index: ThresholdIndex, maxApcer: number, apcer: ApcerKind = 'max'): RatePoint {
  requireRate(maxApcer, 'maximum APCER');
  const apcerAt = apcer === 'max' ? (row: number) => index.apcerMaxAtRow(row) : (row: number) => index.apcerPooledAtRow(row);
  // Last row in [0, m] with apcerAt(row) ≤ maxApcer; row 0 qualifies (row m only when maxApcer = 1).
  let lo = 0;
  let hi = index.distinctScores.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (apcerAt(mid) <= maxApcer) lo = mid;
    else hi = mid - 1;
  }
  return pointAt(index, lo);
}

/**
 * APCER at BPCER ≤ `maxBpcer` (bob.pad.base's `apcerN` criterion, via `frr_threshold` on pooled
 * attacks): the lowest threshold, among the distinct scores and max + 1, whose BPCER is at most
 * `maxBpcer`; BPCER falls and APCER grows with the threshold, so this is where APCER is lowest.
 * O(log m).
 */
export function apcerAtBpcer(index: ThresholdIndex, maxBpcer: number): RatePoint {
  requireRate(maxBpcer, 'maximum BPCER');
  // First row in [0, m] with BPCER ≤ maxBpcer; row m (BPCER 0) qualifies.
  let lo = 0;
  let hi = index.distinctScores.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (index.bpcerAtRow(mid) <= maxBpcer) hi = mid;
    else lo = mid + 1;
  }
  return pointAt(index, lo);
}

/**
 * The threshold minimising HTER = (APCER_pooled + BPCER) / 2 over the distinct scores and max + 1
 * (bob.measure's `min_hter_threshold` reads pooled attacks too). Among equal minima the lowest
 * threshold wins, which misses the fewest attacks. The comparison is made on integer-scaled error
 * counts so that equal HTERs compare equal. O(m).
 */
export function minHterPoint(index: ThresholdIndex): RatePoint {
  const rows = index.distinctScores.length + 1;
  const attacks = index.attackCount;
  const bonaFide = index.bonaFideCount;
  // HTER ∝ missedAttacks·bonaFide + falseAlarms·attacks; both terms are integers < 2^53 for any
  // realistic n (exact while attacks·bonaFide < 2^52).
  let bestRow = 0;
  let best = Infinity;
  for (let row = 0; row < rows; row++) {
    const weighted = index.attacksBelow[row] * bonaFide + (bonaFide - index.bonaFideBelow[row]) * attacks;
    if (weighted < best) {
      best = weighted;
      bestRow = row;
    }
  }
  return pointAt(index, bestRow);
}

function pointAt(index: ThresholdIndex, row: number): RatePoint {
  const threshold = thresholdOfRow(index, row);
  return { threshold, row, rates: index.ratesAtRow(row, threshold) };
}
