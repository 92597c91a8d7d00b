// One stream of a bootstrap on its own thread (common/metrics/bootstrap.ts bootstrapStream): the scores and options
// in, the stream's replicate statistics out (transferred), progress as it goes. Node side (worker thread, CLI).
import { parentPort, workerData } from 'node:worker_threads';
import { bootstrapStream, type BootstrapOptions } from '../../common/metrics/bootstrap.js';
import { MetricsInputError, type LabelledScores } from '../../common/metrics/labelled-scores.js';
import type { BootstrapWorkerMessage } from './bootstrap-threads.js';

if (!parentPort) throw new Error('bootstrap-worker.ts must run as a worker thread');
const port = parentPort;
const { data, options, stream } = workerData as { data: LabelledScores; options: Omit<BootstrapOptions, 'onProgress'>; stream: number };
const send = (message: BootstrapWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
try {
  const result = bootstrapStream(data, { ...options, onProgress: (done) => send({ type: 'progress', done }) }, stream);
  send({ type: 'done', stream: result }, result.values.map((v) => v.buffer as ArrayBuffer));
} catch (error) {
  send({ type: 'error', code: error instanceof MetricsInputError ? error.code : null, message: error instanceof Error ? error.message : String(error) });
}
