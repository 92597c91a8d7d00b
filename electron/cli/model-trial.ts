// Runs `uad model init`'s inspection (electron/cli/model-inspect.ts) in a child process whose writable memory is
// capped: onnxruntime allocates natively, outside V8's heap (a worker's resourceLimits do not see it), and may
// fold a 300-byte graph into gigabytes at session creation, so only an operating-system limit bounds it. The
// limit is RLIMIT_DATA (`ulimit -d`), which counts private writable mappings, not the address space V8 and
// WebAssembly reserve without using. Node side (CLI).
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { siblingWorkerUrl } from '../base/spawn-worker.js';
import type { InitOptions } from './model-inspect.js';

const MIB = 1024 * 1024;

/** What a trial may use beyond the runtime itself unless --trial-memory says: 256 MiB plus 3× the model file. */
export function defaultTrialMemoryMiB(modelPath: string): number {
  let bytes = 0;
  try {
    bytes = statSync(modelPath).size;
  } catch {
    // an unreadable model fails with onnxruntime's own message in the child
  }
  return 256 + Math.ceil((3 * bytes) / MIB);
}

/**
 * The runtime's own writable memory before the trial's share: Node, V8's heap and onnxruntime loaded, one
 * session on one thread, measured at 100 to 150 MiB (Linux x64, MALLOC_ARENA_MAX=2, from source under tsx).
 */
const RUNTIME_MIB = 192;

export class TrialMemoryError extends Error {}

/** The node arguments that run the inspection module: the compiled .js, or the .ts through tsx's loader. */
function childArgs(): string[] {
  const file = fileURLToPath(siblingWorkerUrl(import.meta.url, 'model-inspect-worker'));
  if (!file.endsWith('.ts')) return [file];
  const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs');
  return ['--import', pathToFileURL(tsx).href, file];
}

/**
 * Inspects the model in a child limited to the runtime's own memory plus `trialMemoryMiB` (Linux:
 * `ulimit -d`). A model that needs more is refused with TrialMemoryError; other failures keep their message.
 */
export async function inspectBounded(modelPath: string, options: InitOptions, trialMemoryMiB: number): Promise<Record<string, unknown>> {
  const job = JSON.stringify({ modelPath, options });
  const node = [process.execPath, ...childArgs(), job];
  const limited = process.platform === 'linux';
  const limitKiB = (RUNTIME_MIB + trialMemoryMiB) * 1024;
  const child = limited
    ? spawn('/bin/sh', ['-c', 'ulimit -d "$1" && shift && exec "$@"', 'sh', String(limitKiB), ...node], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MALLOC_ARENA_MAX: '2' } })
    : spawn(node[0]!, node.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve([c, s]));
  });
  const over = `the model needs more than ${trialMemoryMiB} MiB to open and run once on a batch of 2; refused (give --trial-memory MiB to allow more)`;
  const reply = stdout.trim().split('\n').pop();
  let answer: { ok: boolean; sidecar?: Record<string, unknown>; message?: string } | undefined;
  try {
    answer = reply ? JSON.parse(reply) as typeof answer : undefined;
  } catch {
    answer = undefined;
  }
  const allocationFailed = (text: string) => /bad_alloc|Failed to allocate memory|out of memory|Cannot allocate memory/i.test(text);
  if (!answer) {
    if (limited && (signal !== null || allocationFailed(stderr))) throw new TrialMemoryError(over);
    throw new Error(`the inspection ended without an answer (exit ${code ?? signal}): ${stderr.trim().split('\n').slice(-1)[0] ?? ''}`);
  }
  if (answer.ok) return answer.sidecar!;
  if (limited && allocationFailed(answer.message ?? '')) throw new TrialMemoryError(over);
  throw new Error(answer.message);
}
