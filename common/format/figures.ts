// One formatter per kind of figure, for every screen, report and CLI output: thresholds (τ), scores and margins,
// rates and their differences, rate intervals, counted rates with their exact interval, AUC, statistics, lifts,
// distances, confidences, shares, sizes, speeds, sample counts, axis ticks and durations. Pure shared code
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

/** A score's signed distance from τ (score − τ): four decimals with its sign ("+0.1234", "−0.4808"). */
export function formatMargin(value: number | null | undefined): string {
  return missing(value) ? NONE : `${signOf(value)}${Math.abs(value).toFixed(4)}`;
}

/** An area under the ROC curve as a fraction: four decimals ("0.9963"). */
export function formatAuc(value: number | null | undefined): string {
  return missing(value) ? NONE : value.toFixed(4);
}

/** A difference of two AUCs: four decimals with its sign ("+0.0012", "−0.0040"). */
export function formatAucDifference(value: number | null | undefined): string {
  return missing(value) ? NONE : `${signOf(value)}${Math.abs(value).toFixed(4)}`;
}

/** A difference of two rates in percentage points, two decimals with its sign ("+1.25", "−0.50", "0.00"). */
export function formatRateDifference(value: number | null | undefined): string {
  if (missing(value)) return NONE;
  const text = Math.abs(value * 100).toFixed(2);
  return `${Number(text) === 0 ? '' : signOf(value)}${text}`;
}

const signOf = (value: number): string => (value > 0 ? '+' : value < 0 ? '−' : '');

/** A dimensionless statistic (NMI, lift, entropy, similarity): three decimals. */
export function formatStatistic(value: number | null | undefined): string {
  return missing(value) ? NONE : value.toFixed(3);
}

/** A lift over uniform use, as the heat cells print it beside the share: "×1.23". */
export function formatLift(value: number | null | undefined): string {
  return missing(value) ? NONE : `×${value.toFixed(2)}`;
}

/** A value on a colour bar or map scale (routing mass, share): three significant digits ("0.0724", "0.438"). */
export function formatScaleValue(value: number | null | undefined): string {
  return missing(value) ? NONE : value.toPrecision(3);
}

/** A distance in the model's domain (embedding, input statistics, appearance; 1 = the limit): two decimals. */
export function formatDistance(value: number | null | undefined): string {
  return missing(value) ? NONE : value.toFixed(2);
}

/** A face detector's confidence in [0, 1]: two decimals. */
export function formatConfidence(value: number | null | undefined): string {
  return missing(value) ? NONE : value.toFixed(2);
}

/** A position or size in image pixels: one decimal. */
export function formatPixels(value: number | null | undefined): string {
  return missing(value) ? NONE : value.toFixed(1);
}

/** A share in [0, 1] as a whole percent: "25 %". */
export function formatShare(share: number | null | undefined): string {
  return missing(share) ? NONE : `${(share * 100).toFixed(0)} %`;
}

/** A size in bytes: "512 B", "3.4 KiB", "12.50 MiB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (missing(bytes)) return NONE;
  if (bytes < 1024) return `${bytes} B`;
  return bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 ** 2).toFixed(2)} MiB`;
}

/** A throughput (images or samples per second): one decimal. */
export function formatPerSecond(value: number | null | undefined): string {
  return missing(value) ? NONE : value.toFixed(1);
}

/** A duration in seconds as shown: one decimal with its unit ("2.4 s"). */
export function formatSeconds(seconds: number | null | undefined): string {
  return missing(seconds) ? NONE : `${seconds.toFixed(1)} s`;
}

/** A tick on a score or value axis: at most three significant digits, no trailing zeros ("0.2", "0.125"). */
export function formatTick(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/** A tick on a rate axis in percent: at most two significant digits, no trailing zeros ("5%", "0.5%"). */
export function formatRateTick(rate: number): string {
  return `${Number((rate * 100).toPrecision(2))}%`;
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

/** A count of samples, its thousands set apart by a narrow space ("340 000"). */
export function formatCount(value: number | null | undefined): string {
  return missing(value) ? NONE : String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
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
