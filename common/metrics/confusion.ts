// Confusion counts by presentation (bona fide, then each attack species) × decision at a threshold.
// Pure shared code (common/).

import type { ThresholdIndex } from './threshold-index.js';

export interface ConfusionTable {
  readonly threshold: number;
  /** Row names: 'bona fide' first, then the index's attack species in order. */
  readonly rowNames: readonly string[];
  /** Per row: samples called bona fide (score < threshold). */
  readonly calledBonaFide: Uint32Array;
  /** Per row: samples called attack (score ≥ threshold). */
  readonly calledAttack: Uint32Array;
}

export const BONA_FIDE_ROW_NAME = 'bona fide';

/** Confusion counts at `threshold` (attack when score ≥ threshold). O(log m + species). */
export function confusionAt(index: ThresholdIndex, threshold: number): ConfusionTable {
  const row = index.rowOf(threshold);
  const speciesCount = index.speciesNames.length;
  const calledBonaFide = new Uint32Array(1 + speciesCount);
  const calledAttack = new Uint32Array(1 + speciesCount);
  calledBonaFide[0] = index.bonaFideBelow[row];
  calledAttack[0] = index.bonaFideCount - index.bonaFideBelow[row];
  for (let s = 0; s < speciesCount; s++) {
    const missed = index.speciesBelow[row * speciesCount + s];
    calledBonaFide[1 + s] = missed;
    calledAttack[1 + s] = index.speciesAttackCounts[s] - missed;
  }
  return { threshold, rowNames: [BONA_FIDE_ROW_NAME, ...index.speciesNames], calledBonaFide, calledAttack };
}
