// Playwright configuration of `npm run bench:ui`: the browser-mode UI benchmarks in Debian's chromium.
// They measure and record (test/bench/results/ui-*.json); the only assertions are correctness ones.
import { defineConfig } from '@playwright/test';
import baseConfig from '../../../playwright.config';

export default defineConfig({
  ...baseConfig,
  testDir: '.',
  outputDir: '../../../test-results/bench-ui',
  timeout: 900_000,
  expect: { timeout: 300_000 },
  projects: [{ name: 'bench-ui', testMatch: /.*\.bench\.ts$/ }],
});
