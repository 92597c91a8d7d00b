// One formatter per kind of figure, for every screen, report and CLI output: thresholds (τ), scores, rates, rate
// intervals, counted rates with their exact interval, statistics, axis ticks and durations. Pure shared code
// (common/); each kind is written one way everywhere, and the exact value travels beside it in data attributes
// and JSON.
import type { CountedRate } from '../metrics/binomial.js';

const NONE = '—';
const missing = (value: number | null | undefined): value is null | undefined => value === null || value === undefined || !Number.isFinite(value);

/** A decision threshold τ: four significant digits, trailing zeros kept ("0.5000", "0.4176", "0.009948"). */
export function formatThreshold(value: number | null | undefined): string {
  return missing(value) ? NONE : value.toPrecision(4);
}

/** An attack score in [0, 1]: four decimals ("0.8127"). */
export function formatScore(value: number | null | undefined): string {
  return missing(value) ? NONE : value.toFixed(4);
}

/** A dimensionless statistic (NMI, lift, entropy, similarity): three decimals. */
export function formatStatistic(value: number | null | undefined): string {
  return missing(value) ? NONE : value.toFixed(3);
}

/** A rate's number in percent, two decimals; a bound that is not zero but would print as 0.00 keeps two significant digits. */
function percentNumber(rate: number): string {
  if (rate === 0) return '0.00';
  const text = (rate * 100).toFixed(2);
  return Number(text) === 0 ? (rate * 100).toPrecision(2) : text;
}

/** A rate in [0, 1] as percent with two decimals: "3.25 %"; "—" when there is none. */
export function formatRate(rate: number | null | undefined): string {
  return missing(rate) ? NONE : `${percentNumber(rate)} %`;
}

/** A rate's interval, lower–upper, in percent: "2.10–4.40 %"; "" when there is none. */
export function formatRateInterval(interval: { lower: number; upper: number } | null | undefined): string {
  return interval ? `${percentNumber(interval.lower)}–${percentNumber(interval.upper)} %` : '';
}

/** Errors of attempts with the exact (Clopper-Pearson) interval: "0 of 16: 0.00–20.59 %". */
export function formatCountedRate(rate: CountedRate): string {
  return `${rate.errors} of ${rate.attempts}: ${formatRateInterval({ lower: rate.ci.low, upper: rate.ci.high })}`;
}

/** "Nice" axis ticks (1, 2, 5 × 10^k steps) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** A duration in milliseconds kept to 0.1 ms (a timer's noise is not data). */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** A duration in seconds kept to 0.01 s. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
