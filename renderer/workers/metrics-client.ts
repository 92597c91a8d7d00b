// Main-thread handle on the metrics workers: promise-based requests, and a latest-only runner so a
// dragged slider never queues stale work. Renderer (the store is given the workers; its evaluation slices use them).
import { PendingRequests } from '../../common/pending-requests';
import type { RequestKind, WorkerMessage, WorkerRequest, WorkerRequests } from './metrics-protocol';

type Output<K extends RequestKind> = WorkerRequests[K]['output'];

export class MetricsWorker {
  private readonly pending = new PendingRequests<unknown>();
  /** Progress callbacks of the requests that asked for one, by request id. */
  private readonly progress = new Map<number, (done: number, total: number) => void>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const reply = event.data;
      if ('progress' in reply) {
        this.progress.get(reply.id)?.(reply.progress.done, reply.progress.total);
        return;
      }
      this.progress.delete(reply.id);
      const waiter = this.pending.take(reply.id);
      if (!waiter) return;
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new Error(reply.error));
    };
    worker.onerror = (event) => {
      // A crashed worker answers nothing more: fail everything that waits instead of hanging.
      this.pending.rejectAll(new Error(`metrics worker failed: ${event.message || 'unknown error'}`));
    };
  }

  /** Stops the worker at once (a stale computation); whatever waits is rejected as cancelled. */
  terminate(): void {
    this.worker.terminate();
    this.progress.clear();
    this.pending.rejectAll(new Error('cancelled'));
  }

  /** `onProgress` hears how far the request is, for the kinds that say (bootstrapStream). */
  request<K extends RequestKind>(kind: K, input: WorkerRequests[K]['input'], transfer: Transferable[] = [], onProgress?: (done: number, total: number) => void): Promise<Output<K>> {
    return this.pending.open((id) => {
      if (onProgress) this.progress.set(id, onProgress);
      this.worker.postMessage({ id, kind, input } satisfies WorkerRequest<K>, transfer);
    }) as Promise<Output<K>>;
  }
}

/** The request side of a metrics worker, as the store uses it (MetricsWorker, or an in-process stand-in in tests). */
export type MetricsRequester = Pick<MetricsWorker, 'request'>;

/**
 * Two workers (and a helper for reports): one answers the interactive queries (curves, rates at a threshold: milliseconds), the
 * other runs the bootstrap (seconds to a minute at 10⁶ scores), so confidence intervals never stall
 * the slider. The store is given one pair when it is created (createWorkbenchStore).
 */
export interface MetricsWorkers {
  readonly interactive: MetricsRequester;
  readonly bootstrap: MetricsRequester;
  /** A second bootstrap worker: the evaluation report's bootstrap runs half its replicates here, on another core. */
  readonly reportHelper: MetricsRequester;
  /** Abandons a running bootstrap: the bootstrap worker is replaced by a fresh one, which holds no scores yet. */
  restartBootstrap(): void;
  /** Abandons the helper's work the same way (a cancelled report). */
  restartReportHelper(): void;
}

const startWorker = (name: string) => new MetricsWorker(new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module', name }));

/** The app's pair of Web Workers, each started on first use. */
export function browserMetricsWorkers(start: (name: string) => MetricsWorker = startWorker): MetricsWorkers {
  let interactive: MetricsWorker | null = null;
  let bootstrap: MetricsWorker | null = null;
  let helper: MetricsWorker | null = null;
  return {
    get interactive() { return (interactive ??= start('metrics')); },
    get bootstrap() { return (bootstrap ??= start('metrics-bootstrap')); },
    get reportHelper() { return (helper ??= start('metrics-report-helper')); },
    restartBootstrap() {
      bootstrap?.terminate();
      bootstrap = start('metrics-bootstrap');
    },
    restartReportHelper() {
      helper?.terminate();
      helper = null; // started again on next use
    },
  };
}

/**
 * Runs `work` for the latest argument only: calls made while one runs replace each other, and the
 * last one runs when the current finishes. Each finished run reports through `done`.
 */
export function latestOnly<A, R>(work: (arg: A) => Promise<R>, done: (result: R, arg: A) => void, failed: (error: Error, arg: A) => void): (arg: A) => void {
  let running = false;
  let queued: { arg: A } | null = null;
  const run = (arg: A): void => {
    running = true;
    work(arg)
      .then((result) => done(result, arg), (error: unknown) => failed(error instanceof Error ? error : new Error(String(error)), arg))
      .finally(() => {
        running = false;
        const next = queued;
        queued = null;
        if (next) run(next.arg);
      });
  };
  return (arg) => {
    if (running) queued = { arg };
    else run(arg);
  };
}
