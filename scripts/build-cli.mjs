// Bundles the headless CLI into bin/uad/ (ES modules, Node 20+): the `uad` command runs this compiled
// JavaScript, committed, so `npx uad` works right after `npm ci` with no build and no tsx.
// `node scripts/build-cli.mjs [--out DIR]` (default bin/uad); the unit test rebuilds and compares.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const external = [...Object.keys(pkg.dependencies ?? {}), ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const outDir = values.out ?? path.join(root, 'bin', 'uad');

// One build, both entries: the CLI (cli.js, which loads each command's code only when that command runs)
// and the inference worker (worker.js, spawned by the engine as ./worker.js beside it). Chunks are named
// after their first module, without hashes, in the same folder, so a rebuild changes few file names.
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir,
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    target: 'node20',
    reportCompressedSize: false,
    rollupOptions: {
      input: { cli: path.join(root, 'electron', 'cli.ts'), worker: path.join(root, 'electron', 'inference', 'worker.ts') },
      external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name].js' },
    },
  },
});
