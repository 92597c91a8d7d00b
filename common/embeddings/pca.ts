// Principal component analysis of an embedding matrix: covariance from (a seeded subsample of) the rows,
// top components by orthogonal (subspace) iteration, every row projected. The first step of the embedding
// map (UMAP runs on the components). Pure shared code (common/). Notation: n rows, d dims, m components.
import { SeededRandom } from '../metrics/prng.js';

export interface PcaResult {
  /** Projected rows, [n, m] row-major. */
  projected: Float32Array;
  m: number;
  /** Variance along each component, largest first. */
  variances: Float64Array;
  /** Unit component vectors, [m, d] row-major. */
  components: Float64Array;
  /** Mean of the rows the covariance came from, [d] (rows are projected after subtracting it). */
  mean: Float64Array;
}

export interface PcaOptions {
  /** Rows used for the covariance (a seeded sample when n is larger). */
  maxRows?: number;
  iterations?: number;
  seed?: number;
}

/** Orthonormalises the m columns of q ([d, m] row-major) in place (modified Gram–Schmidt). */
function orthonormalise(q: Float64Array, d: number, m: number, random: SeededRandom): void {
  for (let j = 0; j < m; j++) {
    for (let k = 0; k < j; k++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += q[i * m + j]! * q[i * m + k]!;
      for (let i = 0; i < d; i++) q[i * m + j]! -= dot * q[i * m + k]!;
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += q[i * m + j]! ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-12) { // a degenerate direction: restart it at random and orthogonalise again
      for (let i = 0; i < d; i++) q[i * m + j] = random.nextDouble() - 0.5;
      j -= 1;
      continue;
    }
    for (let i = 0; i < d; i++) q[i * m + j]! /= norm;
  }
}

/** The top-m principal components of `rows` ([n, d]) and every row projected onto them. */
export function pca(rows: Float32Array, n: number, d: number, m: number, options: PcaOptions = {}): PcaResult {
  if (rows.length !== n * d) throw new RangeError(`expected ${n}×${d} values, got ${rows.length}`);
  const k = Math.max(1, Math.min(m, d));
  const random = new SeededRandom(options.seed ?? 0);
  const maxRows = options.maxRows ?? 20_000;
  // Rows for the covariance: all, or a seeded sample (partial Fisher–Yates).
  let sample: Int32Array;
  if (n <= maxRows) sample = Int32Array.from({ length: n }, (_, i) => i);
  else {
    const order = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < maxRows; i++) {
      const j = i + random.nextIndex(n - i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    sample = order.subarray(0, maxRows);
  }
  const mean = new Float64Array(d);
  for (const r of sample) for (let j = 0; j < d; j++) mean[j]! += rows[r * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= Math.max(1, sample.length);
  // Covariance C = Σ (x − μ)(x − μ)ᵀ / (s − 1), [d, d] (upper triangle, mirrored).
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (const r of sample) {
    for (let j = 0; j < d; j++) centred[j] = rows[r * d + j]! - mean[j]!;
    for (let a = 0; a < d; a++) {
      const ca = centred[a]!;
      if (ca === 0) continue;
      const base = a * d;
      for (let b = a; b < d; b++) cov[base + b]! += ca * centred[b]!;
    }
  }
  const denominator = Math.max(1, sample.length - 1);
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) { cov[a * d + b]! /= denominator; cov[b * d + a] = cov[a * d + b]!; }
  // Orthogonal iteration: Q ← orth(C Q), converging to the top-k eigenvectors.
  let q = new Float64Array(d * k);
  for (let i = 0; i < q.length; i++) q[i] = random.nextDouble() - 0.5;
  orthonormalise(q, d, k, random);
  const iterations = options.iterations ?? 200;
  for (let it = 0; it < iterations; it++) {
    const next = new Float64Array(d * k);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const c = cov[a * d + b]!;
        if (c === 0) continue;
        for (let j = 0; j < k; j++) next[a * k + j]! += c * q[b * k + j]!;
      }
    }
    orthonormalise(next, d, k, random);
    q = next;
  }
  // Rayleigh quotients, then components sorted by variance with a fixed sign (largest |entry| positive).
  const order = Array.from({ length: k }, (_, j) => {
    let v = 0;
    for (let a = 0; a < d; a++) {
      let cq = 0;
      for (let b = 0; b < d; b++) cq += cov[a * d + b]! * q[b * k + j]!;
      v += q[a * k + j]! * cq;
    }
    return { j, v };
  }).sort((x, y) => y.v - x.v);
  const components = new Float64Array(k * d);
  const variances = new Float64Array(k);
  order.forEach(({ j, v }, c) => {
    variances[c] = v;
    let big = 0;
    for (let a = 0; a < d; a++) if (Math.abs(q[a * k + j]!) > Math.abs(big)) big = q[a * k + j]!;
    const sign = big < 0 ? -1 : 1;
    for (let a = 0; a < d; a++) components[c * d + a] = sign * q[a * k + j]!;
  });
  const projected = new Float32Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let a = 0; a < d; a++) s += (rows[r * d + a]! - mean[a]!) * components[c * d + a]!;
      projected[r * k + c] = s;
    }
  }
  return { projected, m: k, variances, components, mean };
}
