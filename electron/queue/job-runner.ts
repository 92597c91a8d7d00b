// The worker side of queued scoring (ARCHITECTURE.md §13): finds the job's model among the worker's models by
// SHA-256, maps the job's dataset root name to a local folder (refusing any path that resolves outside it),
// checks each file's SHA-256 against the job, and scores with the same inference engine as a local run.
// Node side (uad worker).
import { realpath, stat } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { InferenceEngine } from '../inference/engine.js';
import { sha256File } from '../onnx/model-files.js';
import type { ProviderName } from '../onnx/providers.js';
import type { ScoreItem, ScoredItem } from '../inference/protocol.js';
import { CONTRACT_VERSION, itemToWire, jobBatches, type JobItem, type ScoringJob, type ScoringResult, type WorkerIdentity } from './contract.js';

/** Batches kept in flight on the engine, as a local run keeps them (electron/scoring/scoring-run.ts). */
const IN_FLIGHT = 3;

export interface CatalogModel {
  onnxPath: string;
  name: string;
  sha256: string;
}

/** The .onnx files of a folder (not recursive) with their SHA-256. */
export async function modelCatalog(dir: string): Promise<CatalogModel[]> {
  const files = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.onnx')).map((e) => e.name).sort();
  const out: CatalogModel[] = [];
  for (const file of files) {
    const onnxPath = path.join(dir, file);
    out.push({ onnxPath, name: file.replace(/\.onnx$/i, ''), sha256: await sha256File(onnxPath) });
  }
  return out;
}

/** `NAME=DIR` pairs of --root; each folder must exist. */
export function parseRoots(specs: string[]): Map<string, string> {
  const roots = new Map<string, string>();
  for (const spec of specs) {
    const at = spec.indexOf('=');
    if (at <= 0 || at === spec.length - 1) throw new Error(`--root must be NAME=DIR, got '${spec}'`);
    const name = spec.slice(0, at);
    if (roots.has(name)) throw new Error(`--root ${name} given twice`);
    roots.set(name, path.resolve(spec.slice(at + 1)));
  }
  return roots;
}

/** A job's relative path inside its mapped root, symlinks resolved; null when it leaves the root. */
export async function resolveInsideRoot(root: string, relative: string): Promise<{ file: string } | { refused: string }> {
  const lexical = path.resolve(root, ...relative.split('/'));
  const outside = (base: string, p: string) => {
    const rel = path.relative(base, p);
    return rel === '' || rel.startsWith('..') || path.isAbsolute(rel);
  };
  if (outside(root, lexical)) return { refused: `path outside the mapped root: ${relative}` };
  let real: string;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
    real = await realpath(lexical);
  } catch {
    return { refused: `file not found under the mapped root: ${relative}` };
  }
  if (outside(realRoot, real)) return { refused: `path outside the mapped root (a link leads out of it): ${relative}` };
  return { file: real };
}

export class JobRunner {
  private readonly engines = new Map<string, Promise<InferenceEngine>>();
  /** The provider and device of the last engine started (what the worker reports). */
  active: { provider: string; device: string | null } | null = null;

  constructor(
    private readonly models: CatalogModel[],
    private readonly roots: Map<string, string>,
    private readonly self: { id: string; host: string },
    private readonly provider: ProviderName | undefined,
    private readonly modelsDir: string,
  ) {}

  /** Who scored a result: this worker, with the provider its engine started on (else the one asked for). */
  identity(): WorkerIdentity {
    return { ...this.self, provider: this.active?.provider ?? this.provider ?? 'cpu' };
  }

  private engineFor(job: ScoringJob): Promise<InferenceEngine> {
    const model = this.models.find((m) => m.sha256 === job.model.sha256);
    if (!model) {
      const have = this.models.map((m) => `${m.name} ${m.sha256.slice(0, 12)}…`).join(', ') || 'none';
      throw new Error(`no model with SHA-256 ${job.model.sha256.slice(0, 12)}… (${job.model.name}) in ${this.modelsDir} on ${this.identity().host} (has: ${have})`);
    }
    let engine = this.engines.get(model.sha256);
    if (!engine) {
      engine = InferenceEngine.start({ modelPath: model.onnxPath, ...(this.provider ? { provider: this.provider } : {}) }).then((e) => {
        this.active = { provider: e.provider, device: e.providerAttempts.find((a) => a.ok)?.device ?? null };
        return e;
      });
      engine.catch(() => this.engines.delete(model.sha256));
      this.engines.set(model.sha256, engine);
    }
    return engine;
  }

  /** Checks one job item: inside its root, present, and with the job's SHA-256. */
  private async check(root: string, item: JobItem): Promise<ScoreItem | ScoredItem> {
    const place = await resolveInsideRoot(root, item.path);
    if ('refused' in place) return { key: item.key, ok: false, reason: place.refused };
    const info = await stat(place.file).catch(() => null);
    if (!info?.isFile()) return { key: item.key, ok: false, reason: `not a file under the mapped root: ${item.path}` };
    const sha = await sha256File(place.file).catch(() => null);
    if (sha === null) return { key: item.key, ok: false, reason: `cannot read ${item.path} on ${this.identity().host}` };
    if (sha !== item.sha256) return { key: item.key, ok: false, reason: `file differs on ${this.identity().host}: SHA-256 ${sha.slice(0, 12)}… is not the job's ${item.sha256.slice(0, 12)}…` };
    return { key: item.key, path: place.file, ...(item.face ? { face: item.face } : {}) };
  }

  /** Scores a validated job; per-sample problems are failure items, job-wide ones throw. */
  async run(job: ScoringJob): Promise<ScoringResult> {
    const started = performance.now();
    const root = this.roots.get(job.root);
    if (root === undefined) throw new Error(`dataset root '${job.root}' is not mapped on ${this.identity().host} (--root ${job.root}=DIR)`);
    const engine = await this.engineFor(job);
    const checked = await Promise.all(job.items.map((item) => this.check(root, item)));
    const byKey = new Map<number, ScoredItem>();
    for (const c of checked) if ('ok' in c) byKey.set(c.key, c);
    const expected = new Map(job.items.map((i) => [i.key, i.sha256]));
    let decodeMs = 0;
    let inferMs = 0;
    // The local run's batches: a sample refused here leaves its own batch one smaller and never shifts the
    // batches after it, as a file that fails to decode does in a local run (ARCHITECTURE.md §13).
    const batches = jobBatches(checked, job.batchSize, job.batches)
      .map((batch) => batch.filter((c): c is ScoreItem => !('ok' in c)))
      .filter((batch) => batch.length > 0);
    let next = 0;
    const inFlight: Promise<{ items: ScoredItem[]; decodeMs: number; inferMs: number }>[] = [];
    const launch = () => {
      while (inFlight.length < Math.max(IN_FLIGHT, engine.decodeThreads + 2) && next < batches.length) inFlight.push(engine.score(batches[next++]!));
    };
    launch();
    try {
      while (inFlight.length > 0) {
        const result = await inFlight.shift()!;
        decodeMs += result.decodeMs;
        inferMs += result.inferMs;
        for (const item of result.items) {
          // The engine hashes the bytes it decoded: a file replaced between the check and the read is refused.
          if (item.ok && item.sha256 !== expected.get(item.key)) byKey.set(item.key, { key: item.key, ok: false, reason: 'file changed on the worker while it was being scored' });
          else byKey.set(item.key, item);
        }
        launch();
      }
    } finally {
      await Promise.allSettled(inFlight);
    }
    return {
      v: CONTRACT_VERSION,
      worker: this.identity(),
      items: job.items.map((i) => itemToWire(byKey.get(i.key) ?? { key: i.key, ok: false, reason: 'the engine returned no result for this sample' })),
      decodeMs, inferMs, computeMs: performance.now() - started,
    };
  }

  async close(): Promise<void> {
    const engines = [...this.engines.values()];
    this.engines.clear();
    await Promise.allSettled(engines.map(async (e) => (await e).close()));
  }
}
