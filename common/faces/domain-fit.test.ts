// Tests of the domain-statistics fit (common/faces/domain-fit) against hand-computed values. vitest, pure.
import { describe, expect, it } from 'vitest';
import { ceilSignificant, fitDomain, jointThresholdScale, invertMatrix, ledoitWolf, percentile } from './domain-fit.js';

describe('invertMatrix', () => {
  it('inverts a 2×2 and a pivoting 3×3 exactly', () => {
    // [[4, 7], [2, 6]]⁻¹ = 1/10 · [[6, −7], [−2, 4]]
    expect(Array.from(invertMatrix([4, 7, 2, 6], 2)).map((v) => +v.toFixed(12))).toEqual([0.6, -0.7, -0.2, 0.4]);
    // a permutation needs pivoting: its inverse is its transpose
    expect(Array.from(invertMatrix([0, 1, 0, 0, 0, 1, 1, 0, 0], 3))).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    expect(() => invertMatrix([1, 2, 2, 4], 2)).toThrow(/singular/);
  });
});

describe('percentile', () => {
  it('interpolates linearly like numpy', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 0, 20], 100)).toBe(20);
    expect(percentile([0, 10], 99)).toBeCloseTo(9.9, 12);
  });
});

describe('ledoitWolf', () => {
  it('computes S, the target and α by hand for two 2-D samples', () => {
    // rows (1, 1), (−1, −1): S = [[1, 1], [1, 1]], μ = 1, ‖S − I‖² = 2; each x xᵀ equals S, so β = 0 → α = 0
    const { covariance, shrinkage } = ledoitWolf([[1, 1], [-1, -1]], 2);
    expect(shrinkage).toBe(0);
    expect(Array.from(covariance)).toEqual([1, 1, 1, 1]);
    // rows (2, 0), (−2, 0), (0, 2), (0, −2): S = 2·I = F exactly → δ = 0 → α = 1, Σ = 2·I
    const iso = ledoitWolf([[2, 0], [-2, 0], [0, 2], [0, -2]], 2);
    expect(iso.shrinkage).toBe(1);
    expect(Array.from(iso.covariance)).toEqual([2, 0, 0, 2]);
  });
});

describe('fitDomain', () => {
  it('finds class means, and a threshold at the reference percentile', () => {
    const train = [
      { embedding: [1, 0], label: 0 }, { embedding: [-1, 0], label: 0 }, { embedding: [0, 1], label: 0 }, { embedding: [0, -1], label: 0 },
      { embedding: [11, 0], label: 1 }, { embedding: [9, 0], label: 1 }, { embedding: [10, 1], label: 1 }, { embedding: [10, -1], label: 1 },
    ];
    // centred rows are (±1, 0), (0, ±1) twice: S = 0.5·I = F → α = 1, P = 2·I; distance of (0, 2) to live = √(2·4) = √8
    const fit = fitDomain(train, [[0, 0], [0, 2], [10, 0]], ['live', 'fake'], 50);
    expect(fit.classes).toEqual([{ name: 'live', mean: [0, 0] }, { name: 'fake', mean: [10, 0] }]);
    expect(fit.shrinkage).toBe(1);
    expect(fit.precision).toEqual([2, 0, 0, 2]);
    expect(fit.referenceDistances.map((v) => +v.toFixed(12))).toEqual([0, +Math.sqrt(8).toFixed(12), 0]);
    expect(fit.threshold).toBe(0);
  });
});

describe('jointThresholdScale', () => {
  it('scales the view thresholds so that the percentile of the reference is inside every view', () => {
    // two views, thresholds 2 and 10; rows' ratios max(d₁/2, d₂/10) = 0.5, 1, 0.8, 1.5, 0.2 → 50th percentile 0.8
    const d1 = [1, 2, 1, 3, 0.4];
    const d2 = [5, 3, 8, 10, 2];
    expect(jointThresholdScale([d1, d2], [2, 10], 50)).toBeCloseTo(0.8, 12);
    expect(jointThresholdScale([d1, d2], [2, 10], 100)).toBeCloseTo(1.5, 12);
    // one view at its own percentile: the factor is 1
    expect(jointThresholdScale([d1], [percentile(d1, 80)], 80)).toBeCloseTo(1, 12);
    expect(() => jointThresholdScale([d1, [1]], [1, 1], 50)).toThrow(/one row of distances/);
  });
});

describe('ceilSignificant', () => {
  it('rounds up to the given significant digits, never down', () => {
    expect(ceilSignificant(11.95141, 6)).toBe(11.9515);
    expect(ceilSignificant(11.9514, 6)).toBe(11.9514);
    expect(ceilSignificant(0.000123456789, 3)).toBe(0.000124);
    expect(ceilSignificant(98765.4321, 2)).toBe(99000);
    for (const v of [1 / 3, Math.PI * 1e5, 7.000000000001, 2.5e-9]) {
      const up = ceilSignificant(v, 6);
      expect(up).toBeGreaterThanOrEqual(v);
      expect(up).toBe(+up.toPrecision(6));
    }
    expect(ceilSignificant(0, 6)).toBe(0);
  });
});

