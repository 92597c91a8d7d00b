// An AbortSignal mirrored into a shared flag a worker thread can poll between batches (Node side, any thread).
// One definition for the inference engine's probes and the analysis worker's projections.

/** The shared flag (set to 1 once `signal` aborts) and a release that stops listening. */
export function cancelFlagFor(signal: AbortSignal | undefined): { cancel: SharedArrayBuffer; release: () => void } {
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const abort = () => Atomics.store(flag, 0, 1);
  if (signal?.aborted) abort();
  signal?.addEventListener('abort', abort);
  return { cancel, release: () => signal?.removeEventListener('abort', abort) };
}

/** Whether the flag a cancelFlagFor() shared has been set (read on the worker side). */
export function flagIsSet(cancel: SharedArrayBuffer): boolean {
  return Atomics.load(new Int32Array(cancel), 0) !== 0;
}
