// `uad metrics` with non-responses, attack classes, readiness profiles and split leakage: spawns the
// real CLI on hand-made CSVs whose counts are known and checks its JSON and its exit status.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { clopperPearson } from '../../common/metrics/index.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const workDir = mkdtempSync(join(tmpdir(), 'uad-cert-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function uad(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(tsx, ['electron/cli/index.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, lines: string[]): string {
  const path = join(workDir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** `n` rows of one species (`errors` of them wrong at threshold 0.5), identities id-<prefix><i % 5>. */
function rows(n: number, errors: number, label: 0 | 1, species: string, prefix: string, status = ''): string[] {
  return Array.from({ length: n }, (_, i) => {
    const wrong = i < errors;
    const score = status !== '' ? '' : label === 1 ? (wrong ? '0.2' : '0.9') : wrong ? '0.8' : '0.1';
    return `${score},${label},${species},${label === 1 ? 'presentation' : ''},${prefix}${i % 5},${status}`;
  });
}
const HEADER = 'score,label,species,class,identity,status';

interface CountedJson { rate: number; errors: number; attempts: number; ci: { method: string; low: number; high: number } }

describe('uad metrics: counted rates, non-responses and profiles', () => {
  it('counts unreadable and skipped samples as non-responses and prints exact intervals', () => {
    const file = write('nr.csv', [HEADER, ...rows(16, 0, 1, 'print', 'a'), ...rows(4, 0, 1, 'print', 'a', 'unreadable'), ...rows(30, 3, 0, '', 'b'), ...rows(2, 0, 0, '', 'b', 'skipped')]);
    const result = uad('metrics', '--scores', file, '--threshold', '0.5', '--json');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { apnrr: CountedJson; bpnrr: CountedJson; apcer_ap: CountedJson & { species: string }; ci: Record<string, { method: string; low: number; high: number }>; non_responses: { count: number; samples: { reason: string }[] } };
    expect(json.apnrr).toMatchObject({ errors: 4, attempts: 20 });
    expect(json.bpnrr).toMatchObject({ errors: 2, attempts: 32 });
    expect(json.apcer_ap).toMatchObject({ species: 'print', errors: 0, attempts: 16 });
    expect(json.ci.apcer_ap).toEqual({ method: 'clopper-pearson', level: 0.95, ...{ low: 0, high: clopperPearson(0, 16).high } });
    expect(json.non_responses.samples.map((s) => s.reason)).toEqual(['unreadable', 'unreadable', 'unreadable', 'unreadable', 'skipped', 'skipped']);
    const table = uad('metrics', '--scores', file, '--threshold', '0.5');
    expect(table.stdout).toContain('0 of 16: 0.00–20.59 %');
    expect(table.stdout).toContain('exclude the 6 non-responses');
  });

  it('gives pass, fail and insufficient verdicts for the NIST profile on three hand-made files', () => {
    const verdict = (name: string, n: number, errors: number): string => {
      const file = write(name, [HEADER, ...rows(n, errors, 1, 'print', 'a'), ...rows(20, 0, 0, '', 'b')]);
      const result = uad('metrics', '--scores', file, '--threshold', '0.5', '--profile', 'nist-800-63a-4', '--json');
      expect(result.status).toBe(0);
      return (JSON.parse(result.stdout) as { profile: { requirements: { verdict: string }[] } }).profile.requirements.map((r) => r.verdict).join(',');
    };
    expect(verdict('pass.csv', 200, 2)).toBe('pass');
    expect(verdict('fail.csv', 100, 20)).toBe('fail');
    expect(verdict('short.csv', 100, 2)).toBe('insufficient');
  });

  it('checks the FIDO profile at both IAPAR thresholds and names both of its sources', () => {
    const file = write('fido.csv', [HEADER, ...rows(400, 40, 1, 'print', 'a'), ...rows(20, 0, 0, '', 'b')]);
    const result = uad('metrics', '--scores', file, '--threshold', '0.5', '--profile', 'fido-biometric-pad', '--json');
    expect(result.status).toBe(0);
    const profile = (JSON.parse(result.stdout) as { profile: { further_sources: { url: string }[]; requirements: { id: string; verdict: string }[] } }).profile;
    expect(profile.requirements.map((r) => `${r.id} ${r.verdict}`)).toEqual(['iapar-species-7 fail', 'iapar-species-15 pass']);
    expect(profile.further_sources.map((s) => s.url)).toEqual(['https://fidoalliance.org/specs/mds/fido-metadata-statement-v3.1-ps-20250521.html#sctn-type-bad']);
    const table = uad('metrics', '--scores', file, '--threshold', '0.5', '--profile', 'fido-biometric-pad').stdout;
    expect(table).toContain('also: FIDO Metadata Statement v3.1');
    expect(table).toContain('1 pass, 1 fail, 0 insufficient, 0 not evaluated');
  });

  it('reads a user profile file and refuses an unknown profile name', () => {
    const profile = join(workDir, 'lab.json');
    writeFileSync(profile, JSON.stringify({ id: 'lab', name: 'Lab rule', status: 'indicative, not a certification', source: { title: 'Lab rule 4', url: 'https://lab.example/4' }, unverified: [], attack_classes: ['presentation'], operating_point: 'evaluated threshold', expected_species: null, requirements: [{ id: 'bp', rate: 'bpcer', max: 0.2, min_attempts: 10, text: 'BPCER ≤ 20 %' }] }));
    const file = write('user.csv', [HEADER, ...rows(30, 0, 1, 'print', 'a'), ...rows(100, 1, 0, '', 'b')]);
    const result = uad('metrics', '--scores', file, '--threshold', '0.5', '--profile', profile, '--json');
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { profile: { id: string; requirements: { verdict: string }[] } }).profile).toMatchObject({ id: 'lab', requirements: [{ verdict: 'pass' }] });
    const unknown = uad('metrics', '--scores', file, '--profile', 'ibeta-level9');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no profile 'ibeta-level9'; shipped profiles: ibeta-level1/);
  });

  it('warns about identities shared between train, dev and test', () => {
    const test = write('leak-test.csv', [HEADER, ...rows(10, 1, 1, 'print', 't'), ...rows(10, 1, 0, '', 's')]);
    const dev = write('leak-dev.csv', [HEADER, ...rows(10, 1, 1, 'print', 'd'), ...rows(10, 1, 0, '', 's')]);
    const train = write('leak-train.csv', [HEADER, ...rows(10, 1, 1, 'print', 't'), ...rows(10, 1, 0, '', 'x')]);
    const result = uad('metrics', '--scores', test, '--dev', dev, '--train', train, '--json');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { leakage: { pairs: { a: string; b: string; shared: number }[]; warnings: string[] } };
    expect(json.leakage.pairs.map((p) => p.shared)).toEqual([0, 5, 5]); // train–dev, train–test, dev–test
    expect(json.leakage.warnings).toHaveLength(2);
    expect(uad('metrics', '--scores', test, '--dev', dev).stdout).toContain('WARNING: 5 identities are in both dev');
  });
});
