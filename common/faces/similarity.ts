// 2-D similarity transforms (rotation, uniform scale, translation) and their least-squares estimate
// from point pairs (Umeyama without reflection), used to align a face to canonical keypoints.
// Pure shared code (common/). Notation: p' = [a −b; b a]·p + [tx, ty]; scale √(a²+b²), angle atan2(b, a).

export type Point = readonly [number, number];

export interface Similarity {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

export function applySimilarity(t: Similarity, p: Point): [number, number] {
  return [t.a * p[0] - t.b * p[1] + t.tx, t.b * p[0] + t.a * p[1] + t.ty];
}

export function invertSimilarity(t: Similarity): Similarity {
  const d = t.a * t.a + t.b * t.b;
  if (!(d > 0)) throw new Error('similarity transform has zero scale and cannot be inverted');
  const a = t.a / d;
  const b = -t.b / d;
  return { a, b, tx: -(a * t.tx - b * t.ty), ty: -(b * t.tx + a * t.ty) };
}

export function similarityScale(t: Similarity): number {
  return Math.hypot(t.a, t.b);
}

/** Rotation angle in degrees (counter-clockwise in x-right, y-down image coordinates reads clockwise). */
export function similarityAngleDegrees(t: Similarity): number {
  return (Math.atan2(t.b, t.a) * 180) / Math.PI;
}

/**
 * The similarity that maps src onto dst with the least summed squared error. Needs ≥ 2 points not all
 * equal; weights (default 1) let some keypoints count more than others.
 */
export function estimateSimilarity(src: readonly Point[], dst: readonly Point[], weights?: readonly number[]): Similarity {
  if (src.length !== dst.length) throw new Error(`similarity: ${src.length} source but ${dst.length} target points`);
  if (src.length < 2) throw new Error('similarity: needs at least two point pairs');
  const w = weights ?? src.map(() => 1);
  let sw = 0, sx = 0, sy = 0, dx = 0, dy = 0;
  src.forEach((p, i) => {
    const wi = w[i]!;
    sw += wi; sx += wi * p[0]; sy += wi * p[1]; dx += wi * dst[i]![0]; dy += wi * dst[i]![1];
  });
  if (!(sw > 0)) throw new Error('similarity: weights must sum to a positive number');
  sx /= sw; sy /= sw; dx /= sw; dy /= sw;
  let norm = 0, dot = 0, cross = 0;
  src.forEach((p, i) => {
    const wi = w[i]!;
    const px = p[0] - sx, py = p[1] - sy;
    const qx = dst[i]![0] - dx, qy = dst[i]![1] - dy;
    norm += wi * (px * px + py * py);
    dot += wi * (px * qx + py * qy);
    cross += wi * (px * qy - py * qx);
  });
  if (!(norm > 1e-12)) throw new Error('similarity: the source points coincide');
  const a = dot / norm;
  const b = cross / norm;
  return { a, b, tx: dx - (a * sx - b * sy), ty: dy - (b * sx + a * sy) };
}
