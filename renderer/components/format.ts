// Number formats of the evaluation view and the τ entry: rates as percent with two decimals (the CLI's table does the
// same), thresholds with enough digits to tell operating points apart. Renderer (pure).
import type { Interval } from '../../common/metrics/index';

/** A rate in [0, 1] as "3.25%"; "—" for NaN/undefined. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined || Number.isNaN(rate) ? '—' : `${(rate * 100).toFixed(2)}%`;
}

/** A confidence interval as "2.10–4.40%"; empty when there is none. */
export function intervalText(interval: Interval | null | undefined): string {
  if (!interval) return '';
  return `${(interval.lower * 100).toFixed(2)}–${(interval.upper * 100).toFixed(2)}%`;
}

/** A threshold for reading: six significant digits (the exact value is kept in data attributes). */
export function thresholdText(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return Number(value.toPrecision(6)).toString();
}

/** Human names of the criteria, for the select and the provenance line. */
export const CRITERION_LABELS: Record<string, string> = {
  fixed: 'Fixed (manual)',
  eer: 'EER',
  'min-hter': 'min-HTER',
  bpcer20: 'BPCER20 (APCER ≤ 5 %)',
  bpcer100: 'BPCER100 (APCER ≤ 1 %)',
  apcer20: 'APCER @ BPCER ≤ 5 %',
  apcer100: 'APCER @ BPCER ≤ 1 %',
};

/** "Nice" ticks (1, 2, 5 × 10^k steps) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}
