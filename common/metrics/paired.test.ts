// Paired statistics against the Python oracle (test/fixtures/metrics/paired-goldens.json from
// make_paired_goldens.py: scipy's binomtest, Holm, DeLong from the full pairwise kernel), to 1e-9.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import goldens from '../../test/fixtures/metrics/paired-goldens.json' with { type: 'json' };
import { MetricsInputError } from './labelled-scores.js';
import { normalUpperTail } from './normal-tail.js';
import { delongTest, holmAdjust, mcnemarExact, pairedMcNemar, speciesComparison, type PairedScores } from './paired.js';

const TOLERANCE = 1e-9;
const GENERATOR = 'test/fixtures/metrics/make_paired_goldens.py';

type GoldenCase = (typeof goldens.cases)[number];

function pairedOf(golden: GoldenCase): PairedScores {
  return {
    scoresA: Float64Array.from(golden.scores_a),
    scoresB: Float64Array.from(golden.scores_b),
    labels: Uint8Array.from(golden.labels),
    speciesCodes: Uint32Array.from(golden.species_codes),
    speciesNames: golden.species_names,
  };
}

describe('McNemar exact test against scipy binomtest', () => {
  it.each(goldens.mcnemar_counts.map((row) => [`b01 ${row.b01}, b10 ${row.b10}`, row] as const))('%s', (_name, row) => {
    expect(Math.abs(mcnemarExact(row.b01, row.b10) - row.p)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('refuses counts that are not non-negative integers', () => {
    expect(() => mcnemarExact(-1, 3)).toThrow(MetricsInputError);
    expect(() => mcnemarExact(1.5, 3)).toThrow(MetricsInputError);
  });
});

describe('Holm adjustment', () => {
  it.each(goldens.holm.map((row) => [row.p.join(', '), row] as const))('%s', (_name, row) => {
    const adjusted = holmAdjust(row.p);
    row.adjusted.forEach((value, i) => expect(Math.abs(adjusted[i] - value)).toBeLessThanOrEqual(TOLERANCE));
  });
});

describe.each(goldens.cases.map((golden) => [golden.name, golden] as const))('paired statistics: %s', (_name, golden) => {
  const data = pairedOf(golden);

  it('McNemar per class equals the oracle', () => {
    const result = pairedMcNemar(data, golden.threshold_a, golden.threshold_b);
    expect(result.attack.b01).toBe(golden.mcnemar.attack.b01);
    expect(result.attack.b10).toBe(golden.mcnemar.attack.b10);
    expect(result.bonaFide.b01).toBe(golden.mcnemar.bona_fide.b01);
    expect(result.bonaFide.b10).toBe(golden.mcnemar.bona_fide.b10);
    expect(Math.abs(result.attack.p - golden.mcnemar.attack.p)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(result.bonaFide.p - golden.mcnemar.bona_fide.p)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('per-species ΔAPCER and Holm-adjusted p equal the oracle', () => {
    const rows = speciesComparison(data, golden.threshold_a, golden.threshold_b);
    expect(rows.map((row) => row.name)).toEqual(golden.species.map((row) => row.name));
    rows.forEach((row, k) => {
      const expected = golden.species[k];
      expect([row.b01, row.b10]).toEqual([expected.b01, expected.b10]);
      expect(Math.abs(row.diff - expected.diff)).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(row.p - expected.p)).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(row.pHolm - expected.p_holm)).toBeLessThanOrEqual(TOLERANCE);
    });
  });

  it('DeLong by midranks equals the pairwise-kernel oracle', () => {
    const result = delongTest(data);
    const expected = golden.delong;
    expect(Math.abs(result.aucA - expected.auc_a)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(result.aucB - expected.auc_b)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(result.diff - expected.diff)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(result.standardError - expected.se)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(result.low - expected.low)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(result.high - expected.high)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(result.p - expected.p)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('paired input', () => {
  it('covers ties, identical models and perfect separation', () => {
    const names = goldens.cases.map((golden) => golden.name);
    expect(names).toEqual(expect.arrayContaining(['heavy ties', 'identical models', 'A separates perfectly']));
    expect(goldens.cases.some((golden) => golden.delong.p < 1e-6)).toBe(true);
  });

  it('refuses score sets of different lengths', () => {
    const data = { scoresA: Float64Array.of(0.1, 0.9), scoresB: Float64Array.of(0.2), labels: Uint8Array.of(0, 1) };
    expect(() => delongTest(data)).toThrow(/same samples/);
  });

  it('normal upper tail is symmetric and matches known values', () => {
    expect(normalUpperTail(0)).toBe(0.5);
    expect(Math.abs(normalUpperTail(1.959963984540054) - 0.025)).toBeLessThanOrEqual(1e-15);
    expect(Math.abs(normalUpperTail(-1) + normalUpperTail(1) - 1)).toBeLessThanOrEqual(1e-15);
  });

  it('regenerated goldens equal the committed ones where scipy is installed', (context) => {
    const python = '/usr/bin/python3';
    if (!existsSync(python) || spawnSync(python, ['-c', 'import scipy'], { encoding: 'utf8' }).status !== 0) {
      context.skip();
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'paired-goldens-'));
    try {
      const out = path.join(dir, 'goldens.json');
      const run = spawnSync(python, [GENERATOR, '--out', out], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const fresh = JSON.parse(readFileSync(out, 'utf8')) as typeof goldens;
      expect(fresh.cases.length).toBe(goldens.cases.length);
      fresh.cases.forEach((golden, i) => {
        expect(golden.labels).toEqual(goldens.cases[i].labels);
        expect(Math.abs(golden.delong.p - goldens.cases[i].delong.p)).toBeLessThanOrEqual(TOLERANCE);
        expect(golden.mcnemar).toEqual(goldens.cases[i].mcnemar);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
