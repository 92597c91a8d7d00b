// Routing specialisation maths: NMI on hand-computed tables (checked against scikit-learn's
// normalized_mutual_info_score / mutual_info_score), invariants, the permutation baseline, shares, lift and its colour.
import { describe, expect, it } from 'vitest';
import { liftColour } from './colormap.js';
import { contingency, expertShares, liftOverUniform, mutualInformation, specialisationTest } from './specialisation.js';

describe('mutual information of a contingency table', () => {
  it('is ln 2 and NMI 1 when each species has its own expert', () => {
    const r = mutualInformation([5, 0, 0, 5], 2, 2);
    expect(r.mi).toBeCloseTo(Math.LN2, 12);
    expect(r.hExperts).toBeCloseTo(Math.LN2, 12);
    expect(r.nmi).toBeCloseTo(1, 12);
  });

  it('is 0 when the expert does not depend on the species', () => {
    const r = mutualInformation([2, 2, 3, 3], 2, 2);
    expect(r.mi).toBeCloseTo(0, 12);
    expect(r.nmi).toBe(0);
  });

  it('matches the hand computation of a 2 × 2 table', () => {
    // experts × species [[2, 1], [0, 1]], N = 4: I = ½ln(4/3) + ¼ln(2/3) + ¼ln 2; H(E) = −¾ln¾ − ¼ln¼; H(L) = ln 2.
    const mi = 0.5 * Math.log(4 / 3) + 0.25 * Math.log(2 / 3) + 0.25 * Math.LN2;
    const hE = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
    const r = mutualInformation([2, 1, 0, 1], 2, 2);
    expect(r.mi).toBeCloseTo(mi, 12);
    expect(r.hExperts).toBeCloseTo(hE, 12);
    expect(r.hLabels).toBeCloseTo(Math.LN2, 12);
    expect(r.nmi).toBeCloseTo(mi / ((hE + Math.LN2) / 2), 12);
    // scikit-learn 1.2: mutual_info_score 0.21576155433883565, normalized_mutual_info_score 0.34371101848545077
    expect(r.mi).toBeCloseTo(0.21576155433883565, 12);
    expect(r.nmi).toBeCloseTo(0.34371101848545077, 12);
  });

  it('matches scikit-learn on a 3 × 2 table', () => {
    // experts × species [[4, 1], [1, 3], [0, 2]]; scikit-learn: MI 0.2570680842797339, NMI 0.29801401431998364
    const r = mutualInformation([4, 1, 1, 3, 0, 2], 3, 2);
    expect(r.mi).toBeCloseTo(0.2570680842797339, 12);
    expect(r.nmi).toBeCloseTo(0.29801401431998364, 12);
  });

  it('is symmetric under transposition and invariant to relabelling, in [0, 1]', () => {
    const table = [4, 1, 1, 3, 0, 2]; // 3 × 2
    const transposed = [4, 1, 0, 1, 3, 2]; // 2 × 3
    const rowsSwapped = [0, 2, 1, 3, 4, 1];
    const a = mutualInformation(table, 3, 2);
    expect(mutualInformation(transposed, 2, 3).nmi).toBeCloseTo(a.nmi, 12);
    expect(mutualInformation(rowsSwapped, 3, 2).nmi).toBeCloseTo(a.nmi, 12);
    expect(a.nmi).toBeGreaterThanOrEqual(0);
    expect(a.nmi).toBeLessThanOrEqual(1);
  });

  it('gives 0 for an empty table and for a single expert and label; refuses negative counts', () => {
    expect(mutualInformation([0, 0, 0, 0], 2, 2)).toEqual({ mi: 0, hExperts: 0, hLabels: 0, nmi: 0, total: 0 });
    expect(mutualInformation([7], 1, 1).nmi).toBe(0);
    expect(() => mutualInformation([1, -1], 1, 2)).toThrow(RangeError);
  });
});

describe('per-sample counts into a table', () => {
  it('adds each sample’s token counts to its label’s column and skips unlabelled samples', () => {
    // 3 samples × 2 experts; labels 0, 1, −1 (unlabelled)
    expect(Array.from(contingency([3, 1, 0, 4, 9, 9], [0, 1, -1], 2, 2))).toEqual([3, 0, 1, 4]);
  });
});

describe('permutation baseline', () => {
  // 40 samples of 10 tokens; species 0 routes its tokens to expert 0, species 1 to expert 1.
  const m = 40;
  const counts = new Float64Array(m * 2);
  const labels = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    labels[j] = j % 2;
    counts[j * 2 + (j % 2)] = 10;
  }

  it('finds perfect specialisation far above the baseline (smallest possible p-value)', () => {
    const t = specialisationTest(counts, labels, 2, 2, 99, 7);
    expect(t.nmi).toBeCloseTo(1, 12);
    expect(t.pValue).toBeCloseTo(1 / 100, 12);
    expect(t.baselineMean).toBeLessThan(0.2);
    expect(t.baselineP95).toBeLessThan(1);
    expect(t.permutations).toBe(99);
  });

  it('finds no specialisation where routing ignores the species', () => {
    const even = new Float64Array(m * 2).fill(5);
    const t = specialisationTest(even, labels, 2, 2, 49, 7);
    expect(t.nmi).toBe(0);
    expect(t.pValue).toBe(1); // every shuffle is at least as specialised as none at all
  });

  it('is deterministic for a seed', () => {
    const noisy = Float64Array.from(counts, (v, i) => v + (i % 3));
    expect(specialisationTest(noisy, labels, 2, 2, 30, 3)).toEqual(specialisationTest(noisy, labels, 2, 2, 30, 3));
  });
});

describe('shares and lift over uniform', () => {
  it('normalises each label’s column and scales by the number of experts', () => {
    // experts × species [[3, 0], [1, 0]] → species 0: [0.75, 0.25]; species 1 has no tokens
    expect(expertShares([3, 0, 1, 0], 2, 2)).toEqual([[0.75, 0.25], [0, 0]]);
    expect(liftOverUniform(0.258, 4)).toBeCloseTo(1.032, 12);
    expect(liftOverUniform(0.25, 4)).toBe(1);
  });
});

describe('lift colour', () => {
  it('is grey at uniform, full orange or blue at the largest deviation, clamped beyond', () => {
    expect(liftColour(1, 0.1)).toEqual([58, 70, 84]);
    expect(liftColour(1.1, 0.1)).toEqual([232, 131, 58]);
    expect(liftColour(0.9, 0.1)).toEqual([58, 141, 232]);
    expect(liftColour(2, 0.1)).toEqual([232, 131, 58]);
    expect(liftColour(1.05, 0.1)).toEqual([145, 101, 71]);
    expect(liftColour(NaN, 0.1)).toEqual([58, 70, 84]);
  });
});
