// Starts a worker thread from a module URL: the compiled .js directly, or — when running from source under
// tsx or vitest — through a small bootstrap that registers tsx's loader inside the worker first (loader
// hooks are per thread). Node side (inference engine, analysis worker).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `moduleUrl` is a .js module (compiled) or a .ts one (from source, through tsx's loader). */
export function spawnModuleWorker(moduleUrl: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const file = fileURLToPath(moduleUrl);
  if (!file.endsWith('.ts')) return new Worker(moduleUrl, options);
  const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(path.join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** The URL of a sibling worker module of `importMetaUrl`, with the extension the caller itself has. */
export function siblingWorkerUrl(importMetaUrl: string, baseName: string): URL {
  const ext = fileURLToPath(importMetaUrl).endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./${baseName}${ext}`, importMetaUrl);
}

/** Ends a worker on purpose: its 'exit' listeners (which treat an exit as a crash) are dropped first. */
export async function stopWorker(worker: Worker | null): Promise<void> {
  if (!worker) return;
  worker.removeAllListeners('exit');
  await worker.terminate();
}
