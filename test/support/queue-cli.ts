// Queued-scoring test helpers: the CLI built as users get it (inside node_modules, so the bundle resolves
// bullmq, onnxruntime and sharp as an installed CLI does), its processes with their output, `uad worker`
// started and stopped, and a workspace's predictions, routing and embeddings as exact bits.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readEmbeddings } from '../../electron/workspace/embeddings.js';
import { predictionOf, predictionTally, routingOf } from '../../electron/workspace/predictions.js';
import { Workspace } from '../../electron/workspace/workspace.js';
import { repoRoot } from './models.js';

export const DEMO_LIST = path.join(repoRoot, 'assets', 'demo', 'SynthUAD-demo@p2.2_image_dev.txt');
export const DEMO_ROOT = path.dirname(DEMO_LIST);
/** Short lock and stalled-check intervals, so a killed worker's job is handed on within seconds. */
export const LOCK = ['--lock-ms', '3000', '--stalled-ms', '1000'];

export interface Running { child: ChildProcess; stderr: () => string; stdout: () => string; exited: Promise<number | null>; waitFor: (pattern: RegExp) => Promise<RegExpMatchArray> }

/** The built CLI and the processes started from it (all killed by `dispose`). */
export class QueueCli {
  private readonly children = new Set<ChildProcess>();

  private constructor(readonly dir: string) {}

  /** Builds the CLI bundle into a fresh folder under node_modules; resolves once the build exited 0. */
  static async build(): Promise<QueueCli> {
    const dir = mkdtempSync(path.join(repoRoot, 'node_modules', '.uad-cluster-cli-'));
    const built = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'build-cli.mjs'), '--out', dir], { cwd: repoRoot, stdio: 'inherit' });
    const code = await new Promise((resolve) => built.on('close', resolve));
    if (code !== 0) throw new Error(`building the CLI exited ${String(code)}`);
    return new QueueCli(dir);
  }

  run(args: string[], env: Record<string, string> = {}): Running {
    const child = spawn(process.execPath, [path.join(this.dir, 'cli.js'), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.children.add(child);
    let out = '';
    let err = '';
    const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
    const check = () => {
      for (const w of [...waiters]) {
        const m = err.match(w.pattern) ?? out.match(w.pattern);
        if (m) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
      }
    };
    child.stdout!.on('data', (c: Buffer) => { out += c.toString(); check(); });
    child.stderr!.on('data', (c: Buffer) => { err += c.toString(); check(); });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => { this.children.delete(child); resolve(code); }));
    return {
      child, stderr: () => err, stdout: () => out, exited,
      waitFor: (pattern) => new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        check();
        void exited.then(() => { check(); if (waiters.some((w) => w.pattern === pattern)) reject(new Error(`exited before ${pattern}:\n${err}\n${out}`)); });
      }),
    };
  }

  /** `uad worker` on the queue with the shipped models and the demo set as root `demo`, once it says ready. */
  async startWorker(url: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Running> {
    const w = this.run(['worker', '--queue', url, '--models', path.join(repoRoot, 'models'), '--root', `demo=${DEMO_ROOT}`, ...LOCK, ...extra], env);
    await w.waitFor(/ready/);
    return w;
  }

  dispose(): void {
    for (const child of this.children) child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function finish(run: Running): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

/** SIGTERM (the worker finishes its jobs in hand) and its exit. */
export async function stop(w: Running): Promise<void> {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await w.exited;
}

/** Every stored number of a workspace's predictions, routing and embeddings, keyed by sample path, as exact bits. */
export function snapshot(dir: string): Record<string, string> {
  const ws = Workspace.open(dir);
  try {
    const model = ws.scoredModels()[0]!.sha256;
    const bits = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'number') return Buffer.from(new Float64Array([v]).buffer).toString('hex');
      if (ArrayBuffer.isView(v)) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
      return v;
    });
    const embeddings = readEmbeddings(ws, model);
    const out: Record<string, string> = {};
    for (const s of ws.scores(model)) {
      const row = embeddings.ids.indexOf(s.sampleId);
      const { scoredAt: _a, runId: _r, ...prediction } = predictionOf(ws, s.sampleId, model)!;
      out[s.path] = bits({
        prediction, routing: routingOf(ws, s.sampleId, model),
        embedding: row < 0 ? null : embeddings.f16.subarray(row * embeddings.dims, (row + 1) * embeddings.dims),
      });
    }
    return out;
  } finally {
    ws.close();
  }
}

/** Prediction rows and distinct samples with a prediction (equal when nothing was written twice). */
export function tally(dir: string): { rows: number; samples: number } {
  const ws = Workspace.open(dir);
  try { return predictionTally(ws); } finally { ws.close(); }
}
