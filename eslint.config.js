// ESLint flat config: typescript-eslint recommended plus the import-layer rules of DESIGN §1.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'url', 'stream', 'zlib', 'util', 'events'];
const restrict = (patterns, message) => ({ group: patterns, message });

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'bin/uad/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', 'models/.work/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty-pattern': 'off', // Playwright fixtures take `{}` by design
    },
  },
  {
    files: ['common/**/*.ts'],
    ignores: ['common/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          restrict(['**/electron/**', '**/renderer/**', 'electron', 'react', 'react-dom', 'zustand', 'onnxruntime-node', 'sharp', 'libsql'], 'common/ is pure shared code: it imports only common/.'),
          restrict(nodeBuiltins, 'common/ must not use Node built-ins.'),
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts', 'renderer/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          restrict(['**/electron/**', 'electron', 'onnxruntime-node', 'sharp', 'libsql'], 'renderer/ talks to the Node side only through the contract (renderer/bridge).'),
          restrict(nodeBuiltins, 'renderer/ runs in a browser: no Node built-ins.'),
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts', 'electron/**/*.cts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [restrict(['**/renderer/**'], 'electron/ never imports renderer/.')],
      }],
    },
  },
);
