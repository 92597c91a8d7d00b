// Typed-path checks against real files: what the host gathers (kind, size, readability, the start of a
// file) and the app handlers that check a scores CSV path and read it; Node side.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAD_BYTES } from '../../common/path-check.js';
import { appHandlers } from './app-handlers.js';
import type { HostEnvironment } from './host-environment.js';
import { pathFacts } from './path-facts.js';
import { RecentStore } from './recent-store.js';
import type { WorkbenchSession } from './session.js';

function folderWithFiles() {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-path-facts-'));
  const at = (name: string, text?: string) => {
    const file = path.join(dir, name);
    if (text !== undefined) writeFileSync(file, text);
    return file;
  };
  mkdirSync(at('folder.csv'));
  const rows = Array.from({ length: 12000 }, (_, i) => `${(i % 100) / 100},${i % 2}`);
  return {
    dir,
    good: at('test.csv', 'score,label\n0.9,1\n0.1,0\n'),
    empty: at('dev.csv', ''),
    wrong: at('train.csv', 'image,prob\na.png,0.9\n'),
    long: at('long.csv', `score,label\n${rows.join('\n')}\n`),
    folder: at('folder.csv'),
    missing: at('gone.csv'),
  };
}

const handlers = () => appHandlers(
  { mode: 'browser', emit: () => undefined, session: {} as WorkbenchSession } satisfies HostEnvironment,
  new RecentStore(path.join(mkdtempSync(path.join(tmpdir(), 'uad-recent-')), 'recent.json')),
);
const ctx = { transport: 'http' } as const;

describe('pathFacts', () => {
  it('tells files, folders and missing paths apart, with size and readability; the start of a file on request', async () => {
    const f = folderWithFiles();
    expect(await pathFacts(f.good)).toEqual({ entry: 'file', parent: 'folder', parentWritable: true, readable: true, size: 24 });
    expect(await pathFacts(f.good, true)).toMatchObject({ head: { text: 'score,label\n0.9,1\n0.1,0\n', complete: true } });
    expect(await pathFacts(f.empty, true)).toEqual({ entry: 'file', parent: 'folder', parentWritable: true, readable: true, size: 0 });
    expect(await pathFacts(f.folder, true)).toEqual({ entry: 'folder', parent: 'folder', parentWritable: true, readable: false, size: 0 });
    expect(await pathFacts(f.missing, true)).toEqual({ entry: 'missing', parent: 'folder', parentWritable: true, readable: false, size: 0 });
    const long = await pathFacts(f.long, true);
    expect(long.size).toBeGreaterThan(HEAD_BYTES);
    expect(long.head?.complete).toBe(false);
    expect(long.head?.text.length).toBe(HEAD_BYTES);
  });

  it('finds a file this process may not read', async (ctx) => {
    const f = folderWithFiles();
    chmodSync(f.dir, 0o755);
    chmodSync(f.good, 0o000);
    if (process.getuid?.() !== 0) {
      expect(await pathFacts(f.good, true)).toMatchObject({ entry: 'file', readable: false });
      return;
    }
    // root reads every file: ask as an unprivileged user (nobody) in a child process instead — where that user can
    // run this checkout at all (a checkout under a private home folder cannot be)
    const asNobody = { uid: 65534, gid: 65534, encoding: 'utf8' as const, cwd: process.cwd(), env: { ...process.env, HOME: tmpdir() } };
    if (spawnSync(process.execPath, ['--import', 'tsx', '-e', ''], asNobody).status !== 0) ctx.skip();
    const script = `import { pathFacts } from ${JSON.stringify(path.join(import.meta.dirname, 'path-facts.ts'))};\n`
      + `console.log(JSON.stringify(await pathFacts(${JSON.stringify(f.good)}, true)));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], asNobody);
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout.trim().split('\n').pop()!)).toMatchObject({ entry: 'file', readable: false });
  });
});

describe('app handlers for a scores CSV path', () => {
  it('checkPath names the path and the reason for a missing, folder, empty or foreign CSV, and accepts a scores CSV', async () => {
    const f = folderWithFiles();
    const app = handlers();
    const check = async (typed: string) => {
      const result = await app.checkPath({ kind: 'scores', path: typed }, ctx);
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    expect(await check(f.missing)).toBe(`${f.missing} does not exist.`);
    expect(await check(f.folder)).toBe(`${f.folder} is a folder, not a scores CSV (.csv).`);
    expect(await check(f.empty)).toBe(`${f.empty} is empty.`);
    expect(await check(f.wrong)).toBe(`${f.wrong} is not a scores CSV (.csv): line 1: header lacks columns 'score' and 'label'; expected 'score,label[,species][,identity][,class][,path][,status]', found 'image,prob'`);
    expect(await check(f.good)).toBeNull();
    expect(await check(f.long)).toBeNull();
    // Other kinds do not read the file: a .csv dataset manifest is not held to the scores header.
    expect((await app.checkPath({ kind: 'dataset-file', path: f.wrong }, ctx))).toEqual({ ok: true, value: null });
  });

  it('readScoresCsv returns the name and text of a scores CSV, and the check\'s problem otherwise', async () => {
    const f = folderWithFiles();
    const app = handlers();
    expect(await app.readScoresCsv({ path: f.good }, ctx)).toEqual({ ok: true, value: { name: 'test.csv', text: 'score,label\n0.9,1\n0.1,0\n' } });
    expect(await app.readScoresCsv({ path: f.missing }, ctx)).toEqual({ ok: false, error: { code: 'invalid-argument', message: `${f.missing} does not exist.`, detail: f.missing } });
    const wrong = await app.readScoresCsv({ path: f.wrong }, ctx);
    expect(wrong.ok ? null : wrong.error.message).toContain('is not a scores CSV');
  });
});
