// Greedy non-maximum suppression over axis-aligned boxes (as tf.image.nonMaxSuppression does it).
// Pure shared code (common/); boxes are [x1, y1, x2, y2] with x1 ≤ x2, y1 ≤ y2.

export type Box = readonly [number, number, number, number];

/** Intersection over union of two boxes; 0 when either has no area. */
export function iou(a: Box, b: Box): number {
  const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Indices of the kept boxes, best score first: a box is dropped when its score is below minScore or its
 * IoU with an already kept box exceeds iouThreshold. Ties in score keep the lower index first.
 */
export function nonMaxSuppression(boxes: readonly Box[], scores: ArrayLike<number>, options: NmsOptions): number[] {
  return countedNonMaxSuppression(boxes, scores, options).kept;
}

export interface NmsOptions { iouThreshold: number; minScore: number; maxDetections: number }

/** As nonMaxSuppression, with `found`: how many boxes it would have kept without the maxDetections cap. */
export function countedNonMaxSuppression(boxes: readonly Box[], scores: ArrayLike<number>, options: NmsOptions): { kept: number[]; found: number } {
  if (boxes.length !== scores.length) throw new Error(`nms: ${boxes.length} boxes but ${scores.length} scores`);
  const order = boxes.map((_, i) => i).filter((i) => scores[i]! >= options.minScore && Number.isFinite(scores[i]!))
    .sort((i, j) => scores[j]! - scores[i]! || i - j);
  const all: number[] = [];
  for (const i of order) {
    if (all.every((k) => iou(boxes[k]!, boxes[i]!) <= options.iouThreshold)) all.push(i);
  }
  return { kept: all.slice(0, options.maxDetections), found: all.length };
}
