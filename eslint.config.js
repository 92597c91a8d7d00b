// ESLint flat config: typescript-eslint recommended plus the import-layer rules of ARCHITECTURE.md §1.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'url', 'stream', 'zlib', 'util', 'events'];
const restrict = (patterns, message) => ({ group: patterns, message });
// SQL lives only in electron/workspace/: elsewhere the connection and the custody writer are out of reach.
const workspaceDoor = [
  restrict(['**/workspace/sqlite*', '**/workspace/connection*'], 'SQL stays in electron/workspace/: use its typed repository functions.'),
  { group: ['**/workspace/custody*'], importNames: ['appendCustody'], message: 'Custody entries are appended through the workspace (Workspace.custody or a repository function).' },
];

// renderer/ (ARCHITECTURE.md §1): every file talks to the Node side only through the contract; each room
// imports only the rooms below it: features/ → components/ → store/ → lib/ → workers/, bridge/.
const rendererBase = [
  restrict(['**/electron/**', 'electron', 'onnxruntime-node', 'sharp', 'libsql'], 'renderer/ talks to the Node side only through the contract (renderer/bridge).'),
  restrict(nodeBuiltins, 'renderer/ runs in a browser: no Node built-ins.'),
];
const store = ['**/store', '**/store/**'];
const rendererFloors = [
  { files: ['renderer/**/*.ts', 'renderer/**/*.tsx'], patterns: [] },
  {
    files: ['renderer/features/**'],
    patterns: [{ group: ['**/bridge/**', '**/workers/**'], allowTypeImports: true, message: 'Views reach the host and the metrics workers through store actions (ARCHITECTURE.md §9); only their types may be imported here.' }],
  },
  { files: ['renderer/components/**'], patterns: [restrict(['**/features/**'], 'Shared components serve every feature: they never import one.'), { group: ['**/bridge/**', '**/workers/**'], allowTypeImports: true, message: 'Components reach the host through store actions (ARCHITECTURE.md §9).' }] },
  { files: ['renderer/store/**'], patterns: [restrict(['**/features/**', '**/components/**'], 'The store never imports views: move what it needs into the store or renderer/lib/.')] },
  { files: ['renderer/lib/**'], patterns: [restrict([...store, '**/features/**', '**/components/**', '**/bridge/**'], 'renderer/lib/ holds helpers below the store: it imports only common/ and worker types.')] },
  { files: ['renderer/bridge/**', 'renderer/workers/**'], patterns: [restrict([...store, '**/features/**', '**/components/**', '**/lib/**'], 'The contract client and the metrics workers sit below the store: they never import it, views or helpers above them.')] },
  { files: ['renderer/main.tsx'], patterns: [restrict(['**/bridge/**', '**/workers/**'], 'The entry mounts the shell; the store wires the host.')] },
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
  ['queue'],
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
  ...rendererFloors.map(({ files, patterns }) => ({
    files,
    ignores: ['renderer/vite.config.ts', 'renderer/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...rendererBase, ...patterns] }] },
  })),
  ...electronFloors(),
  {
    files: ['test/**/*.ts', 'scripts/**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', { patterns: workspaceDoor }],
    },
  },
);
