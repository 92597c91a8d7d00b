// Golden comparisons of the metrics library with scikit-learn / scipy / brute-force numpy outputs
// (test/fixtures/metrics/*.json, made by make_goldens.py), to 1e-9. Pure code under test.
import { describe, expect, it } from 'vitest';
import rocGoldensJson from '../../test/fixtures/metrics/roc-goldens.json' with { type: 'json' };
import isoGoldensJson from '../../test/fixtures/metrics/iso-goldens.json' with { type: 'json' };
import normalGoldensJson from '../../test/fixtures/metrics/normal-quantile-goldens.json' with { type: 'json' };
import { detCurve } from './det.js';
import { equalErrorRate } from './eer.js';
import { normalQuantile } from './normal.js';
import { apcerAtBpcer, bpcerAtApcer, minHterPoint } from './operating-points.js';
import { averagePrecision, precisionRecallCurve } from './pr.js';
import { rocAuc, rocCurve } from './roc.js';
import { ThresholdIndex } from './threshold-index.js';

const TOLERANCE = 1e-9;

interface Curve3 {
  [key: string]: number[];
}
interface RocGoldenCase {
  name: string;
  scores: number[];
  labels: number[];
  sklearn: { roc_full: Curve3; roc: Curve3; auc: number; det: Curve3; pr: Curve3; average_precision: number };
  reference: { eer: number; eer_threshold: number; eer_brentq: number };
}
interface IsoRatesGolden {
  threshold: number;
  apcer_by_species: number[];
  apcer_max: number;
  apcer_pooled: number;
  bpcer: number;
  acer: number;
  acer_pooled: number;
  hter: number;
  acc: number;
}
interface IsoGoldenCase {
  species_names: string[];
  scores: number[];
  labels: number[];
  species: number[];
  at_threshold: IsoRatesGolden[];
  bpcer_at_apcer: Record<string, IsoRatesGolden>;
  apcer_at_bpcer: Record<string, IsoRatesGolden>;
  min_hter: IsoRatesGolden;
  auc: number;
  eer: number;
  eer_threshold: number;
}

const rocGoldens = rocGoldensJson as unknown as { sklearn: string; cases: RocGoldenCase[] };
const isoGolden = (isoGoldensJson as unknown as { case: IsoGoldenCase }).case;
const normalGoldens = normalGoldensJson as unknown as { p: number[]; ppf: (number | null)[] };

function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= TOLERANCE)) expect.fail(`${what}[${i}]: ${actual[i]} vs sklearn ${expected[i]}`);
  }
}

describe(`ROC, AUC, DET, PR and EER against scikit-learn ${rocGoldens.sklearn}`, () => {
  it('has golden cases', () => expect(rocGoldens.cases.length).toBeGreaterThanOrEqual(10));

  describe.each(rocGoldens.cases.map((c) => [c.name, c] as const))('%s', (_name, golden) => {
    const index = ThresholdIndex.build({ scores: Float64Array.from(golden.scores), labels: Uint8Array.from(golden.labels) });

    it('matches roc_curve(drop_intermediate=False)', () => {
      const roc = rocCurve(index);
      expectAllClose(roc.fpr, golden.sklearn.roc_full.fpr, 'fpr');
      expectAllClose(roc.tpr, golden.sklearn.roc_full.tpr, 'tpr');
      expectAllClose(roc.thresholds, golden.sklearn.roc_full.thresholds, 'thresholds');
    });

    it('matches roc_curve() with its default drop_intermediate=True', () => {
      const roc = rocCurve(index, { dropIntermediate: true });
      expectAllClose(roc.fpr, golden.sklearn.roc.fpr, 'fpr');
      expectAllClose(roc.tpr, golden.sklearn.roc.tpr, 'tpr');
      expectAllClose(roc.thresholds, golden.sklearn.roc.thresholds, 'thresholds');
    });

    it('matches roc_auc_score and average_precision_score', () => {
      expect(Math.abs(rocAuc(index) - golden.sklearn.auc)).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(averagePrecision(index) - golden.sklearn.average_precision)).toBeLessThanOrEqual(TOLERANCE);
    });

    it('matches det_curve and precision_recall_curve', () => {
      const det = detCurve(index);
      expectAllClose(det.fpr, golden.sklearn.det.fpr, 'det fpr');
      expectAllClose(det.fnr, golden.sklearn.det.fnr, 'det fnr');
      expectAllClose(det.thresholds, golden.sklearn.det.thresholds, 'det thresholds');
      const pr = precisionRecallCurve(index);
      expectAllClose(pr.precision, golden.sklearn.pr.precision, 'precision');
      expectAllClose(pr.recall, golden.sklearn.pr.recall, 'recall');
      expectAllClose(pr.thresholds, golden.sklearn.pr.thresholds, 'pr thresholds');
    });

    it('matches the EER of brentq on the interpolated ROC and the reference threshold', () => {
      const eer = equalErrorRate(index);
      expect(Math.abs(eer.eer - golden.reference.eer_brentq)).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(eer.eer - golden.reference.eer)).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(eer.interpolatedThreshold - golden.reference.eer_threshold)).toBeLessThanOrEqual(TOLERANCE);
      // The reported threshold is the same value kept within the observed scores.
      const top = index.distinctScores[index.distinctScores.length - 1]!;
      expect(eer.threshold).toBe(Math.min(eer.interpolatedThreshold, top));
    });
  });
});

describe('ISO/IEC 30107-3 rates against brute-force numpy (three species, tied scores)', () => {
  const index = ThresholdIndex.build({
    scores: Float64Array.from(isoGolden.scores),
    labels: Uint8Array.from(isoGolden.labels),
    // Bona fide rows carry species −1 in the golden file; their code is ignored, so 0 will do.
    speciesCodes: Uint32Array.from(isoGolden.species.map((s) => Math.max(s, 0))),
    speciesNames: isoGolden.species_names,
  });

  function expectRates(threshold: number, golden: IsoRatesGolden): void {
    const rates = index.ratesAt(threshold);
    expectAllClose(rates.apcerBySpecies, golden.apcer_by_species, `APCER by species at ${threshold}`);
    const actual = [rates.apcerMax, rates.apcerPooled, rates.bpcer, rates.acer, rates.acerPooled, rates.hter, rates.acc];
    const expected = [golden.apcer_max, golden.apcer_pooled, golden.bpcer, golden.acer, golden.acer_pooled, golden.hter, golden.acc];
    expectAllClose(actual, expected, `rates at ${threshold}`);
  }

  it.each(isoGolden.at_threshold.map((g) => [g.threshold, g] as const))('matches every rate at τ = %s', (threshold, golden) => {
    expectRates(threshold, golden);
  });

  it.each(Object.entries(isoGolden.bpcer_at_apcer))('matches BPCER at worst-species APCER ≤ %s', (bound, golden) => {
    const point = bpcerAtApcer(index, Number(bound));
    expect(point.threshold).toBe(golden.threshold);
    expectRates(point.threshold, golden);
  });

  it.each(Object.entries(isoGolden.apcer_at_bpcer))('matches APCER at BPCER ≤ %s', (bound, golden) => {
    const point = apcerAtBpcer(index, Number(bound));
    expect(point.threshold).toBe(golden.threshold);
    expectRates(point.threshold, golden);
  });

  it('matches the minimum-HTER threshold (lowest among ties) and AUC / EER', () => {
    expect(minHterPoint(index).threshold).toBe(isoGolden.min_hter.threshold);
    expect(Math.abs(rocAuc(index) - isoGolden.auc)).toBeLessThanOrEqual(TOLERANCE);
    const eer = equalErrorRate(index);
    expect(Math.abs(eer.eer - isoGolden.eer)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(eer.interpolatedThreshold - isoGolden.eer_threshold)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('normal quantile against scipy.stats.norm.ppf', () => {
  it.each(normalGoldens.p.map((p, i) => [p, normalGoldens.ppf[i]] as const))('Φ⁻¹(%s)', (p, expected) => {
    const z = normalQuantile(p);
    if (expected === null) expect(Math.abs(z)).toBe(Infinity);
    else expect(Math.abs(z - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
  });

  it('is antisymmetric and rejects p outside [0, 1]', () => {
    for (const p of [1e-8, 0.01, 0.3, 0.49]) expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 7);
    expect(() => normalQuantile(-0.1)).toThrow(RangeError);
    expect(() => normalQuantile(NaN)).toThrow(RangeError);
  });
});
