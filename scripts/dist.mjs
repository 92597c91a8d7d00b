// `npm run dist`: builds installers with electron-builder (AppImage/deb here, dmg on macOS, nsis on Windows).
// electron-builder downloads Electron and its packaging tools; offline it fails with one clear line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!buildIfStale()) process.exit(1);
const run = spawnSync('npx', ['electron-builder', '--config', 'build/electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)], {
  cwd: root,
  encoding: 'utf8',
  timeout: 30 * 60 * 1000,
});
const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
if (run.status === 0) {
  process.stdout.write(output);
  console.log('dist: installers written to release/.');
  process.exit(0);
}
const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|ETIMEDOUT|getaddrinfo|network/i.test(output);
console.error(offline
  ? 'dist: cannot package here: electron-builder must download Electron and its packaging tools, and this machine has no network access.'
  : `dist: electron-builder failed: ${output.trim().split('\n').filter(Boolean).slice(-1)[0] ?? `exit ${run.status}`}`);
process.exit(1);
