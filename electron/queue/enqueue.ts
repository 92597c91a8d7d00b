// Feeding a queued run's jobs to Redis (ARCHITECTURE.md §13): a chunk's job names its samples still unscored,
// each with the SHA-256 of its file here and the local run's batches, and is enqueued under an id fixed per
// (run, chunk) a window at a time; a job already in Redis (a resumed run) is taken as it is. Node side (coordinator).
import type { Queue } from 'bullmq';
import { sha256File } from '../onnx/model-files.js';
import type { UsableSample } from '../scoring/plan-work.js';
import { CONTRACT_VERSION, jobId, parseScoringJob, type JobItem, type ScoringJob } from './contract.js';
import type { RunLedger } from './run-ledger.js';

/** A chunk of the run: its number (part of its job id) and its usable samples, scored or not. */
export interface Chunk {
  chunk: number;
  items: UsableSample[];
}

export interface JobTemplate {
  run: string;
  model: { sha256: string; name: string };
  root: string;
  batchSize: number;
  attempts: number;
  backoffMs: number;
}

/** Sizes of the local run's batches the items fall into, in order (a sample not sent leaves its batch one smaller). */
export function localBatches(items: readonly UsableSample[], batchSize: number): number[] {
  const batches: number[] = [];
  let last = -1;
  for (const item of items) {
    const batch = Math.floor(item.pos / batchSize);
    if (batch === last) batches[batches.length - 1]! += 1;
    else { batches.push(1); last = batch; }
  }
  return batches;
}

/** Builds a chunk's job from its samples still unscored; a file unreadable here fails at once. Null: nothing to send. */
async function buildJob(template: JobTemplate, chunk: number, items: UsableSample[], ledger: RunLedger): Promise<ScoringJob | null> {
  const pending = items.filter((i) => !ledger.scoredKeys.has(i.key));
  const hashed = await Promise.all(pending.map(async (i) => ({ item: i, sha: await sha256File(i.path).catch((err: Error) => err) })));
  const unreadable = hashed.filter((h) => h.sha instanceof Error);
  if (unreadable.length > 0) ledger.commit(unreadable.map((h) => ({ key: h.item.key, ok: false, reason: `cannot read the file on the coordinator: ${(h.sha as Error).message}` })), { decodeMs: 0, inferMs: 0 });
  const sent = hashed.filter((h): h is { item: UsableSample; sha: string } => typeof h.sha === 'string');
  if (sent.length === 0) return null;
  const jobItems: JobItem[] = sent.map((h) => ({ key: h.item.key, path: h.item.file, sha256: h.sha, ...(h.item.face ? { face: h.item.face } : {}) }));
  const job = {
    v: CONTRACT_VERSION, run: template.run, chunk, model: template.model, root: template.root, batchSize: template.batchSize,
    batches: localBatches(sent.map((h) => h.item), template.batchSize), items: jobItems,
  };
  try {
    return parseScoringJob(job);
  } catch (err) {
    ledger.failAll(jobItems, `cannot be sent to a worker: ${(err as Error).message}`);
    return null;
  }
}

/** Keeps up to `window` of the run's jobs outstanding in Redis. */
export class JobFeeder {
  /** Jobs in Redis not yet collected, by job id. */
  readonly outstanding = new Map<string, Chunk>();
  enqueued = 0;
  resumed = 0;
  private next = 0;

  constructor(private readonly queue: Queue, private readonly template: JobTemplate, private readonly todo: Chunk[],
    private readonly ledger: RunLedger, private readonly window: number, private readonly signal?: AbortSignal) {}

  /** Enqueues chunks until the window is full or none is left. */
  async topUp(): Promise<void> {
    while (this.outstanding.size < this.window && this.next < this.todo.length && !this.signal?.aborted) {
      const { chunk, items } = this.todo[this.next++]!;
      const id = jobId(this.template.run, chunk);
      const existing = await this.queue.getJob(id);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'failed') {
          this.resumed += 1;
          this.outstanding.set(id, { chunk, items });
          continue;
        }
        // A job that failed for an earlier run of this command is tried again, as a local re-run retries failures.
        await existing.remove();
      }
      const job = await buildJob(this.template, chunk, items, this.ledger);
      if (!job) continue;
      await this.queue.add('score', job, { jobId: id, attempts: this.template.attempts, backoff: { type: 'fixed', delay: this.template.backoffMs }, removeOnComplete: false, removeOnFail: false });
      this.enqueued += 1;
      this.outstanding.set(id, { chunk, items });
    }
  }

  /** A job Redis lost: its chunk goes back to the end of the list, to be built again. */
  requeue(id: string): void {
    const chunk = this.outstanding.get(id);
    if (!chunk) return;
    this.outstanding.delete(id);
    this.todo.push(chunk);
  }
}

/**
 * Removes completed jobs of this run whose samples all hold the model's prediction: committed by a coordinator
 * that died before it removed them (results are committed, then their job removed). Returns how many.
 */
export async function removeLeftovers(queue: Queue, run: string, chunks: number, open: ReadonlySet<number>): Promise<number> {
  const prefix = `${run}-`;
  const ids: string[] = [];
  for (let start = 0; ; start += 1000) {
    const page = await queue.getRanges(['completed'], start, start + 999, true);
    for (const id of page) {
      if (!id.startsWith(prefix)) continue;
      const chunk = Number(id.slice(prefix.length));
      if (Number.isInteger(chunk) && chunk >= 0 && chunk < chunks && !open.has(chunk)) ids.push(id);
    }
    if (page.length < 1000) break;
  }
  for (const id of ids) await queue.remove(id);
  return ids.length;
}
