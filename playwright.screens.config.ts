// Playwright configuration of `npm run screenshots`: the one spec that writes the README's pictures of the screens
// (docs/screens/, light theme, 1440×900) in Debian's chromium against browser mode.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({
  ...base,
  testDir: 'test/screens',
  timeout: 600_000,
  projects: [{ name: 'screens', testMatch: /\.spec\.ts$/ }],
});
