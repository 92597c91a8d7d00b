// Keeps the compiled CLI in bin/uad/ current: built (scripts/build-cli.mjs) the first time `uad` runs in a clone
// and whenever a source under electron/ or common/ (or package.json, or the build script) is newer than it.
// The build goes to a temporary folder beside bin/uad/ and is renamed into place under a lock (bin/.uad-lock),
// so concurrent first runs build once and never see a half-written bundle. bin/uad/ is generated, never committed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const binDir = path.join(root, 'bin');
export const BUNDLE = path.join(binDir, 'uad');
const STAMP = path.join(BUNDLE, '.built-from');
const LOCK = path.join(binDir, '.uad-lock');
const SOURCES = ['electron', 'common', 'package.json', 'scripts/build-cli.mjs'];
const LOCK_WAIT_MS = 5 * 60 * 1000;

/** The newest modification time under a source path (folders count: a deleted file changes its folder's). */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return /\.test\.tsx?$/.test(target) ? 0 : info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Whether bin/uad/ is missing or older than its sources. Without sources (no electron/), a bundle is current. */
export function bundleIsStale() {
  if (!existsSync(path.join(BUNDLE, 'cli.js')) || !existsSync(STAMP)) return true;
  if (!existsSync(path.join(root, 'electron'))) return false;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > built);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether the lock's holder is gone (its process ended without releasing it). */
function lockIsAbandoned() {
  try {
    const pid = Number(readFileSync(path.join(LOCK, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - statSync(LOCK).mtimeMs > 10_000;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    if (error.code === 'EPERM') return false;
    return error.code === 'ESRCH' || (error.code === 'ENOENT' && existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 10_000);
  }
}

/** Takes bin/.uad-lock (mkdir is atomic), waiting for another builder; an abandoned lock is broken. */
function acquireLock() {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (lockIsAbandoned()) rmSync(LOCK, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`another build of the uad command holds ${LOCK}; remove it if no build is running`);
    else sleep(50);
  }
}

/** Builds into a fresh temporary folder, then swaps it in for bin/uad/. Returns whether the build succeeded. */
function buildAndSwap(log) {
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const fresh = path.join(binDir, `.uad-build-${suffix}`);
  const old = path.join(binDir, `.uad-old-${suffix}`);
  const startedAt = new Date();
  log('uad: building the command from the sources (bin/uad/)…');
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs'), '--out', fresh],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0 || !existsSync(path.join(fresh, 'cli.js'))) {
    rmSync(fresh, { recursive: true, force: true });
    const detail = `${run.stderr ?? ''}${run.stdout ?? ''}`.trim() || (run.error ? String(run.error) : `exit ${run.status}`);
    process.stderr.write(`uad: cannot build the command (scripts/build-cli.mjs; run \`npm ci\` first):\n${detail}\n`);
    return false;
  }
  // The stamp carries the build's start time: a source saved during the build still counts as newer.
  writeFileSync(path.join(fresh, '.built-from'), startedAt.toISOString());
  utimesSync(path.join(fresh, '.built-from'), startedAt, startedAt);
  if (existsSync(BUNDLE)) renameSync(BUNDLE, old);
  renameSync(fresh, BUNDLE);
  rmSync(old, { recursive: true, force: true });
  return true;
}

/**
 * Makes bin/uad/ current (or rebuilds it when `force`); returns whether a usable bundle is there.
 * `log` receives the one progress line (stderr by default, so stdout stays the command's own).
 */
export function ensureCliBundle({ force = false, log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  if (!force && !bundleIsStale()) return true;
  mkdirSync(binDir, { recursive: true });
  acquireLock();
  try {
    if (!force && !bundleIsStale()) return true; // another process built it while this one waited
    return buildAndSwap(log);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exit(ensureCliBundle({ force: process.argv.includes('--force'), log: (line) => console.log(line) }) ? 0 : 1);
}
