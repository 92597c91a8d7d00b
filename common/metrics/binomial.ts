// Exact binomial (Clopper-Pearson) confidence intervals for error rates computed from counts, via
// the regularised incomplete beta function and its inverse. Pure shared code (common/).

import { MetricsInputError } from './labelled-scores.js';

/**
 * Notation: I_x(a, b) = B(x; a, b) / B(a, b), the regularised incomplete beta function (the CDF of
 * Beta(a, b) at x). For k errors in n attempts and level 1 − α the Clopper-Pearson interval is
 *   low  = I⁻¹_{α/2}(k, n − k + 1)      (0 when k = 0)
 *   high = I⁻¹_{1−α/2}(k + 1, n − k)    (1 when k = n)
 * i.e. scipy's beta.ppf(α/2, k, n−k+1) and beta.ppf(1−α/2, k+1, n−k). Both ends are two-sided:
 * k = 0 has high = 1 − (α/2)^(1/n), not the one-sided 1 − α^(1/n).
 */

/** Interval over a rate; `method` names how it was computed. */
export interface RateInterval {
  readonly method: 'clopper-pearson' | 'bootstrap-sample' | 'bootstrap-identity';
  readonly level: number;
  readonly low: number;
  readonly high: number;
}

/** A rate from counts with its exact interval: `errors` of `attempts` (rate NaN-free: attempts ≥ 1). */
export interface CountedRate {
  readonly errors: number;
  readonly attempts: number;
  readonly rate: number;
  readonly ci: RateInterval;
}

// Lanczos approximation (g = 7, 9 terms), relative error below 1e-15 for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction for I_x(a, b) (modified Lentz), valid and fast for x < (a + 1) / (a + b + 2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** I_x(a, b) for a, b > 0 and x in [0, 1]. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new MetricsInputError('bad-argument', `incomplete beta needs a, b > 0, got a = ${a}, b = ${b}`);
  if (!(x >= 0 && x <= 1)) throw new MetricsInputError('bad-argument', `incomplete beta needs x in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * The x with I_x(a, b) = p (scipy's beta.ppf(p, a, b)). Bisection on the monotone CDF down to the
 * spacing of doubles, then the end whose CDF is nearer p. About 60 CDF evaluations.
 */
export function inverseRegularizedIncompleteBeta(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1)) throw new MetricsInputError('bad-argument', `probability must be in [0, 1], got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;
    if (regularizedIncompleteBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  const errLo = Math.abs(regularizedIncompleteBeta(lo, a, b) - p);
  const errHi = Math.abs(regularizedIncompleteBeta(hi, a, b) - p);
  return errLo < errHi ? lo : hi;
}

/** Two-sided Clopper-Pearson interval for `errors` of `attempts` at `level` (default 0.95). */
export function clopperPearson(errors: number, attempts: number, level = 0.95): RateInterval {
  if (!Number.isInteger(attempts) || attempts < 1) throw new MetricsInputError('bad-argument', `attempts must be an integer ≥ 1, got ${attempts}`);
  if (!Number.isInteger(errors) || errors < 0 || errors > attempts) {
    throw new MetricsInputError('bad-argument', `errors must be an integer in [0, ${attempts}], got ${errors}`);
  }
  if (!(level > 0 && level < 1)) throw new MetricsInputError('bad-argument', `level must be in (0, 1), got ${level}`);
  const tail = (1 - level) / 2;
  // Closed forms at the ends: I_x(1, n) = 1 − (1 − x)^n and I_x(n, 1) = x^n.
  const low = errors === 0 ? 0 : errors === attempts ? Math.pow(tail, 1 / attempts) : inverseRegularizedIncompleteBeta(tail, errors, attempts - errors + 1);
  const high = errors === attempts ? 1 : errors === 0 ? -Math.expm1(Math.log(tail) / attempts) : inverseRegularizedIncompleteBeta(1 - tail, errors + 1, attempts - errors);
  return { method: 'clopper-pearson', level, low, high };
}

/** `errors` of `attempts` with its Clopper-Pearson interval; null when there were no attempts. */
export function countedRate(errors: number, attempts: number, level = 0.95): CountedRate | null {
  if (attempts === 0) return null;
  return { errors, attempts, rate: errors / attempts, ci: clopperPearson(errors, attempts, level) };
}
