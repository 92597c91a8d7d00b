// Rebuilds out/ (node side + preload + renderer) when any source is newer than the last build.
// Used by `npm start` and the e2e runner so a fresh clone or a pulled change never runs stale code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = path.join(root, 'out', '.build-stamp');
const SOURCES = ['common', 'electron', 'renderer', 'package.json', 'tsconfig.json', 'tsconfig.node.json', 'scripts/build-preload.mjs'];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function buildIfStale({ force = false } = {}) {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (!force && built > newest) return true;
  console.log('Building the workbench (node side and renderer)…');
  const run = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0) {
    console.error('Build failed; see the errors above.');
    return false;
  }
  writeFileSync(stamp, new Date().toISOString());
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exit(buildIfStale({ force: process.argv.includes('--force') }) ? 0 : 1);
}
