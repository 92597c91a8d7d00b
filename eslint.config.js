// ESLint flat config: typescript-eslint recommended plus the import-layer rules of ARCHITECTURE.md §1.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'url', 'stream', 'zlib', 'util', 'events'];
const restrict = (patterns, message) => ({ group: patterns, message });
// SQL lives only in electron/workspace/: elsewhere the connection and the custody writer are out of reach.
const workspaceDoor = [
  restrict(['**/workspace/sqlite*', '**/workspace/connection*'], 'SQL stays in electron/workspace/: use its typed repository functions.'),
  { group: ['**/workspace/custody*'], importNames: ['appendCustody'], message: 'Custody entries are appended through the workspace (Workspace.custody or a repository function).' },
];

// The Node side's floors, lowest first (ARCHITECTURE.md §1): a room imports only rooms on floors below its own
// (and common/). Every file sits directly in its room, so another room is always reached as '../<room>/…'.
// electron/workspace/ alone reaches the SQL connection and the custody writer (workspaceDoor).
const FLOORS = [
  ['base'],
  ['onnx'],
  ['workspace', 'dataset'],
  ['faces'],
  ['inference'],
  ['explain', 'cases', 'scoring'],
  ['services'],
  ['host'],
  ['main', 'cli'],
];
function electronFloors() {
  return FLOORS.flatMap((rooms, floor) => rooms.map((room) => {
    const above = FLOORS.slice(floor).flat().filter((other) => other !== room);
    return {
      files: [`electron/${room}/**/*.ts`, `electron/${room}/**/*.cts`],
      ignores: ['**/*.test.ts'],
      rules: {
        'no-restricted-imports': ['error', {
          patterns: [
            restrict(['**/renderer/**'], 'electron/ never imports renderer/.'),
            { regex: `^\\.\\./(${above.join('|')})/`, message: `electron/${room}/ imports only the floors below it (${FLOORS.slice(0, floor).flat().join(', ') || 'none'}) and common/: ARCHITECTURE.md §1.` },
            ...(room === 'workspace' ? [] : workspaceDoor),
          ],
        }],
      },
    };
  })).concat({
    // Tests may drive a room through the floors above it (end to end), within the other electron/ rules.
    files: ['electron/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [restrict(['**/renderer/**'], 'electron/ never imports renderer/.'), ...workspaceDoor],
      }],
    },
  }, {
    files: ['electron/workspace/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [restrict(['**/renderer/**'], 'electron/ never imports renderer/.')] }],
    },
  });
}

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
  ...electronFloors(),
  {
    files: ['test/**/*.ts', 'scripts/**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', { patterns: workspaceDoor }],
    },
  },
);
