// Playwright configuration: browser-mode specs in Debian's chromium, plus the Electron spec.
import { defineConfig } from '@playwright/test';

const chromium = process.env.UAD_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    },
  },
  projects: [
    { name: 'browser-mode', testMatch: /.*\.spec\.ts$/, testIgnore: /electron\// },
    { name: 'electron', testMatch: /electron\/.*\.spec\.ts$/ },
  ],
});
