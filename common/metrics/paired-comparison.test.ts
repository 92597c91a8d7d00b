// The paired bootstrap (against a slow resample-and-recompute of the same draws) and the plain readings.
import { describe, expect, it } from 'vitest';
import goldens from '../../test/fixtures/metrics/paired-goldens.json' with { type: 'json' };
import { percentileInterval } from './bootstrap.js';
import { equalErrorRate } from './eer.js';
import { pairedBootstrap } from './paired-bootstrap.js';
import { aucReading, comparePaired, formatPValue, pairedComparisonJson, rateReading } from './paired-comparison.js';
import type { PairedScores } from './paired.js';
import { SeededRandom } from './prng.js';
import { ThresholdIndex } from './threshold-index.js';

function caseNamed(name: string): PairedScores & { thresholdA: number; thresholdB: number } {
  const golden = goldens.cases.find((row) => row.name === name);
  if (golden === undefined) throw new Error(`no golden case ${name}`);
  return {
    scoresA: Float64Array.from(golden.scores_a),
    scoresB: Float64Array.from(golden.scores_b),
    labels: Uint8Array.from(golden.labels),
    speciesCodes: Uint32Array.from(golden.species_codes),
    speciesNames: golden.species_names,
    thresholdA: golden.threshold_a,
    thresholdB: golden.threshold_b,
  };
}

/** The same draws as the stratified paired bootstrap, each replicate rebuilt as arrays and indexed from scratch. */
function slowDifferences(data: PairedScores, thresholdA: number, thresholdB: number, replicates: number, seed: number): Record<string, Float64Array> {
  const groups: number[][] = [];
  const species = data.speciesNames ?? [];
  const groupOf = (i: number): number => (data.labels[i] === 0 ? 0 : 1 + (data.speciesCodes?.[i] ?? 0));
  for (let g = 0; g <= species.length; g++) groups.push([]);
  for (let i = 0; i < data.labels.length; i++) groups[groupOf(i)].push(i);
  const units = groups.filter((group) => group.length > 0);
  const random = new SeededRandom(seed);
  const out = { acer: new Float64Array(replicates), apcerMax: new Float64Array(replicates), bpcer: new Float64Array(replicates), eer: new Float64Array(replicates) };
  for (let r = 0; r < replicates; r++) {
    const drawn: number[] = [];
    for (const group of units) for (let k = 0; k < group.length; k++) drawn.push(group[random.nextIndex(group.length)]);
    const build = (scores: Float64Array): ThresholdIndex =>
      ThresholdIndex.build({ scores: Float64Array.from(drawn, (i) => scores[i]), labels: Uint8Array.from(drawn, (i) => data.labels[i]), speciesCodes: Uint32Array.from(drawn, (i) => data.speciesCodes?.[i] ?? 0), speciesNames: data.speciesNames });
    const a = build(data.scoresA);
    const b = build(data.scoresB);
    const ratesA = a.ratesAt(thresholdA);
    const ratesB = b.ratesAt(thresholdB);
    out.acer[r] = ratesB.acer - ratesA.acer;
    out.apcerMax[r] = ratesB.apcerMax - ratesA.apcerMax;
    out.bpcer[r] = ratesB.bpcer - ratesA.bpcer;
    out.eer[r] = equalErrorRate(b).eer - equalErrorRate(a).eer;
  }
  return out;
}

describe('paired bootstrap', () => {
  it.each(['moderate, continuous', 'heavy ties', 'small'])('equals resampling and recomputing the same draws (%s)', (name) => {
    const data = caseNamed(name);
    const result = pairedBootstrap(data, data.thresholdA, data.thresholdB, { replicates: 60, seed: 7 });
    expect(result.resample).toBe('sample');
    const slow = slowDifferences(data, data.thresholdA, data.thresholdB, 60, 7);
    for (const stat of ['acer', 'apcerMax', 'bpcer', 'eer'] as const) {
      const expected = percentileInterval(0, slow[stat], 0.95);
      expect(result[stat].low).toBeCloseTo(expected.lower, 12);
      expect(result[stat].high).toBeCloseTo(expected.upper, 12);
    }
    const a = ThresholdIndex.build({ ...data, scores: data.scoresA }).ratesAt(data.thresholdA);
    const b = ThresholdIndex.build({ ...data, scores: data.scoresB }).ratesAt(data.thresholdB);
    expect(result.bpcer.diff).toBeCloseTo(b.bpcer - a.bpcer, 15);
    expect(result.acer.diff).toBeCloseTo(b.acer - a.acer, 15);
  });

  it('gives zero differences for identical models and the same intervals for the same seed', () => {
    const data = caseNamed('identical models');
    const result = pairedBootstrap(data, 0.5, 0.5, { replicates: 50, seed: 3 });
    for (const stat of ['acer', 'apcerMax', 'bpcer', 'eer'] as const) expect([result[stat].diff, result[stat].low, result[stat].high]).toEqual([0, 0, 0]);
    const other = caseNamed('moderate, continuous');
    const first = pairedBootstrap(other, other.thresholdA, other.thresholdB, { replicates: 50, seed: 3 });
    const again = pairedBootstrap(other, other.thresholdA, other.thresholdB, { replicates: 50, seed: 3 });
    const reseeded = pairedBootstrap(other, other.thresholdA, other.thresholdB, { replicates: 50, seed: 4 });
    expect(again).toEqual(first);
    expect(reseeded.eer.low === first.eer.low && reseeded.eer.high === first.eer.high).toBe(false);
  });

  it('resamples identities by default when they are given', () => {
    const data = caseNamed('moderate, continuous');
    const identityCodes = Uint32Array.from(data.labels, (_, i) => Math.floor(i / 3));
    const identityNames = Array.from({ length: Math.ceil(data.labels.length / 3) }, (_, k) => `id${k}`);
    const result = pairedBootstrap({ ...data, identityCodes, identityNames }, data.thresholdA, data.thresholdB, { replicates: 100, seed: 1 });
    expect(result.resample).toBe('identity');
    expect(result.bpcer.low).toBeLessThanOrEqual(result.bpcer.diff);
    expect(result.bpcer.high).toBeGreaterThanOrEqual(result.bpcer.diff);
    expect(() => pairedBootstrap(data, 0.5, 0.5, { resample: 'identity' })).toThrow(/identity codes/);
  });
});

describe('paired comparison and its reading', () => {
  it('calls a large difference real and gives the JSON keys of uad compare', () => {
    const data = caseNamed('B much better');
    const comparison = comparePaired(data, data.thresholdA, data.thresholdB, { replicates: 200, seed: 0 });
    expect(comparison.bootstrap.apcerPooled.high).toBeLessThan(0);
    expect(comparison.readings[1]).toMatch(/^B's pooled APCER is lower by 25\.0 points \(95 % CI [\d.]+–[\d.]+\); McNemar p = < 0\.0001 — a real difference on this data$/);
    expect(comparison.readings[2]).toMatch(/^B's AUC is higher by 0\.3257 .*DeLong p = < 0\.0001 — a real difference on this data$/);
    const json = pairedComparisonJson('a.csv', 'b.csv', comparison);
    expect(Object.keys(json)).toEqual(['a', 'b', 'n', 'threshold_a', 'threshold_b', 'mcnemar', 'delong', 'bootstrap', 'species', 'reading']);
    expect(Object.keys(json.bootstrap as object)).toEqual(['acer', 'apcer_max', 'bpcer', 'eer']);
    expect(Object.keys((json.species as object[])[0])).toEqual(['name', 'diff', 'p_holm']);
    expect(json.mcnemar).toEqual({ attack: { b01: 0, b10: 25, p: comparison.mcnemar.attack.p }, bona_fide: { b01: 19, b10: 21, p: comparison.mcnemar.bonaFide.p } });
  });

  it('reads each combination of test and interval plainly', () => {
    const interval = { a: 0.05, b: 0.037, diff: -0.013, low: -0.022, high: -0.004 };
    expect(rateReading('BPCER', interval, 0.95, 0.004, 'McNemar')).toBe("B's BPCER is lower by 1.3 points (95 % CI 0.4–2.2); McNemar p = 0.004 — a real difference on this data");
    expect(rateReading('BPCER', { ...interval, low: -0.03, high: 0.005 }, 0.95, 0.3, 'McNemar')).toBe("B's BPCER is lower by 1.3 points (95 % CI −0.5 to 3.0); McNemar p = 0.30 — no difference shown at this sample size");
    expect(rateReading('BPCER', { ...interval, diff: 0.013, low: -0.001, high: 0.03 }, 0.95, 0.03, 'McNemar')).toMatch(/is higher by 1\.3 points \(95 % CI −0\.1 to 3\.0\).*borderline/);
    expect(aucReading({ aucA: 0.9, aucB: 0.9, diff: 0, standardError: 0, level: 0.95, low: 0, high: 0, p: 1 })).toBe("B's AUC equals A's (0.9000); DeLong p = 1.00 — no difference shown at this sample size");
    expect([formatPValue(0.0432), formatPValue(0.00012), formatPValue(0.5)]).toEqual(['0.043', '0.0001', '0.50']);
  });
});
