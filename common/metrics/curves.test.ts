// Unit tests of ROC, AUC, DET, PR and EER: hand-computed cases and invariants (monotone curves,
// AUC in [0, 1], invariance under strictly increasing score transforms, ties). Pure code under test.
import { describe, expect, it } from 'vitest';
import { detCurve } from './det.js';
import { equalErrorRate } from './eer.js';
import type { LabelledScores } from './labelled-scores.js';
import { averagePrecision, precisionRecallCurve } from './pr.js';
import { SeededRandom } from './prng.js';
import { rocAuc, rocCurve } from './roc.js';
import { ThresholdIndex } from './threshold-index.js';

/** bona fide 0.1 0.2 0.3 0.6 | print 0.5 0.7 0.9 | replay 0.3 0.8 (0.3 tied across classes). */
const hand = ThresholdIndex.build({
  scores: Float64Array.from([0.1, 0.2, 0.3, 0.6, 0.5, 0.7, 0.9, 0.3, 0.8]),
  labels: Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1, 1]),
  speciesCodes: Uint32Array.from([0, 0, 0, 0, 0, 0, 0, 1, 1]),
  speciesNames: ['print', 'replay'],
});

function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > tolerance) expect.fail(`index ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

describe('curves on the hand example', () => {
  it('builds the full ROC (thresholds descending, first = max + 1)', () => {
    const roc = rocCurve(hand);
    // Called attack at each threshold: attacks (tp) / bona fide (fp) with score ≥ threshold.
    expectAllClose(roc.thresholds, [1.9, 0.9, 0.8, 0.7, 0.6, 0.5, 0.3, 0.2, 0.1]);
    expect(Array.from(roc.truePositives)).toEqual([0, 1, 2, 3, 3, 4, 5, 5, 5]);
    expect(Array.from(roc.falsePositives)).toEqual([0, 0, 0, 0, 1, 1, 2, 3, 4]);
    expectAllClose(roc.tpr, [0, 0.2, 0.4, 0.6, 0.6, 0.8, 1, 1, 1]);
    expectAllClose(roc.fpr, [0, 0, 0, 0, 0.25, 0.25, 0.5, 0.75, 1]);
  });

  it('drops collinear points as sklearn drop_intermediate=True', () => {
    // Second differences of fps [0,0,0,1,1,2,3,4] / tps [1,2,3,3,4,5,5,5] vanish at 0.8 and 0.2.
    const roc = rocCurve(hand, { dropIntermediate: true });
    expectAllClose(roc.thresholds, [1.9, 0.9, 0.7, 0.6, 0.5, 0.3, 0.1]);
    expectAllClose(roc.fpr, [0, 0, 0, 0.25, 0.25, 0.5, 1]);
    expectAllClose(roc.tpr, [0, 0.2, 0.6, 0.6, 0.8, 1, 1]);
  });

  it('computes AUC by trapezoids = Mann–Whitney with ties counted one half', () => {
    // Trapezoids: 0.25·0.6 + 0.25·(0.8+1)/2 + 0.25·1 + 0.25·1 = 0.15 + 0.225 + 0.25 + 0.25 = 0.875.
    // Pairs: 0.5 beats 3, 0.7 beats 4, 0.9 beats 4, 0.8 beats 4, 0.3 beats 2 and ties 1 → 17.5 / 20.
    expect(rocAuc(hand)).toBe(0.875);
  });

  it('interpolates the EER and its threshold', () => {
    // Rows (threshold: BPCER, pooled APCER): 0.5: 1/4, 1/5 (d = +0.05); 0.6: 1/4, 2/5 (d = −0.15).
    // t = 0.05 / 0.2 = 0.25 → EER = 0.25 + 0.25·0 = 0.25, threshold = 0.5 + 0.25·0.1 = 0.525.
    const eer = equalErrorRate(hand);
    expect(eer.eer).toBeCloseTo(0.25, 15);
    expect(eer.threshold).toBeCloseTo(0.525, 15);
    expect([eer.rowBelow, eer.rowAbove]).toEqual([3, 4]);
  });

  it('returns the exact point when the rates meet on an operating point', () => {
    // bona fide 0.1 0.4, attacks 0.3 0.8: at 0.4 BPCER = 1/2 and APCER = 1/2 exactly.
    const index = ThresholdIndex.build({ scores: Float64Array.from([0.1, 0.4, 0.3, 0.8]), labels: Uint8Array.from([0, 0, 1, 1]) });
    expect(equalErrorRate(index)).toEqual({ eer: 0.5, interpolatedThreshold: 0.4, threshold: 0.4, rowBelow: 2, rowAbove: 2 });
  });

  it('builds the DET curve in sklearn det_curve order with probit axes', () => {
    // sklearn keeps thresholds 0.3 0.5 0.6 0.7: fpr = fps/4, fnr = (5 − tps)/5.
    const det = detCurve(hand);
    expectAllClose(det.thresholds, [0.3, 0.5, 0.6, 0.7]);
    expectAllClose(det.fpr, [0.5, 0.25, 0.25, 0]);
    expectAllClose(det.fnr, [0, 0.2, 0.4, 0.4]);
    // Φ⁻¹(0.5) = 0, Φ⁻¹(0) = −∞, Φ⁻¹(0.25) = −0.6744897501960817.
    expect(det.probitFpr[0]).toBe(0);
    expect(det.probitFpr[3]).toBe(-Infinity);
    expect(det.probitFpr[1]).toBeCloseTo(-0.6744897501960817, 14);
    expect(det.probitFnr[0]).toBe(-Infinity);
  });

  it('builds the PR curve and average precision as sklearn 1.2', () => {
    const pr = precisionRecallCurve(hand);
    expectAllClose(pr.thresholds, [0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expectAllClose(pr.precision, [5 / 9, 5 / 8, 5 / 7, 4 / 5, 3 / 4, 1, 1, 1, 1]);
    expectAllClose(pr.recall, [1, 1, 1, 0.8, 0.6, 0.6, 0.4, 0.2, 0]);
    // AP = (1 − 0.8)·5/7 + (0.8 − 0.6)·4/5 + 3 × 0.2·1 = 1/7 + 0.16 + 0.6.
    expect(averagePrecision(hand)).toBeCloseTo(1 / 7 + 0.76, 15);
  });
});

describe('degenerate but valid data', () => {
  it('gives the chance diagonal when every score is tied', () => {
    const index = ThresholdIndex.build({ scores: new Float64Array(6).fill(0.5), labels: Uint8Array.from([0, 1, 0, 1, 0, 1]) });
    const roc = rocCurve(index, { dropIntermediate: true });
    expectAllClose(roc.fpr, [0, 1]);
    expectAllClose(roc.tpr, [0, 1]);
    expectAllClose(roc.thresholds, [1.5, 0.5]);
    expect(rocAuc(index)).toBe(0.5);
    // The crossing lies halfway along the single segment, between thresholds 0.5 and 1.5 (above every
    // score); the reported threshold stays inside the data, at the tied score.
    expect(equalErrorRate(index)).toMatchObject({ eer: 0.5, interpolatedThreshold: 1, threshold: 0.5 });
  });

  it('gives AUC 1 and EER 0 for separated classes, AUC 0 and EER 1 when inverted', () => {
    const scores = Float64Array.from([0.1, 0.2, 0.3, 0.7, 0.8, 0.9]);
    const separated = ThresholdIndex.build({ scores, labels: Uint8Array.from([0, 0, 0, 1, 1, 1]) });
    expect(rocAuc(separated)).toBe(1);
    expect(equalErrorRate(separated)).toMatchObject({ eer: 0, threshold: 0.7 });
    const inverted = ThresholdIndex.build({ scores, labels: Uint8Array.from([1, 1, 1, 0, 0, 0]) });
    expect(rocAuc(inverted)).toBe(0);
    expect(equalErrorRate(inverted).eer).toBe(1);
  });
});

function randomData(seed: number, n: number, grid: number): LabelledScores {
  const random = new SeededRandom(seed);
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i < 2 ? i : random.nextIndex(2);
    const raw = random.nextDouble() + 0.3 * labels[i];
    scores[i] = grid > 0 ? Math.round(raw / grid) * grid : raw;
  }
  return { scores, labels };
}

describe.each([
  ['continuous', 0],
  ['tied (grid 0.05)', 0.05],
])('invariants on random %s scores', (_name, grid) => {
  const data = randomData(grid === 0 ? 11 : 12, 3000, grid);
  const index = ThresholdIndex.build(data);

  it('has monotone ROC, DET and PR curves and strictly decreasing ROC thresholds', () => {
    const roc = rocCurve(index);
    for (let i = 1; i < roc.fpr.length; i++) {
      expect(roc.fpr[i]).toBeGreaterThanOrEqual(roc.fpr[i - 1]);
      expect(roc.tpr[i]).toBeGreaterThanOrEqual(roc.tpr[i - 1]);
      expect(roc.thresholds[i]).toBeLessThan(roc.thresholds[i - 1]);
    }
    expect([roc.fpr[0], roc.tpr[0], roc.fpr.at(-1), roc.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
    const det = detCurve(index);
    for (let i = 1; i < det.fpr.length; i++) {
      expect(det.fpr[i]).toBeLessThanOrEqual(det.fpr[i - 1]);
      expect(det.fnr[i]).toBeGreaterThanOrEqual(det.fnr[i - 1]);
      expect(det.probitFnr[i]).toBeGreaterThanOrEqual(det.probitFnr[i - 1]);
    }
    const pr = precisionRecallCurve(index);
    for (let i = 1; i < pr.recall.length; i++) expect(pr.recall[i]).toBeLessThanOrEqual(pr.recall[i - 1]);
  });

  it('has AUC in [0, 1] equal to the brute-force Mann–Whitney statistic', () => {
    const auc = rocAuc(index);
    expect(auc).toBeGreaterThanOrEqual(0);
    expect(auc).toBeLessThanOrEqual(1);
    const attacks = data.scores.filter((_, i) => data.labels[i] === 1);
    const bonaFide = data.scores.filter((_, i) => data.labels[i] === 0);
    let wins = 0;
    for (const a of attacks) for (const b of bonaFide) wins += a > b ? 1 : a === b ? 0.5 : 0;
    expect(auc).toBeCloseTo(wins / (attacks.length * bonaFide.length), 14);
  });

  it('gives the same AUC, ROC rates and EER after a strictly increasing transform', () => {
    const transformed = ThresholdIndex.build({ ...data, scores: data.scores.map((s) => Math.atan(4 * s - 1) * 10 + 3) });
    expect(rocAuc(transformed)).toBe(rocAuc(index));
    const a = rocCurve(index);
    const b = rocCurve(transformed);
    expect(b.fpr).toEqual(a.fpr);
    expect(b.tpr).toEqual(a.tpr);
    expect(equalErrorRate(transformed).eer).toBe(equalErrorRate(index).eer);
    expect(averagePrecision(transformed)).toBe(averagePrecision(index));
  });

  it('places the EER between its bracketing operating points and decides the interpolated threshold at the upper one', () => {
    const eer = equalErrorRate(index);
    const below = index.ratesAtRow(eer.rowBelow);
    const above = index.ratesAtRow(eer.rowAbove);
    expect(eer.eer).toBeLessThanOrEqual(Math.max(below.bpcer, above.bpcer) + 1e-15);
    expect(eer.eer).toBeGreaterThanOrEqual(Math.min(below.bpcer, above.bpcer) - 1e-15);
    expect(index.rowOf(eer.threshold)).toBe(eer.rowAbove);
  });
});
