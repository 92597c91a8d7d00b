// `--bootstrap` of `uad report` and `uad metrics`: the replicate count bounded, the cost of a large bootstrap
// said before it starts, progress on stderr, and Ctrl-C leaving no report behind.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../../test/support/cli.js';
import { bootstrapProgress } from './bootstrap-progress.js';

/** A scores CSV of `rows` rows, half bona fide, half print attacks, scores spread over (0, 1). */
function scoresCsv(dir: string, rows: number): string {
  const lines = ['path,label,score,species'];
  for (let i = 0; i < rows; i++) {
    const attack = i % 2;
    lines.push(`img-${i}.jpg,${attack},${((((i * 7919) % 1000) + 0.5) / 1000 * 0.6 + attack * 0.4).toFixed(6)},${attack ? 'print' : ''}`);
  }
  const file = path.join(dir, 'scores.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('--bootstrap bounds', () => {
  it('refuses more than 20 000 replicates in uad report and uad metrics (bad usage)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-boot-'));
    const csv = scoresCsv(dir, 40);
    const report = await runCli(['report', '--scores', csv, '--bootstrap', '100000', '--out', path.join(dir, 'r.html')]);
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/--bootstrap '100000' must be 0 or an integer from 2 to 20000/);
    expect(existsSync(path.join(dir, 'r.html'))).toBe(false);
    const metrics = await runCli(['metrics', '--scores', csv, '--bootstrap', '20001']);
    expect(metrics.code).toBe(2);
    expect(metrics.stderr).toMatch(/must be an integer from 2 to 20000/);
  });

  it('estimates a large bootstrap before it starts and says nothing of a small one', () => {
    const said: string[] = [];
    expect(bootstrapProgress('uad report', 1000, 10_000, (t) => said.push(t))).toBeUndefined();
    expect(said).toEqual([]);
    const progress = bootstrapProgress('uad report', 20_000, 1_000_000, (t) => said.push(t));
    expect(said).toEqual(['uad report: bootstrap of 20000 replicates × 1000000 scores (2.0e+10 draws): about 8 min on one core; Ctrl-C cancels, nothing is written before it ends\n']);
    progress!(200, 20_000);
    expect(said[1]).toMatch(/^uad report: bootstrap 1 % \(200 of 20000 replicates\), about .* left\n$/);
  });

  it('shows progress of a long bootstrap on stderr; Ctrl-C ends it with status 130 and writes no report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-boot-'));
    const csv = scoresCsv(dir, 100_000);
    const out = path.join(dir, 'report.html');
    const child = spawnCli(['report', '--scores', csv, '--bootstrap', '20000', '--out', out]);
    let stderr = '';
    try {
      await new Promise<void>((resolve, reject) => {
        child.stderr!.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          if (/bootstrap \d+ % \(\d+ of 20000 replicates\)/.test(stderr)) resolve();
        });
        child.on('close', () => reject(new Error(`ended before any progress: ${stderr}`)));
      });
      expect(stderr).toMatch(/uad report: bootstrap of 20000 replicates × 100000 scores \(2\.0e\+9 draws\): about 50 s on one core; Ctrl-C cancels/);
      const ended = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (code, signal) => resolve([code, signal])));
      child.kill('SIGINT');
      const [code, signal] = await ended;
      expect(code === 130 || signal === 'SIGINT', `exit ${code} ${signal}`).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(['scores.csv']);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
