// What a queued run has committed (ARCHITECTURE.md §13): writes results through Workspace.recordBatch once
// per sample (a sample already holding the model's prediction is never written again), keeps the run's
// counts, each worker's tally and the coordinator's time per stage, and reports progress. Node side (coordinator).
import type { RunWorkerProgress } from '../../common/contract/run.js';
import type { ModelFiles } from '../onnx/model-files.js';
import type { ScoredItem } from '../inference/protocol.js';
import type { RunProgress } from '../scoring/scoring-run.js';
import type { Workspace } from '../workspace/workspace.js';
import type { ScoringResult } from './contract.js';

export type Timing = { decodeMs: number; inferMs: number };
export const NO_TIMING: Timing = { decodeMs: 0, inferMs: 0 };

/**
 * The coordinator's milliseconds per stage of taking in results: Redis reads of finished jobs (fetch), their
 * validation and decoding (read; routing: the check of the worker's routing rows within it), the workspace
 * transaction (record), removing committed jobs from Redis (remove), and progress callbacks (report).
 */
export interface StageTimes { fetchMs: number; readMs: number; routingMs: number; recordMs: number; removeMs: number; reportMs: number }

export interface LedgerOptions {
  workspace: Workspace;
  model: ModelFiles;
  total: number;
  onProgress?: (progress: RunProgress) => void;
  onWorkers?: (workers: RunWorkerProgress[]) => void;
  onBatch?: (items: ScoredItem[], runId: number, dominantExperts: readonly (number | null)[]) => void;
}

export class RunLedger {
  /** Samples with a prediction of this model: the one record of what may not be written again. */
  readonly scoredKeys: Set<number>;
  scored = 0;
  failed = 0;
  computeMs = 0;
  /** Scored samples of animated images (frame 1 is the one scored), as a local run reports them. */
  readonly animated: { path: string; frames: number }[] = [];
  readonly stages: StageTimes = { fetchMs: 0, readMs: 0, routingMs: 0, recordMs: 0, removeMs: 0, reportMs: 0 };
  /** Results written (fresh items of commits): what the stage times are per. */
  committed = 0;
  private readonly workers = new Map<string, RunWorkerProgress & { firstAt: number }>();
  private readonly layers: number[];
  private readonly experts: number;

  constructor(private readonly options: LedgerOptions, readonly runId: number, private readonly already: ReadonlySet<number>,
    private readonly pathOfKey: ReadonlyMap<number, string>, private readonly started: number) {
    this.scoredKeys = new Set(already);
    this.layers = options.model.sidecar.moe?.layers ?? [];
    this.experts = options.model.sidecar.moe?.experts ?? 0;
  }

  /** The model's routing shape, as results are checked against it. */
  get shape(): { layers: number[]; experts: number } {
    return { layers: this.layers, experts: this.experts };
  }

  /** Writes results in one transaction, each sample once: one that already holds this model's prediction is left as it is. */
  commit(items: ScoredItem[], timing: Timing): void {
    const fresh = items.filter((item) => !this.scoredKeys.has(item.key));
    const t0 = performance.now();
    const dominant = fresh.length > 0 ? this.options.workspace.recordBatch(this.runId, this.options.model.sha256, this.layers, this.experts, fresh, timing) : [];
    const t1 = performance.now();
    this.stages.recordMs += t1 - t0;
    this.committed += fresh.length;
    for (const item of fresh) {
      if (item.ok && item.frames) this.animated.push({ path: this.pathOfKey.get(item.key) ?? String(item.key), frames: item.frames });
      if (item.ok) {
        this.scored += 1;
        this.scoredKeys.add(item.key);
      } else this.failed += 1;
    }
    if (fresh.length > 0) this.options.onBatch?.(fresh, this.runId, dominant);
    this.report();
    this.stages.reportMs += performance.now() - t1;
  }

  /** Fails every sample given with one reason (each still written once). */
  failAll(items: { key: number }[], reason: string): void {
    this.commit(items.map((i) => ({ key: i.key, ok: false, reason })), NO_TIMING);
  }

  report(): void {
    const done = this.already.size + this.scored + this.failed;
    const elapsed = (performance.now() - this.started) / 1000;
    const rate = elapsed > 0 ? (this.scored + this.failed) / elapsed : 0;
    this.options.onProgress?.({
      runId: this.runId, total: this.options.total, done, scored: this.scored, failed: this.failed, skipped: this.already.size,
      imagesPerSecond: rate, etaSeconds: rate > 0 ? (this.options.total - done) / rate : null, provider: 'queue',
    });
  }

  /** Counts a read job to its worker (before its commit, so the progress the commit reports includes it). */
  tally(result: ScoringResult, items: readonly ScoredItem[]): void {
    this.computeMs += result.computeMs;
    const now = performance.now();
    const w = this.workers.get(result.worker.id) ?? { ...result.worker, jobs: 0, samples: 0, failures: 0, samplesPerSecond: 0, firstAt: now - result.computeMs };
    w.provider = result.worker.provider;
    w.jobs += 1;
    w.samples += items.length;
    w.failures += items.filter((i) => !i.ok).length;
    w.samplesPerSecond = w.samples / Math.max(1e-3, (now - w.firstAt) / 1000);
    this.workers.set(result.worker.id, w);
  }

  /** Hands the workers' tallies to onWorkers (once per round of collected jobs). */
  reportWorkers(): void {
    const t0 = performance.now();
    this.options.onWorkers?.(this.workerList());
    this.stages.reportMs += performance.now() - t0;
  }

  workerList(): RunWorkerProgress[] {
    return [...this.workers.values()].map(({ firstAt: _f, ...rest }) => rest);
  }
}
