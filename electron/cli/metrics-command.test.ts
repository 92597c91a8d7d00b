// End-to-end tests of `uad metrics`: spawns the real CLI (tsx electron/cli/index.ts) on temporary CSVs and
// checks its JSON against the library, the scikit-learn goldens and hand-computed ISO values.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import rocGoldensJson from '../../test/fixtures/metrics/roc-goldens.json' with { type: 'json' };
import isoGoldensJson from '../../test/fixtures/metrics/iso-goldens.json' with { type: 'json' };
import { certificationJson, certificationRates, evaluateScores, metricsReportJson, parseScoresCsv, ThresholdIndex } from '../../common/metrics/index.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const workDir = mkdtempSync(join(tmpdir(), 'uad-metrics-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(...args: string[]): CliResult {
  const result = spawnSync(tsx, ['electron/cli/index.ts', 'metrics', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeCsv(name: string, text: string): string {
  const path = join(workDir, name);
  writeFileSync(path, text);
  return path;
}

/** The keys of `metrics --json` these tests read (the CLI prints more). */
interface MetricsCliJson {
  auc: number;
  eer: number;
  eer_threshold: number;
  criterion: string;
  threshold: number;
  threshold_source: string;
  threshold_provenance: { chosen_on: unknown };
  apcer_by_species: Record<string, number>;
  apcer_max: number;
  apcer_pooled: number;
  bpcer: number;
  acer: number;
  hter: number;
  acc: number;
  bpcer_at_apcer: Record<string, number>;
  apcer_at_bpcer: Record<string, number>;
  roc: { fpr: number[]; tpr: number[]; thresholds: number[] };
  [key: string]: unknown;
}

function runJson(...args: string[]): MetricsCliJson {
  const result = runCli(...args, '--json');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as MetricsCliJson;
}

function expectAllClose(actual: number[], expected: number[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= 1e-9)) expect.fail(`${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}

interface RocGoldenCase {
  name: string;
  scores: number[];
  labels: number[];
  sklearn: { roc: { fpr: number[]; tpr: number[]; thresholds: number[] }; auc: number };
  reference: { eer: number; eer_threshold: number };
}
interface IsoRatesGolden {
  threshold: number;
  apcer_by_species: number[];
  [rate: string]: number | number[];
}
interface IsoGoldenCase {
  species_names: string[];
  scores: number[];
  labels: number[];
  species: number[];
  at_threshold: IsoRatesGolden[];
  bpcer_at_apcer: Record<string, { bpcer: number }>;
  apcer_at_bpcer: Record<string, { apcer_max: number }>;
  auc: number;
}
const rocCases = (rocGoldensJson as unknown as { cases: RocGoldenCase[] }).cases;
const iso = (isoGoldensJson as unknown as { case: IsoGoldenCase }).case;

/** The hand example: bona fide 0.1 0.2 0.3 0.6 | print 0.5 0.7 0.9 | replay 0.3 0.8. */
const handCsv = 'path,score,label,species,identity\na,0.1,0,live,i1\nb,0.2,0,live,i2\nc,0.3,0,live,i3\nd,0.6,0,live,i1\ne,0.5,1,print,i1\nf,0.7,1,print,i2\ng,0.9,1,print,i3\nh,0.3,1,replay,i1\ni,0.8,1,replay,i2\n';

describe('uad metrics --json against scikit-learn goldens', () => {
  it.each(['random-normal-300', 'tied-2-decimals-600', 'negative-and-large-scores-12'])('%s: ROC, AUC and EER to 1e-9', (name) => {
    const golden = rocCases.find((c) => c.name === name)!;
    // label before score, plus an ignored path column, as a later command writes its CSVs.
    const rows = golden.scores.map((score, i) => `img${i}.png,${golden.labels[i]},${score}`);
    const path = writeCsv(`${name}.csv`, `path,label,score\n${rows.join('\n')}\n`);
    const json = runJson('--scores', path);
    expect(Math.abs(json.auc - golden.sklearn.auc)).toBeLessThanOrEqual(1e-9);
    expectAllClose(json.roc.fpr, golden.sklearn.roc.fpr, 'fpr');
    expectAllClose(json.roc.tpr, golden.sklearn.roc.tpr, 'tpr');
    expectAllClose(json.roc.thresholds, golden.sklearn.roc.thresholds, 'thresholds');
    expect(Math.abs(json.eer - golden.reference.eer)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(json.eer_threshold - golden.reference.eer_threshold)).toBeLessThanOrEqual(1e-9);
    expect(json.threshold).toBe(json.eer_threshold);
  });

  describe('three species (brute-force ISO goldens)', () => {
    const names = iso.species_names;
    const rows = iso.scores.map((score, i) => {
      const species = iso.labels[i] === 1 ? names[iso.species[i]] : 'live';
      return `${species},${score},${iso.labels[i]},subject${i % 37}`;
    });
    const path = writeCsv('iso.csv', `species,score,label,identity\n${rows.join('\n')}\n`);

    it('prints exactly what the library computes from the same file', () => {
      const json = runJson('--scores', path, '--criterion', 'bpcer20');
      const parsed = parseScoresCsv(`species,score,label,identity\n${rows.join('\n')}\n`, path);
      const report = evaluateScores({ scores: ThresholdIndex.build(parsed), scoresDescription: path, criterion: { kind: 'bpcer-at-apcer', maxApcer: 0.05 } });
      const library = { ...metricsReportJson(report), ...certificationJson(certificationRates(parsed, report.operatingPoint.provenance.threshold)) };
      expect(json).toEqual(JSON.parse(JSON.stringify(library)));
    });

    it.each(iso.at_threshold.slice(0, 8).map((g) => [g.threshold, g] as const))('--threshold %s matches every ISO rate', (threshold, golden) => {
      const json = runJson('--scores', path, '--threshold', String(threshold));
      expect(json.threshold).toBe(threshold);
      expect(json.criterion).toBe('fixed');
      expectAllClose(names.map((name) => json.apcer_by_species[name]), golden.apcer_by_species, 'apcer_by_species');
      const keys = ['apcer_max', 'apcer_pooled', 'bpcer', 'acer', 'acer_pooled', 'hter', 'acc'];
      expectAllClose(keys.map((key) => json[key] as number), keys.map((key) => golden[key] as number), keys.join(','));
      expect(Math.abs(json.auc - iso.auc)).toBeLessThanOrEqual(1e-9);
      expect(json.bpcer_at_apcer['0.05']).toBe(iso.bpcer_at_apcer['0.05'].bpcer);
      expect(json.bpcer_at_apcer['0.01']).toBe(iso.bpcer_at_apcer['0.01'].bpcer);
      expect(json.apcer_at_bpcer['0.05']).toBe(iso.apcer_at_bpcer['0.05'].apcer_max);
    });
  });
});

describe('uad metrics on the hand example', () => {
  const hand = writeCsv('hand.csv', handCsv);

  it('gives the hand-computed ISO values at --threshold 0.5', () => {
    const json = runJson('--scores', hand, '--threshold', '0.5');
    // print: none < 0.5 → 0; replay: 0.3 → 1/2; pooled 1/5; bona fide ≥ 0.5: 0.6 → 1/4.
    expect(json.apcer_by_species).toEqual({ print: 0, replay: 0.5 });
    expect([json.apcer_max, json.apcer_pooled, json.bpcer]).toEqual([0.5, 0.2, 0.25]);
    expect([json.acer, json.hter, json.acc]).toEqual([0.375, 0.225, 7 / 9]);
    expect(json.auc).toBe(0.875);
    expect(json.eer).toBeCloseTo(0.25, 15);
    expect(json.eer_threshold).toBeCloseTo(0.525, 15);
    expect(json.bpcer_at_apcer).toEqual({ '0.05': 0.5, '0.01': 0.5 });
    expect(json.threshold_source).toBe('fixed');
  });

  it('chooses the threshold on --dev and applies it to --scores, recording the provenance', () => {
    const test = writeCsv('test.csv', 'score,label\n0.2,0\n0.55,0\n0.65,0\n0.5,1\n0.6,1\n0.95,1\n');
    const json = runJson('--scores', test, '--dev', hand, '--criterion', 'eer');
    expect(json.threshold_source).toBe('dev');
    expect(json.threshold).toBeCloseTo(0.525, 15); // the hand example's EER threshold
    expect(json.threshold_provenance.chosen_on).toEqual({ description: hand, samples: 9, attacks: 5, bona_fide: 4 });
    // On test at 0.525: attack 0.5 missed (1/3); bona fide 0.55 and 0.65 called attack (2/3).
    expect(json.apcer_pooled).toBeCloseTo(1 / 3, 15);
    expect(json.bpcer).toBeCloseTo(2 / 3, 15);
  });

  it('prints a readable table by default that says where the threshold came from', () => {
    const result = runCli('--scores', hand, '--criterion', 'min-hter');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Threshold: 0\.7\d* by min-hter, chosen on the scores file itself/);
    expect(result.stdout).toMatch(/APCER \(ISO, worst species\)\s+50\.00 %\s+replay/);
    expect(result.stdout).toMatch(/attack: print\s+3\s+1\s+2\s+33\.33 %/);
  });
});

describe('uad metrics on bad input', () => {
  const dataErrors: [string, string, RegExp][] = [
    ['missing columns', 'score,species\n0.1,print\n', /missing columns\.csv:1: header lacks column 'label'/],
    ['non-numeric', 'score,label\n0.1,0\nhigh,1\n', /non-numeric\.csv:3: score 'high' is not a finite number/],
    ['NaN', 'score,label\n0.1,0\n0.2,1\nnan,1\n', /NaN\.csv:4: score is 'nan'/],
    ['empty file', '', /empty file\.csv:1: file is empty/],
    ['header only', 'score,label\n', /header only\.csv:2: no data rows/],
    ['label outside {0,1}', 'score,label\n0.1,0\n0.2,3\n', /label outside \{0,1\}\.csv:3: label '3' is not 0 \(bona fide\), 1 \(attack\), or empty, \? or unknown \(questioned\)/],
    ['ragged row', 'score,label,path\n0.1,0,a\n0.2,1\n', /ragged row\.csv:3: expected 3 fields/],
    ['unclosed quote', 'score,label,path\n0.1,0,"a\n0.2,1,b\n', /unclosed quote\.csv:2: quoted field is never closed/],
  ];
  it.each(dataErrors)('%s → exit 1 and an error naming file and line', (name, text, message) => {
    const result = runCli('--scores', writeCsv(`${name}.csv`, text));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('one class only → exit 1 naming the file', () => {
    const result = runCli('--scores', writeCsv('attacks-only.csv', 'score,label\n0.4,1\n0.9,1\n'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/attacks-only\.csv: all 2 samples are attacks/);
  });

  it('a missing file → exit 1 naming it', () => {
    const result = runCli('--scores', join(workDir, 'nope.csv'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/cannot read '.*nope\.csv': no such file/);
  });

  it('questioned rows (empty, ? or unknown label) are left out of every rate and counted, in --json and the table', () => {
    const labelled = ['path,score,label,status', 'a,0.9,1,ok', 'b,0.2,0,ok', 'c,0.7,1,ok', 'd,0.6,0,ok', 'e,0.1,1,ok', 'f,0.3,0,ok'];
    const labelledOnly = writeCsv('labelled-only.csv', `${labelled.join('\n')}\n`);
    // Questioned rows with scores on both sides of every threshold, and one that is a non-response.
    const mixed = writeCsv('mixed-questioned.csv', `${[...labelled, 'q1,0.95,,ok', 'q2,0.05,?,ok', 'q3,0.5,unknown,ok', 'q4,,,unreadable'].join('\n')}\n`);
    const expected = runJson('--scores', labelledOnly, '--criterion', 'fixed', '--threshold', '0.5');
    const got = runJson('--scores', mixed, '--criterion', 'fixed', '--threshold', '0.5');
    for (const key of ['auc', 'eer', 'apcer_max', 'apcer_pooled', 'bpcer', 'acer', 'hter', 'acc', 'apnrr', 'bpnrr', 'by_class']) expect(got[key]).toEqual(expected[key]);
    const rates = (json: MetricsCliJson) => json.counted_rates as { basis: string };
    expect({ ...rates(got), basis: '' }).toEqual({ ...rates(expected), basis: '' });
    expect(rates(got).basis).toMatch(/4 questioned samples \(no ground truth\) are left out of every rate\./);
    expect(expected.questioned_left_out).toBe(0);
    expect(got.questioned_left_out).toBe(4);
    const table = runCli('--scores', mixed, '--criterion', 'fixed', '--threshold', '0.5');
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/6 samples \(3 attacks .*3 bona fide\)/);
    expect(table.stdout).toMatch(/Left out: 4 questioned samples \(no ground truth\)/);
  });

  it('rows outside the model\'s domain are non-responses by default; the switch decides them by score and says how many it moves', () => {
    const rows = ['score,label,in_domain', '0.9,1,true', '0.2,0,true', '0.7,1,true', '0.3,0,unknown', '0.1,1,false', '0.8,0,false'];
    const file = writeCsv('domain.csv', `${rows.join('\n')}\n`);
    const byDefault = runJson('--scores', file, '--threshold', '0.5');
    expect(byDefault.out_of_domain).toEqual({ samples: 2, decided_by_score: false });
    expect([byDefault.apcer_pooled, byDefault.bpcer]).toEqual([0, 0]);
    expect(byDefault.apnrr).toMatchObject({ errors: 1, attempts: 3 });
    expect(byDefault.bpnrr).toMatchObject({ errors: 1, attempts: 3 });
    expect((byDefault.counted_rates as { basis: string }).basis).toMatch(/2 of the non-responses are outside the model's domain/);
    const decided = runJson('--scores', file, '--threshold', '0.5', '--decide-out-of-domain-by-score');
    expect(decided.out_of_domain).toEqual({ samples: 2, decided_by_score: true });
    expect([decided.apcer_pooled, decided.bpcer]).toEqual([1 / 3, 1 / 3]);
    expect(runCli('--scores', file, '--threshold', '0.5').stdout).toMatch(/Out of domain: 2 samples are inconclusive, counted as non-responses/);
  });

  it('a label that is neither 0, 1, empty, ? nor unknown → exit 1 naming its line', () => {
    const result = runCli('--scores', writeCsv('bad-label.csv', 'score,label\n0.9,1\n0.2,0\n0.4,maybe\n'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/bad-label\.csv:4: label 'maybe' is not 0 \(bona fide\), 1 \(attack\), or empty, \? or unknown \(questioned\)/);
  });

  it.each([
    [['--criterion', 'eer'], /--scores FILE\.csv is required/],
    [['--scores', 'x.csv', '--criterion', 'far'], /unknown threshold criterion 'far'/],
    [['--scores', 'x.csv', '--criterion', 'fixed'], /criterion 'fixed' needs a threshold/],
    [['--scores', 'x.csv', '--threshold', 'NaN'], /--threshold 'NaN' is not a finite number/],
    [['--scores', 'x.csv', '--bogus'], /unknown argument '--bogus'/],
    [['--scores', 'x.csv', '--bootstrap', '1000000000'], /--bootstrap '1000000000' must be an integer from 2 to 20000/],
  ])('usage error %j → exit 2', (args, message) => {
    const result = runCli(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
