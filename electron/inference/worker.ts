// Inference worker thread: owns the ORT session. Batches are read, hashed, decoded and stacked by decoder
// threads (this same file, role 'decoder'), so decoding keeps going while session.run blocks this thread.
// Node side (worker_threads); never imported by the main thread.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import type { ModelSidecar } from '../../common/model/sidecar.js';
import { PendingRequests } from '../../common/pending-requests.js';
import { AppearanceNetwork } from '../faces/appearance-network.js';
import { BatchRunner, decodeBatch, type AppearanceState, type DecodedBatch } from './batch-runner.js';
import type { ScoreItem, WorkerRequest, WorkerResponse } from './protocol.js';
import { decodeThreadCount } from './decode-threads.js';
import { openSession } from '../onnx/providers.js';
import { spawnModuleWorker } from '../base/spawn-worker.js';
import { flagIsSet } from '../base/cancel-flag.js';

if (!parentPort) throw new Error('worker.ts must run as a worker thread');
const port = parentPort;

// One libvips thread per image: parallelism comes from images in flight (libuv pool) and decoder threads.
sharp.concurrency(1);
sharp.cache(false);

/** Messages between the inference thread and its decoder thread (internal to this file). */
interface DecoderData { role: 'decoder'; sidecar: ModelSidecar }
type DecodeRequest = { id: number; items: ScoreItem[] };
type DecodeReply = { id: number; batch: DecodedBatch } | { id: number; error: string };

const decoderData = workerData as DecoderData | null | undefined;
if (decoderData?.role === 'decoder') runDecoder(decoderData.sidecar);
else runInference();

/**
 * Decoder thread. ORT's session.run is synchronous, so while it runs the inference thread's event loop cannot
 * move a decode from one step to the next (read → hash → header → pixels → normalise); here it always can.
 */
function runDecoder(sidecar: ModelSidecar): void {
  port.on('message', (request: DecodeRequest) => {
    decodeBatch(request.items, sidecar).then(
      (batch) => port.postMessage({ id: request.id, batch } satisfies DecodeReply, [batch.pixels.buffer as ArrayBuffer]),
      (err: unknown) => port.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) } satisfies DecodeReply),
    );
  });
}

/** Spawns this file again as a decoder thread (through tsx's loader when running from source). */
function spawnDecoder(sidecar: ModelSidecar): Worker {
  const data: DecoderData = { role: 'decoder', sidecar };
  return spawnModuleWorker(new URL(import.meta.url), { workerData: data });
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
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}

/** Several decoder threads, batches handed out in turn (a GPU leaves the CPU cores to decoding). */
class DecoderPool {
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

/**
 * The appearance network, when the sidecar's domain statistics use it or the caller keeps its features; a
 * network that cannot be opened makes the domain unknown (or, when its features were asked for, fails the load).
 */
async function openAppearance(request: Extract<WorkerRequest, { type: 'load' }>): Promise<AppearanceState | null> {
  if (!request.sidecar.domain?.appearance && !request.keepAppearance) return null;
  try {
    return { network: await AppearanceNetwork.open(request.providers, request.intraOpThreads) };
  } catch (err) {
    if (request.keepAppearance) throw err;
    return { problem: `the appearance network cannot be opened: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function runInference(): void {
  let runner: BatchRunner | null = null;
  let decoder: DecoderPool | null = null;
  let close: (() => Promise<void>) | null = null;
  /** Inference runs strictly in request order; decoding does not wait for it. */
  let inferenceChain: Promise<unknown> = Promise.resolve();

  const reply = (message: WorkerResponse, transfer: ArrayBuffer[] = []): void => {
    port.postMessage(message, transfer);
  };

  const failWith = (id: number, err: unknown): void => {
    reply({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
  };

  port.on('message', (request: WorkerRequest) => {
    switch (request.type) {
      case 'load': {
        void openSession(request.onnxPath, request.providers, request.intraOpThreads).then(
          async (opened) => {
            const appearance = await openAppearance(request);
            runner = new BatchRunner(opened.session, request.sidecar, appearance, request.keepAppearance === true);
            const previous = decoder;
            decoder = new DecoderPool(request.sidecar, request.decodeThreads ?? decodeThreadCount(opened.provider));
            close = async () => {
              await decoder?.close();
              await opened.session.release();
              await appearance?.network?.close();
            };
            void previous?.close();
            reply({ type: 'loaded', id: request.id, provider: opened.provider, attempts: opened.attempts, inputNames: [...opened.session.inputNames], outputNames: [...opened.session.outputNames], decodeThreads: decoder.size });
          },
          (err) => failWith(request.id, err),
        );
        return;
      }
      case 'score': {
        if (!runner || !decoder) { failWith(request.id, new Error('no model loaded')); return; }
        const activeRunner = runner;
        const decoding = decoder.decode(request.items);
        inferenceChain = inferenceChain.then(async () => {
          try {
            const batch = await decoding;
            const { items, inferMs } = await activeRunner.score(batch);
            reply({ type: 'scored', id: request.id, items, decodeMs: batch.decodeMs, inferMs });
          } catch (err) {
            failWith(request.id, err);
          }
        });
        return;
      }
      case 'detail': {
        if (!runner) { failWith(request.id, new Error('no model loaded')); return; }
        const activeRunner = runner;
        inferenceChain = inferenceChain.then(async () => {
          try {
            const detail = await activeRunner.detail(request.path, request.face);
            // Copied, not transferred: sharp's and onnxruntime's outputs live in memory owned by the native
            // addons, which Node 22 refuses to transfer; one sample's tensors are small.
            reply({ type: 'detail', id: request.id, detail });
          } catch (err) {
            failWith(request.id, err);
          }
        });
        return;
      }
      case 'probe': {
        if (!runner) { failWith(request.id, new Error('no model loaded')); return; }
        const activeRunner = runner;
        inferenceChain = inferenceChain.then(async () => {
          try {
            const { sha256, result } = await activeRunner.probe(request.path, request.face, request.job, {
              cancelled: () => flagIsSet(request.cancel),
              onProgress: (done, total) => reply({ type: 'progress', id: request.id, done, total }),
            });
            reply({ type: 'probed', id: request.id, sha256, result });
          } catch (err) {
            failWith(request.id, err);
          }
        });
        return;
      }
      case 'close': {
        inferenceChain = inferenceChain.then(async () => {
          await close?.();
          runner = null;
          decoder = null;
          reply({ type: 'closed', id: request.id });
        });
        return;
      }
    }
  });
}
