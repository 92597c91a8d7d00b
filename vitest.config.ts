// Unit-test configuration (vitest): pure common/ code, Node services and renderer logic.
// Case-signing keys and the user's data folder (recent paths, demo workspace) go to fresh temporary
// folders, never the user's own.
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
    env: {
      UAD_KEYS_DIR: process.env.UAD_KEYS_DIR ?? mkdtempSync(path.join(tmpdir(), 'uad-test-keys-')),
      UAD_USER_DATA: process.env.UAD_USER_DATA ?? mkdtempSync(path.join(tmpdir(), 'uad-test-user-data-')),
    },
  },
});
