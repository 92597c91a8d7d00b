// The coordinator of queued scoring (ARCHITECTURE.md §13): splits a run into jobs of K samples with ids fixed
// per (run, chunk), enqueues them a window at a time, and commits each finished job's results through the
// workspace's recordBatch (the only writer) before removing the job from Redis. A sample already holding a
// prediction of the model is never written again, so a result lands once whatever is retried or resumed.
// Node side (CLI).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DatasetListing } from '../../common/dataset/types.js';
import type { ModelFiles } from '../onnx/model-files.js';
import { sha256File } from '../onnx/model-files.js';
import type { ScoredItem } from '../inference/protocol.js';
import { datasetFile, DEFAULT_BATCH_SIZE, type RunProgress, type RunSummary } from '../scoring/scoring-run.js';
import type { Workspace } from '../workspace/workspace.js';
import {
  CONTRACT_VERSION, ContractError, DEFAULT_JOB_SIZE, itemFromWire, MAX_JOB_SIZE, jobId, parseScoringJob, parseScoringResult, QUEUE_NAME, WORKER_KEY_PREFIX,
  type JobItem, type ScoringJob, type ScoringResult,
} from './contract.js';
import { queueConnection } from './connection.js';
import { routingFromWire, type RoutingShape } from './wire-routing.js';
import type { RunWorkerProgress } from '../../common/contract/run.js';

/** Jobs enqueued ahead of the results (files are hashed only as their job is built). */
const DEFAULT_WINDOW = 256;
/** With no event, every outstanding job's state is looked at this often (events can be missed across a Redis restart). */
const SWEEP_MS = 1000;

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
  queue: { jobs: number; jobSize: number; resumed: number; enqueued: number; cleared: number; computeMs: number; commitMs: number; workers: WorkerProgress[] };
}

interface Draft {
  /** Place among the run's usable samples in listing order: its batch in a local run is pos / batchSize. */
  pos: number;
  key: number;
  path: string;
  abs: string;
  face?: { keypoints: [number, number][] };
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

/**
 * A completed job's payload and result, validated against its chunk, as the items Workspace.recordBatch stores.
 * A failure keeps a SHA-256 only when it is the one the coordinator hashed: a worker's copy never rewrites the
 * sample's. Throws ContractError.
 */
export function readFinishedJob(jobData: unknown, returnValue: unknown, chunkKeys: ReadonlySet<number>, shape: RoutingShape): { data: ScoringJob; result: ScoringResult; items: ScoredItem[] } {
  const data = parseScoringJob(jobData);
  const stray = data.items.find((i) => !chunkKeys.has(i.key));
  if (stray) throw new ContractError(`job names sample ${stray.key}, which is not in its chunk`);
  const result = parseScoringResult(returnValue, data);
  const expected = new Map(data.items.map((i) => [i.key, i.sha256]));
  const items = result.items.map((wire): ScoredItem => {
    const item = itemFromWire(wire);
    if (item.ok) {
      const routing = routingFromWire(item, wire.ok ? wire.routing : undefined, shape);
      return routing ? { ...item, routing } : item;
    }
    return item.sha256 === undefined || item.sha256 === expected.get(item.key) ? item : { key: item.key, ok: false, reason: item.reason };
  });
  return { data, result, items };
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

async function scoreLocked(options: QueuedScoringOptions, file: { path: string; sha256: string } | null, onRunStarted: (runId: number) => void): Promise<QueuedRunSummary> {
  const { workspace, listing, model } = options;
  const connection = queueConnection(options.queueUrl);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE));
  const jobSize = wholeBatches(Math.max(1, Math.floor(options.jobSize ?? DEFAULT_JOB_SIZE)), batchSize);
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 1000;
  const window = options.window ?? DEFAULT_WINDOW;
  const faces = options.faces ?? 'none';
  const rootName = options.rootName ?? path.basename(path.resolve(listing.root));
  const started = performance.now();

  const { datasetId, sampleIds } = workspace.ingest(listing, file?.path ?? null);
  workspace.registerModel(model);
  const already = workspace.scoredSampleIds(model.sha256, sampleIds);
  /** Samples with a prediction of this model: the one record of what may not be written again. */
  const scoredKeys = new Set(already);
  const unusable: ScoredItem[] = [];
  const all: Draft[] = [];
  const pathOfKey = new Map<number, string>();
  listing.samples.forEach((sample, index) => {
    const key = sampleIds[index]!;
    pathOfKey.set(key, sample.path);
    if (sample.status !== 'ok') {
      if (!already.has(key)) unusable.push({ key, ok: false, reason: sample.reason ?? sample.status });
      return;
    }
    if (sample.nonResponse) {
      if (!already.has(key)) unusable.push({ key, ok: false, reason: sample.nonResponse });
      return;
    }
    const relative = sample.file ?? sample.path;
    all.push({ pos: all.length, key, path: relative, abs: path.join(listing.root, relative), ...(sample.face ? { face: { keypoints: sample.face.keypoints } } : {}) });
  });
  // Chunks over every usable sample in listing order (scored or not), so a chunk's id never changes on resume.
  const chunks: Draft[][] = [];
  for (let i = 0; i < all.length; i += jobSize) chunks.push(all.slice(i, i + jobSize));
  const run = queuedRunKey({ workspaceFile: workspace.file, modelSha256: model.sha256, root: listing.root, source: listing.source, listPath: file?.path ?? null, jobSize, batchSize, faces });
  const todo = chunks.map((items, chunk) => ({ chunk, items })).filter((c) => c.items.some((i) => !scoredKeys.has(i.key)));

  const runId = workspace.startRun({
    modelSha256: model.sha256, datasetId, provider: 'queue', providerAttempts: [], versions: options.versions ?? {}, batchSize,
    total: listing.samples.length, skipped: already.size, faces, datasetFile: file,
  });
  onRunStarted(runId);
  const layers = model.sidecar.moe?.layers ?? [];
  const experts = model.sidecar.moe?.experts ?? 0;
  let scored = 0;
  let failed = 0;
  /** Scored samples of animated images (frame 1 is the one scored), as a local run reports them. */
  const animated: { path: string; frames: number }[] = [];
  let computeMs = 0;
  let commitMs = 0;
  const workers = new Map<string, WorkerProgress & { firstAt: number }>();
  const report = () => {
    const done = already.size + scored + failed;
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? (scored + failed) / elapsed : 0;
    options.onProgress?.({
      runId, total: listing.samples.length, done, scored, failed, skipped: already.size,
      imagesPerSecond: rate, etaSeconds: rate > 0 ? (listing.samples.length - done) / rate : null, provider: 'queue',
    });
  };
  /** Writes results once: a sample that already holds this model's prediction is left as it is. */
  const commit = (items: ScoredItem[], timing: { decodeMs: number; inferMs: number }) => {
    const fresh = items.filter((item) => !scoredKeys.has(item.key));
    const t0 = performance.now();
    const dominant = fresh.length > 0 ? workspace.recordBatch(runId, model.sha256, layers, experts, fresh, timing) : [];
    commitMs += performance.now() - t0;
    if (fresh.length > 0) options.onBatch?.(fresh, runId, dominant);
    for (const item of fresh) {
      if (item.ok && item.frames) animated.push({ path: pathOfKey.get(item.key) ?? String(item.key), frames: item.frames });
      if (item.ok) {
        scored += 1;
        scoredKeys.add(item.key);
      } else failed += 1;
    }
    report();
  };
  const failAll = (items: { key: number }[], reason: string) => commit(items.map((i) => ({ key: i.key, ok: false, reason })), { decodeMs: 0, inferMs: 0 });

  if (unusable.length > 0) commit(unusable, { decodeMs: 0, inferMs: 0 });
  report();

  const queue = new Queue(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  const notices = new Set<string>();
  const notice = (err: Error) => {
    if (notices.has(err.message)) return;
    notices.add(err.message);
    options.onNotice?.(`queue: ${err.message}`);
  };
  queue.on('error', notice);
  events.on('error', notice);
  const outstanding = new Map<string, { chunk: number; items: Draft[] }>();
  const notified = new Set<string>();
  let wake: (() => void) | null = null;
  const onFinished = ({ jobId: id }: { jobId: string }) => {
    if (!outstanding.has(id)) return;
    notified.add(id);
    wake?.();
  };
  events.on('completed', onFinished);
  events.on('failed', onFinished);
  const onAbort = () => wake?.();
  options.signal?.addEventListener('abort', onAbort);
  let enqueued = 0;
  let resumed = 0;
  let next = 0;

  /** Builds a chunk's job from its samples still unscored, each with the SHA-256 of its file here. */
  const buildJob = async (chunk: number, items: Draft[]): Promise<ScoringJob | null> => {
    const pending = items.filter((i) => !scoredKeys.has(i.key));
    const hashed = await Promise.all(pending.map(async (i) => ({ item: i, sha: await sha256File(i.abs).catch((err: Error) => err) })));
    const unreadable = hashed.filter((h) => h.sha instanceof Error);
    if (unreadable.length > 0) commit(unreadable.map((h) => ({ key: h.item.key, ok: false, reason: `cannot read the file on the coordinator: ${(h.sha as Error).message}` })), { decodeMs: 0, inferMs: 0 });
    const jobItems: JobItem[] = hashed.filter((h) => typeof h.sha === 'string').map((h) => ({ key: h.item.key, path: h.item.path, sha256: h.sha as string, ...(h.item.face ? { face: h.item.face } : {}) }));
    if (jobItems.length === 0) return null;
    // The local run's batch of each item sent (a sample not sent leaves its batch one smaller).
    const batches: number[] = [];
    let last = -1;
    for (const h of hashed) {
      if (typeof h.sha !== 'string') continue;
      const batch = Math.floor(h.item.pos / batchSize);
      if (batch === last) batches[batches.length - 1]! += 1;
      else { batches.push(1); last = batch; }
    }
    const job = { v: CONTRACT_VERSION, run, chunk, model: { sha256: model.sha256, name: model.sidecar.name }, root: rootName, batchSize, batches, items: jobItems };
    try {
      return parseScoringJob(job);
    } catch (err) {
      failAll(jobItems, `cannot be sent to a worker: ${(err as Error).message}`);
      return null;
    }
  };

  /** Enqueues chunks until the window is full; a chunk whose job is already in Redis (a resumed run) is taken as it is. */
  const topUp = async () => {
    while (outstanding.size < window && next < todo.length && !options.signal?.aborted) {
      const { chunk, items } = todo[next++]!;
      const id = jobId(run, chunk);
      const existing = await queue.getJob(id);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'failed') {
          resumed += 1;
          outstanding.set(id, { chunk, items });
          continue;
        }
        // A job that failed for an earlier run of this command is tried again, as a local re-run retries failures.
        await existing.remove();
      }
      const job = await buildJob(chunk, items);
      if (!job) continue;
      await queue.add('score', job, { jobId: id, attempts, backoff: { type: 'fixed', delay: backoffMs }, removeOnComplete: false, removeOnFail: false });
      enqueued += 1;
      outstanding.set(id, { chunk, items });
    }
  };

  /** Commits a finished job, then removes it from Redis. */
  const collect = async (id: string, job: Job) => {
    const { items } = outstanding.get(id)!;
    const chunkKeys = new Set(items.map((i) => i.key));
    const state = await job.getState();
    if (state === 'failed') {
      failAll(items, `job refused: ${job.failedReason ?? 'no reason given'}`);
    } else {
      let data: ScoringJob | null = null;
      try {
        const read = readFinishedJob(job.data, job.returnvalue, chunkKeys, { layers, experts });
        data = read.data;
        const { result, items: decoded } = read;
        computeMs += result.computeMs;
        // The worker's tally first, so the progress the commit reports includes this job.
        const w = workers.get(result.worker.id) ?? { ...result.worker, jobs: 0, samples: 0, failures: 0, samplesPerSecond: 0, firstAt: performance.now() - result.computeMs };
        w.provider = result.worker.provider;
        w.jobs += 1;
        w.samples += decoded.length;
        w.failures += decoded.filter((i) => !i.ok).length;
        w.samplesPerSecond = w.samples / Math.max(1e-3, (performance.now() - w.firstAt) / 1000);
        workers.set(result.worker.id, w);
        options.onWorkers?.([...workers.values()].map(({ firstAt: _f, ...rest }) => rest));
        commit(decoded, result);
      } catch (err) {
        const reason = err instanceof ContractError ? `malformed result refused: ${err.message}` : `result not readable: ${(err as Error).message}`;
        failAll(items, reason);
      }
      // Samples of the chunk its job did not name (unreadable here when it was built) are not left without a word.
      const named = new Set(data?.items.map((i) => i.key) ?? []);
      const missing = items.filter((i) => !scoredKeys.has(i.key) && !named.has(i.key));
      if (data && missing.length > 0) failAll(missing, 'not in its queued job (run the command again to retry it)');
    }
    await job.remove().catch((err: Error) => options.onNotice?.(`job ${id} committed but not removed from Redis: ${err.message}`));
    outstanding.delete(id);
  };

  /**
   * Completed jobs of this run whose samples all hold the model's prediction: committed by a coordinator that
   * died before it removed them (collect commits, then removes). Nothing else would ever look at them again.
   */
  const removeLeftovers = async (): Promise<number> => {
    const open = new Set(todo.map((t) => t.chunk));
    const prefix = `${run}-`;
    const ids: string[] = [];
    for (let start = 0; ; start += 1000) {
      const page = await queue.getRanges(['completed'], start, start + 999, true);
      for (const id of page) {
        if (!id.startsWith(prefix)) continue;
        const chunk = Number(id.slice(prefix.length));
        if (Number.isInteger(chunk) && chunk >= 0 && chunk < chunks.length && !open.has(chunk)) ids.push(id);
      }
      if (page.length < 1000) break;
    }
    for (const id of ids) await queue.remove(id);
    if (ids.length > 0) options.onNotice?.(`removed ${ids.length} completed job(s) of this run left in Redis after their results were committed`);
    return ids.length;
  };

  let cleared = 0;
  let status: 'completed' | 'cancelled' | 'failed' = 'completed';
  let error: string | undefined;
  try {
    // Waiting for Redis ends early on cancel (a queue set to a host that is down must not hold the run forever).
    const aborted = new Promise<void>((resolve) => {
      if (options.signal?.aborted) resolve();
      options.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
    await Promise.race([queue.waitUntilReady(), aborted]);
    if (!options.signal?.aborted) cleared = await removeLeftovers();
    let sweepAll = true;
    for (;;) {
      await topUp();
      if (options.signal?.aborted) { status = 'cancelled'; break; }
      if (outstanding.size === 0) break;
      const ids = sweepAll ? [...outstanding.keys()] : [...notified].filter((id) => outstanding.has(id));
      notified.clear();
      sweepAll = false;
      let progressed = false;
      for (const id of ids) {
        const state = await queue.getJobState(id);
        if (state === 'completed' || state === 'failed') {
          const job = await queue.getJob(id);
          if (job) {
            await collect(id, job);
            progressed = true;
          }
        } else if (state === 'unknown') {
          // The job vanished (Redis lost it): build it again.
          options.onNotice?.(`job ${id} is no longer in Redis; enqueueing it again`);
          const { chunk, items } = outstanding.get(id)!;
          outstanding.delete(id);
          todo.push({ chunk, items });
          progressed = true;
        }
      }
      if (progressed || notified.size > 0 || options.signal?.aborted) continue;
      sweepAll = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => { wake = null; resolve(true); }, SWEEP_MS);
        wake = () => { clearTimeout(timer); wake = null; resolve(false); };
      });
    }
  } catch (err) {
    status = 'failed';
    error = err instanceof Error ? err.message : String(err);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await events.close().catch(() => undefined);
    await queue.close().catch(() => undefined);
  }
  const finished = workspace.finishRun(runId, status, error);
  return {
    run: finished, failures: workspace.runFailures(runId), animated, wallSeconds: (performance.now() - started) / 1000,
    queue: { jobs: todo.length, jobSize, resumed, enqueued, cleared, computeMs, commitMs, workers: [...workers.values()].map(({ firstAt: _f, ...rest }) => rest) },
  };
}
