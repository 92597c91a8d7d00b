// The provenance data hash: independent of sample order, sensitive to any score or label change, and
// equal to the documented byte layout hashed by an independent SHA-256 (node:crypto).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ThresholdIndex } from '../../common/metrics/index';
import { scoreLabelHash, sortedScoreLabelBytes } from './score-hash';

const index = (scores: number[], labels: number[]) => ThresholdIndex.build({ scores: Float64Array.from(scores), labels: Uint8Array.from(labels) });

/** The reference: sort (score, label) pairs and pack each as '<dB', as the doc comment's Python does. */
function referenceHash(scores: number[], labels: number[]): string {
  const pairs = scores.map((s, i) => [s, labels[i]!] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const buffer = Buffer.alloc(pairs.length * 9);
  pairs.forEach(([s, l], i) => { buffer.writeDoubleLE(s, i * 9); buffer.writeUInt8(l, i * 9 + 8); });
  return createHash('sha256').update(buffer).digest('hex');
}

describe('scoreLabelHash', () => {
  const scores = [0.9, 0.1, 0.5, 0.5, 0.3, 0.5, 0.7];
  const labels = [1, 0, 1, 0, 0, 1, 1];

  it('hashes the (score, label) pairs sorted by score, bona fide first among ties', async () => {
    const bytes = sortedScoreLabelBytes(index(scores, labels));
    expect(bytes.length).toBe(7 * 9);
    const view = new DataView(bytes.buffer);
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => [view.getFloat64(i * 9, true), bytes[i * 9 + 8]])).toEqual(
      [[0.1, 0], [0.3, 0], [0.5, 0], [0.5, 1], [0.5, 1], [0.7, 1], [0.9, 1]]);
    expect(await scoreLabelHash(index(scores, labels))).toBe(referenceHash(scores, labels));
  });

  it('does not depend on sample order but changes with any score or label', async () => {
    const base = await scoreLabelHash(index(scores, labels));
    expect(await scoreLabelHash(index([...scores].reverse(), [...labels].reverse()))).toBe(base);
    expect(await scoreLabelHash(index(scores.map((s, i) => (i === 2 ? s + 1e-12 : s)), labels))).not.toBe(base);
    expect(await scoreLabelHash(index(scores, labels.map((l, i) => (i === 3 ? 1 - l : l))))).not.toBe(base);
  });
});
