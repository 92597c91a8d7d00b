// Decoders: decoder threads (decoder-worker.ts) that read, hash and decode batches for one model or several while
// session.run blocks an inference thread, batches handed out in turn; a failed thread's batches are decoded on
// the calling thread instead. Node side (worker_threads), used by worker.ts and a multi-model scoring run.
import type { Worker } from 'node:worker_threads';
import type { ModelSidecar } from '../../common/model/sidecar.js';
import { PendingRequests } from '../../common/pending-requests.js';
import { siblingWorkerUrl, spawnModuleWorker, stopWorker } from '../base/spawn-worker.js';
import { decodeBatchForModels, type ModelsDecodedBatch } from './decode-batch.js';
import type { ScoreItem } from './protocol.js';

/** Messages between the inference thread and a decoder thread. */
export interface DecoderData { sidecars: ModelSidecar[] }
export type DecodeRequest = { id: number; items: ScoreItem[] };
export type DecodeReply = { id: number; decoded: ModelsDecodedBatch } | { id: number; error: string };

/** Spawns a decoder thread (decoder-worker.ts; through tsx's loader when running from source). */
function spawnDecoder(sidecars: ModelSidecar[]): Worker {
  const data: DecoderData = { sidecars };
  return spawnModuleWorker(siblingWorkerUrl(import.meta.url, 'decoder-worker'), { workerData: data });
}

/**
 * Decodes batches on the decoder thread; should that thread fail, the batches it held (and all later ones)
 * are decoded on this thread instead, so a run never fails for it.
 */
class Decoder {
  private worker: Worker | null;
  /** Batches sent to the decoder thread, each with its items (decoded here instead should the thread fail). */
  private readonly pending = new PendingRequests<ModelsDecodedBatch, ScoreItem[]>();

  constructor(private readonly sidecars: ModelSidecar[]) {
    try {
      this.worker = spawnDecoder(sidecars);
    } catch {
      this.worker = null;
      return;
    }
    this.worker.on('message', (reply: DecodeReply) => {
      const waiter = this.pending.take(reply.id);
      if (!waiter) return;
      if ('decoded' in reply) waiter.resolve(reply.decoded);
      else waiter.resolve(this.local(waiter.context));
    });
    this.worker.on('error', () => this.fallBack());
    this.worker.on('exit', () => this.fallBack());
  }

  private local(items: ScoreItem[]): Promise<ModelsDecodedBatch> {
    return decodeBatchForModels(items, this.sidecars);
  }

  private fallBack(): void {
    this.worker = null;
    for (const waiter of this.pending.takeAll()) waiter.resolve(this.local(waiter.context));
  }

  decode(items: ScoreItem[]): Promise<ModelsDecodedBatch> {
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

/**
 * Several decoder threads, batches handed out in turn (a GPU leaves the CPU cores to decoding). Each batch is
 * decoded for every model of `sidecars` at once (decode-batch.ts).
 */
export class DecoderPool {
  private next = 0;
  private readonly decoders: Decoder[];
  private decodes = 0;

  constructor(sidecars: readonly ModelSidecar[], threads: number) {
    if (sidecars.length === 0) throw new Error('a decoder pool needs at least one model');
    this.decoders = Array.from({ length: Math.max(1, threads) }, () => new Decoder([...sidecars]));
  }

  /** Pixel decodes of the batches decoded so far (decode-batch.ts counts them where sharp decodes). */
  get decodedImages(): number {
    return this.decodes;
  }

  get size(): number {
    return this.decoders.length;
  }

  async decode(items: ScoreItem[]): Promise<ModelsDecodedBatch> {
    const decoder = this.decoders[this.next]!;
    this.next = (this.next + 1) % this.decoders.length;
    const decoded = await decoder.decode(items);
    this.decodes += decoded.decodes;
    return decoded;
  }

  async close(): Promise<void> {
    await Promise.all(this.decoders.map((d) => d.close()));
  }
}
