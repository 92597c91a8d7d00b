// `npm run bench:explain`: the embedding analyses at scale, on seeded synthetic float16 embeddings —
// exact cosine k-nearest-neighbour queries at 100,000 × 64 and 1,000,000 × 512 (the full-size model's
// width), and the embedding map's projection (PCA → UMAP on landmarks + placement) at 100,000 × 64.
// Prints a table and writes test/bench/results/explain.json. Node.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nearestToRow, normalisedRows } from '../../common/embeddings/knn.js';
import { SeededRandom } from '../../common/metrics/prng.js';
import { encodeFloat16 } from '../../common/routing/float16.js';
import { project } from '../../electron/explain/projection.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const K = 20;
const QUERIES = 10;
const KNN_TARGET_MS = 1000; // an exact query an analyst waits for
const PROJECTION_TARGET_S = 60;

/** n embeddings of d dims around 16 seeded centres, as float16 bits (as the workspace stores them). */
function embeddings(n: number, d: number, seed: number): Uint16Array {
  const random = new SeededRandom(seed);
  const centres = Array.from({ length: 16 }, () => Float32Array.from({ length: d }, () => random.nextDouble() - 0.5));
  const out = new Uint16Array(n * d);
  const row = new Float32Array(d);
  for (let i = 0; i < n; i++) {
    const centre = centres[i % 16]!;
    for (let j = 0; j < d; j++) row[j] = centre[j]! + (random.nextDouble() - 0.5) * 0.6;
    out.set(encodeFloat16(row), i * d);
  }
  return out;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const rows: { metric: string; samples: number; dims: number; value: number; unit: string; target: string; met: boolean | null; note: string }[] = [];

for (const [n, d] of [[100_000, 64], [1_000_000, 512]] as const) {
  const f16 = embeddings(n, d, 1);
  let started = performance.now();
  const unit = normalisedRows(f16, n, d, true);
  const loadMs = performance.now() - started;
  const times: number[] = [];
  const random = new SeededRandom(2);
  for (let q = 0; q < QUERIES; q++) {
    started = performance.now();
    nearestToRow(unit, n, d, random.nextIndex(n), K);
    times.push(performance.now() - started);
  }
  const query = median(times);
  rows.push({ metric: `exact kNN query (k = ${K}, median of ${QUERIES})`, samples: n, dims: d, value: query, unit: 'ms', target: `≤ ${KNN_TARGET_MS}`, met: query <= KNN_TARGET_MS, note: `one pass over ${(unit.byteLength / 2 ** 20).toFixed(0)} MiB of float32 rows` });
  rows.push({ metric: 'decode float16 + normalise (once per model and scoring state)', samples: n, dims: d, value: loadMs, unit: 'ms', target: '', met: null, note: '' });
}

{
  const n = 100_000;
  const d = 64;
  const unit = normalisedRows(embeddings(n, d, 3), n, d, true);
  const phases: Record<string, number> = {};
  let last = performance.now();
  let phase = '';
  const started = last;
  project(unit, n, d, {
    method: 'umap', seed: 42,
    onProgress: (p) => {
      const now = performance.now();
      if (phase) phases[phase] = (phases[phase] ?? 0) + (now - last) / 1000;
      phase = p;
      last = now;
    },
  });
  if (phase) phases[phase] = (phases[phase] ?? 0) + (performance.now() - last) / 1000;
  const seconds = (performance.now() - started) / 1000;
  rows.push({
    metric: 'projection PCA → UMAP (2 000 landmarks) + placement', samples: n, dims: d, value: seconds, unit: 's',
    target: `≤ ${PROJECTION_TARGET_S}`, met: seconds <= PROJECTION_TARGET_S,
    note: Object.entries(phases).map(([p, s]) => `${p} ${s.toFixed(1)} s`).join(', '),
  });
}

const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version, loadAverage: os.loadavg().map((l) => +l.toFixed(2)) };
const results = path.join(root, 'test', 'bench', 'results');
mkdirSync(results, { recursive: true });
writeFileSync(path.join(results, 'explain.json'), `${JSON.stringify({ at: new Date().toISOString(), machine, rows }, null, 2)}\n`);
const format = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
console.log(`\nEmbedding analyses, ${new Date().toISOString()}: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, load ${machine.loadAverage.join(' ')}`);
console.log('| metric | samples × dims | measured | target | met | note |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.metric} | ${r.samples.toLocaleString('en-US')} × ${r.dims} | ${format(r.value)} ${r.unit} | ${r.target} | ${r.met === null ? '' : r.met ? 'yes' : 'NO'} | ${r.note} |`);
console.log('\nwritten: test/bench/results/explain.json');
