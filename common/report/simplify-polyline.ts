// Ramer–Douglas–Peucker simplification of a polyline in its own drawing coordinates, keeping every vertex
// the caller pins. Pure shared code (common/): thins the evaluation report's DET curves (det-svg.ts).

/** Euclidean distance from (px, py) to the segment from (ax, ay) to (bx, by) (to the point when a = b). */
export function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  let t = lengthSquared === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSquared;
  t = Math.min(1, Math.max(0, t));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Indices (increasing) of the vertices to keep: the first and the last, every index with `pinned[i]`
 * non-zero, and, between two consecutive of those, the Ramer–Douglas–Peucker choice: split at the vertex
 * farthest from the segment joining the span's ends while that distance exceeds `tolerance`. So every
 * dropped vertex lies within `tolerance` of the segment between the kept vertices either side of it, hence
 * within `tolerance` of the kept polyline (same units as x and y). The distance is to the segment, not
 * the infinite line, so the guarantee holds for any shape. Explicit stack, no recursion; O(n log n) for
 * the smooth curves it is used on, O(n²) at worst. Throws RangeError on a negative or non-finite
 * tolerance, arrays of different lengths or a non-finite coordinate.
 */
export function simplifyPolyline(x: ArrayLike<number>, y: ArrayLike<number>, tolerance: number, pinned?: ArrayLike<number>): Uint32Array {
  const n = x.length;
  if (y.length !== n || (pinned !== undefined && pinned.length !== n)) throw new RangeError('x, y and pinned must have the same length');
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) throw new RangeError(`tolerance must be a finite number ≥ 0, got ${tolerance}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`vertex ${i} is not finite (${x[i]}, ${y[i]})`);
  }
  if (n <= 2) return Uint32Array.from({ length: n }, (_, i) => i);
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  if (pinned !== undefined) for (let i = 1; i < n - 1; i++) if (pinned[i] !== 0) keep[i] = 1;
  const stack: number[] = [];
  let start = 0;
  for (let end = 1; end < n; end++) {
    if (keep[end] === 0) continue;
    stack.push(start, end);
    start = end;
  }
  while (stack.length > 0) {
    const last = stack.pop()!;
    const first = stack.pop()!;
    if (last - first < 2) continue;
    const ax = x[first];
    const ay = y[first];
    const bx = x[last];
    const by = y[last];
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const d = distanceToSegment(x[i], y[i], ax, ay, bx, by);
      if (d > farthestDistance) {
        farthestDistance = d;
        farthest = i;
      }
    }
    if (farthest < 0) continue;
    keep[farthest] = 1;
    stack.push(first, farthest, farthest, last);
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += keep[i];
  const out = new Uint32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (keep[i] === 1) out[k++] = i;
  return out;
}
