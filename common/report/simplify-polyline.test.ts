// Tests of the polyline simplification: exact small cases, and random monotone staircases of 10⁵
// vertices checked against a brute-force oracle (every vertex within the tolerance of the kept polyline).
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../metrics/prng.js';
import { distanceToSegment, simplifyPolyline } from './simplify-polyline.js';

const kept = (points: readonly (readonly [number, number])[], tolerance: number, pinned?: readonly number[]): number[] =>
  Array.from(simplifyPolyline(points.map((p) => p[0]), points.map((p) => p[1]), tolerance, pinned));

/** Oracle: squared distance from p to segment ab by minimising |a + t(b − a) − p|² over t in [0, 1] in closed form, written out separately. */
function oracleDistanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const ux = bx - ax;
  const uy = by - ay;
  const wx = px - ax;
  const wy = py - ay;
  const along = ux * wx + uy * wy;
  const ab2 = ux * ux + uy * uy;
  if (along <= 0 || ab2 === 0) return wx * wx + wy * wy;
  if (along >= ab2) return (px - bx) ** 2 + (py - by) ** 2;
  const cross = ux * wy - uy * wx;
  return (cross * cross) / ab2;
}

/** Largest distance from any original vertex to the nearest segment of the kept polyline (all segments, brute force). */
function worstDistance(x: Float64Array, y: Float64Array, keep: Uint32Array): number {
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    let best = Infinity;
    for (let s = 0; s + 1 < keep.length && best > 0; s++) {
      const a = keep[s];
      const b = keep[s + 1];
      best = Math.min(best, oracleDistanceSquared(x[i], y[i], x[a], y[a], x[b], y[b]));
    }
    if (keep.length === 1) best = (x[i] - x[keep[0]]) ** 2 + (y[i] - y[keep[0]]) ** 2;
    worst = Math.max(worst, Math.sqrt(best));
  }
  return worst;
}

/** A DET-like staircase in drawing coordinates: both coordinates fall, each step moves x, y or both; flat runs at the edges. */
function staircase(random: SeededRandom, n: number, span: number): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let px = span;
  let py = span;
  const mean = (2 * span) / n;
  for (let i = 0; i < n; i++) {
    x[i] = Math.max(0, Math.min(span, px));
    y[i] = Math.max(0, Math.min(span, py));
    const kind = random.nextIndex(3);
    const step = random.nextDouble() * mean * (1 + 4 * Math.sin((i / n) * Math.PI) ** 2);
    if (kind !== 1) px -= step;
    if (kind !== 0) py -= step * random.nextDouble();
  }
  return { x, y };
}

describe('distanceToSegment', () => {
  it('measures to the segment, its ends and a degenerate segment', () => {
    expect(distanceToSegment(1, 1, 0, 0, 2, 0)).toBe(1);
    expect(distanceToSegment(5, 4, 0, 0, 2, 0)).toBe(5);
    expect(distanceToSegment(-3, -4, 0, 0, 2, 0)).toBe(5);
    expect(distanceToSegment(3, 4, 0, 0, 0, 0)).toBe(5);
  });
});

describe('simplifyPolyline', () => {
  it('keeps only the ends of collinear and repeated vertices', () => {
    expect(kept([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]], 0.25)).toEqual([0, 4]);
    expect(kept([[0, 0], [0, 0], [0, 0], [1, 0], [1, 0]], 0)).toEqual([0, 4]);
  });

  it('keeps the corner of a step and drops vertices within the tolerance', () => {
    expect(kept([[0, 0], [1, 0], [2, 0], [2, 1], [2, 2]], 0.25)).toEqual([0, 2, 4]);
    expect(kept([[0, 0], [1, 0.25], [2, 0]], 0.25)).toEqual([0, 2]);
    expect(kept([[0, 0], [1, 0.2501], [2, 0]], 0.25)).toEqual([0, 1, 2]);
  });

  it('keeps the farthest vertex first (Ramer–Douglas–Peucker) and recurses on both sides', () => {
    expect(kept([[0, 0], [1, 1.5], [2, 3], [3, 1.5], [4, 0]], 0.25)).toEqual([0, 2, 4]);
    expect(kept([[0, 0], [1, 2], [2, 3], [3, 2], [4, 0]], 0.25)).toEqual([0, 1, 2, 3, 4]);
  });

  it('measures to the segment, not the infinite line, so a vertex past an end is kept', () => {
    // (5, 0) lies on the line through (0, 0) and (1, 0) but 4 beyond the segment.
    expect(kept([[0, 0], [5, 0], [1, 0]], 0.25)).toEqual([0, 1, 2]);
  });

  it('keeps every pinned vertex, even on a straight line', () => {
    expect(kept([[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]], 0.25, [0, 0, 1, 0, 0])).toEqual([0, 2, 4]);
    expect(kept([[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]], 0.25, [0, 1, 0, 1, 0])).toEqual([0, 1, 3, 4]);
  });

  it('returns short polylines whole', () => {
    expect(kept([], 0.25)).toEqual([]);
    expect(kept([[1, 2]], 0.25)).toEqual([0]);
    expect(kept([[1, 2], [1, 2]], 0.25)).toEqual([0, 1]);
  });

  it('rejects a bad tolerance, mismatched lengths and non-finite vertices', () => {
    expect(() => simplifyPolyline([0, 1], [0, 1], -1)).toThrow(RangeError);
    expect(() => simplifyPolyline([0, 1], [0, 1], NaN)).toThrow(RangeError);
    expect(() => simplifyPolyline([0, 1], [0, 1], Infinity)).toThrow(RangeError);
    expect(() => simplifyPolyline([0, 1], [0], 0.25)).toThrow(RangeError);
    expect(() => simplifyPolyline([0, 1], [0, 1], 0.25, [0])).toThrow(RangeError);
    expect(() => simplifyPolyline([0, NaN, 1], [0, 1, 2], 0.25)).toThrow(/vertex 1/);
  });

  it('keeps every vertex of a random monotone staircase of 10⁵ within the tolerance (brute-force oracle)', () => {
    const random = new SeededRandom(19);
    for (const tolerance of [0.25, 1]) {
      const n = 100_000;
      const { x, y } = staircase(random, n, 260);
      const pinned = new Uint8Array(n);
      for (let p = 0; p < 20; p++) pinned[random.nextIndex(n)] = 1;
      const keep = simplifyPolyline(x, y, tolerance, pinned);
      expect(keep[0]).toBe(0);
      expect(keep[keep.length - 1]).toBe(n - 1);
      for (let k = 1; k < keep.length; k++) expect(keep[k]).toBeGreaterThan(keep[k - 1]);
      const keptSet = new Set(keep);
      for (let i = 0; i < n; i++) if (pinned[i] === 1) expect(keptSet.has(i)).toBe(true);
      expect(worstDistance(x, y, keep)).toBeLessThanOrEqual(tolerance + 1e-9);
      // A staircase over 260 px needs far fewer than 10⁵ vertices at these tolerances.
      expect(keep.length).toBeLessThan(n / 10);
    }
  });
});
