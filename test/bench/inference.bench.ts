// `npm run bench:inference [-- --model PATH] [--batches 8,16,32] [--images 2000] [--threads 1,2] [--min-iters N]
// [--min-seconds S] [--rounds R] [--warmup W]`: onnxruntime-node vs PyTorch eager throughput, fraction of the machine's sgemm
// GFLOP/s, end-to-end scoring of seeded JPEGs through the real path vs pure inference, the per-sample stage table,
// pipeline efficiency (against an inference capacity that includes the domain check's views), the main thread's
// event-loop lag, and ORT settings (optimisation levels, threads, int8), all measured in one run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { listFolder } from '../../electron/dataset/folder-loader.js';
import { InferenceEngine } from '../../electron/inference/engine.js';
import { scoreFetches } from '../../electron/inference/batch-runner.js';
import { decodeBatch } from '../../electron/inference/decode-batch.js';
import { loadModelFiles, type ModelFiles } from '../../electron/onnx/model-files.js';
import { preprocessImage } from '../../electron/onnx/preprocess.js';
import { openSession, providerOrder } from '../../electron/onnx/providers.js';
import { DEFAULT_BATCH_SIZE, scoreDataset } from '../../electron/scoring/scoring-run.js';
import { Workspace } from '../../electron/workspace/workspace.js';
import { faceCorpus } from './face-jpegs.js';
import { countFlops } from './flops.js';
import { ortVariants, type VariantResult } from './ort-variants.js';
import { stageCosts, stageLines, wholeStage } from './stages.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const PYTHON = '/usr/bin/python3';
const SHIPPED_MODEL = path.join(REPO, 'models', 'lasoftmoe-tiny.onnx');
const DEV_MODEL = '/tmp/devmodel/lasoftmoe-tiny.onnx';
const { values: args } = parseArgs({
  options: {
    model: { type: 'string' },
    batches: { type: 'string', default: '8,16,32' },
    images: { type: 'string', default: '2000' },
    threads: { type: 'string', default: '1,2' },
    'min-iters': { type: 'string', default: '12' },
    'min-seconds': { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '3' },
  },
});
const THREADS = args.threads!.split(',').map(Number).filter((t) => t > 0);
const SEED = 20260; // corpus seed
const TARGET = { speedup: 1.5, e2eRatio: 0.8, lagP99Ms: 50, roofline: 0.6, pipeline: 0.9, e2eImagesPerS: 150 };
/** Pure-inference timing: warm-up runs, then at least MIN_ITERS runs and MIN_SECONDS of runs; the median counts. */
const WARMUP = Number(args.warmup);
const MIN_ITERS = Number(args['min-iters']);
const MIN_SECONDS = Number(args['min-seconds']);
/** ORT-vs-PyTorch rounds, interleaved; the best round of each counts (least disturbed by anything else running). */
const ROUNDS = Number(args.rounds);

// ---------------------------------------------------------------------------------------------- helpers

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const fmt = (value: number, digits = 1) => value.toFixed(digits);

function load(): string {
  return loadavg().map((v) => v.toFixed(2)).join(' ');
}

/** Other processes using CPU right now (sampled over 1 s from /proc), to flag a busy machine next to the figures. */
function busyProcesses(): string[] {
  const sample = () => {
    const ticks = new Map<string, { t: number; cmd: string }>();
    for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
        ticks.set(pid, { t: Number(fields[11]) + Number(fields[12]), cmd });
      } catch {
        // process ended between listing and reading
      }
    }
    return ticks;
  };
  const before = sample();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000); // sleep 1 s without using CPU
  const after = sample();
  const hz = 100;
  const busy: string[] = [];
  for (const [pid, a] of after) {
    const b = before.get(pid);
    if (!b || Number(pid) === process.pid) continue;
    const pct = (a.t - b.t) / hz * 100;
    if (pct >= 15) busy.push(`${pct.toFixed(0)}% pid ${pid} ${a.cmd.slice(0, 90)}`);
  }
  return busy;
}

/** Busy CPU time of the whole machine and of this process with its waited-for children (python), in seconds. */
function cpuSeconds(): { machine: number; self: number; wall: number } {
  const hz = 100; // USER_HZ
  const total = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const machine = total.reduce((s, v, i) => (i === 3 || i === 4 ? s : s + v), 0) / hz; // all but idle and iowait
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  return { machine, self: (f[11]! + f[12]! + f[13]! + f[14]!) / hz, wall: performance.now() / 1000 };
}

/** Cores' worth of CPU that other processes used between two cpuSeconds() samples. */
function othersCores(a: ReturnType<typeof cpuSeconds>, b: ReturnType<typeof cpuSeconds>): number {
  return Math.max(0, (b.machine - a.machine) - (b.self - a.self)) / (b.wall - a.wall);
}

function trainingProgress(): string | null {
  const dir = path.join(REPO, 'models', '.work');
  if (!existsSync(dir)) return null;
  const logs = readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => ({ f, m: statSync(path.join(dir, f)).mtimeMs }));
  const newest = logs.sort((a, b) => b.m - a.m)[0];
  if (!newest || Date.now() - newest.m > 120_000) return null; // not written in the last 2 min: not running
  const last = readFileSync(path.join(dir, newest.f), 'utf8').trim().split('\n').at(-1) ?? '';
  return `${newest.f}: ${last.slice(0, 80)}`;
}

function python(script: string, scriptArgs: string[], threads: number): Record<string, unknown> {
  const env = { ...process.env, OMP_NUM_THREADS: String(threads), OPENBLAS_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads), PYTHONDONTWRITEBYTECODE: '1' };
  const run = spawnSync(PYTHON, [path.join(HERE, script), ...scriptArgs], { encoding: 'utf8', env, timeout: 3_600_000 }); // full size under load: minutes
  if (run.status !== 0) throw new Error(`${script} failed (${run.status ?? run.signal}): ${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function cpuModel(): string {
  const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
  return line ? line.split(':')[1]!.trim() : cpus()[0]?.model ?? 'unknown';
}

function cpuFlags(): string {
  const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('flags')) ?? '';
  const flags = new Set(line.split(':')[1]?.trim().split(/\s+/) ?? []);
  return ['avx2', 'fma', 'avx512f', 'avx512_bf16', 'avx512_vnni', 'amx_tile'].filter((f) => flags.has(f)).join(' ');
}

function cacheSizes(): string {
  const base = '/sys/devices/system/cpu/cpu0/cache';
  if (!existsSync(base)) return 'unknown';
  return readdirSync(base).filter((d) => d.startsWith('index')).map((d) => {
    const read = (f: string) => readFileSync(path.join(base, d, f), 'utf8').trim();
    try {
      return `L${read('level')}${read('type') === 'Data' ? 'd' : read('type') === 'Instruction' ? 'i' : ''} ${read('size')}`;
    } catch {
      return '';
    }
  }).filter(Boolean).join(', ');
}

// ---------------------------------------------------------------------------------------------- measurements

interface PureResult { batch: number; threads: number; fetch: 'engine' | 'all'; iters: number; medianMs: number; imagesPerS: number; cpuMsPerImage: number; othersCores?: number }

/** Pure ORT inference in this process, through the engine's own session factory (same options and provider order). */
async function pureOrt(model: ModelFiles, input: Float32Array, batch: number, threads: number, fetch: 'engine' | 'all'): Promise<PureResult & { provider: string }> {
  const opened = await openSession(model.onnxPath, providerOrder(), threads);
  const size = model.sidecar.preprocessing.crop;
  const session = opened.session;
  const fetches = fetch === 'all'
    ? [...session.outputNames]
    : scoreFetches(model.sidecar); // BatchRunner.score's own fetch list
  const tensor = new ort.Tensor('float32', input.subarray(0, batch * 3 * size * size), [batch, 3, size, size]);
  const times: number[] = [];
  let cpu = { user: 0, system: 0 };
  try {
    for (let i = 0; i < WARMUP; i++) await session.run({ pixel_values: tensor }, fetches);
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    while (times.length < MIN_ITERS || performance.now() - started < MIN_SECONDS * 1000) {
      const t0 = performance.now();
      await session.run({ pixel_values: tensor }, fetches);
      times.push(performance.now() - t0);
    }
    cpu = process.cpuUsage(cpu0);
  } finally {
    await session.release();
  }
  const medianMs = median(times);
  return {
    batch, threads, fetch, iters: times.length, medianMs, imagesPerS: (batch * 1000) / medianMs,
    cpuMsPerImage: (cpu.user + cpu.system) / 1000 / (times.length * batch), provider: opened.provider,
  };
}

/** CPU cost of the worker's own decode path (decodeBatch: bounded read, SHA-256, sharp preprocessing, stacking), per image. */
async function decodeCost(paths: string[], model: ModelFiles): Promise<{ images: number; cpuMsPerImage: number; wallMsPerImage: number }> {
  sharp.concurrency(1); // as the inference worker sets it
  const batchOf = (from: number, count: number) => paths.slice(from, from + count).map((p, k) => ({ key: from + k, path: p }));
  await decodeBatch(batchOf(0, 16), model.sidecar);
  const images = Math.min(400, paths.length);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < images; i += 8) await decodeBatch(batchOf(i, Math.min(8, images - i)), model.sidecar);
  const cpu = process.cpuUsage(cpu0);
  return { images, cpuMsPerImage: (cpu.user + cpu.system) / 1000 / images, wallMsPerImage: (performance.now() - t0) / images };
}

interface E2eResult {
  batch: number;
  threads: number;
  provider: string;
  scored: number;
  failed: number;
  listSeconds: number;
  wallSeconds: number;
  imagesPerS: number;
  scoringImagesPerS: number;
  inferBusyFraction: number;
  cpuMsPerImage: number;
  /** Workspace write (recordBatch) per scored sample. */
  writeMsPerImage: number;
  engineDefaultThreads: boolean;
  /** Cores' worth of CPU other processes used during this run. */
  othersCores?: number;
  lag: { p50: number; p99: number; max: number; mean: number; samples: number };
}

/** listFolder → scoreDataset into a fresh temp Workspace with the real InferenceEngine (worker thread). */
async function endToEnd(modelPath: string, root: string, batch: number, threads: number, warmItems: string[]): Promise<E2eResult> {
  const engine = await InferenceEngine.start({ modelPath, intraOpThreads: threads });
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-bench-ws-'));
  const workspace = Workspace.open(dir);
  let inferMs = 0;
  const score = engine.score.bind(engine);
  engine.score = async (items) => { // observe the worker's own inference time; the call itself is unchanged
    const result = await score(items);
    inferMs += result.inferMs;
    return result;
  };
  let writeMs = 0;
  const recordBatch = workspace.recordBatch.bind(workspace);
  workspace.recordBatch = (...a: Parameters<typeof recordBatch>) => { // time the write; the call itself is unchanged
    const w0 = performance.now();
    try { return recordBatch(...a); } finally { writeMs += performance.now() - w0; }
  };
  try {
    // One batch through the worker first, so session warm-up (first-run allocations) is not in the figure.
    await score(warmItems.slice(0, batch).map((p, key) => ({ key, path: p })));
    const lag = monitorEventLoopDelay({ resolution: 1 });
    lag.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const listing = await listFolder(root);
    if (!listing.ok) throw new Error(listing.error.message);
    const t1 = performance.now();
    const summary = await scoreDataset({ workspace, listing: listing.value, engine, batchSize: batch });
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    lag.disable();
    if (summary.run.status !== 'completed') throw new Error(`scoring run ${summary.run.status}: ${JSON.stringify(summary.failures.slice(0, 3))}`);
    const scored = summary.run.scored;
    const wall = (t2 - t0) / 1000;
    return {
      batch,
      threads,
      engineDefaultThreads: threads === Math.max(1, availableParallelism()), // InferenceEngine's default intra-op threads
      provider: engine.provider,
      scored,
      failed: summary.run.failed,
      listSeconds: (t1 - t0) / 1000,
      wallSeconds: wall,
      imagesPerS: scored / wall,
      scoringImagesPerS: scored / ((t2 - t1) / 1000),
      inferBusyFraction: inferMs / (t2 - t1),
      cpuMsPerImage: (cpu.user + cpu.system) / 1000 / Math.max(1, scored),
      writeMsPerImage: writeMs / Math.max(1, scored),
      lag: {
        p50: lag.percentile(50) / 1e6, p99: lag.percentile(99) / 1e6, max: lag.max / 1e6, mean: lag.mean / 1e6, samples: lag.count,
      },
    };
  } finally {
    workspace.close();
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const benchStarted = performance.now();
  const cpuAtStart = cpuSeconds();
  const batches = args.batches!.split(',').map((b) => Number.parseInt(b, 10)).filter((b) => b > 0);
  const images = Number.parseInt(args.images!, 10);
  let modelPath: string;
  const notes: string[] = [];
  if (args.model) modelPath = path.resolve(args.model);
  else if (existsSync(SHIPPED_MODEL)) modelPath = SHIPPED_MODEL;
  else {
    modelPath = DEV_MODEL;
    notes.push(`NOTE: ${path.relative(REPO, SHIPPED_MODEL)} not present yet; using the contract-identical randomly initialised dev export ${DEV_MODEL} (same architecture and FLOPs).`);
  }
  const model = await loadModelFiles(modelPath);
  const sc = model.sidecar;

  // Machine facts and load.
  const training = trainingProgress();
  const busy = busyProcesses();
  console.log('UAD Workbench: inference benchmark');
  console.log(`machine  ${cpuModel()} · ${cpus().length} logical CPUs (availableParallelism ${availableParallelism()}) · ${cpuFlags()} · ${cacheSizes()} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
  console.log(`versions node ${process.versions.node} · onnxruntime-node ${packageVersion('onnxruntime-node')} · sharp ${sharp.versions.sharp} (libvips ${sharp.versions.vips}) · sharp.concurrency ${sharp.concurrency()}`);
  console.log(`load     ${load()} (1/5/15 min) at start`);
  for (const line of busy) console.log(`busy     ${line}`);
  if (training) console.log(`training models/.work log written in the last 2 min: ${training}`);
  if (busy.length > 0) notes.push(`WARNING: other processes were using CPU at the start (${busy.length}); figures below are from a busy machine.`);
  for (const note of notes) console.log(note);
  console.log(`model    ${path.relative(REPO, model.onnxPath) || model.onnxPath} (${sc.name}, sha256 ${model.sha256.slice(0, 12)}…): ${sc.architecture.image_size}² / patch ${sc.architecture.patch_size}, width ${String(sc.architecture.width)}, depth ${String(sc.architecture.depth)}, ${sc.architecture.tokens} tokens, MoE layers [${sc.moe?.layers.join(',') ?? ''}] × ${sc.moe?.experts ?? 0} experts × ${sc.moe?.slots ?? 0} slots (${sc.moe?.weighting ?? 'dense'})`);

  // FLOPs per image: analytic from the sidecar, cross-checked against the ONNX graph.
  const flops = countFlops(sc);
  const graph = python('onnx_flops.py', [model.onnxPath], 1) as { resolved_flops_per_image: number; resolved_nodes: Record<string, number>; unresolved: { op: string; name: string }[] };
  const graphAgrees = graph.resolved_flops_per_image === flops.withoutAttentionProducts;
  console.log(`FLOPs    ${(flops.total / 1e6).toFixed(1)} MFLOP/image, counted analytically from the sidecar (2×MACs of patch conv, attention qkv/scores/values/out, MLP, Soft-MoE router/dispatch/experts/combine, head; element-wise ops excluded)`);
  console.log(`         ${Object.entries(flops.terms).map(([k, v]) => `${k} ${(v / 1e6).toFixed(1)}M`).join(', ')}`);
  console.log(`         ONNX-graph cross-check: ${Object.entries(graph.resolved_nodes).map(([k, v]) => `${v} ${k}`).join(' + ')} resolved by shape inference = ${(graph.resolved_flops_per_image / 1e6).toFixed(3)} MFLOP; ` +
    `${graph.unresolved.length} unresolved (${[...new Set(graph.unresolved.map((u) => u.name.replace(/blocks\.\d+/, 'blocks.*')))].join(', ')}); ` +
    `analytic count without the n×n attention products = ${(flops.withoutAttentionProducts / 1e6).toFixed(3)} MFLOP → ${graphAgrees ? 'agrees exactly' : 'DISAGREES'}`);

  // Corpus and the identical input tensor for both runtimes (the first images of the corpus, preprocessed as the engine does).
  const corpus = await faceCorpus(images, SEED);
  console.log(`corpus   ${images} seeded JPEGs (200–400 px, face-like) in ${corpus.root}, ${(corpus.totalBytes / 2 ** 20).toFixed(1)} MiB; ${corpus.generatedNow ? `generated now in ${fmt(corpus.generateSeconds)} s` : 'reused (already generated)'}`);
  const listed = await listFolder(corpus.root);
  if (!listed.ok) throw new Error(listed.error.message);
  const corpusPaths = listed.value.samples.map((s) => path.join(corpus.root, s.path));
  const maxBatch = Math.max(...batches);
  const size = sc.preprocessing.crop;
  const plane = 3 * size * size;
  const input = new Float32Array(maxBatch * plane);
  for (let i = 0; i < maxBatch; i++) input.set((await preprocessImage(readFileSync(corpusPaths[i]!), sc.preprocessing)).tensor, i * plane);
  const inputDir = mkdtempSync(path.join(tmpdir(), 'uad-bench-input-'));

  try {
    // sgemm ceiling of this machine.
    console.log('\n[1/4] sgemm ceiling (torch.mm float32 1024², median of 21; numpy cross-check)');
    const sgemm = THREADS.map((t) => python('sgemm.py', ['--threads', String(t)], t) as { threads: number; torch_gflops: number; numpy_gflops: number; blas: string[]; torch: string; numpy: string; python: string });
    for (const s of sgemm) console.log(`  threads ${s.threads}: torch.mm ${fmt(s.torch_gflops)} GFLOP/s, numpy ${fmt(s.numpy_gflops)} GFLOP/s`);
    const bestSgemm = sgemm.reduce((a, b) => (b.torch_gflops > a.torch_gflops ? b : a));
    console.log(`  python ${sgemm[0]!.python} · torch ${sgemm[0]!.torch} · numpy ${sgemm[0]!.numpy} · BLAS ${sgemm[0]!.blas.find((b) => b.includes('openblas')) ?? sgemm[0]!.blas.join(' ')}`);

    // What decoding costs, for the end-to-end CPU budget.
    console.log('\n[2/4] decode cost: the worker\'s decodeBatch (bounded read, SHA-256, sharp decode/resize/crop/normalise, stacking), batches of 8, sharp.concurrency(1)');
    const cd = cpuSeconds();
    const decode = await decodeCost(corpusPaths, model);
    console.log(`  ${fmt(decode.cpuMsPerImage, 2)} ms CPU per image (all threads of this process; ${fmt(decode.wallMsPerImage, 2)} ms wall per image) over ${decode.images} corpus images · other processes ${fmt(othersCores(cd, cpuSeconds()), 2)} cores`);

    // Pure inference and end to end, interleaved per batch × thread setting so each ratio compares neighbours in time.
    const defaultThreads = Math.max(1, availableParallelism());
    console.log(`\n[3/4] per batch × intra-op threads (1, 2; engine default ${defaultThreads}), interleaved:`);
    console.log(`  pure = ORT session.run in the bench process, opened by the engine's own openSession (same session options and provider order), engine fetch list; warm-up ${WARMUP}, ≥${MIN_ITERS} runs and ≥${MIN_SECONDS} s, median`);
    console.log(`  e2e  = listFolder → scoreDataset → fresh temp Workspace with the real InferenceEngine (worker thread), ${images} JPEGs, after one warm-up batch; main-thread event-loop delay sampled at 1 ms`);
    const pure: (PureResult & { provider: string })[] = [];
    const e2e: E2eResult[] = [];
    for (const batch of batches) {
      for (const threads of THREADS) {
        const c0 = cpuSeconds();
        const p = await pureOrt(model, input, batch, threads, 'engine');
        pure.push(p);
        const c1 = cpuSeconds();
        const r = await endToEnd(model.onnxPath, corpus.root, batch, threads, corpusPaths);
        e2e.push(r);
        const c2 = cpuSeconds();
        p.othersCores = othersCores(c0, c1);
        r.othersCores = othersCores(c1, c2);
        console.log(`  B=${String(batch).padStart(2)} threads ${threads}${r.engineDefaultThreads ? ' (default)' : ''}: pure ${fmt(p.imagesPerS)} img/s (median ${fmt(p.medianMs)} ms × ${p.iters}, process CPU ${fmt(p.cpuMsPerImage, 2)} ms/img, ${p.provider}) · ` +
          `e2e ${fmt(r.imagesPerS)} img/s = ${fmt(r.imagesPerS / p.imagesPerS, 2)}× pure (${r.scored} scored/${r.failed} failed in ${fmt(r.wallSeconds)} s, listFolder ${fmt(r.listSeconds, 2)} s; ` +
          `worker inference busy ${fmt(r.inferBusyFraction * 100, 0)}%, process CPU ${fmt(r.cpuMsPerImage, 2)} ms/img; lag p50/p99/max ${fmt(r.lag.p50, 2)}/${fmt(r.lag.p99, 2)}/${fmt(r.lag.max, 1)} ms) · ` +
          `other processes ${fmt(p.othersCores, 2)} / ${fmt(r.othersCores, 2)} cores`);
      }
    }
    const pureAt = (batch: number, threads: number) => pure.find((p) => p.batch === batch && p.threads === threads)!;
    const bestPure = (batch: number) => pure.filter((p) => p.batch === batch).reduce((a, b) => (b.imagesPerS > a.imagesPerS ? b : a));
    const bestE2e = e2e.reduce((a, b) => (b.imagesPerS > a.imagesPerS ? b : a));
    const batch = bestE2e.batch;
    const pureRef = bestPure(batch);
    const byBatch = batches.map((b) => `B=${b} ${fmt(Math.max(...e2e.filter((r) => r.batch === b).map((r) => r.imagesPerS)))}`).join(', ');
    console.log(`  best end to end: B=${batch}, threads ${bestE2e.threads} (best per batch: ${byBatch} img/s); ` +
      (batch === DEFAULT_BATCH_SIZE ? `equals DEFAULT_BATCH_SIZE ${DEFAULT_BATCH_SIZE}` : `DEFAULT_BATCH_SIZE in electron/scoring/scoring-run.ts is ${DEFAULT_BATCH_SIZE}`) +
      (bestE2e.engineDefaultThreads ? '; engine default threads' : `; the engine's default (${defaultThreads} threads) was slower here`));

    // Each stage of the per-sample path alone, at the best end-to-end run's batch and threads.
    const stages = await stageCosts(model, corpusPaths, batch, bestE2e.threads, MIN_ITERS, MIN_SECONDS);
    console.log(`\n[3b] stages at B=${batch}, ${bestE2e.threads} thr: ms per sample, each alone in this process (read/decode one image at a time; model and appearance network median runs of the batch)`);
    for (const l of stageLines(stages, bestE2e.writeMsPerImage)) console.log(l);

    // The efficiency's two terms read a second time: this machine's rate drifts between minutes by more than the target's
    // margin, so each term is the faster of two readings (the end to end again at its best setting, then the stage whole).
    console.log(`\n[3c] the efficiency's terms again at B=${batch}, ${bestE2e.threads} thr: end to end, then the inference stage whole; the faster reading of each counts`);
    const e2eAgain = await endToEnd(model.onnxPath, corpus.root, batch, bestE2e.threads, corpusPaths);
    const wholeAgain = await wholeStage(model, corpusPaths, batch, bestE2e.threads, MIN_ITERS, MIN_SECONDS);
    console.log(`  end to end ${fmt(bestE2e.imagesPerS)} then ${fmt(e2eAgain.imagesPerS)} img/s (process CPU ${fmt(bestE2e.cpuMsPerImage, 2)} / ${fmt(e2eAgain.cpuMsPerImage, 2)} ms/img) · ` +
      `stage whole ${fmt(stages.runner, 2)} then ${fmt(wholeAgain.ms, 2)} ms/sample (${fmt(stages.runnerCpu, 2)} / ${fmt(wholeAgain.cpuMs, 2)} ms CPU)`);
    const effE2e = e2eAgain.imagesPerS > bestE2e.imagesPerS ? e2eAgain : bestE2e;
    const whole = wholeAgain.ms < stages.runner ? wholeAgain : { ms: stages.runner, cpuMs: stages.runnerCpu };

    // ORT vs PyTorch at that batch, identical input, every output fetched on both sides; rounds interleave the two.
    console.log(`\n[4/4] ORT vs PyTorch eager at B=${batch}, identical input (first ${batch} corpus images, preprocessed per the sidecar), all contract outputs on both sides; ` +
      `${ROUNDS} interleaved rounds, each a median (warm-up ${WARMUP}, ≥${MIN_ITERS} runs, ≥${MIN_SECONDS} s), best round counts`);
    const inputFile = path.join(inputDir, `input-b${batch}.f32`);
    writeFileSync(inputFile, Buffer.from(input.buffer, 0, batch * plane * 4));
    type TorchRun = { threads: number; images_per_s: number; median_ms: number; iters: number; weights: string; moe_layers: number[]; config: Record<string, unknown>; othersCores?: number };
    const ortRounds: PureResult[][] = THREADS.map(() => []);
    const torchRounds: TorchRun[][] = THREADS.map(() => []);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [i, threads] of THREADS.entries()) {
        const c0 = cpuSeconds();
        const o = await pureOrt(model, input, batch, threads, 'all');
        ortRounds[i]!.push(o);
        const c1 = cpuSeconds();
        const t = python('torch_throughput.py', ['--sidecar', model.sidecarPath, '--input', inputFile, '--batch', String(batch), '--threads', String(threads),
          '--warmup', String(WARMUP), '--min-iters', String(MIN_ITERS), '--min-seconds', String(MIN_SECONDS)], threads) as TorchRun;
        torchRounds[i]!.push(t);
        o.othersCores = othersCores(c0, c1);
        t.othersCores = othersCores(c1, cpuSeconds());
        console.log(`  round ${round} threads ${threads}: ORT ${fmt(o.imagesPerS).padStart(6)} img/s (median ${fmt(o.medianMs)} ms × ${o.iters}) · torch ${fmt(t.images_per_s).padStart(6)} img/s (median ${fmt(t.median_ms)} ms × ${t.iters}) · ` +
          `other processes ${fmt(o.othersCores, 2)} / ${fmt(t.othersCores, 2)} cores`);
      }
    }
    const ortRuns = ortRounds.map((runs) => runs.reduce((a, b) => (b.imagesPerS > a.imagesPerS ? b : a)));
    const torchRuns = torchRounds.map((runs) => runs.reduce((a, b) => (b.images_per_s > a.images_per_s ? b : a)));
    for (const [i, threads] of THREADS.entries()) {
      console.log(`  threads ${threads}: ORT ${fmt(ortRuns[i]!.imagesPerS)} img/s, torch ${fmt(torchRuns[i]!.images_per_s)} img/s`);
    }
    const bestOrt = ortRuns.reduce((a, b) => (b.imagesPerS > a.imagesPerS ? b : a));
    const bestTorch = torchRuns.reduce((a, b) => (b.images_per_s > a.images_per_s ? b : a));
    console.log(`  torch model: LaSoftMoECLIP(ImageOnlyExport) built from the sidecar's architecture/moe fields (${JSON.stringify(bestTorch.config)}); ${bestTorch.weights}; trained weights not loaded (not needed for throughput)`);
    console.log(`  ORT here runs in the bench process (onnxruntime-node InferenceSession via the engine's openSession), not through the worker`);

    console.log(`\n[5/5] ORT settings at B=${batch} (same input, score output only): graph optimisation level × intra-op threads, fp32 and int8 dynamic quantisation`);
    const variants = await ortVariants(model, input, batch, THREADS, { warmup: 1, minIters: MIN_ITERS, minSeconds: MIN_SECONDS }, (l) => console.log(l));
    const bestVariant = variants.results.reduce<VariantResult | null>((a, b) => (!a || b.imagesPerS > a.imagesPerS ? b : a), null);

    // Figures.
    const speedup = bestOrt.imagesPerS / bestTorch.images_per_s;
    const ortGflops = (bestOrt.imagesPerS * flops.total) / 1e9;
    const roofline = ortGflops / bestSgemm.torch_gflops;
    const e2eRatio = bestE2e.imagesPerS / pureRef.imagesPerS;
    // Decode and inference share the same cores: the best any pipeline could do with this decode and this session.
    const leanest = pure.filter((p) => p.batch === batch).reduce((a, b) => (b.cpuMsPerImage < a.cpuMsPerImage ? b : a));
    const cpuBound = (cpus().length * 1000) / (decode.cpuMsPerImage + leanest.cpuMsPerImage);
    const lagP99 = bestE2e.lag.p99;
    // Pipeline efficiency: end to end against the slower of its two stages, each measured alone in this run
    // (decode: the worker's decodeBatch, its images on the libuv pool; inference: everything the inference thread
    // does per sample at the end-to-end run's batch and threads, BatchRunner.score on decoded batches: the model, the
    // appearance view, the domain maths, the routing summaries and result rows). Both stages share the same cores, so
    // the CPU line (cores ÷ the two stages' CPU per sample) says how much of the gap the CPU itself explains.
    const decodeCapacity = 1000 / decode.wallMsPerImage;
    const inferenceCapacity = 1000 / whole.ms;
    const pipeline = effE2e.imagesPerS / Math.min(decodeCapacity, inferenceCapacity);
    const stagesCpuBound = (cpus().length * 1000) / (decode.cpuMsPerImage + whole.cpuMs);
    // Where decode and inference share every core, end to end cannot pass the CPU line, so neither can the efficiency
    // pass this: the CPU line over the smaller capacity (each stage measured alone with all the cores).
    const efficiencyCeiling = Math.min(1, stagesCpuBound / Math.min(decodeCapacity, inferenceCapacity));
    // The end-to-end run's own CPU per sample (every thread of the process: the two stages as they ran side by side,
    // plus what neither stage has alone: the run's workspace writes, messages between threads, the engine's garbage
    // collection, this bench's 1 ms event-loop sampler). With every core busy for the whole run, end to end reaches
    // cores ÷ that; the efficiency that rate gives is the most any scheduling of this run's work could reach.
    const e2eCoresBusy = (effE2e.imagesPerS * effE2e.cpuMsPerImage) / 1000;
    const e2eOutsideStages = effE2e.cpuMsPerImage - decode.cpuMsPerImage - whole.cpuMs;
    const e2eFullCoresBound = (cpus().length * 1000) / effE2e.cpuMsPerImage / Math.min(decodeCapacity, inferenceCapacity);
    const loadEnd = load();
    const others = othersCores(cpuAtStart, cpuSeconds());
    const rows: [string, string, string, string][] = [
      [`ORT throughput (B=${batch}, best of threads 1/2: ${bestOrt.threads})`, `${fmt(bestOrt.imagesPerS)} img/s`, '', ''],
      [`PyTorch eager throughput (B=${batch}, best: threads ${bestTorch.threads})`, `${fmt(bestTorch.images_per_s)} img/s`, '', ''],
      ['ORT vs PyTorch', `${fmt(speedup, 2)}×`, `≥ ${TARGET.speedup}×`, speedup >= TARGET.speedup ? 'PASS' : 'MISS'],
      [`ORT GFLOP/s (${fmt(flops.total / 1e6)} MFLOP/img)`, `${fmt(ortGflops)} GFLOP/s`, '', ''],
      [`fraction of sgemm ${fmt(bestSgemm.torch_gflops)} GFLOP/s (${bestSgemm.threads} thr)`, `${fmt(roofline * 100)} %`, `≥ ${TARGET.roofline * 100} %`, roofline >= TARGET.roofline ? 'PASS' : 'MISS'],
      [`pure inference (B=${batch}, engine outputs, best: threads ${pureRef.threads})`, `${fmt(pureRef.imagesPerS)} img/s`, '', ''],
      [`end-to-end scoring (${images} JPEGs, B=${batch}, threads ${bestE2e.threads}; domain check ${stages.side === null ? 'without appearance view' : `on, appearance at ${stages.side} px`})`, `${fmt(bestE2e.imagesPerS)} img/s`, `≥ ${TARGET.e2eImagesPerS}`, bestE2e.imagesPerS >= TARGET.e2eImagesPerS ? 'PASS' : 'MISS'],
      [`  vs pure inference at the same threads (${bestE2e.threads})`, `${fmt(bestE2e.imagesPerS / pureAt(batch, bestE2e.threads).imagesPerS, 2)}×`, '', 'info'],
      [`  CPU bound: ${cpus().length} cores / (decode ${fmt(decode.cpuMsPerImage, 2)} + inference ${fmt(leanest.cpuMsPerImage, 2)} ms CPU/img, ${leanest.threads} thr)`, `${fmt(cpuBound)} img/s`, '', 'info'],
      [`  ceiling for e2e vs best pure (CPU bound / pure)`, `${fmt(cpuBound / pureRef.imagesPerS, 2)}×`, '', 'info'],
      ['end-to-end vs best pure inference', `${fmt(e2eRatio, 2)}×`, `≥ ${TARGET.e2eRatio}×`, e2eRatio >= TARGET.e2eRatio ? 'PASS' : 'MISS'],
      [`  decode capacity (${fmt(decode.wallMsPerImage, 1)} ms/img) / inference stage whole incl. domain views (${fmt(whole.ms, 2)} ms/img, B=${batch}, ${bestE2e.threads} thr; faster of 2)`, `${fmt(decodeCapacity)} / ${fmt(inferenceCapacity)} img/s`, '', 'info'],
      [`pipeline efficiency = e2e (faster of 2: ${fmt(effE2e.imagesPerS)} img/s) / min(decode, inference)`, `${fmt(pipeline, 2)}`, `≥ ${TARGET.pipeline}`, pipeline >= TARGET.pipeline ? 'PASS' : 'MISS'],
      [`  CPU line: ${cpus().length} cores / (decode ${fmt(decode.cpuMsPerImage, 2)} + inference stage ${fmt(whole.cpuMs, 2)} ms CPU/img)`, `${fmt(stagesCpuBound)} img/s`, '', 'info'],
      ['  e2e / CPU line', `${fmt(effE2e.imagesPerS / stagesCpuBound, 2)}`, '', 'info'],
      [`  ceiling of the efficiency on cores both stages share (CPU line / ${decodeCapacity < inferenceCapacity ? 'decode' : 'inference'} capacity)`, `${fmt(efficiencyCeiling, 2)}`, '', 'info'],
      [`  end to end: ${fmt(effE2e.cpuMsPerImage, 2)} ms CPU/img (${fmt(e2eOutsideStages, 2)} beyond the two stages alone); cores busy`, `${fmt(e2eCoresBusy, 2)} of ${cpus().length}`, '', 'info'],
      ['  efficiency with this run\'s CPU per sample and every core busy', `${fmt(e2eFullCoresBound, 2)}`, '', 'info'],
      ['main event-loop lag p50 / max', `${fmt(bestE2e.lag.p50, 2)} / ${fmt(bestE2e.lag.max, 2)} ms`, '', ''],
      ['main event-loop lag p99', `${fmt(lagP99, 2)} ms`, `≤ ${TARGET.lagP99Ms} ms`, lagP99 <= TARGET.lagP99Ms ? 'PASS' : 'MISS'],
      [`  worst p99 over all ${e2e.length} end-to-end runs`, `${fmt(Math.max(...e2e.map((r) => r.lag.p99)), 2)} ms`, '', 'info'],
      ...(bestVariant ? [[`best ORT setting: ${bestVariant.weights}, level ${bestVariant.optLevel}, ${bestVariant.threads} thr (score only)`, `${fmt(bestVariant.imagesPerS, 2)} img/s`, '', 'info'] as [string, string, string, string]] : []),
    ];
    const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['figure', 'measured', 'target', 'result'][i]!.length));
    const line = (r: string[]) => `  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padEnd(widths[2]!)}  ${r[3]!}`;
    console.log(`\nResults (provider ${bestE2e.provider}; load ${loadEnd} at end; other processes used ${fmt(others, 2)} of ${cpus().length} cores on average during the bench; bench ${fmt((performance.now() - benchStarted) / 1000, 0)} s)`);
    console.log(line(['figure', 'measured', 'target', 'result']));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const r of rows) console.log(line(r));
    console.log('  (lag: Node\'s monitorEventLoopDelay at 1 ms resolution; its samples include the 1 ms timer interval itself)');
    if (busy.length > 0 || training || others > 0.1) console.log(`  NOTE: the machine was not quiet (busy processes at the start: ${busy.length}; others used ${fmt(others, 2)} cores on average during the bench); rerun when it is.`);
    for (const note of notes) console.log(`  ${note}`);

    const results = {
      ort_images_per_s: bestOrt.imagesPerS,
      torch_images_per_s: bestTorch.images_per_s,
      ort_vs_torch_speedup: speedup,
      e2e_images_per_s: bestE2e.imagesPerS,
      e2e_vs_inference_ratio: e2eRatio,
      event_loop_lag_p99_ms: lagP99,
      provider: bestE2e.provider,
      batch,
      roofline_fraction: roofline,
      pipeline_efficiency: pipeline,
      decode_capacity_images_per_s: decodeCapacity,
      inference_capacity_images_per_s: inferenceCapacity,
      stages_cpu_bound_images_per_s: stagesCpuBound,
      pipeline_efficiency_ceiling_shared_cores: efficiencyCeiling,
      pipeline_efficiency_readings: {
        e2e_images_per_s: [bestE2e.imagesPerS, e2eAgain.imagesPerS],
        inference_stage_ms_per_sample: [stages.runner, wholeAgain.ms],
        inference_stage_cpu_ms_per_sample: [stages.runnerCpu, wholeAgain.cpuMs],
        e2e_again: e2eAgain,
      },
      e2e_cores_busy: e2eCoresBusy,
      e2e_cpu_ms_beyond_stages: e2eOutsideStages,
      pipeline_efficiency_bound_all_cores_busy: e2eFullCoresBound,
      stages_ms_per_sample: { ...stages, write: bestE2e.writeMsPerImage },
      ort_variants: variants.results,
      int8_quantisation: variants.quantised,
      ort_optimised_ops: variants.optimisedOps,
      // extras
      measured_at: new Date().toISOString(),
      model: { path: model.onnxPath, name: sc.name, sha256: model.sha256, dev_fallback: modelPath === DEV_MODEL && !args.model },
      flops_per_image: flops.total,
      flops_method: 'analytic from sidecar (2×MACs of matrix products); ONNX-graph cross-check on resolvable MatMul/Conv',
      flops_terms: flops.terms,
      onnx_graph_resolved_flops: graph.resolved_flops_per_image,
      onnx_graph_agrees: graphAgrees,
      ort_gflops: ortGflops,
      sgemm: sgemm.map((s) => ({ threads: s.threads, torch_gflops: s.torch_gflops, numpy_gflops: s.numpy_gflops })),
      ort_threads: bestOrt.threads,
      torch_threads: bestTorch.threads,
      ort_runs: ortRounds.flat().map((r) => ({ ...r })),
      torch_runs: torchRounds.flat().map((r) => ({ threads: r.threads, images_per_s: r.images_per_s, median_ms: r.median_ms, iters: r.iters, others_cores: r.othersCores })),
      pure_inference: pure.map(({ provider: _p, ...r }) => r),
      pure_inference_images_per_s: pureRef.imagesPerS,
      e2e_runs: e2e,
      decode_cpu_ms_per_image: decode.cpuMsPerImage,
      e2e_cpu_bound_images_per_s: cpuBound,
      e2e_threads: bestE2e.threads,
      e2e_vs_inference_same_threads: bestE2e.imagesPerS / pureAt(batch, bestE2e.threads).imagesPerS,
      event_loop_lag_p99_ms_worst_run: Math.max(...e2e.map((r) => r.lag.p99)),
      default_batch_size: DEFAULT_BATCH_SIZE,
      best_batch: batch,
      event_loop_lag_ms: bestE2e.lag,
      images,
      machine: {
        cpu: cpuModel(), logical_cpus: cpus().length, flags: cpuFlags(), caches: cacheSizes(), node: process.versions.node,
        onnxruntime_node: packageVersion('onnxruntime-node'), sharp: sharp.versions.sharp, torch: sgemm[0]!.torch, blas: sgemm[0]!.blas,
      },
      busy_at_start: busy, training_in_progress: training, loadavg_end: loadavg(), other_processes_cores_avg: others,
    };
    const out = path.join(HERE, 'results', args.model ? `inference-${sc.name}.json` : 'inference.json');
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\nwrote ${path.relative(REPO, out)}`);
  } finally {
    rmSync(inputDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exitCode = 1;
});
