// Exact kNN against a brute-force oracle (every similarity computed in float64 and fully sorted).
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../metrics/prng';
import { encodeFloat16 } from '../routing/float16';
import { nearest, nearestToRow, normalisedRows } from './knn';

function bruteForce(values: Float64Array[], query: number, k: number): { index: number; similarity: number }[] {
  const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const q = values[query]!;
  return values
    .map((v, index) => ({ index, similarity: v.reduce((s, x, j) => s + x * q[j]!, 0) / (norm(v) * norm(q) || 1) }))
    .filter((r) => r.index !== query)
    .sort((a, b) => b.similarity - a.similarity || a.index - b.index)
    .slice(0, k);
}

describe('exact cosine kNN', () => {
  it('matches brute force on random data, for several k', () => {
    const rng = new SeededRandom(7);
    const random = () => rng.nextDouble();
    const n = 500;
    const d = 16;
    const rows = Array.from({ length: n }, () => Float64Array.from({ length: d }, () => random() * 2 - 1));
    const flat = new Float32Array(n * d);
    rows.forEach((r, i) => flat.set(r, i * d));
    const unit = normalisedRows(flat, n, d);
    for (const query of [0, 17, 499]) {
      for (const k of [1, 5, 50]) {
        const got = nearestToRow(unit, n, d, query, k);
        const want = bruteForce(rows, query, k);
        expect(got.map((g) => g.index)).toEqual(want.map((w) => w.index));
        got.forEach((g, i) => expect(g.similarity).toBeCloseTo(want[i]!.similarity, 5));
      }
    }
  });

  it('reads float16 rows and ranks them as their decoded values', () => {
    const values = [1, 0, 0, 0.9, 0.1, 0, 0, 1, 0, -1, 0, 0];
    const unit = normalisedRows(encodeFloat16(values), 4, 3, true);
    const got = nearestToRow(unit, 4, 3, 0, 3);
    expect(got.map((g) => g.index)).toEqual([1, 2, 3]);
    expect(got[0]!.similarity).toBeCloseTo(0.9 / Math.hypot(0.9, 0.1), 3);
    expect(got[2]!.similarity).toBeCloseTo(-1, 5);
  });

  it('caps k at the other rows, leaves zero rows at similarity 0 and breaks ties by index', () => {
    const unit = normalisedRows([1, 0, 0, 0, 1, 0, 1, 0], 4, 2);
    expect(nearestToRow(unit, 4, 2, 0, 10).map((g) => [g.index, g.similarity])).toEqual([[2, 1], [3, 1], [1, 0]]);
    expect(nearest(unit, 4, 2, new Float32Array([0, 1]), 0)).toEqual([]);
    expect(() => nearestToRow(unit, 4, 2, 4, 1)).toThrow(RangeError);
    expect(() => normalisedRows([1, 2, 3], 2, 2)).toThrow(RangeError);
  });
});
