// How many threads decode images for the engine, and the size of libuv's pool that runs sharp's decodes.
// Node side (inference worker, entry points).
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * On the CPU provider ORT takes the cores, so one decoder thread feeds it; on a GPU the CPU only decodes, so the
 * decoders scale with the cores (one is left to the inference thread and the caller).
 */
export function decodeThreadCount(provider: string, cores = availableParallelism()): number {
  return provider === 'cpu' ? 1 : Math.max(1, cores - 1);
}

/** libuv's pool runs every sharp decode of the process (worker threads included): one thread per core, at least its default 4. */
export function threadpoolSize(cores = availableParallelism()): number {
  return Math.max(4, cores);
}

/**
 * libuv reads UV_THREADPOOL_SIZE once, when its pool first starts, and Node's module loader starts it before any
 * script runs; so a process that decodes at scale re-runs itself with the variable set (the benchmark does; the app's
 * launcher sets it for the app; `uad score` on a GPU is run with it set, README "GPU"). Resolves to the child's exit
 * code, or to null when the variable is already set (then the caller carries on in this process).
 */
export function relaunchWithThreadpool(): Promise<number> | null {
  if (process.env.UV_THREADPOOL_SIZE) return null;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit', env: { ...process.env, UV_THREADPOOL_SIZE: String(threadpoolSize()) },
  });
  // The terminal sends Ctrl-C to both; the child handles it (a run cancels cleanly), this process waits for it.
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
}
