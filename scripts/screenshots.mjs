// `npm run screenshots`: builds if stale, then runs test/screens/screens.spec.ts, which scores the demo, inspects a
// sample and writes a picture of every tab to docs/screens/<tab>.png (light theme, 1440×900). UAD_SCREENS_DARK=DIR also
// writes the dark theme's pictures to DIR, for looking at, not for the README.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';
import { findChromium } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const chromium = findChromium();
if (!chromium) {
  console.error('screenshots: no chromium found. Install it with `sudo apt-get install -y chromium` or set UAD_CHROMIUM=/path/to/chromium.');
  process.exit(1);
}
if (!buildIfStale()) process.exit(1);
const run = spawnSync('npx', ['playwright', 'test', '-c', 'playwright.screens.config.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, UAD_CHROMIUM: chromium },
});
process.exit(run.status ?? 1);
