// Clopper-Pearson intervals and the incomplete beta function against scipy (beta.ppf / beta.cdf,
// test/fixtures/metrics/binomial-goldens.json from make_binomial_goldens.py), to 1e-9.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import goldens from '../../test/fixtures/metrics/binomial-goldens.json' with { type: 'json' };
import { clopperPearson, countedRate, inverseRegularizedIncompleteBeta, regularizedIncompleteBeta } from './binomial.js';
import { MetricsInputError } from './labelled-scores.js';

const TOLERANCE = 1e-9;
const GENERATOR = 'test/fixtures/metrics/make_binomial_goldens.py';

describe('Clopper-Pearson against scipy beta.ppf', () => {
  it('covers k = 0 and k = n on the grid', () => {
    expect(goldens.intervals.some((row) => row.k === 0 && row.n >= 16)).toBe(true);
    expect(goldens.intervals.some((row) => row.k === row.n && row.n >= 16)).toBe(true);
    expect(goldens.intervals.length).toBeGreaterThan(100);
  });

  it.each(goldens.intervals.map((row) => [`${row.k} of ${row.n} at ${row.level}`, row] as const))('%s', (_name, row) => {
    const interval = clopperPearson(row.k, row.n, row.level);
    expect(Math.abs(interval.low - row.low)).toBeLessThanOrEqual(TOLERANCE);
    expect(Math.abs(interval.high - row.high)).toBeLessThanOrEqual(TOLERANCE);
    expect(interval.method).toBe('clopper-pearson');
    expect(interval.low).toBeLessThanOrEqual(row.k / row.n);
    expect(interval.high).toBeGreaterThanOrEqual(row.k / row.n);
  });

  it('incomplete beta equals beta.cdf and its inverse returns x', () => {
    for (const { x, a, b, cdf } of goldens.incomplete_beta) {
      expect(Math.abs(regularizedIncompleteBeta(x, a, b) - cdf)).toBeLessThanOrEqual(TOLERANCE);
      if (cdf > 1e-12 && cdf < 1 - 1e-12) expect(Math.abs(inverseRegularizedIncompleteBeta(cdf, a, b) - x)).toBeLessThanOrEqual(1e-7);
    }
  });

  it('regenerated goldens equal the committed ones where scipy is installed', (context) => {
    const python = '/usr/bin/python3';
    if (!existsSync(python) || spawnSync(python, ['-c', 'import scipy'], { encoding: 'utf8' }).status !== 0) {
      context.skip();
      return;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'binomial-goldens-'));
    try {
      const out = path.join(dir, 'goldens.json');
      const run = spawnSync(python, [GENERATOR, '--out', out], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const fresh = JSON.parse(readFileSync(out, 'utf8')) as typeof goldens;
      expect(fresh.intervals.length).toBe(goldens.intervals.length);
      fresh.intervals.forEach((row, i) => {
        expect(row.k).toBe(goldens.intervals[i].k);
        expect(Math.abs(row.low - goldens.intervals[i].low)).toBeLessThanOrEqual(TOLERANCE);
        expect(Math.abs(row.high - goldens.intervals[i].high)).toBeLessThanOrEqual(TOLERANCE);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('counted rates', () => {
  it('shows zero errors with the two-sided upper bound', () => {
    const rate = countedRate(0, 16)!;
    expect(rate.rate).toBe(0);
    expect(rate.ci.low).toBe(0);
    expect(rate.ci.high).toBeCloseTo(0.2059, 4);
  });

  it('has no rate without attempts and rejects impossible counts', () => {
    expect(countedRate(0, 0)).toBeNull();
    expect(() => clopperPearson(3, 2)).toThrow(MetricsInputError);
    expect(() => clopperPearson(-1, 2)).toThrow(MetricsInputError);
    expect(() => clopperPearson(0.5, 2)).toThrow(MetricsInputError);
    expect(() => clopperPearson(1, 2, 1)).toThrow(MetricsInputError);
  });
});
