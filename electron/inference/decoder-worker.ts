// Decoder thread of the inference worker: reads, hashes, decodes and stacks the batches it is sent
// for every model at once (decodeBatchForModels), so decoding keeps going while session.run blocks the inference thread (worker.ts).
// Node side (worker_threads); spawned by decoder-pool.ts, never imported.
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import type { ModelSidecar } from '../../common/model/sidecar.js';
import { decodeBatchForModels } from './decode-batch.js';
import type { DecodeReply, DecodeRequest, DecoderData } from './decoder-pool.js';

if (!parentPort) throw new Error('decoder-worker.ts must run as a worker thread');
const port = parentPort;

// One libvips thread per image: parallelism comes from images in flight (libuv pool) and decoder threads.
sharp.concurrency(1);
sharp.cache(false);

/**
 * ORT's session.run is synchronous, so while it runs the inference thread's event loop cannot move a decode
 * from one step to the next (read → hash → header → pixels → normalise); here it always can.
 */
function runDecoder(sidecars: ModelSidecar[]): void {
  port.on('message', (request: DecodeRequest) => {
    decodeBatchForModels(request.items, sidecars).then(
      (decoded) => port.postMessage({ id: request.id, decoded } satisfies DecodeReply, [...new Set(decoded.batches.map((b) => b.pixels.buffer as ArrayBuffer))]),
      (err: unknown) => port.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) } satisfies DecodeReply),
    );
  });
}

runDecoder((workerData as DecoderData).sidecars);
