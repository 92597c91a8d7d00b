// `npm run bench:ui`: builds if stale, runs the UI benchmarks (test/bench/ui) in Debian's chromium
// against browser mode, prints one table of measured figures and targets, writes test/bench/results/ui.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineOf, markdownTable } from './bench-table.mjs';
import { buildIfStale } from './build-if-stale.mjs';
import { findChromium } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = path.join(root, 'test', 'bench', 'results');
const chromium = findChromium();
if (!chromium) {
  console.error('bench:ui: no chromium found. Install it with `sudo apt-get install -y chromium` or set UAD_CHROMIUM=/path/to/chromium.');
  process.exit(1);
}
if (!buildIfStale()) process.exit(1);
mkdirSync(results, { recursive: true });
for (const name of readdirSync(results)) if (/^ui-.*\.json$/.test(name)) rmSync(path.join(results, name));

const started = new Date();
const loadBefore = os.loadavg();
const run = spawnSync('npx', ['playwright', 'test', '-c', 'test/bench/ui/playwright.config.ts', ...process.argv.slice(2)], {
  cwd: root, stdio: 'inherit', env: { ...process.env, UAD_CHROMIUM: chromium },
});

const rows = readdirSync(results).filter((n) => /^ui-.*\.json$/.test(n)).sort()
  .flatMap((name) => JSON.parse(readFileSync(path.join(results, name), 'utf8')));
const machine = machineOf(chromium, loadBefore);
const report = { startedAt: started.toISOString(), machine, complete: run.status === 0, rows };
writeFileSync(path.join(results, 'ui.json'), `${JSON.stringify(report, null, 2)}\n`);

const format = (v) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1)) : 'n/a');
const table = [
  ['metric', 'samples', 'measured', 'target', 'met', 'note'],
  ...rows.map((r) => [r.metric, r.samples.toLocaleString('en-US'), `${format(r.value)} ${r.unit}`, r.target, r.met === null ? '' : r.met ? 'yes' : 'NO', r.note ?? '']),
];
console.log(`\nUI benchmark, ${started.toISOString()}: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, ${machine.chromium}, load ${machine.loadAverageBefore.join(' ')}`);
console.log(markdownTable(table));
console.log(`\nwritten: ${path.relative(root, path.join(results, 'ui.json'))}${existsSync(path.join(results, 'ui.json')) ? '' : ' (failed)'}`);
if (run.status !== 0) {
  console.error('bench:ui: a benchmark did not finish (see above); the table holds what was measured.');
  process.exit(1);
}
