// The shared figure formats: each kind of number is written one way, with missing values as a dash.
import { describe, expect, it } from 'vitest';
import { countedRate } from '../metrics/binomial.js';
import {
  formatCount,
  formatAuc, formatAucDifference, formatBytes, formatCountedRate, formatDistance, formatLift, formatMargin, formatRate, formatRateDifference,
  formatRateInterval, formatRateTick, formatScaleValue, formatScore, formatSeconds, formatShare, formatStatistic, formatThreshold, formatTick,
  niceTicks, roundMs,
} from './figures.js';

describe('figure formats', () => {
  it('writes every threshold with four significant digits, so 0.5, 0.417625 and 0.00994798 read alike', () => {
    expect(formatThreshold(0.5)).toBe('0.5000');
    expect(formatThreshold(0.417625)).toBe('0.4176');
    expect(formatThreshold(0.00994798)).toBe('0.009948');
    expect(formatThreshold(1)).toBe('1.000');
    expect(formatThreshold(null)).toBe('—');
    expect(formatThreshold(Number.NaN)).toBe('—');
  });

  it('writes scores with four decimals and statistics with three', () => {
    expect(formatScore(0.81274)).toBe('0.8127');
    expect(formatScore(undefined)).toBe('—');
    expect(formatStatistic(0.0104)).toBe('0.010');
  });

  it('writes rates and intervals in percent with two decimals, keeping a tiny non-zero bound visible', () => {
    expect(formatRate(0.0325)).toBe('3.25 %');
    expect(formatRate(0)).toBe('0.00 %');
    expect(formatRate(1)).toBe('100.00 %');
    expect(formatRate(null)).toBe('—');
    expect(formatRateInterval({ lower: 0.021, upper: 0.044 })).toBe('2.10–4.40 %');
    expect(formatRateInterval({ lower: 0.0000278, upper: 0.06 })).toBe('0.0028–6.00 %');
    expect(formatRateInterval(null)).toBe('');
  });

  it('writes a counted rate as its count and exact interval in the rate format', () => {
    expect(formatCountedRate(countedRate(0, 16)!)).toBe('0 of 16: 0.00–20.59 %');
    expect(formatCountedRate(countedRate(16, 16)!)).toBe('16 of 16: 79.41–100.00 %');
    expect(formatCountedRate(countedRate(1, 91)!)).toBe('1 of 91: 0.03–5.97 %');
  });

  it('gives nice ticks and rounds timings', () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(1, 1)).toEqual([1]);
    expect(roundMs(925.6698259999964)).toBe(925.7);
  });
  it('writes margins and differences with their sign (a true minus), AUC with four decimals', () => {
    expect(formatMargin(-0.48081)).toBe('−0.4808');
    expect(formatMargin(0.1234)).toBe('+0.1234');
    expect(formatMargin(null)).toBe('—');
    expect(formatAuc(0.99634)).toBe('0.9963');
    expect(formatAucDifference(-0.004)).toBe('−0.0040');
    expect(formatAucDifference(0)).toBe('0.0000');
    expect(formatRateDifference(0.0125)).toBe('+1.25');
    expect(formatRateDifference(-0.005)).toBe('−0.50');
    expect(formatRateDifference(-0.00001)).toBe('0.00');
  });

  it('writes lifts, scale values, distances, shares, sizes, durations and axis ticks one way each', () => {
    expect(formatLift(1.2345)).toBe('×1.23');
    expect(formatScaleValue(0.072412)).toBe('0.0724');
    expect(formatScaleValue(0.43812)).toBe('0.438');
    expect(formatDistance(4.3612)).toBe('4.36');
    expect(formatShare(0.2531)).toBe('25 %');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3500)).toBe('3.4 KiB');
    expect(formatBytes(13_107_200)).toBe('12.50 MiB');
    expect(formatSeconds(2.449)).toBe('2.4 s');
    expect(formatTick(0.6000000000000001)).toBe('0.6');
    expect(formatRateTick(0.6000000000000001)).toBe('60%');
    expect(formatRateTick(0.001)).toBe('0.1%');
  });

  it('writes a sample count with its thousands set apart', () => {
    expect([formatCount(0), formatCount(999), formatCount(340_000), formatCount(1_000_000), formatCount(null)]).toEqual(['0', '999', '340\u202f000', '1\u202f000\u202f000', '—']);
  });
});
