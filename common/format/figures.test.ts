// The shared figure formats: each kind of number is written one way, with missing values as a dash.
import { describe, expect, it } from 'vitest';
import { countedRate } from '../metrics/binomial.js';
import { formatCountedRate, formatRate, formatRateInterval, formatScore, formatStatistic, formatThreshold, niceTicks, roundMs } from './figures.js';

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
});
