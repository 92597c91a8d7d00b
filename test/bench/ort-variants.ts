// ONNX Runtime settings tried by bench:inference: graph optimisation level × intra-op threads on the fp32 graph,
// and int8 dynamic quantisation (quantize_dynamic.py), each timed on the same input as the main table; the int8
// graph's attack scores are compared with fp32's. Node side (benchmark only).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { ModelFiles } from '../../electron/onnx/model-files.js';

export interface Timing { warmup: number; minIters: number; minSeconds: number }

export interface VariantResult {
  weights: 'fp32' | 'int8';
  optLevel: 'disabled' | 'basic' | 'extended' | 'all';
  threads: number;
  imagesPerS: number;
  medianMs: number;
  iters: number;
  /** int8 only: max |score(int8) − score(fp32)| over the batch. */
  maxScoreDiff?: number;
}

const LEVELS = ['disabled', 'basic', 'extended', 'all'] as const;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timeSession(onnxPath: string, feed: ort.Tensor, inputName: string, fetch: string, level: VariantResult['optLevel'], threads: number, timing: Timing, saveOptimised?: string): Promise<{ medianMs: number; iters: number; scores: Float32Array }> {
  const session = await ort.InferenceSession.create(onnxPath, {
    executionProviders: ['cpu'], graphOptimizationLevel: level, intraOpNumThreads: threads, interOpNumThreads: 1,
    ...(saveOptimised ? { optimizedModelFilePath: saveOptimised } : {}),
  });
  try {
    let scores = new Float32Array(0);
    for (let i = 0; i < timing.warmup; i++) scores = Float32Array.from((await session.run({ [inputName]: feed }, [fetch]))[fetch]!.data as Float32Array);
    const times: number[] = [];
    const started = performance.now();
    while (times.length < timing.minIters || performance.now() - started < timing.minSeconds * 1000) {
      const t0 = performance.now();
      await session.run({ [inputName]: feed }, [fetch]);
      times.push(performance.now() - t0);
    }
    return { medianMs: median(times), iters: times.length, scores };
  } finally {
    await session.release();
  }
}

/** Every optimisation level × thread count on fp32, then int8 at level `all` for each thread count. */
/** Operator counts of an ONNX file (the graph ORT optimised at level `all`: which fusions it made). */
function opCounts(file: string): Record<string, number> {
  const code = 'import collections, json, sys, onnx\nm = onnx.load(sys.argv[1], load_external_data=False)\nprint(json.dumps(collections.Counter(n.op_type for n in m.graph.node)))';
  const run = spawnSync('/usr/bin/python3', ['-c', code, file], { encoding: 'utf8', timeout: 300_000 });
  return run.status === 0 ? JSON.parse(run.stdout) as Record<string, number> : {};
}

export async function ortVariants(model: ModelFiles, input: Float32Array, batch: number, threads: number[], timing: Timing, log: (line: string) => void): Promise<{ results: VariantResult[]; quantised: Record<string, unknown> | null; optimisedOps: Record<string, number> }> {
  const size = model.sidecar.preprocessing.crop;
  const io = model.sidecar.io;
  const dims = io.layout === 'NCHW' ? [batch, 3, size, size] : [batch, size, size, 3];
  const feed = new ort.Tensor('float32', input.subarray(0, batch * 3 * size * size), dims);
  const results: VariantResult[] = [];
  const fp32Scores = new Map<number, Float32Array>();
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-bench-ort-'));
  const optimised = path.join(dir, 'optimised-all.onnx');
  for (const level of LEVELS) {
    for (const t of threads) {
      const save = level === 'all' && t === threads[0] ? optimised : undefined;
      const r = await timeSession(model.onnxPath, feed, io.input, io.score.output, level, t, timing, save);
      fp32Scores.set(t, r.scores);
      results.push({ weights: 'fp32', optLevel: level, threads: t, imagesPerS: (batch * 1000) / r.medianMs, medianMs: r.medianMs, iters: r.iters });
      log(`  fp32 level ${level.padEnd(8)} threads ${t}: ${((batch * 1000) / r.medianMs).toFixed(2)} img/s (median ${r.medianMs.toFixed(1)} ms × ${r.iters})`);
    }
  }
  const optimisedOps = opCounts(optimised);
  const fused = Object.entries(optimisedOps).filter(([op]) => /Fused|Attention|Gelu|LayerNormalization|QuickGelu|MultiHead/.test(op));
  log(`  level all: ${Object.values(optimisedOps).reduce((a, b) => a + b, 0)} nodes after ORT's optimisation; fused ops: ${fused.map(([op, n]) => `${n} ${op}`).join(', ') || 'none'}${optimisedOps.Attention || optimisedOps.MultiHeadAttention ? '' : ' (no fused Attention: ORT fuses attention only for the patterns its transformer optimiser knows)'}`);
  let quantised: Record<string, unknown> | null = null;
  try {
    const out = path.join(dir, 'int8.onnx');
    const run = spawnSync('/usr/bin/python3', [path.join(path.dirname(new URL(import.meta.url).pathname), 'quantize_dynamic.py'), model.onnxPath, out], { encoding: 'utf8', timeout: 900_000 });
    if (run.status !== 0) {
      log(`  int8: quantisation failed (${run.status ?? run.signal}): ${run.stderr.slice(-300)}`);
      return { results, quantised: null, optimisedOps };
    }
    quantised = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    for (const t of threads) {
      const r = await timeSession(out, feed, io.input, io.score.output, 'all', t, timing);
      const ref = fp32Scores.get(t)!;
      const diff = Math.max(...Array.from(r.scores, (v, i) => Math.abs(v - ref[i]!)));
      results.push({ weights: 'int8', optLevel: 'all', threads: t, imagesPerS: (batch * 1000) / r.medianMs, medianMs: r.medianMs, iters: r.iters, maxScoreDiff: diff });
      log(`  int8 level all      threads ${t}: ${((batch * 1000) / r.medianMs).toFixed(2)} img/s (median ${r.medianMs.toFixed(1)} ms × ${r.iters}); ` +
        `max |score − fp32| ${diff.toExponential(2)}; ${String(quantised.converted_matmuls)} MatMuls quantised, ${String(quantised.skipped_matmuls)} left fp32 (activation × activation, or 3-D expert weights)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { results, quantised, optimisedOps };
}
