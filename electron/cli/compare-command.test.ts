// End-to-end tests of `uad compare`: spawns the real CLI on CSVs written from the paired goldens and checks its
// JSON against the Python oracle (McNemar, DeLong to 1e-9), and that unpairable inputs are refused or intersected.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import goldens from '../../test/fixtures/metrics/paired-goldens.json' with { type: 'json' };

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const workDir = mkdtempSync(join(tmpdir(), 'uad-compare-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
const TOLERANCE = 1e-9;

function runCli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(tsx, ['electron/cli/index.ts', 'compare', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

type Golden = (typeof goldens.cases)[number];

/** One model's scores of a golden case as a CSV with paths; `rows` picks and orders the samples. */
function writeCsv(name: string, golden: Golden, model: 'a' | 'b', rows: number[], species: (i: number) => string = (i) => golden.species_names[golden.species_codes[i]]): string {
  const scores = model === 'a' ? golden.scores_a : golden.scores_b;
  const lines = ['path,score,label,species', ...rows.map((i) => `img/${i}.png,${scores[i]},${golden.labels[i]},${golden.labels[i] === 1 ? species(i) : ''}`)];
  const file = join(workDir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const caseNamed = (name: string): Golden => goldens.cases.find((golden) => golden.name === name)!;
const all = (golden: Golden): number[] => golden.labels.map((_, i) => i);

interface PairJson {
  a: string; b: string; n: number; threshold_a: number; threshold_b: number;
  mcnemar: { attack: { b01: number; b10: number; p: number }; bona_fide: { b01: number; b10: number; p: number } };
  delong: { auc_a: number; auc_b: number; diff: number; low: number; high: number; p: number };
  bootstrap: Record<'acer' | 'apcer_max' | 'bpcer' | 'eer', { diff: number; low: number; high: number }>;
  species: { name: string; diff: number; p_holm: number }[];
  reading: string[];
}

describe('uad compare', () => {
  it.each(['moderate, continuous', 'heavy ties', 'large, strongly correlated'])('--json equals the Python oracle at the given thresholds (%s)', (name) => {
    const golden = caseNamed(name);
    // B's file lists the samples in reverse order: pairing is by path, not by row.
    const a = writeCsv(`${name}-a.csv`, golden, 'a', all(golden));
    const b = writeCsv(`${name}-b.csv`, golden, 'b', all(golden).reverse());
    const run = runCli(a, b, '--threshold-a', String(golden.threshold_a), '--threshold-b', String(golden.threshold_b), '--bootstrap', '200', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { pairs } = JSON.parse(run.stdout) as { pairs: PairJson[] };
    expect(pairs).toHaveLength(1);
    const [pair] = pairs;
    expect([pair.a, pair.b, pair.n]).toEqual([a, b, golden.labels.length]);
    expect([pair.threshold_a, pair.threshold_b]).toEqual([golden.threshold_a, golden.threshold_b]);
    for (const group of ['attack', 'bona_fide'] as const) {
      expect([pair.mcnemar[group].b01, pair.mcnemar[group].b10]).toEqual([golden.mcnemar[group].b01, golden.mcnemar[group].b10]);
      expect(Math.abs(pair.mcnemar[group].p - golden.mcnemar[group].p)).toBeLessThanOrEqual(TOLERANCE);
    }
    for (const key of ['auc_a', 'auc_b', 'diff', 'low', 'high', 'p'] as const) expect(Math.abs(pair.delong[key] - golden.delong[key])).toBeLessThanOrEqual(TOLERANCE);
    // The CSV lists species in the order they first appear; match them by name.
    expect(pair.species.map((row) => row.name).sort()).toEqual(golden.species.map((row) => row.name).sort());
    for (const row of pair.species) {
      const expected = golden.species.find((s) => s.name === row.name)!;
      expect(Math.abs(row.p_holm - expected.p_holm)).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(row.diff - expected.diff)).toBeLessThanOrEqual(TOLERANCE);
    }
    for (const key of ['acer', 'apcer_max', 'bpcer', 'eer'] as const) {
      expect(pair.bootstrap[key].low).toBeLessThanOrEqual(pair.bootstrap[key].high);
    }
    expect(pair.reading).toHaveLength(3);
  });

  it('prints the paired table with each model\'s own τ and compares every pair of three files', () => {
    const golden = caseNamed('moderate, continuous');
    const a = writeCsv('three-a.csv', golden, 'a', all(golden));
    const b = writeCsv('three-b.csv', golden, 'b', all(golden));
    const run = runCli(a, b, a, '--bootstrap', '50');
    expect(run.status).toBe(0);
    expect(run.stdout.match(/^A: /gm)).toHaveLength(3);
    expect(run.stdout).toMatch(/τ = [\d.]+ \(eer on its own paired scores\)/);
    expect(run.stdout).toMatch(/McNemar, attacks: {3}b01 = \d+ \(A right, B wrong\)/);
    expect(run.stdout).toMatch(/B's BPCER is (lower|higher) by/);
  });

  it('refuses different sample sets with the counts, and compares their intersection when asked', () => {
    const golden = caseNamed('moderate, continuous');
    const rows = all(golden);
    const a = writeCsv('subset-a.csv', golden, 'a', rows.slice(0, 140));
    const b = writeCsv('subset-b.csv', golden, 'b', rows.slice(5));
    const refused = runCli(a, b);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('different samples: 135 in both, 5 only in');
    expect(refused.stderr).toContain('10 only in');
    expect(refused.stdout).toBe('');
    const intersected = runCli(a, b, '--intersect', '--bootstrap', '50', '--json');
    expect(intersected.status).toBe(0);
    expect((JSON.parse(intersected.stdout) as { pairs: PairJson[] }).pairs[0].n).toBe(135);
    expect(runCli(a, b, '--intersect', '--bootstrap', '50').stdout).toContain('the intersection: 5 samples only in A and 10 only in B left out');
  });

  it('refuses files that disagree on a sample\'s attack species or class, and files without paths', () => {
    const golden = caseNamed('moderate, continuous');
    const a = writeCsv('species-a.csv', golden, 'a', all(golden));
    const firstAttack = golden.labels.indexOf(1);
    const b = writeCsv('species-b.csv', golden, 'b', all(golden), (i) => (i === firstAttack ? 'other' : golden.species_names[golden.species_codes[i]]));
    const run = runCli(a, b);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`disagree on the class of 1 samples, e.g. 'img/${firstAttack}.png'`);
    const noPath = join(workDir, 'no-path.csv');
    writeFileSync(noPath, 'score,label\n0.1,0\n0.9,1\n');
    const missing = runCli(noPath, a);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('has no path column');
  });

  it('answers bad usage with status 2', () => {
    expect(runCli('only-one.csv').status).toBe(2);
    expect(runCli('a.csv', 'b.csv', '--threshold-a', 'x').status).toBe(2);
    expect(runCli('a.csv', 'b.csv', '--model', 'ab').status).toBe(2);
    expect(runCli('--workspace', 'w', '--model', 'ab').stderr).toContain('at least two --model');
  });
});
