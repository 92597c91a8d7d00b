// Operating-point slice: the threshold every decision in the UI is made at (attack when score ≥ τ), its
// provenance, and the criterion that chose it. `setOperatingPoint` is the only action that moves it:
// slider, numeric entry, curve click, browser and case-form τ fields, criteria and saved thresholds all
// go through it. Renderer store slice; the rates follow through operating-point-sync.ts.
import type { StateCreator } from 'zustand';
import type { ThresholdProvenance } from '../../common/contract/operating-point';
import type { ThresholdChoice as ChosenProvenance } from '../../common/metrics/index';
import { isCriterionChoice, primarySource, splitSummaryOf, type CriterionChoice } from './evaluation-selectors';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';

/** Where a threshold being set comes from; omitted when set by hand. */
export interface OperatingPointOrigin {
  criterion: string;
  split?: string;
  dataHash?: string;
  /** The criterion's full provenance from the metrics library (criteria only). */
  chosen?: ChosenProvenance;
}

export interface OperatingPointSlice {
  threshold: number;
  thresholdProvenance: ThresholdProvenance;
  /** The criterion select: a criterion while the threshold is the one it chose, else 'fixed'. */
  evalCriterion: CriterionChoice;
  /** The library's provenance of the criterion threshold (null unless a criterion chose it). */
  evalChosen: ChosenProvenance | null;
  /**
   * Moves the operating point. Without `origin` the threshold is set by hand: the criterion becomes
   * 'fixed' and the provenance names the evaluated split and its data hash.
   */
  setOperatingPoint: (threshold: number, origin?: OperatingPointOrigin) => void;
  /** Chooses the threshold by `criterion` on the criterion split ('fixed' keeps τ, set by hand). */
  applyCriterion: (criterion: CriterionChoice) => Promise<void>;
}

/** The operating point belongs to the open workspace: its provenance names that workspace's data. */
export const operatingPointWorkspaceState = (): Pick<OperatingPointSlice, 'threshold' | 'thresholdProvenance' | 'evalCriterion' | 'evalChosen'> => ({
  threshold: 0.5, thresholdProvenance: { criterion: 'fixed', at: new Date(0).toISOString() }, evalCriterion: 'fixed', evalChosen: null,
});

export const createOperatingPointSlice = ({ metrics }: StoreDeps): StateCreator<WorkbenchState, [], [], OperatingPointSlice> => (set, get) => ({
  ...operatingPointWorkspaceState(),

  setOperatingPoint: (threshold, origin) => {
    if (!Number.isFinite(threshold)) return;
    const s = get();
    let provenance: Omit<ThresholdProvenance, 'at'>;
    if (origin) {
      provenance = { criterion: origin.criterion, ...(origin.split ? { split: origin.split } : {}), ...(origin.dataHash ? { dataHash: origin.dataHash } : {}) };
    } else {
      const hash = splitSummaryOf(primarySource(s), s.evalSplit)?.dataHash;
      provenance = { criterion: 'fixed', ...(primarySource(s) ? { split: s.evalSplit } : {}), ...(hash ? { dataHash: hash } : {}) };
    }
    const chosen = origin?.chosen ?? null;
    set({
      threshold,
      thresholdProvenance: { ...provenance, at: new Date().toISOString() },
      evalCriterion: chosen && isCriterionChoice(origin!.criterion) ? origin!.criterion : 'fixed',
      evalChosen: chosen,
    });
  },

  applyCriterion: async (criterion) => {
    const s = get();
    const source = primarySource(s);
    if (criterion === 'fixed' || !source || source.status !== 'ready') {
      s.setOperatingPoint(s.threshold);
      return;
    }
    const here = sameWorkspace(get);
    try {
      const chosen = await metrics.interactive.request('choose', { sourceId: source.id, split: s.evalSourceSplit, criterion });
      if (!here()) return; // chosen on the data of a workspace left meanwhile
      get().setOperatingPoint(chosen.provenance.threshold, { criterion, split: s.evalSourceSplit, dataHash: chosen.dataHash, chosen: chosen.provenance });
    } catch (error) {
      if (!here()) return;
      get().showNotice({ kind: 'error', text: `Cannot apply ${criterion}: ${error instanceof Error ? error.message : String(error)}` });
    }
  },
});
