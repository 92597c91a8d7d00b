// Unit-test configuration (vitest): pure common/ code, Node services and renderer logic.
// Case-signing keys go to a fresh temporary folder, never the user's own data folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { UAD_KEYS_DIR: process.env.UAD_KEYS_DIR ?? mkdtempSync(path.join(tmpdir(), 'uad-test-keys-')) },
  },
});
