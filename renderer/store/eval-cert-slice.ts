// Certification slice: exact (Clopper-Pearson) rates at the operating point (counted in the metrics
// worker), non-responses, attack classes, the readiness profile checklist, identity leakage between the
// loaded splits, and the evaluation report export — all from common/metrics, as `uad metrics` / `uad report`. Renderer store slice.
import { isLabelled } from '../../common/dataset/label';
import type { StateCreator } from 'zustand';
import {
  BUILTIN_PROFILES,
  classOfCategory,
  identityLeakage,
  parseProfile,
  type CertificationRates,
  type LeakageReport,
  type NonResponse,
  type ProfileResult,
  type ReadinessProfile,
} from '../../common/metrics/index';
import type { SampleTable } from '../../common/api';
import type { ReportComparison } from '../../common/report/comparison-section';
import { ALL_SPLITS } from '../workers/split-data';
import type { ScoreColumns } from '../workers/metrics-protocol';
import { primarySource, splitSummaryOf, thresholdChosenOnEvaluatedData } from './evaluation-selectors';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { onWorkspaceLeft, sameWorkspace } from './workspace-generation';

type SplitNonResponse = NonResponse & { split: string };

/** The paired comparisons shown on the tab, when they belong to this operating point: the report's comparison section. */
function reportComparisons(s: WorkbenchState): ReportComparison[] {
  if (s.evalPaired.status !== 'ready') return [];
  return s.evalPaired.pairs.flatMap((pair, k) => (pair.comparison.thresholdA !== s.threshold ? [] : [{
    a: pair.a, b: pair.b, onlyA: pair.onlyA, onlyB: pair.onlyB, comparison: pair.comparison,
    thresholdSaysA: s.evalPaired.says[k]?.[0] ?? '', thresholdSaysB: s.evalPaired.says[k]?.[1] ?? '',
  }]));
}

export interface CertState {
  /** Source, split, threshold and profile of the latest recount asked for. */
  key: string;
  /** 'computing' while the worker recounts for `key`: the rates held are then those of an earlier key. */
  status: 'idle' | 'computing' | 'ready' | 'error';
  counted: CertificationRates | null;
  profile: ProfileResult | null;
  leakage: LeakageReport | null;
  error: string | null;
}

export interface ReportExportState {
  /** 'preparing' while the bootstrap worker computes the report; 'error' when the last export failed. */
  status: 'idle' | 'preparing' | 'error';
  error: string | null;
}

export interface EvalCertSlice {
  /** '' for no profile. */
  certProfileId: string;
  certUserProfiles: ReadinessProfile[];
  /** Non-responses of workspace model sources, fetched once per source. */
  certNonResponses: Readonly<Record<string, SplitNonResponse[]>>;
  cert: CertState;
  certReport: ReportExportState;
  /** While a report is prepared: its bootstrap replicates done of all (null before the first count, and when none is). */
  certReportProgress: { done: number; total: number } | null;
  /** Stops the report under way: nothing is downloaded, and the export can be asked again at once. */
  cancelEvaluationReport: () => void;
  setCertProfile: (id: string) => void;
  /** Reads a profile JSON file chosen by the user and selects it. */
  addUserProfile: (file: File) => Promise<void>;
  /** Recounts the rates for the current operating point in the metrics worker (skipped when up to date or under way); resolves when this recount is shown or superseded. */
  refreshCertification: () => Promise<void>;
  /**
   * Downloads the self-contained HTML report of the current operating point, computed on the bootstrap worker and
   * the report helper (evaluationReportOnWorkers); while one is being prepared, asking again waits for it instead of
   * starting another, and cancelEvaluationReport stops it.
   */
  exportEvaluationReport: () => Promise<void>;
}

/** The workspace sample table when it holds the evaluated model's samples. */
const tableOf = (s: WorkbenchState): SampleTable | null => {
  const source = primarySource(s);
  return s.table && source?.modelSha256 && s.table.modelSha256 === source.modelSha256 ? s.table : null;
};

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const nonResponsesOf = (nonResponses: readonly SplitNonResponse[], split: string): SplitNonResponse[] => nonResponses.filter((n) => split === ALL_SPLITS || n.split === split);

/**
 * Identities of each named split, for the leakage check: every listed sample of the workspace table
 * when it belongs to the evaluated model (scored or not, so a loaded train list counts), else the
 * source's scored columns.
 */
function splitLeakage(columns: ScoreColumns, table: SampleTable | null): LeakageReport | null {
  const bySplit = new Map<string, Set<string>>();
  const add = (split: string, identity: string): void => {
    if (split === '' || identity === '') return;
    let set = bySplit.get(split);
    if (!set) bySplit.set(split, (set = new Set()));
    set.add(identity);
  };
  if (table) {
    for (let i = 0; i < table.id.length; i++) add(table.split[i] ?? '', table.identity[i] ?? '');
  } else if (columns.identityCodes && columns.identityNames) {
    for (let i = 0; i < columns.scores.length; i++) add(columns.splitNames[columns.splitCodes[i]] ?? '', columns.identityNames[columns.identityCodes[i]] ?? '');
  }
  const splits = [...bySplit.keys()];
  if (splits.length < 2) return null;
  const order = ['train', 'dev', 'test'];
  splits.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b));
  return identityLeakage(splits.map((split) => ({ split, identities: bySplit.get(split)! })));
}

/** The certification state that belongs to the open workspace: non-responses fetched, the counted panel, the report status (the profiles stay). */
export const evalCertWorkspaceState = (): Pick<EvalCertSlice, 'certNonResponses' | 'cert' | 'certReport' | 'certReportProgress'> => ({
  certNonResponses: {}, cert: { key: '', status: 'idle', counted: null, profile: null, leakage: null, error: null }, certReport: { status: 'idle', error: null },
  certReportProgress: null,
});

export const createEvalCertSlice = ({ api, metrics, download }: StoreDeps): StateCreator<WorkbenchState, [], [], EvalCertSlice> => (set, get, store) => {
  /** The recount sent last (or waiting to be sent): each waits for the one before, so the worker holds at most one. */
  let certChain: Promise<void> = Promise.resolve();
  /** The report export under way, if any. */
  let reportJob: Promise<void> | null = null;
  /** Counts cancelled reports: a report started before the latest cancel neither downloads nor reports an error. */
  let reportCancels = 0;
  /** Leakage does not move with the threshold: counted again only when the columns or the table change. */
  let leakageMemo: { columns: ScoreColumns; table: SampleTable | null; report: LeakageReport | null } | null = null;
  const leakageOf = (columns: ScoreColumns, table: SampleTable | null): LeakageReport | null => {
    if (leakageMemo?.columns !== columns || leakageMemo.table !== table) leakageMemo = { columns, table, report: splitLeakage(columns, table) };
    return leakageMemo.report;
  };

  onWorkspaceLeft(store, () => { leakageMemo = null; });

  const profileOf = (id: string): ReadinessProfile | undefined => [...BUILTIN_PROFILES, ...get().certUserProfiles].find((p) => p.id === id);

  /** The primary source's columns and non-responses, fetching a model's non-responses on first use. */
  const inputs = async (): Promise<{ sourceId: string; columns: ScoreColumns; nonResponses: SplitNonResponse[] } | null> => {
    const s = get();
    const source = primarySource(s);
    const columns = source ? s.evalColumns[source.id] : undefined;
    if (!source || source.status !== 'ready' || !columns) return null;
    if (columns.nonResponses) return { sourceId: source.id, columns, nonResponses: columns.nonResponses };
    let nonResponses = s.certNonResponses[source.id];
    if (!nonResponses && source.modelSha256) {
      const here = sameWorkspace(get);
      const result = await api().samples.unscored({ modelSha256: source.modelSha256 });
      if (!here()) return null; // the workspace was left meanwhile
      if (!result.ok) throw new Error(result.error.message);
      // A questioned sample without a score is no non-response of a known class: left out with the questioned.
      nonResponses = result.value.samples.flatMap((u, i) => {
        if (!isLabelled(u.label)) return [];
        const attackClass = u.label === 1 ? classOfCategory(u.category) : 'unclassified';
        return [{ line: i + 1, path: u.path, label: u.label, species: u.label === 1 ? u.species : '', attackClass, identity: u.identity, reason: u.reason, split: u.split }];
      });
      set({ certNonResponses: { ...get().certNonResponses, [source.id]: nonResponses } });
    }
    return { sourceId: source.id, columns, nonResponses: [...(nonResponses ?? []), ...(columns.outOfDomain ?? [])] };
  };

  return {
    certProfileId: '',
    certUserProfiles: [],
    ...evalCertWorkspaceState(),

    setCertProfile: (id) => {
      set({ certProfileId: id });
      void get().refreshCertification();
    },

    addUserProfile: async (file) => {
      try {
        const profile = parseProfile(await file.text(), file.name);
        set({ certUserProfiles: [...get().certUserProfiles.filter((p) => p.id !== profile.id), profile] });
        get().setCertProfile(profile.id);
      } catch (error) {
        get().showNotice({ kind: 'error', text: `Cannot use ${file.name} as a profile: ${message(error)}` });
      }
    },

    refreshCertification: async () => {
      const s = get();
      const source = primarySource(s);
      if (!source || source.status !== 'ready' || !s.evalColumns[source.id]) return;
      const { evalSplit: split, threshold } = s;
      const profile = profileOf(s.certProfileId) ?? null;
      const key = JSON.stringify([source.id, split, threshold, s.certProfileId, s.certUserProfiles.length, tableOf(s)?.id.length ?? 0, s.evalDecideOutOfDomainByScore]);
      if (s.cert.key === key && s.cert.status === 'ready') return;
      if (s.cert.key === key && s.cert.status === 'computing') return certChain; // under way: wait for it
      // The rates held stay on screen, marked as recounting, until this key's answer arrives.
      set({ cert: { ...s.cert, key, status: 'computing', error: null } });
      const here = sameWorkspace(get);
      const current = (): boolean => here() && get().cert.key === key;
      const previous = certChain;
      const run = (async () => {
        await previous;
        if (!current()) return; // superseded before it was sent: never sent
        try {
          const input = await inputs();
          if (!current()) return;
          if (!input) {
            set({ cert: { ...get().cert, status: 'idle' } }); // the source went away meanwhile
            return;
          }
          const nonResponses = nonResponsesOf(input.nonResponses, split);
          const result = await metrics.interactive.request('certify', { sourceId: input.sourceId, split, threshold, nonResponses, profile });
          if (!current()) return; // the operating point moved on while counting: stale, dropped
          set({ cert: { key, status: 'ready', counted: result.counted, profile: result.profile, leakage: leakageOf(input.columns, tableOf(get())), error: null } });
        } catch (error) {
          if (current()) set({ cert: { key, status: 'error', counted: null, profile: null, leakage: null, error: message(error) } });
        }
      })();
      certChain = run;
      await run;
    },

    exportEvaluationReport: () => {
      if (reportJob) return reportJob;
      const s = get();
      set({ certReport: { status: 'preparing', error: null }, certReportProgress: null });
      const here = sameWorkspace(get);
      const cancels = reportCancels;
      const cancelled = () => reportCancels !== cancels;
      const job = (async () => {
        try {
          const input = await inputs();
          const source = primarySource(s);
          if (!input || !source) throw new Error('nothing is evaluated yet');
          const tp = s.thresholdProvenance;
          const origin = tp.criterion === 'fixed' ? `set by hand in the Evaluation tab (${tp.at})`
            : `chosen by ${tp.criterion}${tp.split ? ` on split ${tp.split}` : ''}${tp.dataHash ? ` (scores/labels SHA-256 ${tp.dataHash})` : ''} in the Evaluation tab (${tp.at})`;
          const description = `${source.name}, split ${s.evalSplit}`;
          if (cancelled()) return;
          const page = await get().evaluationReportOnWorkers(input.sourceId, {
            sourceId: input.sourceId,
            split: s.evalSplit,
            threshold: s.threshold,
            description,
            nonResponses: nonResponsesOf(input.nonResponses, s.evalSplit),
            profile: profileOf(s.certProfileId) ?? null,
            bootstrap: { replicates: s.evalBootstrap.replicates, seed: s.evalBootstrap.seed, resample: s.evalBootstrap.resample },
            leakage: leakageOf(input.columns, tableOf(get())),
            comparisons: reportComparisons(s),
            provenance: {
              generatedAt: new Date().toISOString(),
              generator: 'UAD Workbench (Evaluation tab)',
              scores: { description, scoreLabelSha256: splitSummaryOf(source, s.evalSplit)?.dataHash ?? '' },
              model: source.modelSha256 ? { name: source.name, sha256: source.modelSha256 } : null,
              thresholdOrigin: origin,
              thresholdChosenOnEvaluatedData: thresholdChosenOnEvaluatedData(s),
              examiner: s.annotationAuthor.trim() || s.caseForm.examiner.trim(),
            },
          }, (done, total) => { if (here() && !cancelled()) set({ certReportProgress: { done, total } }); });
          if (!here() || cancelled()) return; // the report of a workspace left meanwhile is not saved from the next one
          const fileName = `evaluation-report-${s.evalSplit}.html`;
          download(page, fileName);
          set({ certReport: { status: 'idle', error: null } });
          get().showNotice({ kind: 'info', text: `Evaluation report saved as ${fileName} (your downloads folder).` });
        } catch (error) {
          if (!here() || cancelled()) return;
          const text = `Cannot write the evaluation report: ${message(error)}`;
          set({ certReport: { status: 'error', error: text } });
          get().showNotice({ kind: 'error', text });
        } finally {
          if (!cancelled()) { // else the cancel has let it go, and a newer report may be under way
            reportJob = null;
            if (here()) set({ certReportProgress: null });
          }
        }
      })();
      reportJob = job;
      return job;
    },

    cancelEvaluationReport: () => {
      if (!reportJob) return;
      reportJob = null;
      reportCancels++;
      get().cancelReportWork();
      set({ certReport: { status: 'idle', error: null }, certReportProgress: null });
    },
  };
};
