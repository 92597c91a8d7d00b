// Face alignment: the similarity that carries detected eye, nose and mouth keypoints to canonical positions in
// an output crop, and a bilinear warp of an RGB image through it. Pure shared code (common/).
// Notation: canonical points are fractions of the face square; the crop adds `margin` of that square on each side.
import { applySimilarity, estimateSimilarity, invertSimilarity, type Point, type Similarity } from './similarity.js';

export interface FaceAlignSpec {
  /** Output crop side in pixels. */
  size: number;
  /** Extra context on each side, as a fraction of the face square (0.2 → the face square is 1/1.4 of the crop). */
  margin: number;
  /** Canonical [x, y] of right eye, left eye, nose tip, mouth centre in the face square, each in [0, 1]. */
  canonical: [Point, Point, Point, Point];
}

/**
 * The ArcFace 112×112 five-point template (insightface) with its two mouth corners averaged into a mouth centre,
 * as fractions of the square: right eye, left eye, nose tip, mouth centre (subject's right eye on the image's left).
 */
export const ARCFACE_CANONICAL: [Point, Point, Point, Point] = [
  [38.2946 / 112, 51.6963 / 112], [73.5318 / 112, 51.5014 / 112], [56.0252 / 112, 71.7366 / 112], [56.1396 / 112, 92.2848 / 112],
];

/** Canonical keypoints in crop pixels. */
export function canonicalInCrop(spec: FaceAlignSpec): Point[] {
  const shrink = 1 / (1 + 2 * spec.margin);
  return spec.canonical.map(([x, y]) => [((x - 0.5) * shrink + 0.5) * spec.size, ((y - 0.5) * shrink + 0.5) * spec.size] as const);
}

/** Image → crop transform from the first four detected keypoints (eyes, nose, mouth). */
export function alignmentTransform(keypoints: readonly Point[], spec: FaceAlignSpec): Similarity {
  if (keypoints.length < 4) throw new Error(`alignment needs eye, nose and mouth keypoints, got ${keypoints.length}`);
  // Pixel centres: the continuous point p sits at p - 0.5 in index space on both sides, so shift in and out.
  const src = keypoints.slice(0, 4).map(([x, y]) => [x - 0.5, y - 0.5] as const);
  const dst = canonicalInCrop(spec).map(([x, y]) => [x - 0.5, y - 0.5] as const);
  return estimateSimilarity(src, dst);
}

/**
 * Warps an interleaved RGB (HWC uint8) image into a size × size crop: crop pixel (u, v) samples the source at
 * T⁻¹(u, v) bilinearly; outside the image the nearest edge pixel is repeated (so a face near the border keeps
 * plausible context instead of black bars).
 */
export function warpRgb(src: Uint8Array, width: number, height: number, imageToCrop: Similarity, size: number): Uint8Array {
  if (src.length !== width * height * 3) throw new Error(`warp: expected ${width * height * 3} bytes, got ${src.length}`);
  const inv = invertSimilarity(imageToCrop);
  const out = new Uint8Array(size * size * 3);
  const clampX = (x: number) => (x < 0 ? 0 : x > width - 1 ? width - 1 : x);
  const clampY = (y: number) => (y < 0 ? 0 : y > height - 1 ? height - 1 : y);
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      const [sx, sy] = applySimilarity(inv, [u, v]);
      const x = clampX(sx), y = clampY(sy);
      const x0 = Math.floor(x), y0 = Math.floor(y);
      const x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1);
      const fx = x - x0, fy = y - y0;
      const o = (v * size + u) * 3;
      for (let c = 0; c < 3; c++) {
        const top = src[(y0 * width + x0) * 3 + c]! * (1 - fx) + src[(y0 * width + x1) * 3 + c]! * fx;
        const bottom = src[(y1 * width + x0) * 3 + c]! * (1 - fx) + src[(y1 * width + x1) * 3 + c]! * fx;
        out[o + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return out;
}

/**
 * Alignment used when a model's sidecar has no `preprocessing.face` block: the ArcFace template with 0.44 of
 * the face square added on each side, which puts the eyes 0.167 of the crop apart — as in the SynthUAD crops the
 * demo models were trained on (median 0.168 over the 91 bona fide demo crops where the detector found a face).
 */
export const DEFAULT_FACE_MARGIN = 0.44;
