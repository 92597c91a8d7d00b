// Per-sample cost of each stage of the scoring path at one batch and thread setting, each stage timed alone in the
// bench process: read + SHA-256, decode + preprocess (sharp), the model, the appearance view (input resize and
// network), the domain maths; then the inference stage whole (BatchRunner.score on decoded batches: all the inference
// thread does per batch, the routing summaries and result rows included); the workspace write comes from the
// end-to-end run. Used by inference.bench.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { APPEARANCE_NETWORK, appearanceFeatures, appearanceInput, appearanceLog } from '../../common/faces/appearance.js';
import { domainVerdict } from '../../common/faces/domain.js';
import { imageStats } from '../../common/faces/image-stats.js';
import { usableDomain } from '../../common/model/domain-validity.js';
import { BatchRunner, scoreFetches } from '../../electron/inference/batch-runner.js';
import { decodeBatch } from '../../electron/inference/decode-batch.js';
import { AppearanceNetwork } from '../../electron/faces/appearance-network.js';
import type { ModelFiles } from '../../electron/onnx/model-files.js';
import { preprocessImage } from '../../electron/onnx/preprocess.js';
import { openSession, providerOrder } from '../../electron/onnx/providers.js';

export interface StageCosts {
  batch: number;
  threads: number;
  /** Appearance network input side (the sidecar's), or null when the model has no appearance view. */
  side: number | null;
  /** ms per sample, each stage alone. */
  readHash: number;
  decodePreprocess: number;
  model: number;
  appearanceInput: number;
  appearanceNetwork: number;
  domainMaths: number;
  /** The inference stage whole: BatchRunner.score of decoded batches, wall and process CPU per sample. */
  runner: number;
  runnerCpu: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

/** Median ms of `run` after one warm-up, over at least `minIters` runs and `minSeconds`. */
async function timed(run: () => Promise<unknown> | unknown, minIters: number, minSeconds: number): Promise<number> {
  await run();
  const times: number[] = [];
  const started = performance.now();
  while (times.length < minIters || performance.now() - started < minSeconds * 1000) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function stageCosts(model: ModelFiles, paths: string[], batch: number, threads: number, minIters: number, minSeconds: number): Promise<StageCosts> {
  const sc = model.sidecar;
  const pre = sc.preprocessing;
  const s = pre.crop;
  const plane = 3 * s * s;
  const sample = paths.slice(0, Math.min(64, paths.length));
  // read + hash and decode + preprocess: one image at a time (the CPU cost of one image on one thread)
  let t0 = performance.now();
  const bytes = sample.map((p) => { const b = readFileSync(p); createHash('sha256').update(b).digest('hex'); return b; });
  const readHash = (performance.now() - t0) / sample.length;
  t0 = performance.now();
  const pixels = new Float32Array(batch * plane);
  for (let i = 0; i < sample.length; i++) {
    const { tensor } = await preprocessImage(bytes[i]!, pre);
    if (i < batch) pixels.set(tensor, i * plane);
  }
  const decodePreprocess = (performance.now() - t0) / sample.length;
  for (let i = sample.length; i < batch; i++) pixels.copyWithin(i * plane, (i % sample.length) * plane, (i % sample.length + 1) * plane);

  const opened = await openSession(model.onnxPath, providerOrder(), threads);
  let embeddings: Float32Array | null = null;
  let modelMs: number;
  try {
    const tensor = new ort.Tensor('float32', pixels, [batch, 3, s, s]);
    const fetches = scoreFetches(sc);
    modelMs = await timed(async () => {
      const out = await opened.session.run({ [sc.io.input]: tensor }, fetches);
      if (sc.io.embedding) embeddings = Float32Array.from(out[sc.io.embedding]!.data as Float32Array);
    }, minIters, minSeconds);
  } finally {
    await opened.session.release();
  }

  const spec = usableDomain(sc.domain);
  const side = spec?.appearance?.network.side ?? null;
  let inputMs = 0;
  let networkMs = 0;
  let pooled: Float32Array | null = null;
  if (side !== null) {
    const network = await AppearanceNetwork.open(providerOrder(), threads);
    try {
      const out = new Float32Array(batch * side * side * 3);
      inputMs = await timed(() => { for (let b = 0; b < batch; b++) appearanceInput(pixels, s, b * plane, pre, out, b * side * side * 3, side); }, minIters, minSeconds);
      const whole = await timed(async () => { pooled = await network.pooled(pixels, batch, s, pre, side); }, minIters, minSeconds);
      networkMs = Math.max(0, whole - inputMs);
    } finally {
      await network.close();
    }
  }
  const dims = sc.domain && spec ? spec.dims : 0;
  const domainMs = await timed(() => {
    for (let b = 0; b < batch; b++) {
      const stats = imageStats(pixels, s, b * plane);
      if (!spec || !embeddings) continue;
      const appearance = spec.appearance && pooled ? appearanceFeatures(appearanceLog(pooled, b * APPEARANCE_NETWORK.dims), spec.appearance) : undefined;
      domainVerdict(spec, embeddings.subarray(b * dims, (b + 1) * dims), { image: stats, ...(appearance ? { appearance } : {}) });
    }
  }, minIters, minSeconds);
  const whole = await wholeStage(model, paths, batch, threads, minIters, minSeconds);
  return {
    batch, threads, side, readHash, decodePreprocess,
    model: modelMs / batch, appearanceInput: inputMs / batch, appearanceNetwork: networkMs / batch, domainMaths: domainMs / batch,
    runner: whole.ms, runnerCpu: whole.cpuMs,
  };
}

/**
 * The inference stage whole, as the inference worker runs it (its session, appearance network and runner) on a decoded
 * batch of the first images: wall (median run) and process CPU, each per sample.
 */
export async function wholeStage(model: ModelFiles, paths: string[], batch: number, threads: number, minIters: number, minSeconds: number): Promise<{ ms: number; cpuMs: number }> {
  const sc = model.sidecar;
  const side = usableDomain(sc.domain)?.appearance?.network.side ?? null;
  const decoded = await decodeBatch(paths.slice(0, batch).map((p, key) => ({ key, path: p })), sc);
  const good = decoded.items.filter((i) => i.ok).length;
  const session = await openSession(model.onnxPath, providerOrder(), threads);
  const network = side !== null ? await AppearanceNetwork.open(providerOrder(), threads) : null;
  try {
    const runner = new BatchRunner(session.session, sc, network ? { network } : null);
    const cpu0 = process.cpuUsage();
    let runs = 0;
    const ms = await timed(async () => { runs++; await runner.score(decoded); }, minIters, minSeconds);
    const cpu = process.cpuUsage(cpu0);
    return { ms: ms / good, cpuMs: (cpu.user + cpu.system) / 1000 / (runs * good) };
  } finally {
    await session.session.release();
    await network?.close();
  }
}

/** ms per sample of the listed inference stages, each alone: the model, the appearance view and the domain maths. */
export function listedInferenceMs(c: StageCosts): number {
  return c.model + c.appearanceInput + c.appearanceNetwork + c.domainMaths;
}


/** The stage table, one line per stage. */
export function stageLines(c: StageCosts, writeMs: number | null): string[] {
  const rows: [string, number | null][] = [
    ['read + SHA-256 (decoder)', c.readHash],
    ['decode + preprocess, sharp (decoder)', c.decodePreprocess],
    [`model (B=${c.batch}, ${c.threads} thr)`, c.model],
    [`appearance input resize to ${c.side ?? '-'} px`, c.side === null ? null : c.appearanceInput],
    [`appearance network at ${c.side ?? '-'} px (B=${c.batch}, ${c.threads} thr)`, c.side === null ? null : c.appearanceNetwork],
    ['domain maths (input statistics, features, verdict)', c.domainMaths],
    ['workspace write (from the end-to-end run)', writeMs],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  return [
    ...rows.map(([name, ms]) => `  ${name.padEnd(width)}  ${ms === null ? '     -' : ms.toFixed(3).padStart(6)} ms/sample`),
    `  ${'listed inference stages (model + appearance + domain maths)'.padEnd(width)}  ${listedInferenceMs(c).toFixed(3).padStart(6)} ms/sample`,
    `  ${'inference stage whole (BatchRunner.score, decoded batches)'.padEnd(width)}  ${c.runner.toFixed(3).padStart(6)} ms/sample (${c.runnerCpu.toFixed(2)} ms CPU)`,
    `  ${'  of it outside the listed stages (routing summaries, rows)'.padEnd(width)}  ${(c.runner - listedInferenceMs(c)).toFixed(3).padStart(6)} ms/sample`,
  ];
}
