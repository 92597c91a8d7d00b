// The analysis worker as seen from the caller's thread: loads a model's stored embeddings from the
// workspace into the worker (once per model and scoring state) and runs nearest-neighbour queries and
// projections there; projections are cached in the workspace.
// Node side (services).
import type { Worker } from 'node:worker_threads';
import { PROJECTION_SEED, type EmbeddingProjection, type ProjectionMethod, type ProjectionPhase } from '../../common/contract/explain.js';
import { bytesToBase64, float32ToBase64 } from '../../common/encoding.js';
import { PendingRequests } from '../../common/pending-requests.js';
import { siblingWorkerUrl, spawnModuleWorker, stopWorker } from '../base/spawn-worker.js';
import { embeddingState, readEmbeddings } from '../workspace/embeddings.js';
import { loadProjection, saveProjection, type StoredProjection } from '../workspace/projections.js';
import type { Workspace } from '../workspace/workspace.js';
import type { AnalysisRequest, AnalysisResponse } from './analysis-protocol.js';
import { cancelFlagFor } from '../base/cancel-flag.js';

type Distribute<T, K> = T extends unknown ? Omit<T, K & keyof T> : never;

export class AnalysisError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'AnalysisError';
  }
}

export interface SimilarResult {
  modelSha256: string;
  dims: number;
  /** Embeddings searched (every scored sample of this model that has one). */
  searched: number;
  neighbours: { sampleId: number; similarity: number }[];
}

function payload(stored: StoredProjection, cached: boolean): EmbeddingProjection {
  return {
    modelSha256: stored.modelSha256, method: stored.method as ProjectionMethod, seed: stored.seed, stateKey: stored.stateKey,
    n: stored.ids.length, ids: bytesToBase64(new Uint8Array(stored.ids.buffer, stored.ids.byteOffset, stored.ids.byteLength)),
    xy: float32ToBase64(stored.xy), createdAt: stored.createdAt, seconds: stored.seconds, cached,
  };
}

export class AnalysisWorker {
  private worker: Worker | null = null;
  private readonly pending = new PendingRequests<AnalysisResponse>();
  private readonly progress = new Map<number, (phase: ProjectionPhase, done: number, total: number) => void>();
  private loadedKey: string | null = null;
  private loadedDims = 0;
  private loadedRows = 0;

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const worker = spawnModuleWorker(siblingWorkerUrl(import.meta.url, 'analysis-worker'));
    worker.on('message', (message: AnalysisResponse) => {
      if (message.type === 'progress') {
        this.progress.get(message.id)?.(message.phase, message.done, message.total);
        return;
      }
      const waiter = this.pending.take(message.id);
      if (!waiter) return;
      if (message.type === 'error') waiter.reject(new AnalysisError('analysis-error', message.message));
      else waiter.resolve(message);
    });
    const fail = (err: Error) => {
      this.pending.rejectAll(err);
      this.worker = null;
      this.loadedKey = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new AnalysisError('analysis-error', `analysis worker exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private request(message: Distribute<AnalysisRequest, 'id'>, transfer: ArrayBuffer[] = []): Promise<AnalysisResponse> {
    const worker = this.spawn();
    return this.pending.open((id) => worker.postMessage({ ...message, id } as AnalysisRequest, transfer));
  }

  /** Makes sure the worker holds this model's current embeddings; returns the cache key. */
  private async ensureLoaded(workspace: Workspace, modelSha256: string): Promise<string> {
    const state = embeddingState(workspace, modelSha256);
    const key = `${workspace.file}|${modelSha256}|${state.count}|${state.lastRun}`;
    if (this.loadedKey === key) return key;
    if (state.count === 0) {
      throw new AnalysisError('no-embeddings', 'No embeddings are stored for this model: score the dataset with it (runs before embeddings were kept must be scored again into a new workspace).');
    }
    const matrix = readEmbeddings(workspace, modelSha256);
    const reply = await this.request({ type: 'load', key, ids: matrix.ids, dims: matrix.dims, f16: matrix.f16 },
      [matrix.ids.buffer as ArrayBuffer, matrix.f16.buffer as ArrayBuffer]);
    if (reply.type !== 'loaded') throw new AnalysisError('analysis-error', 'unexpected reply while loading embeddings');
    this.loadedKey = key;
    this.loadedDims = matrix.dims;
    this.loadedRows = reply.rows;
    return key;
  }

  /** The k samples whose embeddings are most similar (cosine) to this sample's, under one model. */
  async similar(workspace: Workspace, modelSha256: string, sampleId: number, k: number): Promise<SimilarResult> {
    const key = await this.ensureLoaded(workspace, modelSha256);
    const reply = await this.request({ type: 'knn', key, sampleId, k });
    if (reply.type !== 'knn') throw new AnalysisError('analysis-error', 'unexpected reply to a neighbour query');
    return { modelSha256, dims: this.loadedDims, searched: this.loadedRows, neighbours: reply.neighbours };
  }

  /**
   * The 2-D map of every scored sample of a model: the workspace's cached projection when the embeddings
   * have not changed since, else computed in the worker (progress reported; aborting stops it) and cached.
   */
  async projection(workspace: Workspace, modelSha256: string, method: ProjectionMethod, options: { onProgress?: (phase: ProjectionPhase, done: number, total: number) => void; signal?: AbortSignal } = {}): Promise<EmbeddingProjection> {
    const state = embeddingState(workspace, modelSha256);
    const stateKey = `${state.count}:${state.lastRun}`;
    const fromCache = loadProjection(workspace, modelSha256, stateKey, method, PROJECTION_SEED);
    if (fromCache) return payload(fromCache, true);
    options.onProgress?.('reading', 0, state.count);
    const key = await this.ensureLoaded(workspace, modelSha256);
    const { cancel, release } = cancelFlagFor(options.signal);
    const id = this.pending.nextId; // the id request() is about to use
    if (options.onProgress) this.progress.set(id, options.onProgress);
    const started = performance.now();
    try {
      const reply = await this.request({ type: 'project', key, method, seed: PROJECTION_SEED, cancel });
      if (reply.type !== 'projected') throw new AnalysisError('analysis-error', 'unexpected reply to a projection');
      const stored = { modelSha256, stateKey, method, seed: PROJECTION_SEED, ids: reply.ids, xy: reply.xy, seconds: (performance.now() - started) / 1000, createdAt: new Date().toISOString() };
      saveProjection(workspace, stored);
      return payload(stored, false);
    } catch (err) {
      if (options.signal?.aborted) throw new AnalysisError('cancelled', 'The projection was cancelled; nothing was saved.');
      throw err;
    } finally {
      this.progress.delete(id);
      release();
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await stopWorker(worker);
  }
}
