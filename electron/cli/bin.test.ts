// The `uad` command as installed (package.json bin → bin/uad.mjs → the compiled bin/uad/, built on demand from
// the sources and never committed): needs no TypeScript loader, and answers --version, --help, --json and its exit codes.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from './commands.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'uad.mjs');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
const temp = mkdtempSync(path.join(tmpdir(), 'uad-bin-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Runs the command with plain node (no --import tsx, no loader): what `npx uad` does. */
function uad(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: temp, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A clone as `npm ci` leaves it: the sources and the launcher, node_modules, and no bin/uad/. */
function freshClone(name: string): string {
  const clone = path.join(temp, name);
  for (const entry of ['electron', 'common', 'scripts', 'package.json']) cpSync(path.join(ROOT, entry), path.join(clone, entry), { recursive: true });
  mkdirSync(path.join(clone, 'bin'));
  cpSync(BIN, path.join(clone, 'bin', 'uad.mjs'));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'));
  return clone;
}

/** Runs a clone's bin/uad.mjs with plain node, as spawnSync does, but without blocking (for concurrent runs). */
function uadIn(clone: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(clone, 'bin', 'uad.mjs'), ...args], { cwd: temp, env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const BUILDING = 'uad: building the command from the sources';

describe('the uad command', () => {
  beforeAll(() => {
    expect(uad(['--version']).code).toBe(0); // builds this checkout's bin/uad/ when it is missing or stale
  });

  it('is the package bin, and nothing under bin/uad/ is tracked by git', () => {
    expect(pkg.bin).toEqual({ uad: 'bin/uad.mjs' });
    const tracked = spawnSync('git', ['ls-files', 'bin'], { cwd: ROOT, encoding: 'utf8' });
    if (tracked.status === 0) expect(tracked.stdout.split('\n').filter(Boolean)).toEqual(['bin/uad.mjs']);
  });

  it('builds bin/uad/ on its first run in a fresh clone, then reuses it until a source is newer', async () => {
    const clone = freshClone('clone');
    expect(existsSync(path.join(clone, 'bin', 'uad'))).toBe(false);
    const first = await uadIn(clone, ['--version']);
    expect(first).toMatchObject({ code: 0, stdout: `uad ${pkg.version}\n` });
    expect(first.stderr).toContain(BUILDING);
    expect(existsSync(path.join(clone, 'bin', 'uad', 'cli.js'))).toBe(true);

    const second = await uadIn(clone, ['--version', '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ name: 'uad', version: pkg.version });
    expect(second.stderr).toBe('');

    // A source edited after the build (its mtime ahead of the bundle's) makes the next run rebuild.
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(clone, 'common', 'validate.ts'), later, later);
    const third = await uadIn(clone, ['--version']);
    expect(third).toMatchObject({ code: 0, stdout: `uad ${pkg.version}\n` });
    expect(third.stderr).toContain(BUILDING);
    expect(readdirSync(path.join(clone, 'bin')).sort()).toEqual(['uad', 'uad.mjs']); // no temporary folder or lock left
  });

  it('builds once when several first runs start together, and every one of them answers', async () => {
    const clone = freshClone('concurrent');
    const runs = await Promise.all(Array.from({ length: 4 }, () => uadIn(clone, ['--version'])));
    for (const run of runs) expect(run).toMatchObject({ code: 0, stdout: `uad ${pkg.version}\n` });
    expect(runs.filter((run) => run.stderr.includes(BUILDING))).toHaveLength(1);
    expect(readdirSync(path.join(clone, 'bin')).sort()).toEqual(['uad', 'uad.mjs']);
  });

  it('answers --version and --help, and exits 2 for an unknown command or none', () => {
    expect(uad(['--version'])).toMatchObject({ code: 0, stdout: `uad ${pkg.version}\n` });
    expect(JSON.parse(uad(['--version', '--json']).stdout)).toMatchObject({ name: 'uad', version: pkg.version });
    const help = uad(['--help']);
    expect(help.code).toBe(0);
    for (const command of COMMANDS) expect(help.stdout).toContain(`  ${command.name} `);
    expect(help.stdout).toMatch(/exit status:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}3 .*verify-case.*\n {2}4 .*verify-case.*\n {2}130 /);
    expect(uad(['frobnicate'])).toMatchObject({ code: 2, stderr: expect.stringContaining("unknown command 'frobnicate'") });
    expect(uad([]).code).toBe(2);
  });

  it.each(COMMANDS.map((c) => c.name))('%s --help lists --json and its exit status', (name) => {
    const help = uad([name, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--json');
    expect(help.stdout).toContain('exit status');
    expect(uad(['help', name]).stdout).toBe(help.stdout);
  });

  it('runs a command from the compiled code: metrics --json on a scores file, and exit 1 on a bad one', () => {
    const scores = path.join(temp, 'scores.csv');
    writeFileSync(scores, 'score,label\n0.1,0\n0.2,0\n0.35,1\n0.3,0\n0.8,1\n0.9,1\n');
    const run = uad(['metrics', '--scores', scores, '--threshold', '0.5', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ threshold: 0.5, bpcer: 0, apcer_max: 1 / 3, counts: { samples: 6, attacks: 3, bona_fide: 3 } });
    const bad = path.join(temp, 'bad.csv');
    writeFileSync(bad, 'score,label\n0.1,0\n');
    expect(uad(['metrics', '--scores', bad, '--json']).code).toBe(1);
  });

  it('runs in a packaged layout through the shipped launcher (build/cli/uad), linked onto the PATH', () => {
    // The install as electron-builder lays it out (build/electron-builder.yml); a stand-in for the app binary
    // that, like Electron with ELECTRON_RUN_AS_NODE=1, runs the script it is given with Node.
    const install = path.join(temp, 'install');
    const resources = path.join(install, 'resources');
    const unpacked = path.join(resources, 'app.asar.unpacked');
    mkdirSync(path.join(unpacked, 'bin'), { recursive: true });
    cpSync(path.join(ROOT, 'bin', 'uad'), path.join(unpacked, 'bin', 'uad'), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(unpacked, 'package.json'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(unpacked, 'node_modules'));
    cpSync(path.join(ROOT, 'build', 'cli'), path.join(resources, 'bin'), { recursive: true });
    const binary = path.join(install, 'uad-workbench');
    writeFileSync(binary, `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "not run as node" >&2; exit 9; }\nexec "${process.execPath}" "$@"\n`);
    chmodSync(binary, 0o755);
    const link = path.join(temp, 'on-path', 'uad');
    mkdirSync(path.dirname(link));
    symlinkSync(path.join(resources, 'bin', 'uad'), link);
    const run = spawnSync(link, ['--version'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({ status: 0, stdout: `uad ${pkg.version}\n` });
  });
});

