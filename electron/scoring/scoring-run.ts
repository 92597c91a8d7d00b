// A scoring run: takes the workspace's scoring lock, registers a dataset (and the list file it came
// from, with its SHA-256), skips samples this model already scored, streams batches through the
// inference engine and commits each batch in one transaction. Node side (services, CLI). Cancellable;
// resumable after a crash or kill (at most the batch in flight is lost).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RunProgress } from '../../common/contract/run.js';
import type { DatasetListing } from '../../common/dataset/types.js';
import type { InferenceEngine } from '../inference/engine.js';
import type { ScoreBatchResult } from '../inference/engine.js';
import type { ScoreItem, ScoredItem } from '../inference/protocol.js';
import type { RunRecord } from '../workspace/runs.js';
import type { Workspace } from '../workspace/workspace.js';
import { planWork, scoreItem } from './plan-work.js';

/** Chosen by `npm run bench:inference`: with the default thread count, B=8 scored fastest end to end (quiet run: 316 vs 288 and 271 img/s for 16 and 32). */
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

/** Scores under the workspace's scoring lock: a second run on the same workspace gets WorkspaceBusyError. */
export async function scoreDataset(options: ScoringOptions): Promise<RunSummary> {
  const file = await datasetFile(options.listPath ?? options.listing.sourceFile ?? null);
  const lock = options.workspace.lockForScoring();
  try {
    return await scoreLocked(options, file, (runId) => lock.setRun(runId));
  } finally {
    lock.release();
  }
}

type Timing = { decodeMs: number; inferMs: number };

/** Commits each batch in one transaction, hands it to onBatch and reports the run's progress after it. */
function runRecorder(options: ScoringOptions, runId: number, skipped: number, started: number, pathOfKey: Map<number, string>) {
  const { workspace, listing, engine } = options;
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
  const commit = (items: ScoredItem[], timing: Timing): void => {
    const dominantExperts = workspace.recordBatch(runId, engine.model.sha256, layers, experts, items, timing);
    for (const item of items) {
      if (item.ok) scored += 1;
      else failed += 1;
      if (item.ok && item.frames) animated.push({ path: pathOfKey.get(item.key)!, frames: item.frames });
    }
    options.onBatch?.(items, runId, dominantExperts);
    report();
  };
  return { commit, report, animated };
}

/**
 * Streams the batches through the engine with several in flight (decoding of the next overlaps inference of
 * the current one), committing each in order; stops launching once `signal` aborts. Returns how many batches
 * were launched. On a failure the batches already handed to the worker settle first, so no reply lands after
 * the run is closed.
 */
async function streamBatches(engine: InferenceEngine, batches: ScoreItem[][], signal: AbortSignal | undefined, commit: (items: ScoredItem[], timing: Timing) => void): Promise<number> {
  let next = 0;
  const inFlight: Promise<ScoreBatchResult>[] = [];
  try {
    const launch = () => {
      while (inFlight.length < Math.max(IN_FLIGHT, engine.decodeThreads + 2) && next < batches.length && !signal?.aborted) {
        inFlight.push(engine.score(batches[next++]!));
      }
    };
    launch();
    while (inFlight.length > 0) {
      const result = await inFlight.shift()!;
      commit(result.items, result);
      launch();
    }
  } catch (err) {
    await Promise.allSettled(inFlight);
    throw err;
  }
  return next;
}

async function scoreLocked(options: ScoringOptions, file: { path: string; sha256: string } | null, onRunStarted: (runId: number) => void): Promise<RunSummary> {
  const { workspace, listing, engine } = options;
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const started = performance.now();
  const { datasetId, sampleIds } = workspace.ingest(listing, file?.path ?? null);
  workspace.registerModel(engine.model);
  const already = workspace.scoredSampleIds(engine.model.sha256, sampleIds);
  const plan = planWork(listing, sampleIds, already);
  const { unusable, pathOfKey } = plan;
  const work = plan.work.map(scoreItem);

  const runId = workspace.startRun({
    modelSha256: engine.model.sha256,
    datasetId,
    provider: engine.provider,
    providerAttempts: engine.providerAttempts,
    versions: options.versions ?? {},
    batchSize,
    total: listing.samples.length,
    skipped: already.size,
    faces: options.faces ?? 'none',
    datasetFile: file,
  });
  onRunStarted(runId);
  const recorder = runRecorder(options, runId, already.size, started, pathOfKey);
  if (unusable.length > 0) recorder.commit(unusable, { decodeMs: 0, inferMs: 0 });
  recorder.report();

  const batches = chunk(work, batchSize);
  const summary = (run: RunRecord): RunSummary => ({ run, failures: workspace.runFailures(runId), animated: recorder.animated, wallSeconds: (performance.now() - started) / 1000 });
  let launched: number;
  try {
    launched = await streamBatches(engine, batches, options.signal, recorder.commit);
  } catch (err) {
    return summary(workspace.finishRun(runId, 'failed', err instanceof Error ? err.message : String(err)));
  }
  return summary(workspace.finishRun(runId, options.signal?.aborted && launched < batches.length ? 'cancelled' : 'completed'));
}
