// Tests of NMS, similarity estimation and face alignment against hand-computed values (common/faces).
// vitest, pure.
import { describe, expect, it } from 'vitest';
import { alignmentTransform, canonicalInCrop, warpRgb, type FaceAlignSpec } from './align.js';
import { iou, nonMaxSuppression, type Box } from './nms.js';
import { applySimilarity, estimateSimilarity, invertSimilarity, similarityAngleDegrees, similarityScale } from './similarity.js';

describe('iou', () => {
  it('is 1/7 for two unit squares overlapping by a quarter each way', () => {
    // [0,0,2,2] and [1,1,3,3]: intersection 1, union 4 + 4 - 1 = 7
    expect(iou([0, 0, 2, 2], [1, 1, 3, 3])).toBeCloseTo(1 / 7, 12);
  });
  it('is 0 for touching boxes and for a box without area', () => {
    expect(iou([0, 0, 1, 1], [1, 0, 2, 1])).toBe(0);
    expect(iou([0, 0, 0, 5], [0, 0, 1, 1])).toBe(0);
  });
});

describe('nonMaxSuppression', () => {
  const boxes: Box[] = [[0, 0, 10, 10], [1, 1, 11, 11], [20, 20, 30, 30], [0, 0, 10, 10]];
  it('keeps the best of overlapping boxes and the separate one, best first', () => {
    // boxes 0 and 1: intersection 81, union 119 → IoU 0.68 > 0.3
    expect(nonMaxSuppression(boxes, [0.6, 0.9, 0.8, 0.1], { iouThreshold: 0.3, minScore: 0.5, maxDetections: 10 })).toEqual([1, 2]);
  });
  it('drops boxes under the score floor and stops at maxDetections', () => {
    expect(nonMaxSuppression(boxes, [0.6, 0.9, 0.8, 0.1], { iouThreshold: 0.3, minScore: 0.85, maxDetections: 10 })).toEqual([1]);
    expect(nonMaxSuppression(boxes, [0.6, 0.9, 0.8, 0.1], { iouThreshold: 0.3, minScore: 0, maxDetections: 1 })).toEqual([1]);
  });
  it('keeps overlapping boxes when the threshold allows it; ties keep the lower index first', () => {
    expect(nonMaxSuppression(boxes, [0.5, 0.5, 0.5, 0.5], { iouThreshold: 0.9, minScore: 0, maxDetections: 10 })).toEqual([0, 1, 2]);
  });
  it('refuses mismatched inputs', () => {
    expect(() => nonMaxSuppression(boxes, [1], { iouThreshold: 0.3, minScore: 0, maxDetections: 1 })).toThrow(/4 boxes but 1 scores/);
  });
});

describe('similarity transforms', () => {
  it('recovers scale 2, 90° and a shift from two exact pairs', () => {
    // p' = 2·R90·p + (5, 7): (0,0)→(5,7), (1,0)→(5,9)
    const t = estimateSimilarity([[0, 0], [1, 0]], [[5, 7], [5, 9]]);
    expect(t.a).toBeCloseTo(0, 12);
    expect(t.b).toBeCloseTo(2, 12);
    expect([t.tx, t.ty]).toEqual([5, 7]);
    expect(similarityScale(t)).toBeCloseTo(2, 12);
    expect(similarityAngleDegrees(t)).toBeCloseTo(90, 12);
    expect(applySimilarity(t, [0, 1])).toEqual([3, 7]);
  });
  it('is the least-squares fit for inconsistent pairs', () => {
    // src (−1,0),(1,0); dst (−1,0),(3,0): a = Σ p·q / Σ|p|² about the centroids = (1·2 + 1·2)/2 = 2, b = 0, t = (1,0)
    const t = estimateSimilarity([[-1, 0], [1, 0]], [[-1, 0], [3, 0]]);
    expect(t).toEqual({ a: 2, b: 0, tx: 1, ty: 0 });
    // src square, dst square stretched in x only: the fit takes the mean scale (3+1)/2 = 2
    const s = estimateSimilarity([[-1, -1], [1, -1], [1, 1], [-1, 1]], [[-3, -1], [3, -1], [3, 1], [-3, 1]]);
    expect(s.a).toBeCloseTo(2, 12);
    expect(s.b).toBeCloseTo(0, 12);
  });
  it('inverts exactly', () => {
    const t = { a: 0.6, b: -0.8, tx: 3, ty: -4 };
    const back = applySimilarity(invertSimilarity(t), applySimilarity(t, [2.5, -7]));
    expect(back[0]).toBeCloseTo(2.5, 12);
    expect(back[1]).toBeCloseTo(-7, 12);
  });
  it('refuses degenerate input', () => {
    expect(() => estimateSimilarity([[1, 1], [1, 1]], [[0, 0], [1, 1]])).toThrow(/coincide/);
    expect(() => estimateSimilarity([[1, 1]], [[0, 0]])).toThrow(/two point pairs/);
    expect(() => invertSimilarity({ a: 0, b: 0, tx: 1, ty: 1 })).toThrow(/zero scale/);
  });
});

describe('face alignment', () => {
  const spec: FaceAlignSpec = { size: 100, margin: 0.25, canonical: [[0.3, 0.4], [0.7, 0.4], [0.5, 0.6], [0.5, 0.8]] };
  it('places canonical points inside the margin', () => {
    // shrink 1/(1+0.5) = 2/3: x 0.3 → ((0.3−0.5)·2/3 + 0.5)·100 = 36.67
    const pts = canonicalInCrop(spec);
    expect(pts[0]![0]).toBeCloseTo(100 * (0.5 - 0.2 / 1.5), 10);
    expect(pts[3]![1]).toBeCloseTo(100 * (0.5 + 0.3 / 1.5), 10);
  });
  it('undoes a rotated, scaled face exactly', () => {
    // keypoints = canonical crop points turned by 30°, scaled by 3 and shifted: the fit must find the inverse
    const c = Math.cos(Math.PI / 6) * 3, s = Math.sin(Math.PI / 6) * 3;
    const kp = canonicalInCrop(spec).map(([x, y]) => [c * (x - 0.5) - s * (y - 0.5) + 200.5, s * (x - 0.5) + c * (y - 0.5) + 40.5] as const);
    const t = alignmentTransform(kp, spec);
    expect(similarityScale(t)).toBeCloseTo(1 / 3, 10);
    expect(similarityAngleDegrees(t)).toBeCloseTo(-30, 10);
    const back = applySimilarity(t, [kp[2]![0] - 0.5, kp[2]![1] - 0.5]);
    expect(back[0] + 0.5).toBeCloseTo(canonicalInCrop(spec)[2]![0], 10);
  });
  it('warps with bilinear sampling and edge clamping', () => {
    // 2×1 image, red then blue; identity-like transform scaled ×2 → output 4×4 samples x = u/2
    const src = Uint8Array.from([200, 0, 0, 0, 0, 100]);
    const out = warpRgb(src, 2, 1, { a: 2, b: 0, tx: 0, ty: 0 }, 4);
    // u=0 → x 0 (red); u=1 → x 0.5 (halfway); u=2,3 → x ≥ 1 (blue, clamped)
    expect(Array.from(out.subarray(0, 12))).toEqual([200, 0, 0, 100, 0, 50, 0, 0, 100, 0, 0, 100]);
    // every row samples y clamped to 0
    expect(Array.from(out.subarray(36, 48))).toEqual(Array.from(out.subarray(0, 12)));
    expect(() => warpRgb(src, 3, 1, { a: 1, b: 0, tx: 0, ty: 0 }, 2)).toThrow(/expected 9 bytes/);
  });
});
