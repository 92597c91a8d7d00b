// Saved-thresholds slice: operating points stored in the workspace with their provenance (custody-logged
// on the Node side), listed and applied again. Renderer store slice; IPC happens in these actions.
import type { StateCreator } from 'zustand';
import type { SavedThreshold } from '../../common/contract/thresholds';
import { DECISION_RULE } from '../../common/metrics/decision';
import { primarySource, splitSummaryOf } from './evaluation-selectors';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';

export interface SavedThresholdsSlice {
  savedThresholds: SavedThreshold[];
  /** Stores the current operating point of the primary run with its provenance. */
  saveThreshold: () => Promise<void>;
  loadSavedThresholds: () => Promise<void>;
  /** Makes a saved threshold the operating point, with the provenance it was saved with. */
  applySavedThreshold: (saved: SavedThreshold) => void;
}

/** The saved thresholds listed are the open workspace's. */
export const savedThresholdsWorkspaceState = (): Pick<SavedThresholdsSlice, 'savedThresholds'> => ({ savedThresholds: [] });

export const createSavedThresholdsSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], SavedThresholdsSlice> => (set, get) => ({
  ...savedThresholdsWorkspaceState(),

  saveThreshold: async () => {
    const s = get();
    const source = primarySource(s);
    if (!source) return;
    const provenance = s.thresholdProvenance;
    const split = provenance.split ?? s.evalSplit;
    const dataHash = provenance.dataHash ?? splitSummaryOf(source, split)?.dataHash ?? '';
    const record = {
      criterion: provenance.criterion, threshold: s.threshold, split, dataHash, at: provenance.at,
      model: source.modelSha256, source: source.name, decision: DECISION_RULE,
      chosen: s.evalChosen, evaluatedOn: s.evalQuery ? { split: s.evalQuery.split, apcerMax: s.evalQuery.rates.apcerMax, apcerPooled: s.evalQuery.rates.apcerPooled, bpcer: s.evalQuery.rates.bpcer } : null,
    };
    const here = sameWorkspace(get);
    const result = await api().thresholds.save({
      ...(source.modelSha256 ? { modelSha256: source.modelSha256 } : {}),
      value: s.threshold, criterion: provenance.criterion, split: source.kind === 'file' ? `${source.name} · ${split}` : split, dataHash, provenance: JSON.stringify(record),
    });
    if (!here()) return;
    if (!result.ok) {
      get().showNotice({ kind: 'error', text: `Threshold not saved: ${result.error.message}` });
      return;
    }
    get().showNotice({ kind: 'info', text: `Saved threshold ${result.value.value} (${result.value.criterion} on ${result.value.split}) as #${result.value.id}; custody log updated.` });
    await get().loadSavedThresholds();
  },

  loadSavedThresholds: async () => {
    const here = sameWorkspace(get);
    const result = await api().thresholds.list({});
    if (here() && result.ok) set({ savedThresholds: result.value });
  },

  applySavedThreshold: (saved) => {
    get().setOperatingPoint(saved.value, { criterion: saved.criterion, split: saved.split, dataHash: saved.dataHash });
  },
});
