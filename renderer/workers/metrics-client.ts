// Main-thread handle on the metrics workers: promise-based requests, and a latest-only runner so a
// dragged slider never queues stale work. Renderer (used by the evaluation store slice only).
import { PendingRequests } from '../../common/pending-requests';
import type { RequestKind, WorkerReply, WorkerRequest, WorkerRequests } from './metrics-protocol';

type Output<K extends RequestKind> = WorkerRequests[K]['output'];

export class MetricsWorker {
  private readonly pending = new PendingRequests<unknown>();

  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
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
    this.pending.rejectAll(new Error('cancelled'));
  }

  request<K extends RequestKind>(kind: K, input: WorkerRequests[K]['input'], transfer: Transferable[] = []): Promise<Output<K>> {
    return this.pending.open((id) => this.worker.postMessage({ id, kind, input } satisfies WorkerRequest<K>, transfer)) as Promise<Output<K>>;
  }
}

let workers: { interactive: MetricsWorker; bootstrap: MetricsWorker } | null = null;

const startWorker = (name: string) => new MetricsWorker(new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module', name }));

/**
 * Two workers: one answers the interactive queries (curves, rates at a threshold: milliseconds), the
 * other runs the bootstrap (seconds to a minute at 10⁶ scores), so confidence intervals never stall
 * the slider.
 */
export function metricsWorkers(): { interactive: MetricsWorker; bootstrap: MetricsWorker } {
  workers ??= { interactive: startWorker('metrics'), bootstrap: startWorker('metrics-bootstrap') };
  return workers;
}

/** Abandons a running bootstrap: the worker is replaced by a fresh one, which holds no scores yet. */
export function restartBootstrapWorker(): MetricsWorker {
  const current = metricsWorkers();
  current.bootstrap.terminate();
  current.bootstrap = startWorker('metrics-bootstrap');
  return current.bootstrap;
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
