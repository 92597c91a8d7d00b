// The byte stream behind the data hash recorded with thresholds and reports: every sample as
// (score float64 LE, label uint8) sorted by score, bona fide first among ties. Pure shared code (common/).
import type { BinaryCounts } from './threshold-index.js';

/** Bytes per sample in the hashed stream: float64 little-endian score, then one label byte. */
const RECORD_BYTES = 9;

/**
 * The byte stream hashed: every sample as (score float64 LE, label uint8), sorted by score and,
 * among equal scores, bona fide (0) before attack (1). Reproducible elsewhere, e.g. in Python:
 * `sha256(b''.join(struct.pack('<dB', s, l) for s, l in sorted(zip(scores, labels))))`.
 * Built from the index's cumulative counts, so no second sort is needed. O(n).
 */
export function sortedScoreLabelBytes(counts: BinaryCounts): Uint8Array {
  const n = counts.bonaFideCount + counts.attackCount;
  const bytes = new Uint8Array(n * RECORD_BYTES);
  const view = new DataView(bytes.buffer);
  const m = counts.distinctScores.length;
  let offset = 0;
  for (let row = 0; row < m; row++) {
    const score = counts.distinctScores[row];
    const bonaFide = counts.bonaFideBelow[row + 1] - counts.bonaFideBelow[row];
    const attacks = counts.attacksBelow[row + 1] - counts.attacksBelow[row];
    for (let k = 0; k < bonaFide + attacks; k++) {
      view.setFloat64(offset, score, true);
      bytes[offset + 8] = k < bonaFide ? 0 : 1;
      offset += RECORD_BYTES;
    }
  }
  return bytes;
}
