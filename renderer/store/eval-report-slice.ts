// Evaluation report and navigation slice: the metrics report (the CLI's JSON at the operating point,
// with intervals and comparison) and jumps from a rate to its samples in the browser. Renderer store slice.
import type { StateCreator } from 'zustand';
import { outOfDomainCount, primarySource } from './evaluation-selectors';
import { EMPTY_FILTER, type BrowserFilter } from './samples-slice';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';
import { shownModelOf } from './samples-slice';

export interface EvalReportSlice {
  /** Opens the Samples tab on the primary run's samples of the evaluated split matching `patch`. */
  showSamplesWhere: (patch: Partial<BrowserFilter>) => Promise<void>;
  /** The metrics report at the operating point; null when nothing is evaluated. */
  metricsReport: () => Promise<Record<string, unknown> | null>;
}

export const createEvalReportSlice = ({ metrics }: StoreDeps): StateCreator<WorkbenchState, [], [], EvalReportSlice> => (_set, get) => ({
  showSamplesWhere: async (patch) => {
    const s = get();
    const source = primarySource(s);
    if (!source?.modelSha256) {
      get().showNotice({ kind: 'info', text: 'These scores come from a file outside the workspace: there are no samples to show.' });
      return;
    }
    const here = sameWorkspace(get);
    if (shownModelOf(s) !== source.modelSha256) await get().loadSamples(source.modelSha256);
    if (!here()) return;
    get().setFilter({ ...EMPTY_FILTER, scored: 'scored', split: s.evalSplit, ...patch });
    get().setTab('samples');
  },

  metricsReport: async () => {
    const s = get();
    const source = primarySource(s);
    if (!source || !s.evalQuery) return null;
    const provenance = {
      ...s.thresholdProvenance, chosen: s.evalChosen, model: source.modelSha256,
      outOfDomain: { samples: outOfDomainCount(s), decidedByScore: s.evalDecideOutOfDomainByScore },
    };
    const report = await metrics.interactive.request('report', { sourceId: source.id, split: s.evalSplit, threshold: s.threshold, provenance });
    const ci = s.evalCi.status === 'ready' && s.evalCi.result?.atThreshold?.threshold === s.threshold ? s.evalCi.result : null;
    return { ...report, bootstrap: ci, comparison: s.evalQuery.comparison };
  },
});
