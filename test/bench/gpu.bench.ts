// `npm run bench:gpu [-- --model PATH] [--batches 1,8,32,64,128,256] [--images 4000] [--allow-cpu]`: ORT on CUDA vs
// PyTorch eager on CUDA (same architecture, same input, batch sizes, fp32 and each runtime's fast paths), batch-1
// latency, and the end-to-end pipeline against min(decode capacity, inference capacity), side by side in one run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { listFolder } from '../../electron/dataset/folder-loader.js';
import { scoreFetches } from '../../electron/inference/batch-runner.js';
import { cudaProviderRefusal, nvidiaGpuName } from '../../electron/onnx/cuda-provider.js';
import { decodeThreadCount, relaunchWithThreadpool } from '../../electron/inference/decode-threads.js';
import { InferenceEngine } from '../../electron/inference/engine.js';
import { loadModelFiles, type ModelFiles } from '../../electron/onnx/model-files.js';
import { preprocessImage } from '../../electron/onnx/preprocess.js';
import { scoreDataset } from '../../electron/scoring/scoring-run.js';
import { Workspace } from '../../electron/workspace/workspace.js';
import { faceCorpus } from './face-jpegs.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const SEED = 20261;
const TARGET = { speedup: 1, pipelineEfficiency: 0.9 };
const PARITY_BATCH = 8;
const PARITY_TOLERANCE = 1e-3;

const { values: args } = parseArgs({
  options: {
    model: { type: 'string' },
    'model-fp16': { type: 'string' },
    batches: { type: 'string', default: '1,8,32,64,128,256' },
    images: { type: 'string', default: '4000' },
    'e2e-batch': { type: 'string' },
    'min-seconds': { type: 'string', default: '2' },
    'allow-cpu': { type: 'boolean', default: false },
    python: { type: 'string' },
    out: { type: 'string' },
  },
});

const fmt = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : '—');
const median = (v: number[]) => percentile(v, 50);
/** Nearest-rank percentile (q in 0..100) of unsorted values. */
function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((q / 100) * sorted.length) - 1))]!;
}

function run(command: string, argv: string[]): string {
  const result = spawnSync(command, argv, { encoding: 'utf8', timeout: 15_000 });
  return result.status === 0 ? result.stdout.trim() : '';
}

function packageVersion(name: string): string {
  return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
}

interface OrtRow { setting: string; batch: number; runs: number; medianMs: number; imagesPerS: number; p50Ms?: number; p99Ms?: number }

/** ORT settings the Node binding offers: graph optimisation levels, and an fp16 export when one is given. */
function ortSettings(model: ModelFiles): { name: string; path: string; level: 'all' | 'basic' | 'disabled' }[] {
  const settings = [
    { name: 'fp32 · graph opt all', path: model.onnxPath, level: 'all' as const },
    { name: 'fp32 · graph opt basic', path: model.onnxPath, level: 'basic' as const },
    { name: 'fp32 · graph opt disabled', path: model.onnxPath, level: 'disabled' as const },
  ];
  if (args['model-fp16']) settings.push({ name: 'fp16 export · graph opt all', path: path.resolve(args['model-fp16']), level: 'all' });
  return settings;
}

async function timeOrt(setting: ReturnType<typeof ortSettings>[number], provider: string, model: ModelFiles, input: Float32Array, batches: number[], minSeconds: number): Promise<OrtRow[]> {
  const session = await ort.InferenceSession.create(setting.path, {
    executionProviders: [provider], graphOptimizationLevel: setting.level, intraOpNumThreads: provider === 'cpu' ? availableParallelism() : 1,
  });
  const size = model.sidecar.preprocessing.crop;
  const fetches = scoreFetches(model.sidecar);
  const rows: OrtRow[] = [];
  try {
    for (const batch of batches) {
      const tensor = new ort.Tensor('float32', input.subarray(0, batch * 3 * size * size), [batch, 3, size, size]);
      for (let i = 0; i < 5; i++) await session.run({ pixel_values: tensor }, fetches);
      const times: number[] = [];
      const minRuns = batch === 1 ? 200 : 20;
      const started = performance.now();
      while (times.length < minRuns || performance.now() - started < minSeconds * 1000) {
        const t0 = performance.now();
        await session.run({ pixel_values: tensor }, fetches);
        times.push(performance.now() - t0);
      }
      const m = median(times);
      rows.push({ setting: setting.name, batch, runs: times.length, medianMs: m, imagesPerS: (batch * 1000) / m, ...(batch === 1 ? { p50Ms: m, p99Ms: percentile(times, 99) } : {}) });
      console.log(`ort   ${setting.name.padEnd(28)} batch ${String(batch).padStart(4)}: ${fmt((batch * 1000) / m).padStart(10)} img/s (median ${fmt(m, 2)} ms, ${times.length} runs)`);
    }
  } finally {
    await session.release();
  }
  return rows;
}

/** Every contract output of the provider against the CPU provider on the same batch: max absolute difference each. */
async function outputParity(model: ModelFiles, provider: string, input: Float32Array): Promise<{ name: string; maxAbsDiff: number }[]> {
  const size = model.sidecar.preprocessing.crop;
  const batch = Math.min(PARITY_BATCH, input.length / (3 * size * size));
  const tensor = new ort.Tensor('float32', input.subarray(0, batch * 3 * size * size), [batch, 3, size, size]);
  const outputs = async (ep: string) => {
    const session = await ort.InferenceSession.create(model.onnxPath, { executionProviders: [ep], graphOptimizationLevel: 'all' });
    try {
      const out = await session.run({ pixel_values: tensor });
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Float32Array.from(v.data as Float32Array)]));
    } finally {
      await session.release();
    }
  };
  const reference = await outputs('cpu');
  const candidate = await outputs(provider);
  return Object.keys(reference).sort().map((name) => {
    const a = reference[name]!;
    const b = candidate[name];
    if (!b || b.length !== a.length) return { name, maxAbsDiff: Infinity };
    let max = 0;
    for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
    return { name, maxAbsDiff: max };
  });
}

/** Decode capacity: the engine's decodeBatch on `threads` worker threads at once over the corpus, images/s. */
async function decodeCapacity(paths: string[], model: ModelFiles, threads: number, batch: number): Promise<number> {
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(path.join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const script = pathToFileURL(path.join(HERE, 'decode-worker.ts')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  const shares = Array.from({ length: threads }, (_, t) => paths.filter((_, i) => i % threads === t));
  const workers = shares.map((share) => new Worker(bootstrap, { eval: true, workerData: { paths: share, sidecar: model.sidecar, batch } }));
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  const started = performance.now();
  const done = await Promise.all(workers.map((w) => new Promise<{ decoded: number }>((resolve, reject) => { w.once('message', resolve); w.once('error', reject); w.postMessage('go'); })));
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(workers.map((w) => w.terminate()));
  return done.reduce((s, d) => s + d.decoded, 0) / seconds;
}

/** The real path: listFolder → scoreDataset into a fresh Workspace through the InferenceEngine. */
async function endToEnd(modelPath: string, root: string, provider: 'cuda' | 'cpu', batch: number): Promise<{ imagesPerS: number; scored: number; decodeThreads: number; provider: string }> {
  const engine = await InferenceEngine.start({ modelPath, provider });
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-bench-ws-'));
  const workspace = Workspace.open(dir);
  try {
    if (engine.provider !== provider) throw new Error(`the engine opened ${engine.provider}, not ${provider}: ${JSON.stringify(engine.providerAttempts)}`);
    const listing = await listFolder(root);
    if (!listing.ok) throw new Error(listing.error.message);
    const t0 = performance.now();
    const summary = await scoreDataset({ workspace, listing: listing.value, engine, batchSize: batch });
    const seconds = (performance.now() - t0) / 1000;
    if (summary.run.status !== 'completed') throw new Error(`scoring run ${summary.run.status}`);
    return { imagesPerS: summary.run.scored / seconds, scored: summary.run.scored, decodeThreads: engine.decodeThreads, provider: engine.provider };
  } finally {
    workspace.close();
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface TorchReport { torch: string; device_name: string; cuda: string | null; results: { mode: string; batch: number; images_per_s: number; p50_ms: number; p99_ms: number; iters: number }[] }

function torchBench(python: string, model: ModelFiles, inputFile: string, batches: number[], device: string, minSeconds: number): TorchReport | { error: string } {
  const modes = device === 'cuda' ? 'fp32,tf32,fp16' : 'fp32';
  const result = spawnSync(python, [path.join(HERE, 'torch_gpu.py'), '--sidecar', model.sidecarPath, '--input', inputFile, '--batches', batches.join(','), '--device', device, '--modes', modes, '--min-seconds', String(minSeconds)],
    { encoding: 'utf8', timeout: 1_800_000, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  if (result.status !== 0) return { error: `torch_gpu.py failed (${result.status ?? result.signal})` };
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as TorchReport;
}

async function main(): Promise<number> {
  const relaunched = relaunchWithThreadpool();
  if (relaunched) return relaunched;
  const gpu = nvidiaGpuName();
  if (!gpu && !args['allow-cpu']) {
    console.log('bench:gpu: no NVIDIA GPU on this machine (nvidia-smi and /proc/driver/nvidia name none): nothing measured. Run it on a GPU machine (test/bench/README.md), or add --allow-cpu for a dry run on the CPU provider.');
    return 0;
  }
  const provider = gpu ? 'cuda' as const : 'cpu' as const;
  if (provider === 'cuda') {
    const refusal = cudaProviderRefusal();
    if (refusal) { console.log(`bench:gpu: ${refusal}`); return 1; }
  }
  const asked = args.batches!.split(',').map(Number).filter((b) => Number.isInteger(b) && b > 0);
  // The end-to-end batch: as asked, else the largest measured one up to 64 on a GPU (8, the app's default, on the CPU).
  const e2eBatch = Number(args['e2e-batch'] ?? Math.max(...asked.filter((b) => b <= (provider === 'cuda' ? 64 : 8)), Math.min(...asked)));
  const batches = [...new Set([...asked, e2eBatch])].sort((a, b) => a - b);
  const minSeconds = Number(args['min-seconds']);
  const model = await loadModelFiles(path.resolve(args.model ?? path.join(REPO, 'models', 'lasoftmoe-tiny.onnx')));
  const sc = model.sidecar;
  const cores = availableParallelism();
  const driver = gpu ? run('nvidia-smi', ['--query-gpu=driver_version,memory.total', '--format=csv,noheader']) : '';
  console.log(`UAD Workbench: GPU benchmark${gpu ? '' : ' — DRY RUN on the CPU provider (--allow-cpu): no GPU figures'}`);
  console.log(`machine  ${gpu ?? 'no GPU'}${driver ? ` (driver, memory: ${driver})` : ''} · ${cpus()[0]?.model ?? 'cpu'} · ${cores} cores · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · UV_THREADPOOL_SIZE ${process.env.UV_THREADPOOL_SIZE}`);
  console.log(`versions node ${process.versions.node} · onnxruntime-node ${packageVersion('onnxruntime-node')} · sharp ${sharp.versions.sharp}`);
  console.log(`model    ${path.relative(REPO, model.onnxPath)} (${sc.name}, ${sc.architecture.image_size}², ${sc.architecture.tokens} tokens, width ${String(sc.architecture.width)}, depth ${String(sc.architecture.depth)})`);
  console.log('notes    onnxruntime-node passes the CUDA provider its device id only: no CUDA graphs, no TF32/fp16 switch, no IO binding to CUDA memory (its gpu-buffer binding is WebGPU only); its fast paths are graph optimisation and an fp16 export (--model-fp16).');

  const images = Number(args.images);
  const corpus = await faceCorpus(images, SEED);
  const listed = await listFolder(corpus.root);
  if (!listed.ok) throw new Error(listed.error.message);
  const paths = listed.value.samples.map((s) => path.join(corpus.root, s.path));
  const size = sc.preprocessing.crop;
  const plane = 3 * size * size;
  const maxBatch = Math.max(...batches);
  const input = new Float32Array(maxBatch * plane);
  for (let i = 0; i < maxBatch; i++) input.set((await preprocessImage(readFileSync(paths[i % paths.length]!), sc.preprocessing)).tensor, i * plane);
  const inputDir = mkdtempSync(path.join(tmpdir(), 'uad-bench-gpu-'));
  const inputFile = path.join(inputDir, 'input.f32');
  writeFileSync(inputFile, Buffer.from(input.buffer));

  try {
    const parity = await outputParity(model, provider, input);
    const parityOk = parity.every((p) => p.maxAbsDiff <= PARITY_TOLERANCE);
    console.log(`parity   ${provider} vs cpu, B=${Math.min(PARITY_BATCH, maxBatch)}: ${parity.map((p) => `${p.name} ${p.maxAbsDiff.toExponential(1)}`).join(', ')} → ${parityOk ? 'ok' : 'EXCEEDS'} ${PARITY_TOLERANCE}`);
    const ortRows: OrtRow[] = [];
    for (const setting of ortSettings(model)) ortRows.push(...await timeOrt(setting, provider, model, input, batches, minSeconds));
    const python = args.python ?? process.env.UAD_PYTHON ?? (gpu ? 'python3' : '/usr/bin/python3');
    const torch = torchBench(python, model, inputFile, batches, provider, minSeconds);
    const torchRows = 'error' in torch ? [] : torch.results;

    const bestOrt = ortRows.reduce((a, b) => (b.imagesPerS > a.imagesPerS ? b : a));
    const bestTorch = torchRows.length > 0 ? torchRows.reduce((a, b) => (b.images_per_s > a.images_per_s ? b : a)) : null;
    const decodeThreads = decodeThreadCount(provider);
    const decodeCap = await decodeCapacity(paths, model, decodeThreads, e2eBatch);
    const inferCap = ortRows.find((r) => r.setting === 'fp32 · graph opt all' && r.batch === e2eBatch)?.imagesPerS ?? NaN;
    const e2e = await endToEnd(model.onnxPath, corpus.root, provider, e2eBatch);
    const efficiency = e2e.imagesPerS / Math.min(decodeCap, inferCap);
    const latency = (rows: { batch: number; p50: number; p99: number; name: string }[]) => rows.map((r) => `${r.name}: p50 ${fmt(r.p50, 2)} ms, p99 ${fmt(r.p99, 2)} ms`).join(' · ');

    const lines = [
      `# GPU benchmark: ${gpu ?? 'dry run on the CPU provider (no GPU)'}`,
      '',
      `Measured by \`npm run bench:gpu\` on ${new Date().toISOString().slice(0, 10)}: ${gpu ?? 'no GPU'}${driver ? ` (driver, memory: ${driver})` : ''}, ${cores} CPU cores (${cpus()[0]?.model ?? 'cpu'}), node ${process.versions.node}, onnxruntime-node ${packageVersion('onnxruntime-node')}, ${'error' in torch ? `PyTorch: ${torch.error}` : `torch ${torch.torch} (${torch.device_name}, CUDA ${torch.cuda ?? '—'})`}.`,
      `Model \`${path.relative(REPO, model.onnxPath)}\` (${sc.name}, ${sc.architecture.image_size}², ${sc.architecture.tokens} tokens); PyTorch runs the same architecture with random weights.`,
      '',
      '| runtime | setting | ' + batches.map((b) => `B=${b}`).join(' | ') + ' |',
      '|---|---|' + batches.map(() => '---:').join('|') + '|',
      ...[...new Set(ortRows.map((r) => r.setting))].map((s) => `| ORT ${provider} | ${s} | ${batches.map((b) => fmt(ortRows.find((r) => r.setting === s && r.batch === b)?.imagesPerS ?? NaN)).join(' | ')} |`),
      ...[...new Set(torchRows.map((r) => r.mode))].map((m) => `| PyTorch eager | ${m} | ${batches.map((b) => fmt(torchRows.find((r) => r.mode === m && r.batch === b)?.images_per_s ?? NaN)).join(' | ')} |`),
      '',
      `Images/s, median of ≥ 20 runs and ≥ ${minSeconds} s per cell (≥ 200 runs at B=1).`,
      '',
      `- ${provider} vs cpu provider, same input (B=${Math.min(PARITY_BATCH, maxBatch)}), every contract output: max |Δ| ${parity.map((p) => `${p.name} ${p.maxAbsDiff.toExponential(1)}`).join(', ')} → ${parityOk ? `within ${PARITY_TOLERANCE}` : `EXCEEDS ${PARITY_TOLERANCE}`}.`,
      `- Batch-1 latency: ${latency([...ortRows.filter((r) => r.batch === 1).map((r) => ({ batch: 1, p50: r.p50Ms!, p99: r.p99Ms!, name: `ORT ${r.setting}` })), ...torchRows.filter((r) => r.batch === 1).map((r) => ({ batch: 1, p50: r.p50_ms, p99: r.p99_ms, name: `PyTorch ${r.mode}` }))])}`,
      `- Best: ORT ${fmt(bestOrt.imagesPerS)} img/s (${bestOrt.setting}, B=${bestOrt.batch}) vs PyTorch ${bestTorch ? `${fmt(bestTorch.images_per_s)} img/s (${bestTorch.mode}, B=${bestTorch.batch})` : '—'}: ORT/PyTorch = ${bestTorch ? fmt(bestOrt.imagesPerS / bestTorch.images_per_s, 2) : '—'} (target ≥ ${TARGET.speedup}).`,
      `- Pipeline at B=${e2eBatch}: end to end ${fmt(e2e.imagesPerS)} img/s (${e2e.scored} seeded JPEGs, decoder threads: ${e2e.decodeThreads}) ÷ min(decode capacity ${fmt(decodeCap)} img/s on ${decodeThreads} threads, inference capacity ${fmt(inferCap)} img/s at the engine's setting) = efficiency ${fmt(efficiency, 2)} (target ≥ ${TARGET.pipelineEfficiency}).`,
    ];
    const report = {
      provider, gpu: gpu ?? null, dry_run: !gpu, model: path.relative(REPO, model.onnxPath), batch: bestOrt.batch,
      ort_images_per_s: bestOrt.imagesPerS, ort_setting: bestOrt.setting,
      torch_images_per_s: bestTorch?.images_per_s ?? null, torch_setting: bestTorch ? `${bestTorch.mode}, B=${bestTorch.batch}` : null,
      ort_vs_torch_speedup: bestTorch ? bestOrt.imagesPerS / bestTorch.images_per_s : null,
      pipeline_efficiency: efficiency, parity_tolerance: PARITY_TOLERANCE, parity_ok: parityOk,
      parity_max_abs_diff: Object.fromEntries(parity.map((p) => [p.name, p.maxAbsDiff])), e2e_batch: e2eBatch, e2e_images_per_s: e2e.imagesPerS, decode_capacity_images_per_s: decodeCap,
      inference_capacity_images_per_s: inferCap, decode_threads: decodeThreads, targets: TARGET,
      machine: { cores, cpu: cpus()[0]?.model ?? null, driver: driver || null, node: process.versions.node, onnxruntime_node: packageVersion('onnxruntime-node'), torch: 'error' in torch ? torch.error : torch.torch },
      ort: ortRows, torch: torchRows,
    };
    const slug = gpu ? gpu.toLowerCase().replace(/^nvidia\s+/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') : 'dry-run-cpu';
    const outDir = path.resolve(args.out ?? (gpu ? path.join(REPO, 'docs', 'benchmarks') : path.join(REPO, 'test', 'bench', 'results')));
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, `gpu-${slug}.md`), `${lines.join('\n')}\n`);
    writeFileSync(path.join(outDir, `gpu-${slug}.json`), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\n${lines.join('\n')}\n\nwritten: ${path.relative(REPO, path.join(outDir, `gpu-${slug}.md`))} and .json`);
    return parityOk ? 0 : 1; // outputs off the CPU's by more than the tolerance: the run is not a valid result
  } finally {
    rmSync(inputDir, { recursive: true, force: true });
  }
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => { console.error(err); process.exitCode = 1; });
