// `npm run test:e2e`: builds if stale, then runs the Playwright suite in Debian's chromium against
// browser mode (and the Electron spec where an Electron binary exists). Fails loudly without chromium.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';
import { findChromium } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromium = findChromium();
if (!chromium) {
  console.error('e2e: no chromium found. Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) or set UAD_CHROMIUM=/path/to/chromium. The e2e suite is never skipped.');
  process.exit(1);
}
if (!buildIfStale()) process.exit(1);
const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, UAD_CHROMIUM: chromium },
});
process.exit(run.status ?? 1);
