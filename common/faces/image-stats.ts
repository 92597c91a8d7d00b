// Low-level statistics of the classifier's input tensor (after alignment, resize and normalisation): the
// model-independent half of the domain check. Pure shared code (common/).
// Notation: x [3, s, s] the normalised input (CHW), L = (x_0 + x_1 + x_2) / 3 the per-pixel mean, sat = max_c x_c − min_c x_c,
// ∇L the horizontal and vertical neighbour differences, ΔL the 4-neighbour Laplacian over interior pixels.

/** Feature names, in the order imageStats returns them (also written into the sidecar). */
export const IMAGE_STAT_FEATURES = [
  'mean_c0', 'mean_c1', 'mean_c2',
  'log_std_c0', 'log_std_c1', 'log_std_c2',
  'sat_mean', 'log_sat_std',
  'log_grad', 'log_laplacian', 'log_grad_coarse', 'quadrant_std', 'log_lap_p25', 'log_lap_median',
  ...Array.from({ length: 16 }, (_, i) => `layout_${Math.floor(i / 4)}${i % 4}`),
] as const;

const EPS = 1e-6;

function meanAbsGradient(l: Float64Array, s: number): number {
  if (s < 2) return 0;
  let sum = 0;
  for (let y = 0; y < s; y++) for (let x = 0; x + 1 < s; x++) sum += Math.abs(l[y * s + x + 1]! - l[y * s + x]!);
  for (let y = 0; y + 1 < s; y++) for (let x = 0; x < s; x++) sum += Math.abs(l[(y + 1) * s + x]! - l[y * s + x]!);
  return sum / (2 * s * (s - 1));
}

/**
 * The k-th smallest value of a[from …] (0-based k ≥ from), found in place (Hoare's selection, median-of-three pivot):
 * the entry a sorted copy would hold at k, without sorting. Afterwards a[from … k − 1] ≤ a[k] ≤ a[k + 1 …].
 */
function nthSmallest(a: Float64Array, k: number, from: number): number {
  let lo = from, hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = a[lo]!, y = a[mid]!, z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) { const t = a[i]!; a[i] = a[j]!; a[j] = t; i++; j--; }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/**
 * The 30 features of IMAGE_STAT_FEATURES for one CHW image of side s starting at `offset`: channel means, log channel
 * standard deviations, saturation mean and log std, log mean |∇L|, log mean |ΔL|, log mean |∇L| of L averaged over
 * 2 × 2 blocks, the standard deviation of the four quadrant means of L, log of the 25th percentile and median of |ΔL|
 * (lower entries of the sorted values), and the coarse layout: the means of L over a 4 × 4 grid of cells (row-major;
 * cell (r, c) spans pixels ⌊r·s/4⌋ … ⌊(r+1)·s/4⌋ − 1), minus the mean of L, over the standard deviation of L.
 */
export function imageStats(chw: ArrayLike<number>, s: number, offset = 0): number[] {
  const p = s * s;
  if (s < 4 || chw.length < offset + 3 * p) throw new Error(`image stats: need a [3, ${s}, ${s}] image of side ≥ 4`);
  const out: number[] = [];
  const l = new Float64Array(p);
  const sat = new Float64Array(p);
  const stds: number[] = [];
  for (let c = 0; c < 3; c++) {
    let sum = 0, sq = 0;
    for (let i = 0; i < p; i++) { const v = chw[offset + c * p + i]!; sum += v; sq += v * v; }
    const mean = sum / p;
    out.push(mean);
    stds.push(Math.log(Math.sqrt(Math.max(0, sq / p - mean * mean)) + EPS));
  }
  out.push(...stds);
  for (let i = 0; i < p; i++) {
    const a = chw[offset + i]!, b = chw[offset + p + i]!, c = chw[offset + 2 * p + i]!;
    l[i] = (a + b + c) / 3;
    sat[i] = Math.max(a, b, c) - Math.min(a, b, c);
  }
  let sSum = 0, sSq = 0;
  for (let i = 0; i < p; i++) { sSum += sat[i]!; sSq += sat[i]! * sat[i]!; }
  const satMean = sSum / p;
  out.push(satMean, Math.log(Math.sqrt(Math.max(0, sSq / p - satMean * satMean)) + EPS));
  out.push(Math.log(meanAbsGradient(l, s) + EPS));
  let lap = 0;
  const laps = new Float64Array((s - 2) * (s - 2));
  let k = 0;
  for (let y = 1; y + 1 < s; y++) for (let x = 1; x + 1 < s; x++) {
    const i = y * s + x;
    const a = Math.abs(l[i - 1]! + l[i + 1]! + l[i - s]! + l[i + s]! - 4 * l[i]!);
    lap += a; laps[k++] = a;
  }
  const n = laps.length;
  const p25 = nthSmallest(laps, Math.floor(n / 4), 0);
  const median = nthSmallest(laps, Math.floor(n / 2), Math.floor(n / 4)); // the first pass left every larger value above n/4
  out.push(Math.log(lap / ((s - 2) * (s - 2)) + EPS));
  const h = Math.floor(s / 2);
  const coarse = new Float64Array(h * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < h; x++) {
    const i = 2 * y * s + 2 * x;
    coarse[y * h + x] = (l[i]! + l[i + 1]! + l[i + s]! + l[i + s + 1]!) / 4;
  }
  out.push(Math.log(meanAbsGradient(coarse, h) + EPS));
  const quads = [0, 0, 0, 0];
  const counts = [0, 0, 0, 0];
  for (let y = 0; y < s; y++) for (let x = 0; x < s; x++) {
    const q = (y < s / 2 ? 0 : 2) + (x < s / 2 ? 0 : 1);
    quads[q]! += l[y * s + x]!; counts[q]!++;
  }
  const qm = quads.map((v, q) => v / counts[q]!);
  const qMean = (qm[0]! + qm[1]! + qm[2]! + qm[3]!) / 4;
  out.push(Math.sqrt(qm.reduce((a, v) => a + (v - qMean) ** 2, 0) / 4));
  out.push(Math.log(p25 + EPS), Math.log(median + EPS));
  let lSum = 0, lSq = 0;
  for (let i = 0; i < p; i++) { lSum += l[i]!; lSq += l[i]! * l[i]!; }
  const lMean = lSum / p;
  const lStd = Math.sqrt(Math.max(0, lSq / p - lMean * lMean)) + EPS;
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) {
    let sum = 0, n = 0;
    for (let y = Math.floor((r * s) / 4); y < Math.floor(((r + 1) * s) / 4); y++) {
      for (let x = Math.floor((c * s) / 4); x < Math.floor(((c + 1) * s) / 4); x++) { sum += l[y * s + x]!; n++; }
    }
    out.push((sum / n - lMean) / lStd);
  }
  return out;
}
