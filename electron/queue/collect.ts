// Taking in a queued run's finished jobs (ARCHITECTURE.md §13): waits on the queue's events (with a sweep of
// every outstanding job each second, as events can be missed across a Redis restart), reads each finished job
// against its chunk, commits the results of the jobs finished together in one transaction, then removes those
// jobs from Redis. Node side (coordinator).
import type { Job, Queue, QueueEvents } from 'bullmq';
import type { ScoredItem } from '../inference/protocol.js';
import { ContractError, parseScoringJob, parseScoringResult, itemFromWire, type ScoringJob, type ScoringResult } from './contract.js';
import type { Chunk, JobFeeder } from './enqueue.js';
import { NO_TIMING, type RunLedger, type Timing } from './run-ledger.js';
import { routingFromWire, type RoutingShape } from './wire-routing.js';

/** With no event, every outstanding job's state is looked at this often. */
const SWEEP_MS = 1000;

/**
 * A completed job's payload and result, validated against its chunk, as the items Workspace.recordBatch stores.
 * A failure keeps a SHA-256 only when it is the one the coordinator hashed: a worker's copy never rewrites the
 * sample's. `clock.routingMs` gathers the time spent checking routing rows. Throws ContractError.
 */
export function readFinishedJob(jobData: unknown, returnValue: unknown, chunkKeys: ReadonlySet<number>, shape: RoutingShape, clock?: { routingMs: number }): { data: ScoringJob; result: ScoringResult; items: ScoredItem[] } {
  const data = parseScoringJob(jobData);
  const stray = data.items.find((i) => !chunkKeys.has(i.key));
  if (stray) throw new ContractError(`job names sample ${stray.key}, which is not in its chunk`);
  const result = parseScoringResult(returnValue, data);
  const expected = new Map(data.items.map((i) => [i.key, i.sha256]));
  const items = result.items.map((wire): ScoredItem => {
    const item = itemFromWire(wire);
    if (item.ok) {
      const t0 = performance.now();
      const routing = routingFromWire(item, wire.ok ? wire.routing : undefined, shape);
      if (clock) clock.routingMs += performance.now() - t0;
      return routing ? { ...item, routing } : item;
    }
    return item.sha256 === undefined || item.sha256 === expected.get(item.key) ? item : { key: item.key, ok: false, reason: item.reason };
  });
  return { data, result, items };
}

/** Finished jobs taken in per transaction at most (results arriving faster than one commit are written together). */
const ROUND_JOBS = 16;

/** One finished job's results to write (or its samples' failure with the reason), and the time its worker reported. */
function takeJob(job: Job, state: string, chunk: Chunk, ledger: RunLedger): { items: ScoredItem[]; timing: Timing } {
  const fail = (keys: { key: number }[], reason: string): ScoredItem[] => keys.map((i) => ({ key: i.key, ok: false, reason }));
  const { items } = chunk;
  if (state === 'failed') return { items: fail(items, `job refused: ${job.failedReason ?? 'no reason given'}`), timing: NO_TIMING };
  try {
    const t0 = performance.now();
    const read = readFinishedJob(job.data, job.returnvalue, new Set(items.map((i) => i.key)), ledger.shape, ledger.stages);
    ledger.stages.readMs += performance.now() - t0;
    ledger.tally(read.result, read.items);
    // Samples of the chunk its job did not name (unreadable here when it was built) are not left without a word.
    const named = new Set(read.data.items.map((i) => i.key));
    const missing = items.filter((i) => !ledger.scoredKeys.has(i.key) && !named.has(i.key));
    return { items: [...read.items, ...fail(missing, 'not in its queued job (run the command again to retry it)')], timing: read.result };
  } catch (err) {
    return { items: fail(items, err instanceof ContractError ? `malformed result refused: ${err.message}` : `result not readable: ${(err as Error).message}`), timing: NO_TIMING };
  }
}

/**
 * Looks at the given outstanding jobs (their states, then the finished ones, each fetched together), commits
 * the results of all finished ones in one transaction, then removes those jobs from Redis. A job Redis lost
 * is built again. Returns whether anything moved.
 */
async function collectRound(queue: Queue, ids: string[], feeder: JobFeeder, ledger: RunLedger, onNotice?: (message: string) => void): Promise<boolean> {
  const t0 = performance.now();
  const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
  const finished = ids.map((id, i) => ({ id, state: states[i]! })).filter((f) => f.state === 'completed' || f.state === 'failed');
  const jobs = await Promise.all(finished.map((f) => queue.getJob(f.id)));
  ledger.stages.fetchMs += performance.now() - t0;
  let progressed = false;
  ids.forEach((id, i) => {
    if (states[i] !== 'unknown') return;
    onNotice?.(`job ${id} is no longer in Redis; enqueueing it again`);
    feeder.requeue(id);
    progressed = true;
  });
  const taken: { id: string; job: Job }[] = [];
  const items: ScoredItem[] = [];
  const timing = { decodeMs: 0, inferMs: 0 };
  finished.forEach((f, i) => {
    const job = jobs[i];
    if (!job) return;
    const one = takeJob(job, f.state, feeder.outstanding.get(f.id)!, ledger);
    items.push(...one.items);
    timing.decodeMs += one.timing.decodeMs;
    timing.inferMs += one.timing.inferMs;
    taken.push({ id: f.id, job });
  });
  if (taken.length === 0) return progressed;
  ledger.reportWorkers();
  ledger.commit(items, timing);
  const t1 = performance.now();
  await Promise.all(taken.map(({ id, job }) => job.remove().catch((err: Error) => onNotice?.(`job ${id} committed but not removed from Redis: ${err.message}`))));
  ledger.stages.removeMs += performance.now() - t1;
  for (const { id } of taken) feeder.outstanding.delete(id);
  return true;
}

/**
 * Runs the queue until every chunk is committed or the signal aborts: tops the window up, collects what
 * finished, and waits for the next event (or the sweep). Returns 'cancelled' when aborted.
 */
export async function collectAll(queue: Queue, events: QueueEvents, feeder: JobFeeder, ledger: RunLedger, signal: AbortSignal | undefined, onNotice?: (message: string) => void): Promise<'completed' | 'cancelled'> {
  const notified = new Set<string>();
  let wake: (() => void) | null = null;
  const onFinished = ({ jobId: id }: { jobId: string }) => {
    if (!feeder.outstanding.has(id)) return;
    notified.add(id);
    wake?.();
  };
  const onAbort = () => wake?.();
  events.on('completed', onFinished);
  events.on('failed', onFinished);
  signal?.addEventListener('abort', onAbort);
  try {
    let sweepAll = true;
    for (;;) {
      await feeder.topUp();
      if (signal?.aborted) return 'cancelled';
      if (feeder.outstanding.size === 0) return 'completed';
      const ids = sweepAll ? [...feeder.outstanding.keys()] : [...notified].filter((id) => feeder.outstanding.has(id));
      notified.clear();
      sweepAll = false;
      let progressed = false;
      for (let at = 0; at < ids.length; at += ROUND_JOBS) {
        if (await collectRound(queue, ids.slice(at, at + ROUND_JOBS), feeder, ledger, onNotice)) progressed = true;
      }
      if (progressed || notified.size > 0 || signal?.aborted) continue;
      sweepAll = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => { wake = null; resolve(true); }, SWEEP_MS);
        wake = () => { clearTimeout(timer); wake = null; resolve(false); };
      });
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    events.off('completed', onFinished);
    events.off('failed', onFinished);
  }
}
