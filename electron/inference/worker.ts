// Inference worker thread: owns the ORT session. Decoding of later batches overlaps inference of the
// current one (sharp runs on the libuv pool while session.run blocks this thread).
// Node side (worker_threads); never imported by the main thread.
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import type { ModelSidecar } from '../../common/model/sidecar.js';
import { BatchRunner, loadImage } from './batch-runner.js';
import type { WorkerRequest, WorkerResponse } from './protocol.js';
import { openSession } from './providers.js';

if (!parentPort) throw new Error('worker.ts must run as a worker thread');
const port = parentPort;

// One decoder thread per in-flight image is plenty here: ORT takes the cores for inference.
sharp.concurrency(1);
sharp.cache(false);

let runner: BatchRunner | null = null;
let sidecar: ModelSidecar | null = null;
let close: (() => Promise<void>) | null = null;
/** Inference runs strictly in request order; decoding does not wait for it. */
let inferenceChain: Promise<unknown> = Promise.resolve();

function reply(message: WorkerResponse, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

function failWith(id: number, err: unknown): void {
  reply({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
}

port.on('message', (request: WorkerRequest) => {
  switch (request.type) {
    case 'load': {
      void openSession(request.onnxPath, request.providers, request.intraOpThreads).then(
        (opened) => {
          runner = new BatchRunner(opened.session, request.sidecar);
          sidecar = request.sidecar;
          close = () => opened.session.release();
          reply({ type: 'loaded', id: request.id, provider: opened.provider, attempts: opened.attempts, outputNames: [...opened.session.outputNames] });
        },
        (err) => failWith(request.id, err),
      );
      return;
    }
    case 'score': {
      if (!runner || !sidecar) { failWith(request.id, new Error('no model loaded')); return; }
      const activeRunner = runner;
      const decodeStarted = performance.now();
      const decoding = Promise.all(request.items.map((item) => loadImage(item, sidecar!)));
      const decodeDone = decoding.then((loaded) => ({ loaded, decodeMs: performance.now() - decodeStarted }));
      inferenceChain = inferenceChain.then(async () => {
        try {
          const { loaded, decodeMs } = await decodeDone;
          const { items, inferMs } = await activeRunner.score(loaded);
          reply({ type: 'scored', id: request.id, items, decodeMs, inferMs });
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
          const detail = await activeRunner.detail(request.path);
          const transfer = [detail.rgb.buffer as ArrayBuffer, detail.embedding.buffer as ArrayBuffer,
            ...detail.layers.flatMap((l) => [l.dispatch.buffer as ArrayBuffer, l.combine.buffer as ArrayBuffer])];
          reply({ type: 'detail', id: request.id, detail }, [...new Set(transfer)]);
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
        reply({ type: 'closed', id: request.id });
      });
      return;
    }
  }
});
