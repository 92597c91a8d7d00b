// The `uad` command as installed (package.json bin → bin/uad.mjs → the compiled bin/uad/): it is up to date
// with the sources, needs no TypeScript loader, and answers --version, --help, --json and its exit codes.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
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

describe('the uad command', () => {
  it('is the package bin, and the committed bin/uad/ is what scripts/build-cli.mjs builds from the sources now', () => {
    expect(pkg.bin).toEqual({ uad: 'bin/uad.mjs' });
    const fresh = path.join(temp, 'fresh');
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-cli.mjs'), '--out', fresh], { cwd: ROOT, stdio: 'pipe' });
    const committed = path.join(ROOT, 'bin', 'uad');
    const names = readdirSync(fresh).sort();
    expect(readdirSync(committed).sort(), 'bin/uad/ is stale: run `npm run build:cli` and commit bin/uad/').toEqual(names);
    for (const name of names) {
      expect(readFileSync(path.join(committed, name), 'utf8') === readFileSync(path.join(fresh, name), 'utf8'),
        `bin/uad/${name} is stale: run \`npm run build:cli\` and commit bin/uad/`).toBe(true);
    }
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

