// Unit tests of the operating points (BPCER@APCER, APCER@BPCER, min-HTER), threshold criteria,
// dev → test application with provenance, and the report's JSON form. Hand-computed expectations.
import { describe, expect, it } from 'vitest';
import { applyThreshold, chooseThreshold, criterionName, parseCriterion } from './criteria.js';
import { MetricsInputError } from './labelled-scores.js';
import { apcerAtBpcer, bpcerAtApcer, minHterPoint } from './operating-points.js';
import { evaluateScores, metricsReportJson } from './report.js';
import { ThresholdIndex } from './threshold-index.js';

/**
 * bona fide 0.1 0.2 0.3 0.6 | print 0.5 0.7 0.9 | replay 0.3 0.8. Per candidate threshold
 * (APCER print, APCER replay, pooled APCER, BPCER):
 *   0.1: 0, 0, 0, 1      0.2: 0, 0, 0, .75    0.3: 0, 0, 0, .5     0.5: 0, .5, .2, .25
 *   0.6: 1/3, .5, .4, .25  0.7: 1/3, .5, .4, 0  0.8: 2/3, .5, .6, 0  0.9: 2/3, 1, .8, 0   1.9: 1, 1, 1, 0
 */
const hand = ThresholdIndex.build({
  scores: Float64Array.from([0.1, 0.2, 0.3, 0.6, 0.5, 0.7, 0.9, 0.3, 0.8]),
  labels: Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1, 1]),
  speciesCodes: Uint32Array.from([0, 0, 0, 0, 0, 0, 0, 1, 1]),
  speciesNames: ['print', 'replay'],
});

describe('operating points on the hand example', () => {
  it('BPCER at worst-species APCER ≤ 5 %: highest threshold with APCER_max ≤ 0.05 is 0.3 (BPCER 0.5)', () => {
    const point = bpcerAtApcer(hand, 0.05);
    expect(point.threshold).toBe(0.3);
    expect(point.rates.bpcer).toBe(0.5);
    expect(point.rates.apcerMax).toBe(0);
  });

  it('reads the worst species by default and pooled APCER on request (bound 0.2)', () => {
    // max: 0.5 has replay APCER 0.5 > 0.2 → stays at 0.3; pooled: 0.5 has 0.2 ≤ 0.2, 0.6 has 0.4.
    expect(bpcerAtApcer(hand, 0.2).threshold).toBe(0.3);
    const pooled = bpcerAtApcer(hand, 0.2, 'pooled');
    expect(pooled.threshold).toBe(0.5);
    expect(pooled.rates.bpcer).toBe(0.25);
  });

  it('BPCER at APCER ≤ 0.5 moves up to 0.7 where BPCER is 0; APCER ≤ 1 allows max + 1', () => {
    expect(bpcerAtApcer(hand, 0.5).threshold).toBe(0.7);
    expect(bpcerAtApcer(hand, 0.5).rates.bpcer).toBe(0);
    expect(bpcerAtApcer(hand, 1).threshold).toBeCloseTo(1.9, 15);
  });

  it('APCER at BPCER ≤ 0.25 is at 0.5 (APCER_max 0.5, pooled 0.2); at BPCER 0 it is 0.7', () => {
    const point = apcerAtBpcer(hand, 0.25);
    expect(point.threshold).toBe(0.5);
    expect([point.rates.apcerMax, point.rates.apcerPooled]).toEqual([0.5, 0.2]);
    const strict = apcerAtBpcer(hand, 0);
    expect(strict.threshold).toBe(0.7);
    expect([strict.rates.apcerMax, strict.rates.apcerPooled]).toEqual([0.5, 0.4]);
  });

  it('min-HTER: HTER per threshold .5 .375 .25 .225 .325 .2 .3 .4 .5 → 0.7 (HTER 0.2)', () => {
    const point = minHterPoint(hand);
    expect(point.threshold).toBe(0.7);
    expect(point.rates.hter).toBeCloseTo(0.2, 15);
  });

  it('min-HTER takes the lowest threshold among equal minima', () => {
    // bona fide 0.1 0.3, attacks 0.2 0.4: HTER at 0.1 .5, 0.2 .25, 0.3 .5, 0.4 .25, 1.4 .5.
    const index = ThresholdIndex.build({ scores: Float64Array.from([0.1, 0.3, 0.2, 0.4]), labels: Uint8Array.from([0, 0, 1, 1]) });
    expect(minHterPoint(index).threshold).toBe(0.2);
  });

  it('rejects rate bounds outside [0, 1]', () => {
    expect(() => bpcerAtApcer(hand, 1.5)).toThrow(MetricsInputError);
    expect(() => apcerAtBpcer(hand, -0.1)).toThrow(/maximum BPCER must be a rate/);
    expect(() => bpcerAtApcer(hand, NaN)).toThrow(MetricsInputError);
  });
});

describe('threshold criteria', () => {
  it('parses names, including bpcerN / apcerN as bob.pad.base does', () => {
    expect(parseCriterion('eer')).toEqual({ kind: 'eer' });
    expect(parseCriterion('MIN-HTER')).toEqual({ kind: 'min-hter' });
    expect(parseCriterion('bpcer20')).toEqual({ kind: 'bpcer-at-apcer', maxApcer: 0.05 });
    expect(parseCriterion('bpcer100')).toEqual({ kind: 'bpcer-at-apcer', maxApcer: 0.01 });
    expect(parseCriterion('apcer20')).toEqual({ kind: 'apcer-at-bpcer', maxBpcer: 0.05 });
    expect(parseCriterion('fixed', 0.4)).toEqual({ kind: 'fixed', threshold: 0.4 });
    expect(() => parseCriterion('fixed')).toThrow(/needs a threshold/);
    expect(() => parseCriterion('far')).toThrow(/unknown threshold criterion 'far'/);
    expect(() => parseCriterion('bpcer0')).toThrow(MetricsInputError);
    expect(criterionName({ kind: 'bpcer-at-apcer', maxApcer: 0.01 })).toBe('bpcer100');
    expect(criterionName({ kind: 'bpcer-at-apcer', maxApcer: 0.03 })).toBe('bpcer@apcer<=0.03');
  });

  it('chooses each criterion on the source and records its provenance', () => {
    const eer = chooseThreshold(hand, { kind: 'eer' }, 'dev.csv');
    expect(eer.threshold).toBeCloseTo(0.525, 15);
    expect(eer.sourceEer).toBeCloseTo(0.25, 15);
    expect(eer.chosenOn).toEqual({ description: 'dev.csv', samples: 9, attacks: 5, bonaFide: 4 });
    // Deciding at 0.525 reproduces the operating point at 0.6: APCER max 0.5, pooled 0.4, BPCER 0.25.
    expect(eer.achievedOnSource).toEqual({ apcerMax: 0.5, apcerPooled: 0.4, bpcer: 0.25 });
    expect(chooseThreshold(hand, parseCriterion('bpcer20'), 'dev').threshold).toBe(0.3);
    expect(chooseThreshold(hand, parseCriterion('min-hter'), 'dev').threshold).toBe(0.7);
    expect(chooseThreshold(hand, parseCriterion('apcer20'), 'dev').threshold).toBe(0.7);
    const fixed = chooseThreshold(hand, { kind: 'fixed', threshold: 0.42 }, 'ignored');
    expect(fixed).toMatchObject({ criterion: 'fixed', threshold: 0.42, chosenOn: null, achievedOnSource: null });
  });

  it('applies a dev threshold to test (the challenge protocol)', () => {
    // test: bona fide 0.2 0.55 0.65, attacks 0.5 0.6 0.95 (one species).
    const test = ThresholdIndex.build({ scores: Float64Array.from([0.2, 0.55, 0.65, 0.5, 0.6, 0.95]), labels: Uint8Array.from([0, 0, 0, 1, 1, 1]) });
    const chosen = chooseThreshold(hand, { kind: 'eer' }, 'dev.csv');
    const applied = applyThreshold(test, chosen, 'test.csv', false);
    // At 0.525: attacks below: 0.5 → APCER 1/3; bona fide ≥ 0.525: 0.55 0.65 → BPCER 2/3.
    expect(applied.rates.apcerPooled).toBeCloseTo(1 / 3, 15);
    expect(applied.rates.bpcer).toBeCloseTo(2 / 3, 15);
    expect(applied.rates.hter).toBeCloseTo(0.5, 15);
    expect(applied.appliedTo).toEqual({ description: 'test.csv', samples: 6, attacks: 3, bonaFide: 3 });
    expect(applied.provenance.chosenOn?.description).toBe('dev.csv');
  });
});

describe('evaluateScores and its JSON', () => {
  it('reports every key with hand-computed values (criterion min-hter, no dev set)', () => {
    const json = metricsReportJson(evaluateScores({ scores: hand, scoresDescription: 'hand.csv', criterion: { kind: 'min-hter' } }));
    expect(json.auc).toBe(0.875);
    expect(json.eer).toBeCloseTo(0.25, 15);
    expect(json.eer_threshold).toBeCloseTo(0.525, 15);
    expect(json.threshold).toBe(0.7);
    expect(json.threshold_source).toBe('scores');
    // At 0.7: print 0.5 missed (1/3), replay 0.3 missed (1/2); pooled 2/5; BPCER 0.
    expect(json.apcer_by_species).toEqual({ print: 1 / 3, replay: 0.5 });
    expect(json.apcer_max).toBe(0.5);
    expect(json.apcer_pooled).toBe(0.4);
    expect(json.bpcer).toBe(0);
    expect(json.acer).toBe(0.25);
    expect(json.hter).toBe(0.2);
    expect(json.acc).toBe(7 / 9); // correct: attacks 0.7 0.8 0.9 + all 4 bona fide
    expect(json.bpcer_at_apcer).toEqual({ '0.05': 0.5, '0.01': 0.5 });
    expect(json.apcer_at_bpcer).toEqual({ '0.05': 0.5, '0.01': 0.5 });
    expect(json.roc).toMatchObject({ fpr: [0, 0, 0, 0.25, 0.25, 0.5, 1], tpr: [0, 0.2, 0.6, 0.6, 0.8, 1, 1] });
    expect(json.confusion).toEqual({ threshold: 0.7, rows: ['bona fide', 'print', 'replay'], called_bona_fide: [4, 1, 1], called_attack: [0, 2, 1] });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('marks a dev-chosen threshold as such and a fixed one as fixed', () => {
    const dev = { index: hand, description: 'dev.csv' };
    const fromDev = metricsReportJson(evaluateScores({ scores: hand, scoresDescription: 'test.csv', dev, criterion: { kind: 'eer' } }));
    expect(fromDev.threshold_source).toBe('dev');
    const fixed = metricsReportJson(evaluateScores({ scores: hand, scoresDescription: 'test.csv', criterion: { kind: 'fixed', threshold: 0.5 } }));
    expect(fixed.threshold_source).toBe('fixed');
    expect(fixed.apcer_pooled).toBe(0.2);
  });
});
