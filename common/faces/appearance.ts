// The appearance view of the domain check: what a network trained on real face photographs (models/face/faceres.onnx,
// its global-pooled features) makes of the classifier's input, reduced to a few principal axes of the training
// data plus the distance from their span. Pure shared code (common/).
// Notation: x [3, s, s] the classifier's normalised input (CHW); u [S, S, 3] the network's input (NHWC, 0–255,
// S = 224); r [D] its pooled features (D = 1024); v = log(r + ε); c [D] the training mean of v; B [k, D] unit
// principal axes; a = B (v − c) [k]; ρ = ‖(v − c) − Bᵀ a‖ the residual; features f = [a, ρ] [k + 1].
import { pca } from '../embeddings/pca.js';

/** The pretrained network the appearance view runs (converted by models/tfjs_onnx, origin in models/face/ORIGIN.md). */
export const APPEARANCE_NETWORK = {
  file: 'faceres.onnx',
  input: 'input_1',
  output: 'global_pooling/Mean',
  /** Input side in pixels (the network's own, NHWC RGB with values 0–255). */
  side: 224,
  dims: 1024,
} as const;

/**
 * Input sides the appearance view may run at (a sidecar's `domain.appearance.network.side`): the network's five
 * stride-2 stages need at least 32 pixels; beyond 448 it only costs more.
 */
export const APPEARANCE_SIDE_RANGE = [32, 448] as const;

/** ε of v = log(r + ε): the pooled features are ReLU6 outputs, many of them 0. */
export const APPEARANCE_EPS = 0.01;

/** How the classifier's input was normalised (the sidecar's `preprocessing`): x_t = (p · rescale − mean_t) / std_t. */
export interface NormalisationSpec {
  mean: readonly number[];
  std: readonly number[];
  rescale: number;
  /** 'BGR': tensor channel t holds colour 2 − t. */
  colour_order?: string;
}

/**
 * The network's input for one classifier input: x (normalised CHW of side s, from `offset`) mapped back to
 * 0–255 RGB and resized to S × S bilinearly (half-pixel centres, edges clamped); written NHWC into `out` at
 * `outOffset`. u[y, x, c] = (x_c · std_c + mean_c) / rescale (colour c's tensor channel) sampled at ((y + ½) · s / S − ½, (x + ½) · s / S − ½).
 */
export function appearanceInput(chw: ArrayLike<number>, s: number, offset: number, norm: NormalisationSpec,
  out: Float32Array, outOffset = 0, side: number = APPEARANCE_NETWORK.side): void {
  if (chw.length < offset + 3 * s * s) throw new Error(`appearance input: need a [3, ${s}, ${s}] image`);
  if (out.length < outOffset + side * side * 3) throw new Error(`appearance input: output holds fewer than ${side}×${side}×3 values`);
  const plane = s * s;
  const { lo, hi, w } = bilinearTaps(s, side); // the same taps along rows and columns
  const bgr = norm.colour_order === 'BGR';
  const across = scratch(s * side); // each source row interpolated across once: h[r, x] (rows serve two or more output rows)
  for (let c = 0; c < 3; c++) {
    const t = bgr ? 2 - c : c;
    const base = offset + t * plane;
    const std = norm.std[t]!, mean = norm.mean[t]!, rescale = norm.rescale;
    for (let r = 0; r < s; r++) {
      const row = base + r * s;
      for (let x = 0; x < side; x++) across[r * side + x] = chw[row + lo[x]!]! * (1 - w[x]!) + chw[row + hi[x]!]! * w[x]!;
    }
    for (let y = 0; y < side; y++) {
      const top = lo[y]! * side, bottom = hi[y]! * side, wy = w[y]!;
      let o = outOffset + y * side * 3 + c;
      for (let x = 0; x < side; x++, o += 3) out[o] = ((across[top + x]! * (1 - wy) + across[bottom + x]! * wy) * std + mean) / rescale;
    }
  }
}

let scratchValues = new Float64Array(0);

function scratch(length: number): Float64Array {
  if (scratchValues.length < length) scratchValues = new Float64Array(length);
  return scratchValues;
}

/** Bilinear taps from `s` to `side` samples (half-pixel centres, edges clamped): for output i, the two source indices and the weight of the second. */
function bilinearTaps(s: number, side: number): { lo: Int32Array; hi: Int32Array; w: Float64Array } {
  const key = s * 65536 + side;
  const cached = TAPS.get(key);
  if (cached) return cached;
  const lo = new Int32Array(side), hi = new Int32Array(side), w = new Float64Array(side);
  const scale = s / side;
  for (let i = 0; i < side; i++) {
    const at = Math.min(s - 1, Math.max(0, (i + 0.5) * scale - 0.5));
    lo[i] = Math.floor(at);
    hi[i] = Math.min(s - 1, lo[i]! + 1);
    w[i] = at - lo[i]!;
  }
  const taps = { lo, hi, w };
  if (TAPS.size > 64) TAPS.clear();
  TAPS.set(key, taps);
  return taps;
}

const TAPS = new Map<number, { lo: Int32Array; hi: Int32Array; w: Float64Array }>();

/** v = log(r + ε) of one row of pooled features. */
export function appearanceLog(raw: ArrayLike<number>, offset = 0, dims: number = APPEARANCE_NETWORK.dims): Float64Array {
  const v = new Float64Array(dims);
  for (let i = 0; i < dims; i++) v[i] = Math.log(Math.max(0, raw[offset + i]!) + APPEARANCE_EPS);
  return v;
}

export interface AppearanceBasis {
  /** c [D]. */
  center: readonly number[];
  /** B [k, D] row-major, unit rows. */
  basis: readonly number[];
}

/** f = [B (v − c), ‖(v − c) − Bᵀ B (v − c)‖], k + 1 numbers. */
export function appearanceFeatures(v: ArrayLike<number>, b: AppearanceBasis): number[] {
  const d = b.center.length;
  if (v.length !== d) throw new Error(`appearance features: ${v.length} dims, the basis ${d}`);
  const k = b.basis.length / d;
  if (!Number.isInteger(k) || k < 1) throw new Error('appearance features: the basis is not k × D');
  const centred = new Float64Array(d);
  for (let i = 0; i < d; i++) centred[i] = v[i]! - b.center[i]!;
  const a: number[] = [];
  for (let j = 0; j < k; j++) {
    let dot = 0;
    for (let i = 0; i < d; i++) dot += b.basis[j * d + i]! * centred[i]!;
    a.push(dot);
  }
  let residual = 0;
  for (let i = 0; i < d; i++) {
    let back = 0;
    for (let j = 0; j < k; j++) back += b.basis[j * d + i]! * a[j]!;
    residual += (centred[i]! - back) ** 2;
  }
  a.push(Math.sqrt(residual));
  return a;
}

/** Feature names written into the sidecar: pc1 … pck, residual. */
export function appearanceFeatureNames(k: number): string[] {
  return [...Array.from({ length: k }, (_, j) => `pc${j + 1}`), 'residual'];
}

/**
 * c and B from training rows v (log pooled features): their mean and top-k principal axes (orthogonal iteration,
 * common/embeddings/pca.ts), rounded to `digits` significant digits — the stored numbers are the ones every
 * later distance, the thresholds included, is computed with.
 */
export function fitAppearanceBasis(rows: readonly ArrayLike<number>[], k: number, digits = 6, iterations = 60): AppearanceBasis {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  if (n < 2 || d === 0) throw new Error('appearance basis: need at least two training rows');
  if (!(k >= 1 && k < d)) throw new Error(`appearance basis: k must be in [1, ${d - 1}]`);
  const flat = new Float32Array(n * d);
  rows.forEach((r, i) => { for (let j = 0; j < d; j++) flat[i * d + j] = r[j]!; });
  const result = pca(flat, n, d, k, { iterations, seed: 0 });
  const round = (v: number) => +v.toPrecision(digits);
  return { center: Array.from(result.mean, round), basis: Array.from(result.components, round) };
}
