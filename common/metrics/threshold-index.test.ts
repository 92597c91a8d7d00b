// Unit tests of the threshold index and the ISO/IEC 30107-3 rates at a threshold: hand-computed
// cases, invariants and invalid input. Pure shared code under test (common/metrics).
import { describe, expect, it } from 'vitest';
import { MetricsInputError, type LabelledScores } from './labelled-scores.js';
import { ThresholdIndex } from './threshold-index.js';
import { confusionAt } from './confusion.js';
import { SeededRandom } from './prng.js';

/**
 * The hand-worked example used across these tests (9 samples, 2 attack species):
 *   bona fide (label 0): 0.1 0.2 0.3 0.6          N = 4
 *   print     (label 1): 0.5 0.7 0.9              3
 *   replay    (label 1): 0.3 0.8                  2   (0.3 ties with a bona fide score)
 */
function handExample(): LabelledScores {
  return {
    scores: Float64Array.from([0.1, 0.2, 0.3, 0.6, 0.5, 0.7, 0.9, 0.3, 0.8]),
    labels: Uint8Array.from([0, 0, 0, 0, 1, 1, 1, 1, 1]),
    speciesCodes: Uint32Array.from([0, 0, 0, 0, 0, 0, 0, 1, 1]),
    speciesNames: ['print', 'replay'],
  };
}

describe('ThresholdIndex on the hand example', () => {
  const index = ThresholdIndex.build(handExample());

  it('keeps the distinct scores and the class and species totals', () => {
    expect(Array.from(index.distinctScores)).toEqual([0.1, 0.2, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(index.sampleCount).toBe(9);
    expect(index.attackCount).toBe(5);
    expect(index.bonaFideCount).toBe(4);
    expect(index.speciesNames).toEqual(['print', 'replay']);
    expect(Array.from(index.speciesAttackCounts)).toEqual([3, 2]);
  });

  it('gives the ISO rates at τ = 0.5', () => {
    const rates = index.ratesAt(0.5);
    // print: no score < 0.5 → 0/3; replay: 0.3 < 0.5 → 1/2.
    expect(Array.from(rates.apcerBySpecies)).toEqual([0, 0.5]);
    expect(rates.apcerMax).toBe(0.5);
    expect(rates.worstSpecies).toBe('replay');
    // pooled: 1 of 5 attacks below 0.5.
    expect(rates.apcerPooled).toBe(0.2);
    // bona fide ≥ 0.5: only 0.6 → 1/4.
    expect(rates.bpcer).toBe(0.25);
    expect(rates.acer).toBe((0.5 + 0.25) / 2); // 0.375
    expect(rates.acerPooled).toBe((0.2 + 0.25) / 2); // 0.225
    expect(rates.hter).toBe(rates.acerPooled);
    // correct: attacks ≥ 0.5 (0.5 0.7 0.9 0.8) = 4, bona fide < 0.5 (0.1 0.2 0.3) = 3 → 7/9.
    expect(rates.acc).toBe(7 / 9);
    expect(rates.attacksCalledBonaFide).toBe(1);
    expect(rates.bonaFideCalledAttack).toBe(1);
  });

  it('decides a tie group as a whole: at τ = 0.3 the tied bona fide and replay are both attacks', () => {
    const rates = index.ratesAt(0.3);
    expect(Array.from(rates.apcerBySpecies)).toEqual([0, 0]);
    // bona fide ≥ 0.3: 0.3 and 0.6 → 2/4.
    expect(rates.bpcer).toBe(0.5);
    // Just above 0.3 both flip: replay 0.3 missed (1/2), bona fide 0.3 accepted (BPCER 1/4).
    const above = index.ratesAt(0.30000000000000004);
    expect(above.apcerBySpecies[1]).toBe(0.5);
    expect(above.bpcer).toBe(0.25);
  });

  it('handles thresholds outside the score range', () => {
    const below = index.ratesAt(-1e9);
    expect([below.apcerMax, below.apcerPooled, below.bpcer, below.acc]).toEqual([0, 0, 1, 5 / 9]);
    const above = index.ratesAt(Infinity);
    expect([above.apcerMax, above.apcerPooled, above.bpcer, above.acc]).toEqual([1, 1, 0, 4 / 9]);
  });

  it('counts confusion by species × decision', () => {
    const table = confusionAt(index, 0.5);
    expect(table.rowNames).toEqual(['bona fide', 'print', 'replay']);
    expect(Array.from(table.calledBonaFide)).toEqual([3, 0, 1]);
    expect(Array.from(table.calledAttack)).toEqual([1, 3, 1]);
  });
});

describe('ThresholdIndex input handling', () => {
  it('puts every attack in one species when no species are given', () => {
    const index = ThresholdIndex.build({ scores: Float64Array.from([0.2, 0.9, 0.4]), labels: Uint8Array.from([0, 1, 1]) });
    expect(index.speciesNames).toEqual(['attack']);
    expect(index.ratesAt(0.5).apcerMax).toBe(0.5);
    expect(index.ratesAt(0.5).apcerPooled).toBe(0.5);
  });

  it('drops species without attacks and ignores the species code of bona fide samples', () => {
    const index = ThresholdIndex.build({
      scores: Float64Array.from([0.1, 0.2, 0.8, 0.9]),
      labels: Uint8Array.from([0, 0, 1, 1]),
      speciesCodes: Uint32Array.from([7, 1, 2, 2]), // bona fide code 7 has no name: ignored
      speciesNames: ['mask', 'print', 'replay'],
    });
    expect(index.speciesNames).toEqual(['replay']);
  });

  it('treats -0 and +0 as one tied score, as numpy does', () => {
    const index = ThresholdIndex.build({ scores: Float64Array.from([-0, 0, 1]), labels: Uint8Array.from([0, 1, 1]) });
    expect(index.distinctScores.length).toBe(2);
    expect(Object.is(index.distinctScores[0], 0)).toBe(true);
  });

  const bad: [string, LabelledScores, MetricsInputError['code'], RegExp][] = [
    ['empty input', { scores: new Float64Array(0), labels: new Uint8Array(0) }, 'empty', /no scores/],
    ['only attacks', { scores: Float64Array.from([0.1, 0.2]), labels: Uint8Array.from([1, 1]) }, 'one-class', /all 2 samples are attacks/],
    ['only bona fide', { scores: Float64Array.from([0.1]), labels: Uint8Array.from([0]) }, 'one-class', /bona fide/],
    ['NaN score', { scores: Float64Array.from([0.1, NaN]), labels: Uint8Array.from([0, 1]) }, 'non-finite-score', /sample 1 is NaN/],
    ['infinite score', { scores: Float64Array.from([Infinity, 0.2]), labels: Uint8Array.from([0, 1]) }, 'non-finite-score', /sample 0 is Infinity/],
    ['length mismatch', { scores: Float64Array.from([0.1, 0.2]), labels: Uint8Array.from([0]) }, 'length-mismatch', /2 scores, 1 labels/],
    ['label 2', { scores: Float64Array.from([0.1, 0.2]), labels: Uint8Array.from([0, 2]) }, 'bad-label', /sample 1 is 2/],
    [
      'species code without a name',
      { scores: Float64Array.from([0.1, 0.2]), labels: Uint8Array.from([0, 1]), speciesCodes: Uint32Array.from([0, 3]), speciesNames: ['print'] },
      'bad-species',
      /code 3 of sample 1/,
    ],
  ];
  it.each(bad)('rejects %s with a clear MetricsInputError', (_name, data, code, message) => {
    let thrown: unknown;
    try {
      ThresholdIndex.build(data);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MetricsInputError);
    expect((thrown as MetricsInputError).code).toBe(code);
    expect((thrown as MetricsInputError).message).toMatch(message);
  });

  it('rejects a NaN threshold', () => {
    const index = ThresholdIndex.build(handExample());
    expect(() => index.ratesAt(NaN)).toThrow(/threshold is NaN/);
  });
});

/** Random labelled scores with 3 species and many ties (scores on a 0.01 grid). */
function randomSpeciesData(seed: number, n: number): LabelledScores {
  const random = new SeededRandom(seed);
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  const speciesCodes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i < 2 ? i : random.nextIndex(2);
    speciesCodes[i] = random.nextIndex(3);
    scores[i] = Math.round((random.nextDouble() * 0.7 + 0.2 * labels[i] + 0.05 * speciesCodes[i]) * 100) / 100;
  }
  return { scores, labels, speciesCodes, speciesNames: ['a', 'b', 'c'] };
}

describe('ThresholdIndex invariants against brute force', () => {
  const data = randomSpeciesData(7, 2000);
  const index = ThresholdIndex.build(data);
  const thresholds = [-1, 0, 0.005, 0.2, 0.33, 0.5, 0.505, 0.71, 0.9, 1.2, 2];

  it.each(thresholds)('matches a direct count at τ = %s', (threshold) => {
    const rates = index.ratesAt(threshold);
    const missed = [0, 0, 0];
    const attacks = [0, 0, 0];
    let falseAlarms = 0;
    let bonaFide = 0;
    for (let i = 0; i < data.scores.length; i++) {
      if (data.labels[i] === 1) {
        attacks[data.speciesCodes![i]]++;
        if (data.scores[i] < threshold) missed[data.speciesCodes![i]]++;
      } else {
        bonaFide++;
        if (data.scores[i] >= threshold) falseAlarms++;
      }
    }
    expect(Array.from(rates.apcerBySpecies)).toEqual(missed.map((count, s) => count / attacks[s]));
    expect(rates.apcerPooled).toBe((missed[0] + missed[1] + missed[2]) / (attacks[0] + attacks[1] + attacks[2]));
    expect(rates.bpcer).toBe(falseAlarms / bonaFide);
  });

  it('has worst-species APCER ≥ pooled APCER at every distinct score', () => {
    for (let row = 0; row < index.rowCount; row++) {
      const rates = index.ratesAtRow(row);
      expect(rates.apcerMax).toBeGreaterThanOrEqual(rates.apcerPooled);
      expect(rates.acer).toBeGreaterThanOrEqual(rates.acerPooled);
    }
  });

  it('has APCER non-decreasing and BPCER non-increasing in the threshold', () => {
    for (let row = 1; row < index.rowCount; row++) {
      expect(index.apcerMaxAtRow(row)).toBeGreaterThanOrEqual(index.apcerMaxAtRow(row - 1));
      expect(index.apcerPooledAtRow(row)).toBeGreaterThanOrEqual(index.apcerPooledAtRow(row - 1));
      expect(index.bpcerAtRow(row)).toBeLessThanOrEqual(index.bpcerAtRow(row - 1));
    }
  });

  it('gives the same rates after a strictly increasing transform of scores and threshold', () => {
    const transform = (s: number): number => Math.exp(3 * s) - 5;
    const transformed = ThresholdIndex.build({ ...data, scores: data.scores.map(transform) });
    for (const threshold of thresholds) {
      const a = index.ratesAt(threshold);
      const b = transformed.ratesAt(transform(threshold));
      expect([b.apcerMax, b.apcerPooled, b.bpcer, b.acc]).toEqual([a.apcerMax, a.apcerPooled, a.bpcer, a.acc]);
    }
  });
});
