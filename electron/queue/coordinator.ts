// The coordinator of queued scoring (ARCHITECTURE.md §13): splits a run into jobs of K samples with ids fixed
// per (run, chunk), enqueues them a window at a time (enqueue.ts), and commits each finished job's results
// through the workspace's recordBatch (the only writer, run-ledger.ts) before removing the job from Redis
// (collect.ts). A sample already holding a prediction of the model is never written again, so a result lands
// once whatever is retried or resumed. Node side (CLI).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DatasetListing } from '../../common/dataset/types.js';
import type { ModelFiles } from '../onnx/model-files.js';
import type { ScoredItem } from '../inference/protocol.js';
import { planWork, type WorkPlan } from '../scoring/plan-work.js';
import { datasetFile, DEFAULT_BATCH_SIZE, type RunProgress, type RunSummary } from '../scoring/scoring-run.js';
import type { Workspace } from '../workspace/workspace.js';
import { DEFAULT_JOB_SIZE, MAX_JOB_SIZE, QUEUE_NAME, WORKER_KEY_PREFIX } from './contract.js';
import { hangUp, queueConnection, redactedUrl, redisClient } from './connection.js';
import { collectAll } from './collect.js';
import { JobFeeder, removeLeftovers, type Chunk, type JobTemplate } from './enqueue.js';
import { NO_TIMING, RunLedger, type StageTimes } from './run-ledger.js';
import type { RunWorkerProgress } from '../../common/contract/run.js';

export { readFinishedJob } from './collect.js';
export type { StageTimes } from './run-ledger.js';

/** Jobs enqueued ahead of the results (files are hashed only as their job is built). */
const DEFAULT_WINDOW = 256;

/** One worker's share of the run as committed: the contract's type (common/contract/run.ts). */
export type WorkerProgress = RunWorkerProgress;

/** A worker's self-report as it keeps it in Redis (uad worker). */
export interface WorkerReport {
  id: string;
  host: string;
  provider: string;
  gpu: string | null;
  version: string;
  models: { name: string; sha256: string }[];
}

export interface QueuedScoringOptions {
  workspace: Workspace;
  listing: DatasetListing;
  listPath?: string | null;
  model: ModelFiles;
  queueUrl: string;
  jobSize?: number;
  batchSize?: number;
  /** The name workers map to their copy of the dataset (default: the last folder name of the root). */
  rootName?: string;
  versions?: Record<string, string>;
  faces?: 'detect' | 'none';
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  onWorkers?: (workers: WorkerProgress[]) => void;
  /** After each commit, its items and each one's dominant expert (as scoreDataset's onBatch: the app's grid). */
  onBatch?: (items: ScoredItem[], runId: number, dominantExperts: readonly (number | null)[]) => void;
  /** Connection trouble and other notices (Redis away, a job vanished). */
  onNotice?: (message: string) => void;
  /** Tries per job before its samples fail with the last reason (a worker without the model, a crash). */
  attempts?: number;
  backoffMs?: number;
  window?: number;
}

export interface QueuedRunSummary extends RunSummary {
  /** cleared: completed jobs of this run left in Redis after their results had been committed, removed at the start. */
  /** jobSize: samples per job as used, in whole batches (wholeBatches). */
  /** commitMs: time in Workspace.recordBatch; stages: the coordinator's time per stage; committed: results written. */
  queue: {
    jobs: number; jobSize: number; resumed: number; enqueued: number; cleared: number; computeMs: number; commitMs: number;
    stages: StageTimes; committed: number; workers: WorkerProgress[];
  };
}

/**
 * The job size in whole batches, so that a job boundary is a batch boundary of the local run: rounded up to a
 * multiple of the batch size (down where that passes MAX_JOB_SIZE).
 */
export function wholeBatches(jobSize: number, batchSize: number): number {
  const up = Math.ceil(jobSize / batchSize) * batchSize;
  return up <= MAX_JOB_SIZE ? up : Math.floor(MAX_JOB_SIZE / batchSize) * batchSize;
}

/** The run's identity in the queue: the same command on the same workspace, data and model gives the same key. */
export function queuedRunKey(parts: { workspaceFile: string; modelSha256: string; root: string; source: string; listPath: string | null; jobSize: number; batchSize: number; faces: string }): string {
  return createHash('sha256').update(JSON.stringify([
    path.resolve(parts.workspaceFile), parts.modelSha256, path.resolve(parts.root), parts.source, parts.listPath ?? '', parts.jobSize, parts.batchSize, parts.faces,
  ])).digest('hex').slice(0, 24);
}

/** Self-reports of the workers alive now (their Redis keys expire when they stop refreshing them). */
export async function listWorkers(client: Redis): Promise<WorkerReport[]> {
  const out: WorkerReport[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${WORKER_KEY_PREFIX}*`, 'COUNT', 200);
    cursor = next;
    for (const key of keys) {
      const text = await client.get(key);
      try {
        if (text) out.push(JSON.parse(text) as WorkerReport);
      } catch {
        // a key that is not a report is not a worker
      }
    }
  } while (cursor !== '0' && out.length < 10_000);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Scores through the queue under the workspace's scoring lock (like scoreDataset, one writer per workspace). */
export async function scoreThroughQueue(options: QueuedScoringOptions): Promise<QueuedRunSummary> {
  const file = await datasetFile(options.listPath ?? options.listing.sourceFile ?? null);
  const lock = options.workspace.lockForScoring();
  try {
    return await scoreLocked(options, file, (runId) => lock.setRun(runId));
  } finally {
    lock.release();
  }
}

/** The run's settings with their defaults, job size in whole batches. */
function runSettings(options: QueuedScoringOptions) {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  return {
    batchSize,
    jobSize: wholeBatches(Math.max(1, Math.floor(options.jobSize ?? DEFAULT_JOB_SIZE)), batchSize),
    attempts: options.attempts ?? 3,
    backoffMs: options.backoffMs ?? 1000,
    window: options.window ?? DEFAULT_WINDOW,
    faces: options.faces ?? 'none',
    rootName: options.rootName ?? path.basename(path.resolve(options.listing.root)),
  };
}
type Settings = ReturnType<typeof runSettings>;

/**
 * The run's plan: the listing in the workspace, the samples split (planWork), chunks over every usable sample in
 * listing order (scored or not, so a chunk's id never changes on resume), and the chunks with work left.
 */
function planQueuedRun(options: QueuedScoringOptions, file: { path: string; sha256: string } | null, settings: Settings) {
  const { workspace, listing, model } = options;
  const { datasetId, sampleIds } = workspace.ingest(listing, file?.path ?? null);
  workspace.registerModel(model);
  const already = workspace.scoredSampleIds(model.sha256, sampleIds);
  const plan: WorkPlan = planWork(listing, sampleIds, already);
  const chunks: Chunk[] = [];
  for (let i = 0; i < plan.usable.length; i += settings.jobSize) chunks.push({ chunk: chunks.length, items: plan.usable.slice(i, i + settings.jobSize) });
  const todo = chunks.filter((c) => c.items.some((i) => !already.has(i.key)));
  const run = queuedRunKey({
    workspaceFile: workspace.file, modelSha256: model.sha256, root: listing.root, source: listing.source, listPath: file?.path ?? null,
    jobSize: settings.jobSize, batchSize: settings.batchSize, faces: settings.faces,
  });
  return { datasetId, already, plan, chunks, todo, run };
}

/** Resolves with 'cancelled' as soon as the signal aborts, or with the work's own outcome if it comes first. */
function untilCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | 'cancelled'> {
  if (!signal) return work;
  let onAbort = () => undefined as void;
  const aborted = new Promise<'cancelled'>((resolve) => {
    onAbort = () => resolve('cancelled');
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([work, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

/** Connection trouble reported once per message through onNotice; the last one is kept for a cancelled run's reason. */
function noticeOnce(onNotice: ((message: string) => void) | undefined): { notice: (err: Error) => void; last: () => string | null } {
  const seen = new Set<string>();
  let last: string | null = null;
  return {
    notice: (err) => {
      last = err.message;
      if (seen.has(err.message)) return;
      seen.add(err.message);
      onNotice?.(`queue: ${err.message}`);
    },
    last: () => last,
  };
}

/** Why a run cancelled while Redis was not there stopped (null: Redis was there, a plain cancel). */
function cancelReason(url: string, reached: boolean, client: Redis, last: string | null): string | null {
  const why = last ? ` (${last})` : '';
  if (!reached) return `cancelled: Redis at ${redactedUrl(url)} was never reached${why}`;
  if (client.status !== 'ready') return `cancelled: Redis at ${redactedUrl(url)} went away during the run${why}`;
  return null;
}

async function scoreLocked(options: QueuedScoringOptions, file: { path: string; sha256: string } | null, onRunStarted: (runId: number) => void): Promise<QueuedRunSummary> {
  const { workspace, listing, model } = options;
  const started = performance.now();
  const settings = runSettings(options);
  const connection = queueConnection(options.queueUrl);
  const { datasetId, already, plan, chunks, todo, run } = planQueuedRun(options, file, settings);
  const runId = workspace.startRun({
    modelSha256: model.sha256, datasetId, provider: 'queue', providerAttempts: [], versions: options.versions ?? {}, batchSize: settings.batchSize,
    total: listing.samples.length, skipped: already.size, faces: settings.faces, datasetFile: file,
  });
  onRunStarted(runId);
  const ledger = new RunLedger({ ...options, total: listing.samples.length }, runId, already, plan.pathOfKey, started);
  if (plan.unusable.length > 0) ledger.commit(plan.unusable, NO_TIMING);
  ledger.report();

  // The queue's commands go through a client of the run's own: disconnecting it ends them at once whatever the
  // state of Redis (BullMQ's close waits for a connection that may never come, ARCHITECTURE.md §13).
  const trouble = noticeOnce(options.onNotice);
  const client = redisClient(options.queueUrl, trouble.notice);
  const queue = new Queue(QUEUE_NAME, { connection: client });
  queue.on('error', trouble.notice);
  let events: QueueEvents | null = null;
  let reached = false;
  const template: JobTemplate = { run, model: { sha256: model.sha256, name: model.sidecar.name }, root: settings.rootName, batchSize: settings.batchSize, attempts: settings.attempts, backoffMs: settings.backoffMs };
  const feeder = new JobFeeder(queue, template, todo, ledger, settings.window, options.signal);
  let cleared = 0;
  const work = (async () => {
    await queue.waitUntilReady();
    if (options.signal?.aborted) return 'cancelled' as const;
    reached = true;
    // Events are listened to from here on; the first round sweeps every outstanding job, so a completion before
    // the listener existed is still found. Its connection never holds a close: it neither waits for Redis to be
    // ready nor asks its version (the queue's connection did).
    events = new QueueEvents(QUEUE_NAME, { connection, skipWaitingForReady: true, skipVersionCheck: true });
    events.on('error', trouble.notice);
    cleared = await removeLeftovers(queue, run, chunks.length, new Set(todo.map((t) => t.chunk)));
    if (cleared > 0) options.onNotice?.(`removed ${cleared} completed job(s) of this run left in Redis after their results were committed`);
    return collectAll(queue, events, feeder, ledger, options.signal, options.onNotice);
  })();
  let status: 'completed' | 'cancelled' | 'failed' = 'completed';
  let error: string | undefined;
  try {
    status = await untilCancelled(work, options.signal);
  } catch (err) {
    status = 'failed';
    error = err instanceof Error ? err.message : String(err);
  } finally {
    if (status === 'cancelled') error = cancelReason(options.queueUrl, reached, client, trouble.last()) ?? undefined;
    // Commands still waiting for Redis fail now, so the run's own steps end before the run is closed.
    hangUp(client);
    await work.catch(() => undefined);
    await (events as QueueEvents | null)?.close().catch(() => undefined);
    await queue.close().catch(() => undefined);
  }
  const finished = workspace.finishRun(runId, status, error);
  return {
    run: finished, failures: workspace.runFailures(runId), animated: ledger.animated, wallSeconds: (performance.now() - started) / 1000,
    queue: {
      jobs: todo.length, jobSize: settings.jobSize, resumed: feeder.resumed, enqueued: feeder.enqueued, cleared, computeMs: ledger.computeMs,
      commitMs: ledger.stages.recordMs, stages: { ...ledger.stages }, committed: ledger.committed, workers: ledger.workerList(),
    },
  };
}
