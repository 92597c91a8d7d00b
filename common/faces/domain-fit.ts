// Fitting the domain statistics of a model's `embedding`: class means, the pooled within-class covariance shrunk
// towards a scaled identity (Ledoit-Wolf), its inverse, and the threshold at a percentile of reference distances.
// Pure shared code (common/). Notation: n samples, d dims, S pooled covariance, F = (tr S / d)·I,
// Σ = (1 − α)·S + α·F with α the Ledoit-Wolf estimate, P = Σ⁻¹.
import { minClassMahalanobis } from './domain.js';

/** Gauss-Jordan inverse with partial pivoting of a row-major d × d matrix. */
export function invertMatrix(m: ArrayLike<number>, d: number): Float64Array {
  const a = Float64Array.from(m);
  const inv = new Float64Array(d * d);
  for (let i = 0; i < d; i++) inv[i * d + i] = 1;
  for (let col = 0; col < d; col++) {
    let pivot = col;
    for (let r = col + 1; r < d; r++) if (Math.abs(a[r * d + col]!) > Math.abs(a[pivot * d + col]!)) pivot = r;
    const p = a[pivot * d + col]!;
    if (Math.abs(p) < 1e-300) throw new Error('matrix is singular');
    if (pivot !== col) {
      for (let k = 0; k < d; k++) {
        [a[col * d + k], a[pivot * d + k]] = [a[pivot * d + k]!, a[col * d + k]!];
        [inv[col * d + k], inv[pivot * d + k]] = [inv[pivot * d + k]!, inv[col * d + k]!];
      }
    }
    for (let k = 0; k < d; k++) { a[col * d + k]! /= p; inv[col * d + k]! /= p; }
    for (let r = 0; r < d; r++) {
      if (r === col) continue;
      const f = a[r * d + col]!;
      if (f === 0) continue;
      for (let k = 0; k < d; k++) { a[r * d + k]! -= f * a[col * d + k]!; inv[r * d + k]! -= f * inv[col * d + k]!; }
    }
  }
  return inv;
}

/** Linear-interpolated percentile (0–100) of values, as numpy's default. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((x, y) => x - y);
  const pos = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export interface ShrunkCovariance {
  covariance: Float64Array;
  shrinkage: number;
}

/**
 * Pooled within-class covariance of centred rows (each row minus its class mean), shrunk by the Ledoit-Wolf
 * α = min(1, Σ_k ‖x_k x_kᵀ − S‖²_F / (n² ‖S − F‖²_F)).
 */
export function ledoitWolf(centred: readonly ArrayLike<number>[], d: number): ShrunkCovariance {
  const n = centred.length;
  if (n < 2) throw new Error('covariance needs at least two samples');
  const s = new Float64Array(d * d);
  for (const x of centred) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s[i * d + j]! += (x[i]! * x[j]!) / n;
  let mu = 0;
  for (let i = 0; i < d; i++) mu += s[i * d + i]! / d;
  let delta = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) delta += (s[i * d + j]! - (i === j ? mu : 0)) ** 2;
  let beta = 0;
  for (const x of centred) {
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) beta += (x[i]! * x[j]! - s[i * d + j]!) ** 2;
  }
  beta /= n * n;
  const alpha = delta > 0 ? Math.min(1, beta / delta) : 1;
  const covariance = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) covariance[i * d + j] = (1 - alpha) * s[i * d + j]! + (i === j ? alpha * mu : 0);
  return { covariance, shrinkage: alpha };
}

export interface DomainFit {
  classes: { name: string; mean: number[] }[];
  precision: number[];
  shrinkage: number;
  threshold: number;
  referenceDistances: number[];
}

/**
 * Means and shrunk precision from labelled training embeddings; threshold at `pct` of the reference distances.
 * digits: round the means and the precision to that many significant digits first, so that the reference
 * distances and the threshold are those of the numbers a sidecar stores.
 */
export function fitDomain(train: readonly { embedding: ArrayLike<number>; label: number }[], reference: readonly ArrayLike<number>[],
  classNames: readonly string[], pct: number, digits?: number): DomainFit {
  const d = train[0]?.embedding.length ?? 0;
  if (d === 0) throw new Error('no training embeddings');
  const classes = classNames.map((name, c) => {
    const rows = train.filter((t) => t.label === c);
    if (rows.length === 0) throw new Error(`no training samples of class ${name}`);
    const mean = new Array<number>(d).fill(0);
    for (const r of rows) for (let i = 0; i < d; i++) mean[i]! += r.embedding[i]! / rows.length;
    return { name, mean };
  });
  const centred = train.map((t) => Array.from({ length: d }, (_, i) => t.embedding[i]! - classes[t.label]!.mean[i]!));
  const { covariance, shrinkage } = ledoitWolf(centred, d);
  let precision = Array.from(invertMatrix(covariance, d));
  if (digits !== undefined) {
    const round = (v: number) => +v.toPrecision(digits);
    precision = precision.map(round);
    for (const c of classes) c.mean = c.mean.map(round);
  }
  const referenceDistances = reference.map((x) => minClassMahalanobis(x, classes.map((c) => c.mean), precision));
  return { classes, precision, shrinkage, threshold: percentile(referenceDistances, pct), referenceDistances };
}

/**
 * One percentile for a check of several views: with each view's threshold t_v at `pct` of its own reference
 * distances, the factor T such that `pct` of the reference rows have max_v D_v / t_v ≤ T. Scaling every t_v by
 * T leaves exactly that share of the reference inside the whole check. distances: [view][row].
 */
export function jointThresholdScale(distances: readonly (readonly number[])[], thresholds: readonly number[], pct: number): number {
  const rows = distances[0]?.length ?? 0;
  if (rows === 0 || distances.length !== thresholds.length || distances.some((d) => d.length !== rows)) throw new Error('joint threshold: one row of distances per view and sample');
  const combined = Array.from({ length: rows }, (_, i) => Math.max(...distances.map((d, v) => d[i]! / thresholds[v]!)));
  return percentile(combined, pct);
}

/** v rounded up to `digits` significant digits (a stored threshold never drops a sample it was set to keep). */
export function ceilSignificant(v: number, digits: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return v;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(v)));
  let up = +(Math.ceil(v * scale) / scale).toPrecision(digits);
  while (up < v) up = +((Math.round(up * scale) + 1) / scale).toPrecision(digits);
  return up;
}

