// Request/reply bookkeeping for message ports (worker threads, Web Workers): numbered requests, the
// promise each caller awaits, and settling them from replies, crashes or fallbacks. One definition for
// the inference engine, its decoder thread, the analysis worker and the metrics workers' client.
// Pure shared code (common/): no node:*, no DOM.

/** A request that waits for its reply, with what its sender kept beside it. */
export interface Waiter<Reply, Context> {
  readonly id: number;
  readonly context: Context;
  resolve(reply: Reply | PromiseLike<Reply>): void;
  reject(error: Error): void;
}

export class PendingRequests<Reply, Context = undefined> {
  private next: number;
  private readonly waiting = new Map<number, Waiter<Reply, Context>>();

  constructor(firstId = 1) {
    this.next = firstId;
  }

  /** The id the next `open` will use (for state kept beside a request before it is sent). */
  get nextId(): number {
    return this.next;
  }

  get size(): number {
    return this.waiting.size;
  }

  /**
   * Opens a request under a fresh id; `send(id)` posts it. The promise settles when the request is
   * taken and settled; a `send` that throws rejects it at once.
   */
  open(send: (id: number) => void, ...context: Context extends undefined ? [context?: Context] : [context: Context]): Promise<Reply> {
    const id = this.next++;
    return new Promise<Reply>((resolve, reject) => {
      this.waiting.set(id, { id, context: context[0] as Context, resolve, reject });
      try {
        send(id);
      } catch (error) {
        this.waiting.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Removes and returns request `id`, for the caller to settle; undefined when none waits under it. */
  take(id: number): Waiter<Reply, Context> | undefined {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    return waiter;
  }

  /** Removes and returns every waiting request, oldest first (e.g. to run them another way). */
  takeAll(): Waiter<Reply, Context>[] {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    return all;
  }

  /** Rejects every waiting request with `error` (the port died or was closed). */
  rejectAll(error: Error): void {
    for (const waiter of this.takeAll()) waiter.reject(error);
  }
}
