// Inference worker thread: owns the ORT session. Batches are read, hashed, decoded and stacked by decoder
// threads (decoder-worker.ts, through decoder-pool.ts), so decoding keeps going while session.run blocks this
// thread. Node side (worker_threads); spawned by engine.ts, never imported by the main thread.
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { usableDomain } from '../../common/model/domain-validity.js';
import { flagIsSet } from '../base/cancel-flag.js';
import { AppearanceNetwork } from '../faces/appearance-network.js';
import { openSession } from '../onnx/providers.js';
import { BatchRunner, type AppearanceState } from './batch-runner.js';
import { decodeThreadCount } from './decode-threads.js';
import { DecoderPool } from './decoder-pool.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';

if (!parentPort) throw new Error('worker.ts must run as a worker thread');
const port = parentPort;

// One libvips thread per image: parallelism comes from images in flight (libuv pool) and decoder threads.
sharp.concurrency(1);
sharp.cache(false);

type Request<T extends WorkerRequest['type']> = Extract<WorkerRequest, { type: T }>;

/** The loaded model (its runner, decoders and release) and the chain that keeps inference in request order. */
interface InferenceState {
  runner: BatchRunner | null;
  /** Started on the first 'score': an engine fed decoded batches ('scoreDecoded') never starts its threads. */
  decoder: { threads: number; start: () => DecoderPool; pool: DecoderPool | null } | null;
  close: (() => Promise<void>) | null;
  /** Inference runs strictly in request order; decoding does not wait for it. */
  chain: Promise<unknown>;
}

function reply(message: WorkerResponse, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function failWith(id: number, err: unknown): void {
  reply({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
}

/** Queues `work` behind the inference already asked for; its failure is the answer to request `id`. */
function inOrder(state: InferenceState, id: number, work: () => Promise<void>): void {
  state.chain = state.chain.then(async () => {
    try {
      await work();
    } catch (err) {
      failWith(id, err);
    }
  });
}

/**
 * The appearance network, when the sidecar's domain statistics use it or the caller keeps its features; a
 * network that cannot be opened makes the domain unknown (or, when its features were asked for, fails the load).
 */
async function openAppearance(request: Request<'load'>): Promise<AppearanceState | null> {
  if (!usableDomain(request.sidecar.domain)?.appearance && !request.keepAppearance) return null;
  try {
    return { network: await AppearanceNetwork.open(request.providers, request.intraOpThreads) };
  } catch (err) {
    if (request.keepAppearance) throw err;
    return { problem: `the appearance network cannot be opened: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Opens the session (first provider that starts), the appearance network and the decoders; replaces a previous model's decoders. */
function load(state: InferenceState, request: Request<'load'>): void {
  void openSession(request.onnxPath, request.providers, request.intraOpThreads).then(
    async (opened) => {
      const appearance = await openAppearance(request);
      state.runner = new BatchRunner(opened.session, request.sidecar, appearance, request.keepAppearance === true, request.appearanceSide);
      const previous = state.decoder;
      const threads = request.decodeThreads ?? decodeThreadCount(opened.provider);
      const decoder = { threads, start: () => new DecoderPool([request.sidecar], threads), pool: null };
      state.decoder = decoder;
      state.close = async () => {
        await state.decoder?.pool?.close();
        await opened.session.release();
        await appearance?.network?.close();
      };
      void previous?.pool?.close();
      reply({ type: 'loaded', id: request.id, provider: opened.provider, attempts: opened.attempts, inputNames: [...opened.session.inputNames], outputNames: [...opened.session.outputNames], decodeThreads: threads });
    },
    (err) => failWith(request.id, err),
  );
}

/** Starts decoding the batch now and runs it through the model in its turn. */
function score(state: InferenceState, request: Request<'score'>): void {
  if (!state.runner || !state.decoder) { failWith(request.id, new Error('no model loaded')); return; }
  const runner = state.runner;
  state.decoder.pool ??= state.decoder.start();
  const decoding = state.decoder.pool.decode(request.items);
  inOrder(state, request.id, async () => {
    const batch = (await decoding).batches[0]!;
    const { items, inferMs } = await runner.score(batch);
    reply({ type: 'scored', id: request.id, items, decodeMs: batch.decodeMs, inferMs });
  });
}

/** Runs a batch the caller decoded (for several models at once) through the model in its turn. */
function scoreDecoded(state: InferenceState, request: Request<'scoreDecoded'>): void {
  if (!state.runner) { failWith(request.id, new Error('no model loaded')); return; }
  const runner = state.runner;
  inOrder(state, request.id, async () => {
    const { items, inferMs } = await runner.score(request.batch);
    reply({ type: 'scored', id: request.id, items, decodeMs: request.batch.decodeMs, inferMs });
  });
}

/** One sample's full outputs (routing, logits, the model's input image). */
function detail(state: InferenceState, request: Request<'detail'>): void {
  if (!state.runner) { failWith(request.id, new Error('no model loaded')); return; }
  const runner = state.runner;
  inOrder(state, request.id, async () => {
    const result = await runner.detail(request.path, request.face);
    // Copied, not transferred: sharp's and onnxruntime's outputs live in memory owned by the native
    // addons, which Node 22 refuses to transfer; one sample's tensors are small.
    reply({ type: 'detail', id: request.id, detail: result });
  });
}

/** An occlusion or perturbation probe of one sample, with progress, stopped by its cancel flag. */
function probe(state: InferenceState, request: Request<'probe'>): void {
  if (!state.runner) { failWith(request.id, new Error('no model loaded')); return; }
  const runner = state.runner;
  inOrder(state, request.id, async () => {
    const { sha256, result } = await runner.probe(request.path, request.face, request.job, {
      cancelled: () => flagIsSet(request.cancel),
      onProgress: (done, total) => reply({ type: 'progress', id: request.id, done, total }),
    });
    reply({ type: 'probed', id: request.id, sha256, result });
  });
}

/** Releases the model after the inference already asked for. */
function closeModel(state: InferenceState, request: Request<'close'>): void {
  state.chain = state.chain.then(async () => {
    await state.close?.();
    state.runner = null;
    state.decoder = null;
    reply({ type: 'closed', id: request.id });
  });
}

function runInference(): void {
  const state: InferenceState = { runner: null, decoder: null, close: null, chain: Promise.resolve() };
  port.on('message', (request: WorkerRequest) => {
    switch (request.type) {
      case 'load': return load(state, request);
      case 'score': return score(state, request);
      case 'scoreDecoded': return scoreDecoded(state, request);
      case 'detail': return detail(state, request);
      case 'probe': return probe(state, request);
      case 'close': return closeModel(state, request);
    }
  });
}

runInference();
