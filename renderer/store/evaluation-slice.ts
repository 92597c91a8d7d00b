// Evaluation slice: the score sets under evaluation (workspace models, external scores files), the
// split and criterion choices, the worker's answers at the current threshold, bootstrap intervals and
// the saved thresholds. Renderer store slice; the workers and IPC are reached only from these actions.
import type { StateCreator } from 'zustand';
import { decodeSampleTable } from '../../common/contract/sample-table-codec';
import type { SavedThreshold } from '../../common/contract/thresholds';
import type { BootstrapResult, ThresholdProvenance as ChosenProvenance } from '../../common/metrics/index';
import { api } from '../bridge/client';
import { tableToColumns } from '../features/evaluation/table-columns';
import { latestOnly, metricsWorkers, restartBootstrapWorker } from '../workers/metrics-client';
import { columnBuffers, copyColumns, type QueryInput, type QueryOutput, type ScoreColumns, type SourceSummary, type SplitSummary } from '../workers/metrics-protocol';
import { EMPTY_FILTER, type BrowserFilter } from './samples-slice';
import type { WorkbenchState } from './index';

export const CRITERIA = ['fixed', 'eer', 'min-hter', 'bpcer20', 'bpcer100', 'apcer20', 'apcer100'] as const;
export type CriterionChoice = (typeof CRITERIA)[number];

export interface EvalSource {
  id: string;
  kind: 'model' | 'file';
  name: string;
  modelSha256: string | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  summary: SourceSummary | null;
}

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

export interface EvaluationSlice {
  evalSources: EvalSource[];
  evalPrimaryId: string | null;
  evalCompareIds: string[];
  /** Split evaluated (rates, curves): 'all' or a split name. */
  evalSplit: string;
  /** Split the criteria are computed on (dev), then applied to evalSplit. */
  evalSourceSplit: string;
  evalCriterion: CriterionChoice;
  /** The library's provenance of the last criterion threshold (null for a fixed threshold). */
  evalChosen: ChosenProvenance | null;
  evalQuery: QueryOutput | null;
  evalError: string | null;
  evalCi: CiState;
  evalBootstrap: BootstrapSettings;
  savedThresholds: SavedThreshold[];
  openEvaluation: () => Promise<void>;
  addModelSource: (modelSha256: string, name: string) => Promise<void>;
  addScoresFile: (file: File) => Promise<void>;
  removeEvalSource: (id: string) => void;
  setEvalPrimary: (id: string) => Promise<void>;
  toggleEvalCompare: (id: string) => void;
  setEvalSplit: (split: string) => void;
  setEvalSourceSplit: (split: string) => Promise<void>;
  applyCriterion: (criterion: CriterionChoice) => Promise<void>;
  /** Manual threshold (slider, entry, curve click): the criterion becomes 'fixed'. */
  moveThreshold: (value: number) => void;
  refreshEvaluation: () => void;
  setBootstrap: (patch: Partial<BootstrapSettings>) => void;
  saveThreshold: () => Promise<void>;
  loadSavedThresholds: () => Promise<void>;
  applySavedThreshold: (saved: SavedThreshold) => void;
  showSamplesWhere: (patch: Partial<BrowserFilter>) => Promise<void>;
  metricsReport: () => Promise<Record<string, unknown> | null>;
}

/** Columns kept on the main thread so the bootstrap worker can be given them on first use. */
const columnsById = new Map<string, ScoreColumns>();
const bootstrapHas = new Set<string>();
let fileCounter = 0;
/** The workspace and finished run the model sources were loaded after. */
const loadedFrom: { workspaceFile: string | null; finishedRun: number | null } = { workspaceFile: null, finishedRun: null };
let ciTimer: ReturnType<typeof setTimeout> | undefined;
/** Bootstrap waits for the slider to rest this long: it takes seconds on 10⁶ scores. */
const CI_DEBOUNCE_MS = 400;
const LARGE_SPLIT = 200_000;
const LARGE_SPLIT_REPLICATES = 200;

/** Stable empty lists for selectors (a new [] per call would re-render forever). */
export const NO_SPLITS: SplitSummary[] = [];
export const NO_MODELS: { sha256: string; name: string; predictions: number }[] = [];

export const primarySource = (s: WorkbenchState): EvalSource | null => s.evalSources.find((x) => x.id === s.evalPrimaryId) ?? null;
export const splitSummaryOf = (source: EvalSource | null, split: string): SplitSummary | null => source?.summary?.splits.find((x) => x.split === split) ?? null;
/** A run's data comparable with the primary's `split`: that split, or all of a run without splits (a scores file). */
export const comparableSplitOf = (source: EvalSource | null, split: string): SplitSummary | null => {
  const splits = source?.summary?.splits ?? [];
  return splits.find((x) => x.split === split) ?? (splits.length === 1 ? splits[0]! : null);
};

function usable(summary: SourceSummary, split: string): boolean {
  return summary.splits.some((s) => s.split === split && s.unusable === null);
}

export const createEvaluationSlice: StateCreator<WorkbenchState, [], [], EvaluationSlice> = (set, get) => {
  const query = latestOnly(
    (input: QueryInput) => metricsWorkers().interactive.request('query', input),
    (result) => set({ evalQuery: result, evalError: null }),
    (error) => set({ evalError: error.message }),
  );
  /** The bootstrap being computed; a newer request abandons it (its worker is replaced) rather than queueing. */
  let ciJob: { key: string } | null = null;
  const bootstrap = async ({ key, sourceId, split, threshold, settings }: { key: string; sourceId: string; split: string; threshold: number; settings: BootstrapSettings }): Promise<void> => {
    if (ciJob) {
      restartBootstrapWorker();
      bootstrapHas.clear();
    }
    const job = { key };
    ciJob = job;
    try {
      const worker = metricsWorkers().bootstrap;
      const columns = columnsById.get(sourceId);
      if (!bootstrapHas.has(sourceId) && columns) {
        const copy = copyColumns(columns);
        await worker.request('keepColumns', { sourceId, columns: copy }, columnBuffers(copy));
        bootstrapHas.add(sourceId);
      }
      const result = await worker.request('bootstrap', { sourceId, split, threshold, ...settings });
      if (get().evalCi.key === key) set({ evalCi: { status: 'ready', key, result, error: null } });
    } catch (error) {
      if (ciJob === job && get().evalCi.key === key) set({ evalCi: { status: 'error', key, result: null, error: error instanceof Error ? error.message : String(error) } });
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

  /** Adds a source, loads it in the interactive worker and makes it primary when none is. */
  const addSource = async (source: Omit<EvalSource, 'status' | 'error' | 'summary'>, load: () => Promise<SourceSummary>): Promise<void> => {
    set({ evalSources: [...get().evalSources.filter((x) => x.id !== source.id), { ...source, status: 'loading', error: null, summary: null }] });
    try {
      const summary = await load();
      updateSource(source.id, { status: 'ready', summary });
      const s = get();
      if (s.evalPrimaryId === null || !s.evalSources.some((x) => x.id === s.evalPrimaryId && x.status === 'ready')) await get().setEvalPrimary(source.id);
      else if (source.id === s.evalPrimaryId) await get().setEvalPrimary(source.id);
      else get().refreshEvaluation();
    } catch (error) {
      updateSource(source.id, { status: 'error', error: error instanceof Error ? error.message : String(error) });
      get().showNotice({ kind: 'error', text: `Cannot evaluate ${source.name}: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return {
    evalSources: [],
    evalPrimaryId: null,
    evalCompareIds: [],
    evalSplit: 'all',
    evalSourceSplit: 'all',
    evalCriterion: 'fixed',
    evalChosen: null,
    evalQuery: null,
    evalError: null,
    evalCi: { status: 'idle', key: '', result: null, error: null },
    evalBootstrap: { replicates: 1000, seed: 0, resample: 'sample' },
    savedThresholds: [],

    openEvaluation: async () => {
      // Scores of another workspace (or of a model rescored since) are stale: drop and reload them.
      const workspaceFile = get().workspace?.file ?? null;
      const finishedRun = get().lastFinished?.runId ?? null;
      const stale = workspaceFile !== loadedFrom.workspaceFile ? get().evalSources.filter((x) => x.kind === 'model')
        : finishedRun !== loadedFrom.finishedRun ? get().evalSources.filter((x) => x.modelSha256 === get().lastFinished?.modelSha256) : [];
      loadedFrom.workspaceFile = workspaceFile;
      loadedFrom.finishedRun = finishedRun;
      if (workspaceFile === null) return;
      void get().loadSavedThresholds();
      for (const source of stale) {
        if (workspaceFile !== null && source.modelSha256 && get().workspace?.models.some((m) => m.sha256 === source.modelSha256)) await get().addModelSource(source.modelSha256, source.name);
        else get().removeEvalSource(source.id);
      }
      const s = get();
      if (s.evalSources.some((x) => x.kind === 'model')) return;
      const model = s.table?.modelSha256 ?? s.workspace?.models[0]?.sha256;
      const name = s.workspace?.models.find((m) => m.sha256 === model)?.name ?? model?.slice(0, 12) ?? '';
      if (model && s.workspace?.models.some((m) => m.sha256 === model)) await get().addModelSource(model, name);
    },

    addModelSource: async (modelSha256, name) => {
      const id = `model:${modelSha256}`;
      await addSource({ id, kind: 'model', name, modelSha256 }, async () => {
        const result = await api().samples.list({ modelSha256 });
        if (!result.ok) throw new Error(result.error.message);
        const columns = tableToColumns(decodeSampleTable(result.value));
        if (columns.scores.length === 0) throw new Error('this model has no scores in the workspace');
        columnsById.set(id, columns);
        bootstrapHas.delete(id);
        const copy = copyColumns(columns);
        return metricsWorkers().interactive.request('loadColumns', { sourceId: id, name, columns: copy }, columnBuffers(copy));
      });
    },

    addScoresFile: async (file) => {
      const id = `file:${++fileCounter}:${file.name}`;
      await addSource({ id, kind: 'file', name: file.name, modelSha256: null }, async () => {
        const { summary, columns } = await metricsWorkers().interactive.request('loadCsv', { sourceId: id, name: file.name, file });
        columnsById.set(id, columns);
        return summary;
      });
    },

    removeEvalSource: (id) => {
      columnsById.delete(id);
      for (const worker of [metricsWorkers().interactive, metricsWorkers().bootstrap]) worker.request('drop', { sourceId: id }).catch(() => undefined);
      bootstrapHas.delete(id);
      const s = get();
      const rest = s.evalSources.filter((x) => x.id !== id);
      set({ evalSources: rest, evalCompareIds: s.evalCompareIds.filter((x) => x !== id) });
      if (s.evalPrimaryId === id) {
        const next = rest.find((x) => x.status === 'ready');
        if (next) void get().setEvalPrimary(next.id);
        else set({ evalPrimaryId: null, evalQuery: null });
      }
    },

    setEvalPrimary: async (id) => {
      const source = get().evalSources.find((x) => x.id === id);
      if (!source?.summary) return;
      const s = get();
      // Keep the chosen splits when the new run has them; else test (or all) evaluated, dev for criteria.
      const evalSplit = usable(source.summary, s.evalSplit) && s.evalPrimaryId !== null ? s.evalSplit : usable(source.summary, 'test') ? 'test' : 'all';
      const sourceSplit = usable(source.summary, s.evalSourceSplit) && s.evalPrimaryId !== null ? s.evalSourceSplit : usable(source.summary, 'dev') ? 'dev' : evalSplit;
      // An overlay made primary swaps places with the old primary, so the comparison stays on screen.
      const compareIds = s.evalCompareIds.filter((x) => x !== id);
      if (s.evalCompareIds.includes(id) && s.evalPrimaryId !== null && s.evalPrimaryId !== id) compareIds.unshift(s.evalPrimaryId);
      set({ evalPrimaryId: id, evalSplit, evalSourceSplit: sourceSplit, evalCompareIds: compareIds });
      // Each replicate costs O(n): above 2·10⁵ scores, 200 replicates keep intervals to seconds (the select can raise it).
      const samples = source.summary.splits.find((x) => x.split === evalSplit)?.samples ?? 0;
      if (samples > LARGE_SPLIT && s.evalBootstrap.replicates > LARGE_SPLIT_REPLICATES) set({ evalBootstrap: { ...s.evalBootstrap, replicates: LARGE_SPLIT_REPLICATES } });
      if (s.evalCriterion !== 'fixed') await get().applyCriterion(s.evalCriterion);
      else get().refreshEvaluation();
    },

    toggleEvalCompare: (id) => {
      const ids = get().evalCompareIds;
      set({ evalCompareIds: ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id] });
      get().refreshEvaluation();
    },

    setEvalSplit: (evalSplit) => {
      set({ evalSplit });
      get().refreshEvaluation();
    },

    setEvalSourceSplit: async (evalSourceSplit) => {
      set({ evalSourceSplit });
      if (get().evalCriterion !== 'fixed') await get().applyCriterion(get().evalCriterion);
      else get().refreshEvaluation();
    },

    applyCriterion: async (criterion) => {
      const s = get();
      const source = primarySource(s);
      if (criterion === 'fixed' || !source || source.status !== 'ready') {
        set({ evalCriterion: 'fixed', evalChosen: null });
        const hash = splitSummaryOf(source, s.evalSplit)?.dataHash;
        s.setThreshold(s.threshold, { criterion: 'fixed', split: s.evalSplit, ...(hash ? { dataHash: hash } : {}) });
        get().refreshEvaluation();
        return;
      }
      try {
        const chosen = await metricsWorkers().interactive.request('choose', { sourceId: source.id, split: s.evalSourceSplit, criterion });
        set({ evalCriterion: criterion, evalChosen: chosen.provenance });
        get().setThreshold(chosen.provenance.threshold, { criterion, split: s.evalSourceSplit, dataHash: chosen.dataHash });
        get().refreshEvaluation();
      } catch (error) {
        get().showNotice({ kind: 'error', text: `Cannot apply ${criterion}: ${error instanceof Error ? error.message : String(error)}` });
      }
    },

    moveThreshold: (value) => {
      if (!Number.isFinite(value)) return;
      const s = get();
      const hash = splitSummaryOf(primarySource(s), s.evalSplit)?.dataHash;
      if (s.evalCriterion !== 'fixed') set({ evalCriterion: 'fixed', evalChosen: null });
      s.setThreshold(value, { criterion: 'fixed', split: s.evalSplit, ...(hash ? { dataHash: hash } : {}) });
      // The store subscription in the view calls refreshEvaluation on every threshold change.
    },

    refreshEvaluation: () => {
      const s = get();
      const source = primarySource(s);
      if (!source || source.status !== 'ready' || splitSummaryOf(source, s.evalSplit)?.unusable !== null) return;
      const compareIds = s.evalCompareIds.filter((id) => s.evalSources.some((x) => x.id === id && x.status === 'ready'));
      query({ primaryId: source.id, compareIds, split: s.evalSplit, sourceSplit: s.evalSourceSplit, criterion: s.evalCriterion, threshold: s.threshold });
      scheduleCi();
    },

    setBootstrap: (patch) => {
      set({ evalBootstrap: { ...get().evalBootstrap, ...patch } });
      scheduleCi();
    },

    saveThreshold: async () => {
      const s = get();
      const source = primarySource(s);
      if (!source) return;
      const provenance = s.thresholdProvenance;
      const split = provenance.split ?? s.evalSplit;
      const dataHash = provenance.dataHash ?? splitSummaryOf(source, split)?.dataHash ?? '';
      const record = {
        criterion: provenance.criterion, threshold: s.threshold, split, dataHash, at: provenance.at,
        model: source.modelSha256, source: source.name, decision: 'attack when score >= threshold',
        chosen: s.evalChosen, evaluatedOn: s.evalQuery ? { split: s.evalQuery.split, apcerMax: s.evalQuery.rates.apcerMax, apcerPooled: s.evalQuery.rates.apcerPooled, bpcer: s.evalQuery.rates.bpcer } : null,
      };
      const result = await api().thresholds.save({
        ...(source.modelSha256 ? { modelSha256: source.modelSha256 } : {}),
        value: s.threshold, criterion: provenance.criterion, split: source.kind === 'file' ? `${source.name} · ${split}` : split, dataHash, provenance: JSON.stringify(record),
      });
      if (!result.ok) {
        get().showNotice({ kind: 'error', text: `Threshold not saved: ${result.error.message}` });
        return;
      }
      get().showNotice({ kind: 'info', text: `Saved threshold ${result.value.value} (${result.value.criterion} on ${result.value.split}) as #${result.value.id}; custody log updated.` });
      await get().loadSavedThresholds();
    },

    loadSavedThresholds: async () => {
      const result = await api().thresholds.list({});
      if (result.ok) set({ savedThresholds: result.value });
    },

    applySavedThreshold: (saved) => {
      set({ evalCriterion: 'fixed', evalChosen: null });
      get().setThreshold(saved.value, { criterion: saved.criterion, split: saved.split, dataHash: saved.dataHash });
    },

    showSamplesWhere: async (patch) => {
      const s = get();
      const source = primarySource(s);
      if (!source?.modelSha256) {
        get().showNotice({ kind: 'info', text: 'These scores come from a file outside the workspace: there are no samples to show.' });
        return;
      }
      if (s.table?.modelSha256 !== source.modelSha256) await get().loadSamples(source.modelSha256);
      get().setFilter({ ...EMPTY_FILTER, scored: 'scored', split: s.evalSplit, ...patch });
      get().setTab('samples');
    },

    metricsReport: async () => {
      const s = get();
      const source = primarySource(s);
      if (!source || !s.evalQuery) return null;
      const provenance = { ...s.thresholdProvenance, chosen: s.evalChosen, model: source.modelSha256 };
      const report = await metricsWorkers().interactive.request('report', { sourceId: source.id, split: s.evalSplit, threshold: s.threshold, provenance });
      const ci = s.evalCi.status === 'ready' && s.evalCi.result?.atThreshold?.threshold === s.threshold ? s.evalCi.result : null;
      return { ...report, bootstrap: ci, comparison: s.evalQuery.comparison };
    },
  };
};
