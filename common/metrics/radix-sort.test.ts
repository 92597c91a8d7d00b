// Unit tests of the float64 radix sort behind the threshold index: order against the native sort,
// signs, zeros, extremes, stability, and both digit widths. Pure code under test.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from './prng.js';
import { radixSortScores, scoreOfKey } from './radix-sort.js';

function sortedScores(scores: Float64Array): { values: number[]; tags: number[] } {
  const tags = Uint32Array.from(scores, (_, i) => i);
  const sorted = radixSortScores(scores, tags);
  return { values: Array.from(sorted.high, (high, i) => scoreOfKey(high, sorted.low[i])), tags: Array.from(sorted.tags) };
}

describe('radixSortScores', () => {
  it('orders signs, zeros, subnormals, extremes and infinities like a numeric sort', () => {
    const special = [3, -0, 0, -1e-320, 5e-324, -Number.MAX_VALUE, Number.MAX_VALUE, Infinity, -Infinity, -2.5, 2.5, 1e-300, -1e300, 0.1, 0.30000000000000004, 0.3];
    const { values } = sortedScores(Float64Array.from(special));
    const expected = [...special].sort((a, b) => a - b).map((v) => (v === 0 ? 0 : v));
    expect(values).toEqual(expected);
    // −0 is keyed as +0: both zeros come back as +0 and are adjacent.
    expect(values.filter((v) => Object.is(v, -0))).toEqual([]);
  });

  it('is stable: equal scores keep their input order', () => {
    const scores = Float64Array.from([0.5, 0.2, 0.5, 0.2, -0, 0, 0.5]);
    expect(sortedScores(scores).tags).toEqual([4, 5, 1, 3, 0, 2, 6]);
  });

  it.each([
    ['8-bit digits', 5000],
    ['16-bit digits', 70_000],
  ])('matches the native sort on random data with ties (%s)', (_name, n) => {
    const random = new SeededRandom(n);
    const scores = Float64Array.from({ length: n }, (_, i) => {
      const u = random.nextDouble();
      if (i % 3 === 0) return Math.round(u * 50) / 50 - 0.5; // ties around zero
      if (i % 3 === 1) return Math.fround(u); // float32 values: low mantissa bits zero
      return (u - 0.5) * 10 ** (random.nextIndex(40) - 20); // wide magnitudes, both signs
    });
    const { values, tags } = sortedScores(scores);
    expect(values).toEqual(Array.from(scores.slice().sort(), (v) => (v === 0 ? 0 : v)));
    for (let i = 1; i < n; i++) {
      if (values[i] === values[i - 1]) expect(tags[i]).toBeGreaterThan(tags[i - 1]);
    }
  });

  it('handles an empty array and leaves its inputs untouched', () => {
    expect(sortedScores(new Float64Array(0))).toEqual({ values: [], tags: [] });
    const scores = Float64Array.from([2, 1]);
    radixSortScores(scores, Uint32Array.from([0, 1]));
    expect(Array.from(scores)).toEqual([2, 1]);
  });
});
