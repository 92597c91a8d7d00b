// Node part of `npm run bench:scale` (scripts/bench-scale.mjs): builds (or reuses, cached by seed, size and schema
// version under .cache/bench-scale/: an older schema's workspace is rebuilt, not upgraded) synthetic 10⁵- and
// 10⁶-sample workspaces through the workspace's repository functions and measures ingest samples/s and the report at 10⁶ scores (`uad export-scores` then `uad report`); writes
// test/bench/results/scale-host.json, with the workspaces' folders for the UI part (ui/scale-browser.bench.ts).
// UAD_SCALE_SIZES=20000,100000 runs smaller sizes (the largest one stands in for 10⁶). Figures only, no checks.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetListing, DatasetSample } from '../../common/dataset/types.js';
import { encodeFloat16 } from '../../common/routing/float16.js';
import { storedRouting } from '../../common/routing/summary.js';
import { loadModelFiles, type ModelFiles } from '../../electron/onnx/model-files.js';
import type { ScoredItem } from '../../electron/workspace/scored-item.js';
import { SCHEMA_VERSION } from '../../electron/workspace/schema.js';
import { Workspace } from '../../electron/workspace/workspace.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SEED = 20260101;
const SIZES = (process.env['UAD_SCALE_SIZES'] ?? '100000,1000000').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const SPECIES = ['bona-fide', 'print', 'replay', 'mask', 'alma', 'fgtm', 'simswap', 'DaGAN'];
const BATCH = 64;

/** The workspace of `count` samples for SEED, built once; returns its folder and the build's ingest rate (null when reused). */
function workspaceOf(count: number, model: ModelFiles): { dir: string; ingest: { samplesPerS: number; listingPerS: number } | null } {
  const dir = path.join(root, '.cache', 'bench-scale', `seed-${SEED}-n-${count}-${model.sha256.slice(0, 12)}-schema-${SCHEMA_VERSION}`);
  if (existsSync(path.join(dir, 'done'))) return { dir, ingest: null };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let seed = SEED;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const samples: DatasetSample[] = Array.from({ length: count }, (_, id) => {
    const species = SPECIES[id % SPECIES.length]!;
    const attack = species !== 'bona-fide';
    return {
      id, path: `${attack ? `attack/${species}` : 'live'}/subject-${String(Math.floor(id / 8)).padStart(7, '0')}/frame-${id % 8}.jpg`,
      label: attack ? 1 : 0, category: attack ? 'physical' : 'bona-fide', species, identity: `ID-${Math.floor(id / 8)}`,
      split: ['train', 'dev', 'test'][id % 3]!, sizeBytes: 1000, status: 'ok',
    };
  });
  const listing: DatasetListing = { root: path.join(dir, 'images'), source: 'folder', samples, skipped: [], counts: { total: count, bonaFide: 0, attack: 0, unusable: 0, bySpecies: {} } };
  const workspace = Workspace.open(dir, 'bench');
  try {
    let t = performance.now();
    const { datasetId, sampleIds } = workspace.ingest(listing);
    const listingPerS = count / ((performance.now() - t) / 1000);
    workspace.registerModel(model);
    const runId = workspace.startRun({ modelSha256: model.sha256, datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: BATCH, total: count, skipped: 0 });
    // What a scoring run records per sample: score, logits, a 3-layer routing summary (197 tokens, 8 experts), a 64-d embedding.
    const mass = [0, 1, 2].map((layer) => encodeFloat16(Array.from({ length: 197 * 8 }, (_, k) => ((k + layer) % 8 === 0 ? 0.7 : 0.3 / 7))));
    // the stored rows and dominant expert, as the inference worker computes them before the batch is recorded
    const routing = storedRouting(mass, undefined, [9, 10, 11], 8);
    const embedding = encodeFloat16(Array.from({ length: 64 }, () => random() - 0.5));
    t = performance.now();
    for (let start = 0; start < count; start += BATCH) {
      const items: ScoredItem[] = sampleIds.slice(start, start + BATCH).map((key, i) => {
        const attack = samples[start + i]!.label === 1;
        const score = Math.min(1, Math.max(0, (attack ? 0.65 : 0.35) + (random() - 0.5) * 0.6));
        return { key, ok: true, sha256: 'a'.repeat(64), sizeBytes: 1000, score, logits: [1 - score, score], expertMass: mass, routing, embedding };
      });
      workspace.recordBatch(runId, model.sha256, [9, 10, 11], 8, items, { decodeMs: 0, inferMs: 0 });
    }
    const samplesPerS = count / ((performance.now() - t) / 1000);
    workspace.finishRun(runId, 'completed');
    writeFileSync(path.join(dir, 'done'), '');
    return { dir, ingest: { samplesPerS, listingPerS } };
  } finally {
    workspace.close();
  }
}

function reportSeconds(dir: string): { seconds: number | null; reason?: string } {
  const csv = path.join(dir, 'scores.csv');
  const out = path.join(dir, 'report.html');
  const uad = (args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin', 'uad.mjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  const exported = uad(['export-scores', '--workspace', dir, '--out', csv, '--threshold', '0.5']);
  if (exported.status !== 0) return { seconds: null, reason: `uad export-scores failed: ${(exported.stderr || exported.stdout).slice(0, 300)}` };
  const t = performance.now();
  const report = uad(['report', '--scores', csv, '--threshold', '0.5', '--out', out]);
  if (report.status !== 0) return { seconds: null, reason: `uad report failed: ${(report.stderr || report.stdout).slice(0, 300)}` };
  return { seconds: (performance.now() - t) / 1000 };
}

const loadBefore = os.loadavg();
const small = Math.min(...SIZES);
const large = Math.max(...SIZES);
// The demo model's identity (its sidecar is what `uad export-scores` reads); its weights are not run.
const MODEL_FILES = await loadModelFiles(path.join(root, 'models', 'lasoftmoe-tiny.onnx'));
const built = new Map(SIZES.map((n) => [n, workspaceOf(n, MODEL_FILES)]));
const ingest = built.get(large)!.ingest ?? [...built.values()].find((b) => b.ingest)?.ingest ?? null;
const report = reportSeconds(built.get(large)!.dir);
const result = {
  sizes: { small, large },
  workspaces: SIZES.map((samples) => ({ samples, dir: built.get(samples)!.dir })),
  ingest,
  ingestReused: ingest === null,
  report,
  load: { before: loadBefore, after: os.loadavg() },
};
const results = path.join(root, 'test', 'bench', 'results');
mkdirSync(results, { recursive: true });
writeFileSync(path.join(results, 'scale-host.json.tmp'), `${JSON.stringify(result, null, 2)}\n`);
renameSync(path.join(results, 'scale-host.json.tmp'), path.join(results, 'scale-host.json'));
