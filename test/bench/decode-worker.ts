// Worker thread of `npm run bench:gpu`: decodes its share of the corpus with the engine's own decodeBatch (bounded
// read, SHA-256, sharp decode/resize/crop/normalise, stacking) and reports how long it took. Node side (test/bench).
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import type { ModelSidecar } from '../../common/model/sidecar.js';
import { decodeBatch } from '../../electron/inference/decode-batch.js';

const { paths, sidecar, batch } = workerData as { paths: string[]; sidecar: ModelSidecar; batch: number };
sharp.concurrency(1); // as the inference worker sets it
sharp.cache(false);

parentPort!.once('message', async () => {
  const started = performance.now();
  let decoded = 0;
  for (let i = 0; i < paths.length; i += batch) {
    const result = await decodeBatch(paths.slice(i, i + batch).map((p, k) => ({ key: i + k, path: p })), sidecar);
    decoded += result.items.filter((item) => item.ok).length;
  }
  parentPort!.postMessage({ decoded, ms: performance.now() - started });
});
parentPort!.postMessage('ready');
