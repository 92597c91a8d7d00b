// The inference thread's decoders: decoder threads (decoder-worker.ts) that read, hash and decode batches while
// session.run blocks the inference thread, batches handed out in turn; a failed thread's batches are decoded on
// the inference thread instead. Node side (worker_threads), used by worker.ts.
import type { Worker } from 'node:worker_threads';
import type { ModelSidecar } from '../../common/model/sidecar.js';
import { PendingRequests } from '../../common/pending-requests.js';
import { siblingWorkerUrl, spawnModuleWorker, stopWorker } from '../base/spawn-worker.js';
import { decodeBatch, type DecodedBatch } from './batch-runner.js';
import type { ScoreItem } from './protocol.js';

/** Messages between the inference thread and a decoder thread. */
export interface DecoderData { sidecar: ModelSidecar }
export type DecodeRequest = { id: number; items: ScoreItem[] };
export type DecodeReply = { id: number; batch: DecodedBatch } | { id: number; error: string };

/** Spawns a decoder thread (decoder-worker.ts; through tsx's loader when running from source). */
function spawnDecoder(sidecar: ModelSidecar): Worker {
  const data: DecoderData = { sidecar };
  return spawnModuleWorker(siblingWorkerUrl(import.meta.url, 'decoder-worker'), { workerData: data });
}

/**
 * Decodes batches on the decoder thread; should that thread fail, the batches it held (and all later ones)
 * are decoded on this thread instead, so a run never fails for it.
 */
class Decoder {
  private worker: Worker | null;
  /** Batches sent to the decoder thread, each with its items (decoded here instead should the thread fail). */
  private readonly pending = new PendingRequests<DecodedBatch, ScoreItem[]>();

  constructor(private readonly sidecar: ModelSidecar) {
    try {
      this.worker = spawnDecoder(sidecar);
    } catch {
      this.worker = null;
      return;
    }
    this.worker.on('message', (reply: DecodeReply) => {
      const waiter = this.pending.take(reply.id);
      if (!waiter) return;
      if ('batch' in reply) waiter.resolve(reply.batch);
      else waiter.resolve(this.local(waiter.context));
    });
    this.worker.on('error', () => this.fallBack());
    this.worker.on('exit', () => this.fallBack());
  }

  private local(items: ScoreItem[]): Promise<DecodedBatch> {
    return decodeBatch(items, this.sidecar);
  }

  private fallBack(): void {
    this.worker = null;
    for (const waiter of this.pending.takeAll()) waiter.resolve(this.local(waiter.context));
  }

  decode(items: ScoreItem[]): Promise<DecodedBatch> {
    if (!this.worker) return this.local(items);
    const worker = this.worker;
    return this.pending.open((id) => worker.postMessage({ id, items } satisfies DecodeRequest), items);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await stopWorker(worker);
  }
}

/** Several decoder threads, batches handed out in turn (a GPU leaves the CPU cores to decoding). */
export class DecoderPool {
  private next = 0;
  private readonly decoders: Decoder[];

  constructor(sidecar: ModelSidecar, threads: number) {
    this.decoders = Array.from({ length: Math.max(1, threads) }, () => new Decoder(sidecar));
  }

  get size(): number {
    return this.decoders.length;
  }

  decode(items: ScoreItem[]): Promise<DecodedBatch> {
    const decoder = this.decoders[this.next]!;
    this.next = (this.next + 1) % this.decoders.length;
    return decoder.decode(items);
  }

  async close(): Promise<void> {
    await Promise.all(this.decoders.map((d) => d.close()));
  }
}
