// Upper tail of the standard normal distribution, P(Z > z), for two-sided p-values of z statistics.
// Pure shared code (common/): erfc through the regularised upper incomplete gamma function Q(1/2, x²).

const SQRT_PI = Math.sqrt(Math.PI);
const EPSILON = 1e-16;
const TINY = 1e-300;

/**
 * erfc(x) for x ≥ 0 as Q(1/2, x²): the power series of P(1/2, t) below t = 1.5, the continued
 * fraction of Q(1/2, t) (modified Lentz) above; relative error near 1e-15 over the whole range.
 */
function erfcNonNegative(x: number): number {
  const t = x * x;
  if (t === 0) return 1;
  if (t < 1.5) {
    // P(a, t) = e^{-t} t^a / Γ(a + 1) · Σ_n t^n / ((a + 1)…(a + n)), a = 1/2, Γ(3/2) = √π / 2.
    let term = 1 / 0.5;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= t / (0.5 + n);
      sum += term;
      if (term < sum * EPSILON) break;
    }
    return 1 - (sum * Math.exp(-t) * Math.sqrt(t)) / SQRT_PI;
  }
  // Q(a, t) = e^{-t} t^a / Γ(a) · 1 / (t + 1 − a − 1(1 − a) / (t + 3 − a − 2(2 − a) / …)), Γ(1/2) = √π.
  let b = t + 0.5;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - 0.5);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return (Math.exp(-t) * Math.sqrt(t) * h) / SQRT_PI;
}

/** P(Z > z) for a standard normal Z (scipy.stats.norm.sf); throws RangeError for NaN. */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalUpperTail: z is NaN');
  if (z === Infinity) return 0;
  if (z === -Infinity) return 1;
  return z >= 0 ? 0.5 * erfcNonNegative(z / Math.SQRT2) : 1 - 0.5 * erfcNonNegative(-z / Math.SQRT2);
}
