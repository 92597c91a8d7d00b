// The embedding map's 2-D projection: normalised embeddings → PCA (at most 32 components) → UMAP
// (umap-js, every random draw from one seeded generator, so a seed gives the same map). Above LANDMARKS
// samples, UMAP lays out a seeded sample of landmarks and every other sample is placed at the
// inverse-distance-weighted mean of its nearest landmarks in PCA space (umap-js alone needs minutes at 10⁴).
// Runs inside the analysis worker; reports progress by phase and checks for cancellation between steps. Node side.
import { UMAP } from 'umap-js';
import type { ProjectionMethod, ProjectionPhase } from '../../common/contract/explain.js';
import { pca } from '../../common/embeddings/pca.js';
import { SeededRandom } from '../../common/metrics/prng.js';

/** Components kept by PCA before UMAP (and the embedding width above which PCA pays off). */
export const PCA_COMPONENTS = 32;
export const UMAP_NEIGHBOURS = 15;
export const UMAP_MIN_DIST = 0.1;
/** Most samples UMAP itself lays out; the rest are placed by their nearest landmarks. */
export const LANDMARKS = 2000;
/** Landmarks each other sample is placed by. */
export const PLACEMENT_NEIGHBOURS = 5;
/** UMAP epochs over the landmarks (umap-js would run 500 below 10 000 points). */
export const UMAP_EPOCHS = 300;

export class ProjectionCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'ProjectionCancelled';
  }
}

export interface ProjectOptions {
  method: ProjectionMethod;
  seed: number;
  onProgress?: (phase: ProjectionPhase, done: number, total: number) => void;
  cancelled?: () => boolean;
  /** Most samples UMAP itself lays out (default LANDMARKS). */
  landmarks?: number;
}

/** 2-D coordinates of every row of `rows` ([n, d]), [n, 2] row-major. */
export function project(rows: Float32Array, n: number, d: number, options: ProjectOptions): Float32Array {
  const check = () => { if (options.cancelled?.()) throw new ProjectionCancelled(); };
  const xy = new Float32Array(n * 2);
  if (n === 0) return xy;
  options.onProgress?.('pca', 0, 1);
  const reduced = pca(rows, n, d, Math.min(PCA_COMPONENTS, d), { seed: options.seed });
  options.onProgress?.('pca', 1, 1);
  check();
  const m = reduced.m;
  if (options.method === 'pca' || n <= 3) {
    for (let i = 0; i < n; i++) {
      xy[i * 2] = reduced.projected[i * m]!;
      xy[i * 2 + 1] = m > 1 ? reduced.projected[i * m + 1]! : 0;
    }
    return xy;
  }
  const random = new SeededRandom(options.seed);
  // Landmarks: every row, or a seeded sample (partial Fisher–Yates), kept in row order.
  const most = Math.max(4, options.landmarks ?? LANDMARKS);
  let landmarks: Int32Array;
  if (n <= most) landmarks = Int32Array.from({ length: n }, (_, i) => i);
  else {
    const order = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < most; i++) {
      const j = i + random.nextIndex(n - i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    landmarks = order.slice(0, most).sort();
  }
  const l = landmarks.length;
  const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(UMAP_NEIGHBOURS, l - 1), minDist: UMAP_MIN_DIST, nEpochs: UMAP_EPOCHS, random: () => random.nextDouble() });
  const data: number[][] = Array.from(landmarks, (row) => Array.from(reduced.projected.subarray(row * m, (row + 1) * m)));
  options.onProgress?.('neighbours', 0, 1);
  const epochs = umap.initializeFit(data);
  options.onProgress?.('neighbours', 1, 1);
  const every = Math.max(1, Math.floor(epochs / 50));
  for (let epoch = 0; epoch < epochs; epoch++) {
    check();
    umap.step();
    if ((epoch + 1) % every === 0 || epoch + 1 === epochs) options.onProgress?.('layout', epoch + 1, epochs);
  }
  const embedding = umap.getEmbedding();
  const isLandmark = new Uint8Array(n);
  landmarks.forEach((row, i) => {
    isLandmark[row] = 1;
    xy[row * 2] = embedding[i]![0]!;
    xy[row * 2 + 1] = embedding[i]![1]!;
  });
  if (l === n) return xy;
  placeByLandmarks(reduced.projected, m, landmarks, isLandmark, xy, options, check);
  return xy;
}

/** Places every non-landmark row at the inverse-distance-weighted mean of its nearest landmarks (PCA space). */
function placeByLandmarks(points: Float32Array, m: number, landmarks: Int32Array, isLandmark: Uint8Array, xy: Float32Array, options: ProjectOptions, check: () => void): void {
  const n = isLandmark.length;
  const l = landmarks.length;
  const k = Math.min(PLACEMENT_NEIGHBOURS, l);
  const lm = new Float32Array(l * m); // landmark coordinates, contiguous
  landmarks.forEach((row, i) => lm.set(points.subarray(row * m, (row + 1) * m), i * m));
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  const total = n - l;
  let done = 0;
  for (let row = 0; row < n; row++) {
    if (isLandmark[row]) continue;
    bestD.fill(Infinity);
    bestI.fill(-1);
    const base = row * m;
    for (let i = 0; i < l; i++) {
      let dist = 0;
      const lb = i * m;
      const bound = bestD[k - 1]!;
      // Partial distances: stop early once this landmark cannot be among the k best.
      for (let j = 0; j < m && dist < bound; j += 8) {
        const end = Math.min(m, j + 8);
        for (let t = j; t < end; t++) {
          const diff = points[base + t]! - lm[lb + t]!;
          dist += diff * diff;
        }
      }
      if (dist >= bound) continue;
      let at = k - 1; // insertion into the sorted k best
      while (at > 0 && bestD[at - 1]! > dist) { bestD[at] = bestD[at - 1]!; bestI[at] = bestI[at - 1]!; at -= 1; }
      bestD[at] = dist;
      bestI[at] = i;
    }
    let wx = 0;
    let wy = 0;
    let wsum = 0;
    for (let t = 0; t < k; t++) {
      const w = 1 / (Math.sqrt(bestD[t]!) + 1e-6);
      const landmarkRow = landmarks[bestI[t]!]!;
      wx += w * xy[landmarkRow * 2]!;
      wy += w * xy[landmarkRow * 2 + 1]!;
      wsum += w;
    }
    xy[row * 2] = wx / wsum;
    xy[row * 2 + 1] = wy / wsum;
    done += 1;
    if (done % 2000 === 0 || done === total) {
      check();
      options.onProgress?.('placing', done, total);
    }
  }
}
