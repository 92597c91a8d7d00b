// A scoring run: takes the workspace's scoring lock, registers a dataset (and the list file it came
// from, with its SHA-256), skips samples each model already scored, streams batches through the
// inference engine(s) and commits each batch in one transaction. Several models score in one pass: one run
// per model, every image decoded once for all of them (ARCHITECTURE.md §10). Node side (services, CLI).
// Cancellable; resumable after a crash or kill (at most the batch in flight is lost).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RunProgress } from '../../common/contract/run.js';
import type { DatasetListing } from '../../common/dataset/types.js';
import { batchSubset } from '../inference/decode-batch.js';
import { decodeThreadCount } from '../inference/decode-threads.js';
import { DecoderPool } from '../inference/decoder-pool.js';
import type { InferenceEngine } from '../inference/engine.js';
import type { ScoreBatchResult } from '../inference/engine.js';
import type { ScoreItem, ScoredItem } from '../inference/protocol.js';
import type { RunRecord } from '../workspace/runs.js';
import type { Workspace } from '../workspace/workspace.js';
import { planWork, scoreItem } from './plan-work.js';

/**
 * Chosen by `npm run bench:inference`: B=8 scored fastest end to end before the domain check's appearance view (quiet run:
 * 316 vs 288 and 271 img/s for 16 and 32); with it, 8, 16 and 32 read 66.1, 65.7 and 73.7 img/s, inside the spread
 * between runs (docs/benchmarks/inference.md), so 8 stays.
 */
export const DEFAULT_BATCH_SIZE = 8;
/** Batches kept in flight so decoding of the next overlaps inference of the current one (more with more decoder threads). */
const IN_FLIGHT = 3;

export type { RunProgress };

export interface RunSummary {
  run: RunRecord;
  failures: { path: string; reason: string }[];
  /** Scored samples of animated images (frame 1 is the one scored), in scoring order. */
  animated: { path: string; frames: number }[];
  wallSeconds: number;
}

export interface ScoringOptions {
  workspace: Workspace;
  listing: DatasetListing;
  listPath?: string | null;
  engine: InferenceEngine;
  batchSize?: number;
  versions?: Record<string, string>;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  /** Face detection already applied to the listing (electron/faces/expand.ts), recorded with the run. */
  faces?: 'detect' | 'none';
  /**
   * Called after each committed batch with its results (the UI streams them into the grid) and each item's
   * dominant expert as the workspace recorded it (same order; null for a failure or a dense model).
   */
  onBatch?: (items: ScoredItem[], runId: number, dominantExperts: readonly (number | null)[]) => void;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The list or manifest file a listing was read from, with its SHA-256 (null for a folder). */
export async function datasetFile(listPath: string | null): Promise<{ path: string; sha256: string } | null> {
  if (listPath === null) return null;
  return { path: listPath, sha256: createHash('sha256').update(await readFile(listPath)).digest('hex') };
}

/** Several models in one pass: each gets its own run; progress and results name the run (and so the model). */
export interface MultiScoringOptions extends Omit<ScoringOptions, 'engine' | 'onBatch'> {
  /** Distinct models (by SHA-256), at least one. */
  engines: InferenceEngine[];
  /** As ScoringOptions.onBatch, with the model whose run it is. */
  onBatch?: (items: ScoredItem[], runId: number, dominantExperts: readonly (number | null)[], modelSha256: string) => void;
  /** Threads of the shared decode (several models); default as the engine's own (decode-threads.ts). */
  decodeThreads?: number;
}

export interface MultiRunSummary {
  /** One per engine, in the engines' order. */
  runs: RunSummary[];
  /** Pixel decodes of the shared decode (several models: one per image when their input geometry agrees); null with one model, whose engine decodes. */
  decodedImages: number | null;
}

/** Scores under the workspace's scoring lock: a second run on the same workspace gets WorkspaceBusyError. */
export async function scoreDataset(options: ScoringOptions): Promise<RunSummary> {
  const { engine, onBatch, ...rest } = options;
  const summary = await scoreDatasetWithModels({ ...rest, engines: [engine], ...(onBatch ? { onBatch: (items, runId, dominant) => onBatch(items, runId, dominant) } : {}) });
  return summary.runs[0]!;
}

/**
 * Scores the listing with every engine in one pass, one run per model: each batch is read, hashed and decoded once
 * (decode-batch.ts; per-model preprocessing from the same pixels) and every model that has not scored a sample of
 * it yet runs on it. Under the workspace's scoring lock, as scoreDataset.
 */
export async function scoreDatasetWithModels(options: MultiScoringOptions): Promise<MultiRunSummary> {
  if (options.engines.length === 0) throw new Error('no model to score with');
  const shas = options.engines.map((e) => e.model.sha256);
  if (new Set(shas).size !== shas.length) throw new Error('the same model is given twice');
  const file = await datasetFile(options.listPath ?? options.listing.sourceFile ?? null);
  const lock = options.workspace.lockForScoring();
  try {
    return await scoreLocked(options, file, (runId) => lock.setRun(runId));
  } finally {
    lock.release();
  }
}

type Timing = { decodeMs: number; inferMs: number };
/** Records batches that are ready, in one transaction; their items and timings in order. */
type Commit = (batches: { items: ScoredItem[]; timing: Timing }[]) => void;

/** Commits the batches ready together in one transaction, hands each to onBatch in order and reports the run's progress after them. */
function runRecorder(options: MultiScoringOptions, engine: InferenceEngine, runId: number, skipped: number, started: number, pathOfKey: Map<number, string>) {
  const { workspace, listing } = options;
  const layers = engine.sidecar.moe?.layers ?? [];
  const experts = engine.sidecar.moe?.experts ?? 0;
  let scored = 0;
  let failed = 0;
  /** Scored samples of animated images (frame 1 is the one scored). */
  const animated: RunSummary['animated'] = [];
  const report = (): void => {
    const done = skipped + scored + failed;
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? (scored + failed) / elapsed : 0;
    const remaining = listing.samples.length - done;
    options.onProgress?.({
      runId, total: listing.samples.length, done, scored, failed, skipped,
      imagesPerSecond: rate, etaSeconds: rate > 0 ? remaining / rate : null, provider: engine.provider,
    });
  };
  const commit: Commit = (batches) => {
    const ready = batches.filter((batch) => batch.items.length > 0);
    if (ready.length === 0) return;
    const dominantExperts = workspace.recordBatches(runId, engine.model.sha256, layers, experts, ready);
    ready.forEach(({ items }, b) => {
      for (const item of items) {
        if (item.ok) scored += 1;
        else failed += 1;
        if (item.ok && item.frames) animated.push({ path: pathOfKey.get(item.key)!, frames: item.frames });
      }
      options.onBatch?.(items, runId, dominantExperts[b]!, engine.model.sha256);
    });
    report();
  };
  return { commit, report, animated };
}

/** One batch scored by every model that needs some of it: each model's result (null where it needs none), in the engines' order. */
type BatchScorer = (items: ScoreItem[]) => Promise<(ScoreBatchResult | null)[]>;

/**
 * One model: its engine decodes (in its worker). Several: one shared decoder pool decodes each batch once for all of
 * them, and each engine gets its own preprocessing of the same pixels, restricted to the samples it has not scored.
 */
function batchScorer(engines: InferenceEngine[], already: ReadonlySet<number>[], decoder: DecoderPool | null): BatchScorer {
  if (decoder === null) return async (items) => [await engines[0]!.score(items)];
  return async (items) => {
    const decoded = await decoder.decode(items);
    return Promise.all(engines.map((engine, k) => {
      const needed = new Set(items.filter((item) => !already[k]!.has(item.key)).map((item) => item.key));
      return needed.size === 0 ? null : engine.scoreDecoded(batchSubset(decoded.batches[k]!, needed));
    }));
  };
}

/**
 * Streams the batches through the scorer with several in flight (decoding of the next overlaps inference of
 * the current one), committing each model's results in order; stops launching once `signal` aborts. Returns how
 * many batches were launched. On a failure the batches already launched settle first, so no reply lands after
 * the runs are closed.
 */
async function streamBatches(score: BatchScorer, inFlightLimit: number, batches: ScoreItem[][], signal: AbortSignal | undefined, commits: Commit[]): Promise<number> {
  let next = 0;
  /** A batch being scored, and its results once they are in (read to record, with the first, the batches that finished while it was awaited). */
  const inFlight: { results: Promise<(ScoreBatchResult | null)[]>; done?: (ScoreBatchResult | null)[] }[] = [];
  try {
    const launch = () => {
      while (inFlight.length < inFlightLimit && next < batches.length && !signal?.aborted) {
        const pending: (typeof inFlight)[number] = { results: score(batches[next++]!) };
        pending.results.then((results) => { pending.done = results; }, () => undefined); // a failure is thrown where it is awaited
        inFlight.push(pending);
      }
    };
    launch();
    while (inFlight.length > 0) {
      // the oldest batch, then those after it already scored: one transaction for all, in batch order
      const ready = [await inFlight.shift()!.results];
      while (inFlight[0]?.done) ready.push(inFlight.shift()!.done!);
      commits.forEach((commit, k) => commit(ready.flatMap((results) => (results[k] ? [{ items: results[k].items, timing: results[k] }] : []))));
      launch();
    }
  } catch (err) {
    await Promise.allSettled(inFlight.map((pending) => pending.results));
    throw err;
  }
  return next;
}

async function scoreLocked(options: MultiScoringOptions, file: { path: string; sha256: string } | null, onRunStarted: (runId: number) => void): Promise<MultiRunSummary> {
  const { workspace, listing, engines } = options;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const started = performance.now();
  const { datasetId, sampleIds } = workspace.ingest(listing, file?.path ?? null);
  const plans = engines.map((engine) => {
    workspace.registerModel(engine.model);
    const already = workspace.scoredSampleIds(engine.model.sha256, sampleIds);
    const { unusable, work, pathOfKey } = planWork(listing, sampleIds, already);
    return { engine, already, unusable, pathOfKey, work: work.map(scoreItem) };
  });

  const runs = plans.map((plan, k) => {
    const runId = workspace.startRun({
      modelSha256: plan.engine.model.sha256,
      datasetId,
      provider: plan.engine.provider,
      providerAttempts: plan.engine.providerAttempts,
      versions: options.versions ?? {},
      batchSize,
      total: listing.samples.length,
      skipped: plan.already.size,
      faces: options.faces ?? 'none',
      datasetFile: file,
    });
    if (k === 0) onRunStarted(runId);
    const recorder = runRecorder(options, plan.engine, runId, plan.already.size, started, plan.pathOfKey);
    if (plan.unusable.length > 0) recorder.commit([{ items: plan.unusable, timing: { decodeMs: 0, inferMs: 0 } }]);
    recorder.report();
    return { runId, recorder };
  });

  // The work of the pass: every sample some model still needs, in listing order.
  const work = plans.length === 1 ? plans[0]!.work : workInListingOrder(plans.map((p) => p.work), sampleIds);
  const batches = chunk(work, batchSize);
  const decoder = engines.length > 1 ? new DecoderPool(engines.map((e) => e.sidecar), options.decodeThreads ?? decodeThreadCount(engines[0]!.provider)) : null;
  const threads = decoder?.size ?? engines[0]!.decodeThreads;
  const summaries = (status: (launched: number) => 'completed' | 'cancelled' | 'failed', launched: number, error?: string): MultiRunSummary => ({
    runs: runs.map(({ runId, recorder }) => ({
      run: workspace.finishRun(runId, status(launched), error),
      failures: workspace.runFailures(runId),
      animated: recorder.animated,
      wallSeconds: (performance.now() - started) / 1000,
    })),
    decodedImages: decoder?.decodedImages ?? null,
  });
  try {
    const launched = await streamBatches(batchScorer(engines, plans.map((p) => p.already), decoder), Math.max(IN_FLIGHT, threads + 2), batches, options.signal, runs.map((r) => r.recorder.commit));
    return summaries(() => (options.signal?.aborted && launched < batches.length ? 'cancelled' : 'completed'), launched);
  } catch (err) {
    return summaries(() => 'failed', 0, err instanceof Error ? err.message : String(err));
  } finally {
    await decoder?.close();
  }
}

/** Every item some model still needs, once, in listing order (`sampleIds`: the listing's samples' keys). */
function workInListingOrder(lists: ScoreItem[][], sampleIds: number[]): ScoreItem[] {
  const byKey = new Map<number, ScoreItem>();
  for (const list of lists) for (const item of list) if (!byKey.has(item.key)) byKey.set(item.key, item);
  return sampleIds.flatMap((key) => {
    const item = byKey.get(key);
    byKey.delete(key);
    return item ? [item] : [];
  });
}
