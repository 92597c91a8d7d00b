// The bootstrap's fixed streams (common/metrics/bootstrap.ts BOOTSTRAP_STREAMS) each on a worker thread, so a
// report at 10⁶ scores uses every core it is given; the intervals equal bootstrapConfidenceIntervals' for the seed,
// whatever the threads or their timing. Node side (`uad report`, `uad metrics`).
import type { Worker } from 'node:worker_threads';
import { BOOTSTRAP_STREAMS, bootstrapConfidenceIntervals, bootstrapFromStreams, type BootstrapOptions, type BootstrapResult, type BootstrapStream } from '../../common/metrics/bootstrap.js';
import { MetricsInputError, type LabelledScores } from '../../common/metrics/labelled-scores.js';
import { siblingWorkerUrl, spawnModuleWorker } from '../base/spawn-worker.js';

export type BootstrapWorkerMessage =
  | { type: 'progress'; done: number }
  | { type: 'done'; stream: BootstrapStream }
  | { type: 'error'; code: MetricsInputError['code'] | null; message: string };

/** Only what the bootstrap reads crosses to the threads (copied once each). */
function bootstrapData(data: LabelledScores): LabelledScores {
  const { scores, labels, speciesCodes, speciesNames, identityCodes, identityNames } = data;
  return { scores, labels, ...(speciesCodes ? { speciesCodes } : {}), ...(speciesNames ? { speciesNames } : {}), ...(identityCodes ? { identityCodes } : {}), ...(identityNames ? { identityNames } : {}) };
}

/**
 * bootstrapConfidenceIntervals(data, options) with its streams on BOOTSTRAP_STREAMS worker threads. Progress counts
 * replicates over all streams; `signal` stops the threads and rejects with 'cancelled'.
 */
export async function bootstrapOnThreads(data: LabelledScores, options: BootstrapOptions, signal?: AbortSignal): Promise<BootstrapResult> {
  const { onProgress, ...plain } = options;
  const done = new Array<number>(BOOTSTRAP_STREAMS).fill(0);
  const replicates = plain.replicates ?? 1000;
  const every = Math.max(1, Math.ceil(replicates / 100));
  let reported = 0;
  const workers: Worker[] = [];
  const stop = () => { for (const worker of workers) void worker.terminate(); };
  const run = (stream: number) => new Promise<BootstrapStream>((resolve, reject) => {
    const worker = spawnModuleWorker(siblingWorkerUrl(import.meta.url, 'bootstrap-worker'), { workerData: { data: bootstrapData(data), options: plain, stream } });
    workers.push(worker);
    worker.on('message', (message: BootstrapWorkerMessage) => {
      if (message.type === 'progress') {
        done[stream] = message.done;
        const total = done.reduce((a, b) => a + b, 0);
        if (onProgress && total - reported >= every) { reported = total; onProgress(total, replicates); }
      } else if (message.type === 'done') resolve(message.stream);
      else reject(message.code ? new MetricsInputError(message.code, message.message) : new Error(message.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(signal?.aborted ? 'cancelled' : `bootstrap thread ${stream} stopped (exit ${code})`)));
  });
  if (signal?.aborted) throw new Error('cancelled');
  signal?.addEventListener('abort', stop, { once: true });
  try {
    const streams = await Promise.all(Array.from({ length: BOOTSTRAP_STREAMS }, (_, stream) => run(stream)));
    return bootstrapFromStreams(data, plain, streams);
  } finally {
    signal?.removeEventListener('abort', stop);
    stop();
  }
}

/** Below this many draws (replicates × scores) starting threads costs more than it saves: the streams run here. */
export const THREADED_BOOTSTRAP_DRAWS = 2e7;

/** The bootstrap as the CLI runs it: on threads when large, on this thread when small; the same intervals either way. */
export async function runBootstrap(data: LabelledScores, options: BootstrapOptions): Promise<BootstrapResult> {
  if ((options.replicates ?? 1000) * data.scores.length < THREADED_BOOTSTRAP_DRAWS) return bootstrapConfidenceIntervals(data, options);
  return bootstrapOnThreads(data, options);
}
