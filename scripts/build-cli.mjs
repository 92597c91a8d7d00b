// Bundles the headless CLI (ES modules, Node 20+) into --out DIR. The `uad` command runs this compiled JavaScript
// from bin/uad/, generated on demand by scripts/cli-bundle.mjs (which calls this script) and never committed.
// `node scripts/build-cli.mjs --out DIR`; without --out it rebuilds bin/uad/ through scripts/cli-bundle.mjs.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const external = [...Object.keys(pkg.dependencies ?? {}), ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

if (values.out === undefined) {
  const { ensureCliBundle } = await import('./cli-bundle.mjs');
  process.exit(ensureCliBundle({ force: true, log: (line) => console.log(line) }) ? 0 : 1);
}
const outDir = path.resolve(values.out);

// One build: the CLI (cli.js, which loads each command's code only when that command runs) and every worker
// thread module (electron/**/worker.ts, *-worker.ts), each beside the chunks that spawn it as ./<name>.js
// (electron/base/spawn-worker.ts). Chunks are named after their first module, without hashes, in one folder.
const workers = readdirSync(path.join(root, 'electron'), { recursive: true })
  .map((file) => file.split(path.sep).join('/'))
  .filter((file) => /(^|\/|-)worker\.ts$/.test(file) && !file.endsWith('.test.ts'))
  .sort();
const input = { cli: path.join(root, 'electron', 'cli', 'index.ts') };
for (const file of workers) input[path.basename(file, '.ts')] = path.join(root, 'electron', file);

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
      input,
      external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name].js' },
    },
  },
});
