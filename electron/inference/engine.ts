// The inference engine as seen from the caller's thread: spawns the worker, loads a model through
// its sidecar, and turns worker messages into promises. Never runs ORT on the calling thread.
// Node side (Electron main, browser host, CLI).
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { ProbeJob, ProbeResult } from '../../common/contract/explain.js';
import { requiredOutputs, type ModelSidecar } from '../../common/model/sidecar.js';
import { PendingRequests } from '../../common/pending-requests.js';
import { siblingWorkerUrl, spawnModuleWorker } from '../base/spawn-worker.js';
import { loadModelFiles, type ModelFiles } from '../onnx/model-files.js';
import type { DecodedBatch } from './decode-batch.js';
import type { SampleDetail, ScoreItem, ScoredItem, WorkerRequest, WorkerResponse } from './protocol.js';
import { providerOrder, type ProviderAttempt, type ProviderName } from '../onnx/providers.js';
import { cancelFlagFor } from '../base/cancel-flag.js';

export interface EngineOptions {
  modelPath: string;
  /** Preferred provider(s); the platform order follows, CPU last. */
  provider?: ProviderName | ProviderName[];
  /** ORT intra-op threads; defaults to the machine's core count (defaultThreads). */
  intraOpThreads?: number;
  /** Decoder threads; defaults to 1 on the CPU provider, the cores but one on a GPU (decode-threads.ts). */
  decodeThreads?: number;
  /** Keep each sample's pooled appearance features (ScoredItem.appearancePooled): what `uad domain-stats` fits on. */
  keepAppearance?: boolean;
  /** Input side of the appearance network; defaults to the sidecar's `domain.appearance.network.side` (224 without). */
  appearanceSide?: number;
}

export interface ScoreBatchResult {
  items: ScoredItem[];
  decodeMs: number;
  inferMs: number;
}

type Distribute<T, K> = T extends unknown ? Omit<T, K & keyof T> : never;

/** The worker runs from the compiled .js, or from source through tsx's loader (see base/spawn-worker.ts). */
function spawnWorker(): Worker {
  return spawnModuleWorker(siblingWorkerUrl(import.meta.url, 'worker'));
}

export class InferenceEngine {
  private readonly progress = new Map<number, (done: number, total: number) => void>();
  private dead: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    /** Requests sent to the worker and not answered yet (the load was id 0). */
    private readonly pending: PendingRequests<WorkerResponse>,
    readonly model: ModelFiles,
    readonly provider: ProviderName,
    readonly providerAttempts: ProviderAttempt[],
    /** Decoder threads in the worker: callers keep at least this many batches in flight to use them. */
    readonly decodeThreads: number,
  ) {}

  get sidecar(): ModelSidecar {
    return this.model.sidecar;
  }

  static async start(options: EngineOptions): Promise<InferenceEngine> {
    const model = await loadModelFiles(options.modelPath);
    const worker = spawnWorker();
    const pending = new PendingRequests<WorkerResponse>(0);
    const onMessage = (message: WorkerResponse) => settle(pending, message);
    worker.on('message', onMessage);
    worker.once('error', (err) => pending.rejectAll(err));
    const boot = pending.open((id) => worker.postMessage({
      type: 'load', id, onnxPath: model.onnxPath, sidecar: model.sidecar,
      providers: providerOrder(options.provider), intraOpThreads: options.intraOpThreads ?? defaultThreads(),
      ...(options.decodeThreads ? { decodeThreads: options.decodeThreads } : {}),
      ...(options.keepAppearance ? { keepAppearance: true } : {}),
      ...(options.appearanceSide ? { appearanceSide: options.appearanceSide } : {}),
    } satisfies WorkerRequest));
    let loaded: WorkerResponse;
    try {
      loaded = await boot;
    } catch (err) {
      await worker.terminate();
      throw err;
    }
    if (loaded.type !== 'loaded') throw new Error('unexpected worker reply while loading');
    const missing = requiredOutputs(model.sidecar).filter((name) => !loaded.outputNames.includes(name));
    if (missing.length > 0) {
      await worker.terminate();
      throw new Error(`model does not follow the contract: missing output(s) ${missing.join(', ')} (graph outputs: ${loaded.outputNames.join(', ')}; a model of another layout needs an io block: uad model init)`);
    }
    if (!loaded.inputNames.includes(model.sidecar.io.input)) {
      await worker.terminate();
      throw new Error(`model has no input '${model.sidecar.io.input}' (graph inputs: ${loaded.inputNames.join(', ')})`);
    }
    const engine = new InferenceEngine(worker, pending, model, loaded.provider, loaded.attempts, loaded.decodeThreads);
    worker.off('message', onMessage);
    worker.on('message', (message: WorkerResponse) => engine.onMessage(message));
    worker.on('error', (err) => engine.fail(err));
    worker.on('exit', (code) => engine.fail(new Error(`inference worker exited (code ${code})`)));
    return engine;
  }

  private onMessage(message: WorkerResponse): void {
    if (message.type === 'progress') {
      this.progress.get(message.id)?.(message.done, message.total);
      return;
    }
    settle(this.pending, message);
  }

  private fail(err: Error): void {
    this.dead ??= err;
    this.pending.rejectAll(err);
  }

  private request(message: Distribute<WorkerRequest, 'id'>): Promise<WorkerResponse> {
    if (this.dead) return Promise.reject(this.dead);
    return this.pending.open((id) => this.worker.postMessage({ ...message, id } as WorkerRequest));
  }

  async score(items: ScoreItem[]): Promise<ScoreBatchResult> {
    const reply = await this.request({ type: 'score', items });
    if (reply.type !== 'scored') throw new Error('unexpected worker reply to score');
    return { items: reply.items, decodeMs: reply.decodeMs, inferMs: reply.inferMs };
  }

  /** Scores a batch decoded by the caller for this model (decode-batch.ts): one decode shared by several engines. */
  async scoreDecoded(batch: DecodedBatch): Promise<ScoreBatchResult> {
    const reply = await this.request({ type: 'scoreDecoded', batch });
    if (reply.type !== 'scored') throw new Error('unexpected worker reply to score');
    return { items: reply.items, decodeMs: reply.decodeMs, inferMs: reply.inferMs };
  }

  /** face: keypoints of a detected face, so the detail shows the aligned crop the model scored. */
  async detail(path: string, face?: ScoreItem['face']): Promise<SampleDetail> {
    const reply = await this.request({ type: 'detail', path, ...(face ? { face } : {}) });
    if (reply.type !== 'detail') throw new Error('unexpected worker reply to detail');
    return reply.detail;
  }

  /**
   * Runs an occlusion or perturbation probe of one image on the worker, reporting progress; aborting the
   * signal stops it between batches (the promise then rejects with 'cancelled'). face: as for detail().
   */
  async probe(path: string, job: ProbeJob, options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal; face?: ScoreItem['face'] } = {}): Promise<{ sha256: string; result: ProbeResult }> {
    const { cancel, release } = cancelFlagFor(options.signal);
    const id = this.pending.nextId; // the id request() is about to use
    if (options.onProgress) this.progress.set(id, options.onProgress);
    try {
      const reply = await this.request({ type: 'probe', path, job, cancel, ...(options.face ? { face: options.face } : {}) });
      if (reply.type !== 'probed') throw new Error('unexpected worker reply to probe');
      return { sha256: reply.sha256, result: reply.result };
    } finally {
      this.progress.delete(id);
      release();
    }
  }

  async close(): Promise<void> {
    if (!this.dead) await this.request({ type: 'close' }).catch(() => undefined);
    this.dead ??= new Error('engine closed');
    await this.worker.terminate();
  }
}

/** Settles the request a worker reply answers: an 'error' reply rejects it. */
function settle(pending: PendingRequests<WorkerResponse>, message: WorkerResponse): void {
  const waiter = pending.take(message.id);
  if (message.type === 'error') waiter?.reject(new Error(message.message));
  else waiter?.resolve(message);
}

/**
 * Every core: ORT's idle intra-op threads sleep (providers.ts), so they no longer take the decoder's core while
 * waiting, and with the domain check's appearance network inference is the slower stage (bench:inference, quiet 2-core
 * run, docs/benchmarks/inference.md: end to end 66.1 / 65.7 / 73.7 img/s with 2 threads against 56.6 / 54.0 / 50.0
 * with 1 at B = 8 / 16 / 32; before the threads slept, 1 thread was faster: 316 against 260 img/s).
 */
function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}
