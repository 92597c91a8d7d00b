// One scoring run writes to a workspace at a time: a second `uad score` on a busy workspace is refused
// with "workspace busy: run N by process P since T" and the first run is never marked interrupted; a
// lock left by a dead process is taken over. Read-only commands never create or modify a workspace.
// Node side (real CLI processes, real SQLite).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../../test/support/cli.js';
import { repoRoot, shippedModel } from '../../test/support/models.js';
import { connectionOf } from './connection.js';
import { WorkspaceBusyError } from './scoring-lock.js';
import { NoWorkspaceError, Workspace } from './workspace.js';

async function writeImages(root: string, count: number): Promise<string> {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const relative = `${i % 2 ? 'live' : 'spoof/print'}/img-${i}.jpg`;
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    await sharp({ create: { width: 48, height: 48, channels: 3, background: { r: 100 + i, g: 120, b: 140 } } }).jpeg().toFile(path.join(root, relative));
    lines.push(`${relative} ${i % 2 ? 0 : 1}`);
  }
  const list = path.join(root, 'list_test.txt');
  writeFileSync(list, lines.join('\n') + '\n');
  return list;
}

describe('workspace scoring lock', () => {
  it('refuses a second scoring process while the first runs; the first completes and is never marked interrupted', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-lock-'));
    const list = await writeImages(root, 24);
    const workspace = path.join(root, 'ws');
    const args = ['score', list, '--model', shippedModel(), '--workspace', workspace, '--batch', '2', '--progress', 'lines'];
    const first = spawnCli(args);
    let stderr = '';
    // Freeze the first process as soon as its run has started: it holds the lock, alive but not finishing.
    await new Promise<void>((resolve, reject) => {
      first.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/progress done=/.test(stderr) && !first.killed) { first.kill('SIGSTOP'); resolve(); }
      });
      first.on('close', () => reject(new Error(`the first run ended before it could be paused:\n${stderr}`)));
    });
    const second = await runCli(args.slice(0, -1).concat('none'));
    first.kill('SIGCONT');
    const firstCode = await new Promise<number | null>((resolve) => first.on('close', resolve));

    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`workspace busy: run 1 by process ${first.pid} since \\d{4}-\\d\\d-\\d\\dT`));
    expect(firstCode).toBe(0);
    const ws = Workspace.openExisting(workspace, { readOnly: true });
    const runs = connectionOf(ws).all<{ status: string; scored: number; error: string | null }>('SELECT status, scored, error FROM runs ORDER BY id');
    expect(runs).toEqual([{ status: 'completed', scored: 24, error: null }]);
    expect(connectionOf(ws).get<{ n: number }>("SELECT COUNT(*) AS n FROM custody_log WHERE detail LIKE '%interrupted%'")!.n).toBe(0);
    expect(connectionOf(ws).get<{ n: number }>("SELECT COUNT(*) AS n FROM meta WHERE key = 'scoring_lock'")!.n).toBe(0);
    // The list file the run read is recorded with its SHA-256.
    const start = connectionOf(ws).get<{ detail: string }>("SELECT detail FROM custody_log WHERE action = 'run' AND detail LIKE '%\"start\"%'")!;
    expect(JSON.parse(start.detail)).toMatchObject({ datasetFile: { path: list, sha256: createHash('sha256').update(readFileSync(list)).digest('hex') } });
    expect(connectionOf(ws).get<{ list_path: string }>('SELECT list_path FROM datasets')!.list_path).toBe(list);
    ws.close();
  }, 180_000);

  it('names the live holder of the lock, and takes over a lock left by a process that died', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-stale-'));
    Workspace.open(dir).close();
    const script = `import { Workspace } from './electron/workspace/workspace.ts';
      const ws = Workspace.open(${JSON.stringify(dir)}); ws.lockForScoring(); console.log('locked'); setInterval(() => {}, 1000);`;
    const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('locked')) resolve(); }));

    const ws = Workspace.open(dir);
    expect(() => ws.lockForScoring()).toThrow(WorkspaceBusyError);
    expect(() => ws.lockForScoring()).toThrow(new RegExp(`workspace busy: a run \\(starting\\) by process ${holder.pid} since`));
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('close', resolve));
    const lock = ws.lockForScoring();
    expect(() => Workspace.open(dir).lockForScoring()).toThrow(WorkspaceBusyError); // now held by this process
    lock.release();
    ws.lockForScoring().release();
    ws.close();
  }, 60_000);
});

describe('read-only commands never create or modify a workspace', () => {
  it('export-scores and verify-case --workspace say "no workspace at PATH" for a mistyped path or an empty file, and leave it as it was', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-ro-'));
    const missing = path.join(root, 'no-such-ws');
    const exported = await runCli(['export-scores', '--workspace', missing, '--out', path.join(root, 'x.csv')]);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain(`no workspace at ${missing}`);
    expect(existsSync(missing)).toBe(false);

    const empty = path.join(root, 'empty.sqlite');
    writeFileSync(empty, '');
    expect((await runCli(['export-scores', '--workspace', empty, '--out', path.join(root, 'y.csv')])).stderr).toContain(`no workspace at ${empty}`);
    expect(statSync(empty).size).toBe(0);

    const folder = path.join(root, 'folder');
    mkdirSync(folder);
    const verified = await runCli(['verify-case', path.join(root, 'none.zip'), '--workspace', folder]);
    expect(verified.stderr).toContain(`no workspace at ${folder}`);
    expect(existsSync(path.join(folder, 'workspace.sqlite'))).toBe(false);
  }, 60_000);

  it('openExisting refuses files that are not workspaces without writing to them', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'uad-ro2-'));
    const text = path.join(root, 'notes.sqlite');
    writeFileSync(text, 'just some text, not SQLite');
    expect(() => Workspace.openExisting(text, { readOnly: true })).toThrow(NoWorkspaceError);
    expect(readFileSync(text, 'utf8')).toBe('just some text, not SQLite');
    expect(() => Workspace.openExisting(path.join(root, 'absent'), { readOnly: false })).toThrow('no workspace at');
  });
});
