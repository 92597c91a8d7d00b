// ESLint flat config: typescript-eslint recommended plus the import-layer rules of ARCHITECTURE.md §1.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'url', 'stream', 'zlib', 'util', 'events'];
const restrict = (patterns, message) => ({ group: patterns, message });
// SQL lives only in electron/workspace/: elsewhere the connection and the custody writer are out of reach.
const workspaceDoor = [
  restrict(['**/workspace/sqlite*', '**/workspace/connection*'], 'SQL stays in electron/workspace/: use its typed repository functions.'),
  { group: ['**/workspace/custody*'], importNames: ['appendCustody'], message: 'Custody entries are appended through the workspace (Workspace.custody or a repository function).' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'bin/uad/**', 'bin/.uad-*/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**', 'models/.work/**'] },
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
    ignores: ['electron/workspace/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [restrict(['**/renderer/**'], 'electron/ never imports renderer/.'), ...workspaceDoor],
      }],
    },
  },
  {
    files: ['electron/workspace/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [restrict(['**/renderer/**'], 'electron/ never imports renderer/.')],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', { patterns: workspaceDoor }],
    },
  },
);
