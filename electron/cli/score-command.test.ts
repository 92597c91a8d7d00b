// `uad score` as a user runs it: a UniAttackData-format list end to end, export to the metrics CLI,
// and a kill -9 in the middle of a run followed by a complete, duplicate-free resume.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../../test/support/cli.js';
import { shippedModel } from '../../test/support/models.js';
import { Workspace } from '../workspace/workspace.js';
import { predictionTally } from '../workspace/predictions.js';
import { listRuns } from '../workspace/runs.js';
import { sampleCount } from '../workspace/samples.js';

async function writeFace(file: string, seed: number): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const pixels = Buffer.alloc(64 * 64 * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 13 + seed * 101) % 256;
  await sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } }).jpeg().toFile(file);
}

describe('uad score', () => {
  it('scores a UniAttackData-format list end to end, reporting missing images, and exports scores for uad metrics', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-list-'));
    const lines = [
      ['UniAttackData/Data/live/east-asia/EA-001/real.rssdk/color/0001.jpg', 0],
      ['UniAttackData/Data/live/east-asia/EA-002/real.rssdk/color/0001.jpg', 0],
      ['UniAttackData/Data/spoof/east-asia/EA-001/screen-rs/color/0001.jpg', 1],
      ['UniAttackData/Data/adv-attacks/alma/alma_east-asia-112x112/EA-002/0001.jpg', 2],
      ['UniAttackData/Data/simswap/east-asia/EA-001-To-CA-021/14.jpg', 3],
      ['UniAttackData/Data/spoof/east-asia/EA-003/cloth-indoor/color/0001.jpg', 1], // absent on disk
    ] as const;
    for (const [index, [relative]] of lines.slice(0, 5).entries()) await writeFace(path.join(root, relative), index);
    const list = path.join(root, 'UniAttackData@p1_image_test.txt');
    writeFileSync(list, lines.map(([p, l]) => `${p} ${l}`).join('\n') + '\n');
    const workspace = path.join(root, 'ws');

    const scored = await runCli(['score', list, '--model', shippedModel(), '--workspace', workspace, '--batch', '2', '--progress', 'none']);
    expect(scored.stderr + scored.stdout).toMatch(/completed: 5 scored, 0 already scored by this model, 1 failed, 0 line\(s\) not samples/);
    expect(scored.code).toBe(0);
    expect(scored.stdout).toMatch(/failed: .*cloth-indoor.*file not found/);

    const csv = path.join(root, 'scores.csv');
    const exported = await runCli(['export-scores', '--workspace', workspace, '--out', csv]);
    expect(exported.code).toBe(0);
    const metrics = await runCli(['metrics', '--scores', csv, '--json']);
    expect(metrics.code, metrics.stderr).toBe(0);
    const report = JSON.parse(metrics.stdout) as {
      apcer_by_species: Record<string, number>; auc: number; apnrr: { errors: number; attempts: number }; bpnrr: { errors: number; attempts: number };
      non_responses: { samples: { path: string; class: string; reason: string }[] }; by_class: Record<string, { attacks: number } | null>;
    };
    expect(Object.keys(report.apcer_by_species).sort()).toEqual(['alma', 'screen-rs', 'simswap']);
    expect(report.auc).toBeGreaterThanOrEqual(0);
    // The missing image is a non-response of a presentation attack, listed with its reason.
    expect(report.apnrr).toMatchObject({ errors: 1, attempts: 4 });
    expect(report.bpnrr).toMatchObject({ errors: 0, attempts: 2 });
    expect(report.non_responses.samples).toEqual([expect.objectContaining({ path: lines[5][0], class: 'presentation', reason: expect.stringMatching(/not found/) })]);
    expect([report.by_class.presentation?.attacks, report.by_class.adversarial?.attacks, report.by_class.digital?.attacks]).toEqual([1, 1, 1]);
  });

  it('survives kill -9 mid-run: the re-run completes with no duplicate and no lost rows', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-kill-'));
    const total = 96;
    for (let i = 0; i < total; i++) await writeFace(path.join(root, i % 2 ? 'live' : 'attack/print', `img-${String(i).padStart(3, '0')}.jpg`), i);
    const workspace = path.join(root, 'ws');
    const args = ['score', root, '--model', shippedModel(), '--workspace', workspace, '--batch', '4', '--progress', 'lines'];

    const child = spawnCli(args);
    let stderr = '';
    const killedAfter = await new Promise<number>((resolve, reject) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const done = [...stderr.matchAll(/progress done=(\d+)/g)].map((m) => Number(m[1]));
        if (done.length > 0 && done.at(-1)! >= 12 && done.at(-1)! < total) {
          child.kill('SIGKILL');
          resolve(done.at(-1)!);
        }
      });
      child.on('close', () => reject(new Error(`the run ended before it could be killed:\n${stderr}`)));
    });
    await new Promise((resolve) => child.on('close', resolve));
    expect(child.signalCode).toBe('SIGKILL');

    const afterKill = Workspace.open(workspace);
    const committed = predictionTally(afterKill).rows;
    afterKill.close();
    // Everything reported done was committed; at most the batches in flight (3 × 4) are lost.
    expect(committed).toBeGreaterThanOrEqual(killedAfter);
    expect(committed).toBeLessThan(total);

    const rerun = await runCli([...args.slice(0, -1), 'none']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain(`${total - committed} scored, ${committed} already scored by this model`);

    const final = Workspace.open(workspace);
    expect(predictionTally(final)).toEqual({ rows: total, samples: total });
    expect(sampleCount(final)).toBe(total);
    const runs = listRuns(final, { order: 'oldest' });
    expect(runs.map((r) => r.status)).toEqual(['failed', 'completed']);
    expect(runs[0]!.error).toMatch(/interrupted/);
    expect(final.verifyCustody()).toMatchObject({ ok: true });
    final.close();
  });
});
