// The workbench session behind the contract: the open workspace, the models in slots A to F (each with
// its own inference worker) and the active scoring run. Node side; shared by both transports.
import { MODEL_SLOTS, type ModelInfo, type ModelSlot } from '../../common/contract/model.js';
import type { WorkspaceSummary } from '../../common/contract/workspace.js';
import { AnalysisWorker } from '../explain/analysis.js';
import { InferenceEngine } from '../inference/engine.js';
import type { ProviderName } from '../onnx/providers.js';
import { Workspace } from '../workspace/workspace.js';
import { listRuns } from '../workspace/runs.js';
import { datasetSummaries, sampleCount } from '../workspace/samples.js';

export class SessionError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'SessionError';
  }
}

export interface ActiveRun {
  runId: number;
  controller: AbortController;
  done: Promise<void>;
}

export class WorkbenchSession {
  workspace: Workspace | null = null;
  readonly engines = new Map<ModelSlot, InferenceEngine>();
  activeRun: ActiveRun | null = null;
  /** Nearest-neighbour search (and other embedding analyses) off the main thread; started on first use. */
  readonly analysis = new AnalysisWorker();

  constructor(readonly options: { provider?: ProviderName; intraOpThreads?: number } = {}) {}

  requireWorkspace(): Workspace {
    if (!this.workspace) throw new SessionError('no-workspace', 'Open a workspace first (a folder where the workbench keeps its database).');
    return this.workspace;
  }

  requireEngine(slot: ModelSlot): InferenceEngine {
    const engine = this.engines.get(slot);
    if (!engine) throw new SessionError('no-model', `No model is open in slot ${slot}; open a model (.onnx with its model.json) first.`);
    return engine;
  }

  openWorkspace(location: string): WorkspaceSummary {
    if (this.activeRun) throw new SessionError('busy', 'A scoring run is in progress; cancel it or wait before switching workspaces.');
    const next = Workspace.open(location);
    this.workspace?.close();
    this.workspace = next;
    return this.summary()!;
  }

  /** Closes the open workspace; false when none was open. Refused while a run writes into it. */
  closeWorkspace(): boolean {
    if (this.activeRun) throw new SessionError('busy', 'A scoring run is in progress; cancel it or wait before closing the workspace.');
    if (!this.workspace) return false;
    this.workspace.close();
    this.workspace = null;
    return true;
  }

  summary(): WorkspaceSummary | null {
    const ws = this.workspace;
    if (!ws) return null;
    const chain = ws.verifyCustody();
    return {
      file: ws.file,
      schemaVersion: ws.schemaVersion(),
      samples: sampleCount(ws),
      datasets: datasetSummaries(ws),
      models: ws.scoredModels(),
      runs: listRuns(ws, { limit: 50 }).map(({ id, modelSha256, datasetId, provider, status, total, scored, failed, skipped, startedAt, finishedAt, error }) => ({
        id, modelSha256, datasetId, provider, status, total, scored, failed, skipped, startedAt, finishedAt, error,
      })),
      custody: chain.ok ? { ok: true, entries: chain.entries } : { ok: false, entries: 0, problem: `entry ${chain.seq}: ${chain.problem}` },
    };
  }

  async openModel(modelPath: string, slot: ModelSlot): Promise<ModelInfo> {
    if (this.activeRun) throw new SessionError('busy', 'A scoring run is in progress; cancel it or wait before changing models.');
    const engine = await InferenceEngine.start({ modelPath, ...this.options });
    const previous = this.engines.get(slot);
    this.engines.set(slot, engine);
    await previous?.close();
    return modelInfo(slot, engine);
  }

  async closeModel(slot: ModelSlot): Promise<boolean> {
    const engine = this.engines.get(slot);
    if (!engine) return false;
    if (this.activeRun) throw new SessionError('busy', 'A scoring run is in progress; cancel it first.');
    this.engines.delete(slot);
    await engine.close();
    return true;
  }

  models(): ModelInfo[] {
    return MODEL_SLOTS.flatMap((slot) => {
      const engine = this.engines.get(slot);
      return engine ? [modelInfo(slot, engine)] : [];
    });
  }

  async dispose(): Promise<void> {
    this.activeRun?.controller.abort();
    await this.activeRun?.done.catch(() => undefined);
    for (const engine of this.engines.values()) await engine.close();
    this.engines.clear();
    await this.analysis.close();
    this.workspace?.close();
    this.workspace = null;
  }
}

export function modelInfo(slot: ModelSlot, engine: InferenceEngine): ModelInfo {
  const opset = Number((engine.sidecar.exporter as { opset?: unknown } | undefined)?.opset);
  return {
    slot,
    name: engine.sidecar.name,
    sha256: engine.model.sha256,
    onnxPath: engine.model.onnxPath,
    sizeBytes: engine.model.sizeBytes,
    provider: engine.provider,
    providerAttempts: engine.providerAttempts,
    opset: Number.isFinite(opset) ? opset : null,
    sidecar: engine.sidecar,
  };
}
