// The data hash recorded in a threshold's provenance: SHA-256 of the scores and labels it was chosen
// on, independent of sample order. Renderer (metrics worker; Web Crypto, no Node).
import { sortedScoreLabelBytes, type BinaryCounts } from '../../common/metrics/index';

export { sortedScoreLabelBytes };

/** Lowercase hex SHA-256 of the sorted (score, label) stream. */
export async function scoreLabelHash(counts: BinaryCounts): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', sortedScoreLabelBytes(counts) as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
