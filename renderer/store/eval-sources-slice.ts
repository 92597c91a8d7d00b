// Evaluation sources slice: the score sets under evaluation (workspace models, external scores files),
// the evaluated and criterion splits, the metrics workers' answers at the operating point and the
// bootstrap intervals. Renderer store slice; the metrics workers and IPC are reached only from here.
import type { StateCreator } from 'zustand';
import type { BootstrapResult } from '../../common/metrics/index';
import { tableToColumns } from '../lib/table-columns';
import { latestOnly } from '../workers/metrics-client';
import { columnBuffers, copyColumns, streamBuffers, type QueryInput, type QueryOutput, type RatesAtInput, type RatesAtOutput, type ScoreColumns, type SourceSummary, type WorkerRequests } from '../workers/metrics-protocol';
import { comparedSavedThresholds, evaluationKey, primarySource, splitSummaryOf, usableSplit, type EvalSource } from './evaluation-selectors';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { onWorkspaceLeft, sameWorkspace } from './workspace-generation';
import { shownModelOf } from './samples-slice';
import { listedSlots } from './model-slots';

export interface BootstrapSettings {
  replicates: number;
  seed: number;
  resample: 'sample' | 'identity';
}

export interface CiState {
  status: 'idle' | 'computing' | 'ready' | 'error';
  /** The source, split, threshold and settings the result belongs to. */
  key: string;
  result: BootstrapResult | null;
  error: string | null;
}

export interface EvalSourcesSlice {
  evalSources: EvalSource[];
  evalPrimaryId: string | null;
  evalCompareIds: string[];
  /** Split evaluated (rates, curves): 'all' or a split name. */
  evalSplit: string;
  /** Split the criteria are computed on (dev), then applied to evalSplit. */
  evalSourceSplit: string;
  /** The worker's answer for `evalQueryKey` (see evaluationKey). */
  evalQuery: QueryOutput | null;
  /** The evaluation key of the last query sent; the rates are stale while it differs from the state's. */
  evalQueryKey: string | null;
  evalError: string | null;
  evalCi: CiState;
  evalBootstrap: BootstrapSettings;
  /** Columns of each source kept on the main thread, so the bootstrap worker can be given them on first use. */
  evalColumns: Readonly<Record<string, ScoreColumns>>;
  /** Sources the bootstrap worker holds (it forgets them all when restarted). */
  evalBootstrapHolds: readonly string[];
  /** Scores files added so far (each gets a fresh source id). */
  evalFilesAdded: number;
  /** The workspace and finished run the model sources were loaded after. */
  evalLoadedFrom: { workspaceFile: string | null; finishedRun: number | null };
  /**
   * The switch "decide out-of-domain samples by score": off (the default), samples outside the model's domain
   * are inconclusive non-responses (APNRR / BPNRR); on, they are decided by score like the others.
   */
  evalDecideOutOfDomainByScore: boolean;
  /** Flips the switch and reloads the workspace model sources with their out-of-domain samples counted that way. */
  setDecideOutOfDomainByScore: (on: boolean) => Promise<void>;
  openEvaluation: () => Promise<void>;
  addModelSource: (modelSha256: string, name: string) => Promise<void>;
  /** Loads every listed model (slots A to F) that has scores in the workspace as a source, after dropping stale ones (openEvaluation). */
  loadListedModelSources: () => Promise<void>;
  /** Each run's BPCER and pooled APCER at its own τ on a split (the interactive worker); null where it has none. */
  ratesAtPoints: (points: readonly RatesAtInput[]) => Promise<(RatesAtOutput | null)[]>;
  addScoresFile: (file: File) => Promise<void>;
  /** A scores CSV named by a path on the host (typed or picked), read there and parsed as an uploaded file. */
  addScoresPath: (path: string) => Promise<void>;
  removeEvalSource: (id: string) => void;
  setEvalPrimary: (id: string) => Promise<void>;
  toggleEvalCompare: (id: string) => void;
  setEvalSplit: (split: string) => void;
  setEvalSourceSplit: (split: string) => Promise<void>;
  /** Asks the worker for the rates at the current state (and schedules the bootstrap), unless already asked. */
  refreshEvaluation: () => void;
  setBootstrap: (patch: Partial<BootstrapSettings>) => void;
  /**
   * The evaluation report of one source, off the interactive worker so it stays free for the slider: the
   * bootstrap's two streams run at once on the bootstrap worker and the report helper (each given the source's
   * columns first when it does not hold them), then the page on the bootstrap worker. While it runs that worker is
   * not replaced to abandon a stale bootstrap: newer bootstraps queue behind it instead. `onProgress`: replicates
   * done of all. Rejects with 'cancelled' after cancelReportWork.
   */
  evaluationReportOnWorkers: (sourceId: string, input: WorkerRequests['evaluationReport']['input'], onProgress: (done: number, total: number) => void) => Promise<Blob>;
  /** Stops a report under way: both of its workers are replaced, and the confidence intervals asked again. */
  cancelReportWork: () => void;
  /** A paired comparison on the bootstrap worker (off the slider's worker), kept like a report from being abandoned. */
  requestOnBootstrapWorker: <K extends 'paired'>(sourceIds: string | readonly string[], kind: K, input: WorkerRequests[K]['input']) => Promise<WorkerRequests[K]['output']>;
}

/** Bootstrap waits for the slider to rest this long: it takes seconds on 10⁶ scores. */
const CI_DEBOUNCE_MS = 400;
const LARGE_SPLIT = 200_000;
const LARGE_SPLIT_REPLICATES = 200;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The evaluation state that belongs to the open workspace: every source, split and answer (the bootstrap settings stay). */
export const evalSourcesWorkspaceState = (): Pick<EvalSourcesSlice, 'evalSources' | 'evalPrimaryId'
  | 'evalCompareIds' | 'evalSplit' | 'evalSourceSplit' | 'evalQuery' | 'evalQueryKey' | 'evalError' | 'evalCi' | 'evalColumns' | 'evalBootstrapHolds' | 'evalLoadedFrom'
  | 'evalDecideOutOfDomainByScore'> => ({
  evalSources: [], evalPrimaryId: null, evalCompareIds: [], evalSplit: 'all', evalSourceSplit: 'all', evalQuery: null, evalQueryKey: null,
  evalError: null, evalCi: { status: 'idle', key: '', result: null, error: null }, evalColumns: {}, evalBootstrapHolds: [],
  evalLoadedFrom: { workspaceFile: null, finishedRun: null }, evalDecideOutOfDomainByScore: false,
});

/** A source's answer that landed after its workspace was left: dropped. */
class LeftWorkspace extends Error {}

export const createEvalSourcesSlice = ({ api, metrics }: StoreDeps): StateCreator<WorkbenchState, [], [], EvalSourcesSlice> => (set, get, store) => {
  const query = latestOnly(
    ({ key: _key, here: _here, ...input }: QueryInput & { key: string; here: () => boolean }) => metrics.interactive.request('query', input),
    (result, input) => {
      if (!input.here() || get().evalQueryKey !== input.key) return;
      set({ evalQuery: result, evalError: null });
      void get().refreshPaired(); // the paired comparison follows the rows' own τ (eval-paired-slice.ts)
    },
    (error, input) => { if (input.here() && get().evalQueryKey === input.key) set({ evalError: error.message }); },
  );
  /** The bootstrap being computed, and the timer that waits for the threshold to rest (this store's own). */
  let ciJob: { key: string } | null = null;
  let ciTimer: ReturnType<typeof setTimeout> | undefined;
  /** Requests on the bootstrap worker that must not be abandoned (evaluationReportOnWorkers). */
  let keptRequests = 0;
  /** Counts cancelled reports: a report started before the latest cancel stops at its next step. */
  let reportGeneration = 0;

  /** The bootstrap worker, holding the source's columns (copied and sent on first use). */
  const bootstrapWorkerWith = async (sourceId: string) => {
    const worker = metrics.bootstrap;
    const columns = get().evalColumns[sourceId];
    if (!get().evalBootstrapHolds.includes(sourceId) && columns) {
      const copy = copyColumns(columns);
      const name = get().evalSources.find((x) => x.id === sourceId)?.name ?? sourceId;
      await worker.request('keepColumns', { sourceId, name, columns: copy }, columnBuffers(copy));
      set({ evalBootstrapHolds: [...get().evalBootstrapHolds, sourceId] });
    }
    return worker;
  };

  /** Sources whose columns the report helper holds (it starts empty, and again after a restart). */
  const helperHolds = new Set<string>();

  /** The report helper, holding the source's columns (copied and sent on first use). */
  const helperWith = async (sourceId: string) => {
    const worker = metrics.reportHelper;
    const columns = get().evalColumns[sourceId];
    if (!helperHolds.has(sourceId) && columns) {
      const copy = copyColumns(columns);
      await worker.request('keepColumns', { sourceId, columns: copy }, columnBuffers(copy));
      helperHolds.add(sourceId);
    }
    return worker;
  };

  /** Lets the metrics workers forget sources no longer under evaluation in this workspace. */
  const dropFromWorkers = (ids: readonly string[]): void => {
    for (const id of ids) {
      if (get().evalSources.some((x) => x.id === id)) continue; // loaded again meanwhile
      const workers = [metrics.interactive, metrics.bootstrap, ...(helperHolds.delete(id) ? [metrics.reportHelper] : [])];
      for (const worker of workers) worker.request('drop', { sourceId: id }).catch(() => undefined);
    }
  };

  // Leaving a workspace: its pending bootstrap is not started, and the workers forget its sources.
  onWorkspaceLeft(store, (previous) => {
    clearTimeout(ciTimer);
    ciJob = null;
    dropFromWorkers(previous.evalSources.map((x) => x.id));
  });

  const bootstrap = async ({ key, sourceId, split, threshold, settings }: { key: string; sourceId: string; split: string; threshold: number; settings: BootstrapSettings }): Promise<void> => {
    // A newer request abandons the running one (its worker is replaced) rather than queueing behind it,
    // unless the worker also runs a request that must finish (a report): then it queues.
    if (ciJob && keptRequests === 0) {
      metrics.restartBootstrap();
      set({ evalBootstrapHolds: [] });
    }
    const job = { key };
    ciJob = job;
    const here = sameWorkspace(get);
    try {
      const worker = await bootstrapWorkerWith(sourceId);
      const result = await worker.request('bootstrap', { sourceId, split, threshold, ...settings });
      if (here() && get().evalCi.key === key) set({ evalCi: { status: 'ready', key, result, error: null } });
    } catch (error) {
      if (here() && ciJob === job && get().evalCi.key === key) set({ evalCi: { status: 'error', key, result: null, error: message(error) } });
    } finally {
      if (ciJob === job) ciJob = null;
    }
  };

  const scheduleCi = (): void => {
    const s = get();
    const source = primarySource(s);
    const split = splitSummaryOf(source, s.evalSplit);
    if (!source || source.status !== 'ready' || !split || split.unusable !== null) return;
    const settings = s.evalBootstrap;
    const key = JSON.stringify([source.id, s.evalSplit, s.threshold, settings]);
    if (s.evalCi.key === key) return;
    set({ evalCi: { status: 'computing', key, result: null, error: null } });
    clearTimeout(ciTimer);
    ciTimer = setTimeout(() => void bootstrap({ key, sourceId: source.id, split: s.evalSplit, threshold: s.threshold, settings }), CI_DEBOUNCE_MS);
  };

  const updateSource = (id: string, patch: Partial<EvalSource>): void =>
    set({ evalSources: get().evalSources.map((x) => (x.id === id ? { ...x, ...patch } : x)) });

  const keepColumns = (id: string, columns: ScoreColumns | null): void => {
    const rest = Object.fromEntries(Object.entries(get().evalColumns).filter(([key]) => key !== id));
    helperHolds.delete(id);
    set({ evalColumns: columns ? { ...rest, [id]: columns } : rest, evalBootstrapHolds: get().evalBootstrapHolds.filter((x) => x !== id) });
  };

  /** Adds a source, loads it in the interactive worker and makes it primary when none is. */
  const addSource = async (source: Omit<EvalSource, 'status' | 'error' | 'summary'>, load: (here: () => boolean) => Promise<SourceSummary>): Promise<void> => {
    const here = sameWorkspace(get);
    set({ evalSources: [...get().evalSources.filter((x) => x.id !== source.id), { ...source, status: 'loading', error: null, summary: null }] });
    try {
      const summary = await load(here);
      if (!here()) throw new LeftWorkspace();
      updateSource(source.id, { status: 'ready', summary });
      const s = get();
      if (s.evalPrimaryId === null || source.id === s.evalPrimaryId || !s.evalSources.some((x) => x.id === s.evalPrimaryId && x.status === 'ready')) await get().setEvalPrimary(source.id);
    } catch (error) {
      if (!here()) {
        dropFromWorkers([source.id]); // the answer of a workspace left meanwhile: shown nowhere
        return;
      }
      updateSource(source.id, { status: 'error', error: message(error) });
      get().showNotice({ kind: 'error', text: `Cannot evaluate ${source.name}: ${message(error)}` });
    }
  };

  return {
    ...evalSourcesWorkspaceState(),
    evalBootstrap: { replicates: 1000, seed: 0, resample: 'sample' },
    evalFilesAdded: 0,

    openEvaluation: async () => {
      // Scores of another workspace (or of a model rescored since) are stale: drop and reload them.
      const workspaceFile = get().workspace?.file ?? null;
      const finishedRun = get().lastFinished?.runId ?? null;
      const loadedFrom = get().evalLoadedFrom;
      const stale = workspaceFile !== loadedFrom.workspaceFile ? get().evalSources.filter((x) => x.kind === 'model')
        : finishedRun !== loadedFrom.finishedRun ? get().evalSources.filter((x) => x.modelSha256 === get().lastFinished?.modelSha256) : [];
      set({ evalLoadedFrom: { workspaceFile, finishedRun } });
      if (workspaceFile !== null) {
        void get().loadSavedThresholds();
        for (const source of stale) {
          if (source.modelSha256 && get().workspace?.models.some((m) => m.sha256 === source.modelSha256)) await get().addModelSource(source.modelSha256, source.name);
          else get().removeEvalSource(source.id);
        }
        const s = get();
        const model = shownModelOf(s) ?? s.workspace?.models[0]?.sha256;
        const name = s.workspace?.models.find((m) => m.sha256 === model)?.name ?? model?.slice(0, 12) ?? '';
        if (!s.evalSources.some((x) => x.kind === 'model') && model && s.workspace?.models.some((m) => m.sha256 === model)) await get().addModelSource(model, name);
      }
      // Whatever was (re)loaded above, the rates shown are those of the current operating point.
      get().refreshEvaluation();
    },

    addModelSource: async (modelSha256, name) => {
      const id = `model:${modelSha256}`;
      await addSource({ id, kind: 'model', name, modelSha256 }, async (here) => {
        // The browser's table when it is this model's, else fetched (one transfer shared with a view asking at once).
        const result = await get().sampleTableOf(modelSha256);
        if (!here()) throw new LeftWorkspace();
        if (!result.ok) throw new Error(result.error.message);
        const columns = tableToColumns(result.value, get().evalDecideOutOfDomainByScore);
        if (columns.scores.length === 0) throw new Error('this model has no scores in the workspace');
        keepColumns(id, columns);
        const copy = copyColumns(columns);
        return metrics.interactive.request('loadColumns', { sourceId: id, name, columns: copy }, columnBuffers(copy));
      });
    },

    loadListedModelSources: async () => {
      await get().openEvaluation();
      for (const slot of listedSlots(get())) {
        const model = get().models[slot];
        if (!model || !get().workspace?.models.some((m) => m.sha256 === model.sha256)) continue;
        if (get().evalSources.some((x) => x.id === `model:${model.sha256}`)) continue;
        await get().addModelSource(model.sha256, model.name);
      }
    },

    ratesAtPoints: (points) => Promise.all(points.map((point) => metrics.interactive.request('ratesAt', point).catch(() => null))),

    setDecideOutOfDomainByScore: async (on) => {
      if (get().evalDecideOutOfDomainByScore === on) return;
      set({ evalDecideOutOfDomainByScore: on });
      for (const source of get().evalSources.filter((x) => x.kind === 'model' && x.modelSha256)) await get().addModelSource(source.modelSha256!, source.name);
    },

    addScoresFile: async (file) => {
      const count = get().evalFilesAdded + 1;
      set({ evalFilesAdded: count });
      const id = `file:${count}:${file.name}`;
      await addSource({ id, kind: 'file', name: file.name, modelSha256: null }, async (here) => {
        const { summary, columns, warnings } = await metrics.interactive.request('loadCsv', { sourceId: id, name: file.name, file });
        if (!here()) throw new LeftWorkspace();
        keepColumns(id, columns);
        if (warnings.length > 0) get().showNotice({ kind: 'info', text: `⚠ ${warnings.length === 1 ? warnings[0] : `${warnings[0]} (and ${warnings.length - 1} more warnings)`}` });
        return summary;
      });
    },

    addScoresPath: async (path) => {
      const here = sameWorkspace(get);
      const result = await api().app.readScoresCsv({ path });
      if (!here()) return;
      if (!result.ok) {
        get().showNotice({ kind: 'error', text: `Cannot evaluate ${path}: ${result.error.message}` });
        return;
      }
      await get().addScoresFile(new File([result.value.text], result.value.name, { type: 'text/csv' }));
    },

    removeEvalSource: (id) => {
      keepColumns(id, null);
      for (const worker of [metrics.interactive, metrics.bootstrap]) worker.request('drop', { sourceId: id }).catch(() => undefined);
      const s = get();
      const rest = s.evalSources.filter((x) => x.id !== id);
      set({ evalSources: rest, evalCompareIds: s.evalCompareIds.filter((x) => x !== id) });
      if (s.evalPrimaryId === id) {
        const next = rest.find((x) => x.status === 'ready');
        if (next) void get().setEvalPrimary(next.id);
        else set({ evalPrimaryId: null, evalQuery: null, evalQueryKey: null });
      }
    },

    setEvalPrimary: async (id) => {
      const source = get().evalSources.find((x) => x.id === id);
      if (!source?.summary) return;
      const s = get();
      // Keep the chosen splits when the new run has them; else test (or all) evaluated, dev for criteria.
      const evalSplit = usableSplit(source.summary, s.evalSplit) && s.evalPrimaryId !== null ? s.evalSplit : usableSplit(source.summary, 'test') ? 'test' : 'all';
      const sourceSplit = usableSplit(source.summary, s.evalSourceSplit) && s.evalPrimaryId !== null ? s.evalSourceSplit : usableSplit(source.summary, 'dev') ? 'dev' : evalSplit;
      // An overlay made primary swaps places with the old primary, so the comparison stays on screen.
      const compareIds = s.evalCompareIds.filter((x) => x !== id);
      if (s.evalCompareIds.includes(id) && s.evalPrimaryId !== null && s.evalPrimaryId !== id) compareIds.unshift(s.evalPrimaryId);
      set({ evalPrimaryId: id, evalSplit, evalSourceSplit: sourceSplit, evalCompareIds: compareIds });
      // Each replicate costs O(n): above 2·10⁵ scores, 200 replicates keep intervals to seconds (the select can raise it).
      const samples = source.summary.splits.find((x) => x.split === evalSplit)?.samples ?? 0;
      if (samples > LARGE_SPLIT && s.evalBootstrap.replicates > LARGE_SPLIT_REPLICATES) set({ evalBootstrap: { ...s.evalBootstrap, replicates: LARGE_SPLIT_REPLICATES } });
      if (s.evalCriterion !== 'fixed') await get().applyCriterion(s.evalCriterion);
    },

    toggleEvalCompare: (id) => {
      const ids = get().evalCompareIds;
      set({ evalCompareIds: ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id] });
    },

    setEvalSplit: (evalSplit) => set({ evalSplit }),

    setEvalSourceSplit: async (evalSourceSplit) => {
      set({ evalSourceSplit });
      if (get().evalCriterion !== 'fixed') await get().applyCriterion(get().evalCriterion);
    },

    refreshEvaluation: () => {
      const s = get();
      const key = evaluationKey(s);
      if (key === null) return;
      if (key !== s.evalQueryKey) {
        set({ evalQueryKey: key });
        const compareIds = s.evalCompareIds.filter((id) => s.evalSources.some((x) => x.id === id && x.status === 'ready'));
        query({ key, here: sameWorkspace(get), primaryId: s.evalPrimaryId!, compareIds, split: s.evalSplit, sourceSplit: s.evalSourceSplit, criterion: s.evalCriterion, threshold: s.threshold, savedThresholds: comparedSavedThresholds(s, compareIds) });
      }
      scheduleCi();
    },

    evaluationReportOnWorkers: async (sourceId, input, onProgress) => {
      keptRequests++;
      const generation = reportGeneration;
      try {
        const [worker, helper] = await Promise.all([bootstrapWorkerWith(sourceId), helperWith(sourceId)]);
        if (generation !== reportGeneration) throw new Error('cancelled');
        const stream = { sourceId, split: input.split, threshold: input.threshold, ...input.bootstrap };
        const done = [0, 0];
        const progress = (k: number) => (count: number) => { done[k] = count; onProgress(done[0]! + done[1]!, input.bootstrap.replicates); };
        // The two fixed streams of common/metrics/bootstrap.ts: their union is the one-thread bootstrap for the seed.
        const streams = await Promise.all([
          worker.request('bootstrapStream', { ...stream, stream: 0 }, [], progress(0)),
          helper.request('bootstrapStream', { ...stream, stream: 1 }, [], progress(1)),
        ]);
        if (generation !== reportGeneration) throw new Error('cancelled');
        return await worker.request('evaluationReport', { ...input, bootstrapStreams: streams }, streams.flatMap(streamBuffers));
      } finally {
        keptRequests--;
      }
    },

    requestOnBootstrapWorker: async (sourceIds, kind, input) => {
      keptRequests++;
      try {
        let worker = metrics.bootstrap;
        for (const sourceId of typeof sourceIds === 'string' ? [sourceIds] : sourceIds) worker = await bootstrapWorkerWith(sourceId);
        return await worker.request(kind, input);
      } finally {
        keptRequests--;
      }
    },

    cancelReportWork: () => {
      reportGeneration++;
      metrics.restartBootstrap();
      metrics.restartReportHelper();
      helperHolds.clear();
      // a bootstrap the restart abandoned is asked again; its rejection is ignored
      ciJob = null;
      set({ evalBootstrapHolds: [] });
      if (get().evalCi.status === 'computing') {
        set({ evalCi: { ...get().evalCi, key: '' } });
        scheduleCi();
      }
    },

    setBootstrap: (patch) => {
      set({ evalBootstrap: { ...get().evalBootstrap, ...patch } });
      void get().refreshPaired();
      scheduleCi();
    },
  };
};
