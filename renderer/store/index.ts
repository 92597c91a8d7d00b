// The workbench's one zustand store, composed of typed slices, with the subscription that keeps the
// evaluation in step with the operating point. Renderer; components read it through narrow selectors,
// and IPC happens only in slice actions.
import { create } from 'zustand';
import { createAnalyticsSlice, type AnalyticsSlice } from './analytics-slice';
import { createAnnotationsSlice, type AnnotationsSlice } from './annotations-slice';
import { createAppSlice, type AppSlice } from './app-slice';
import { createCaseSlice, type CaseSlice } from './case-slice';
import { createDatasetSlice, type DatasetSlice } from './dataset-slice';
import { createEvalCertSlice, type EvalCertSlice } from './eval-cert-slice';
import { createEvalReportSlice, type EvalReportSlice } from './eval-report-slice';
import { createEvalSourcesSlice, type EvalSourcesSlice } from './eval-sources-slice';
import { createExplainSlice, type ExplainSlice } from './explain-slice';
import { createInspectorSlice, type InspectorSlice } from './inspector-slice';
import { createOperatingPointSlice, type OperatingPointSlice } from './operating-point-slice';
import { keepEvaluationInStep } from './operating-point-sync';
import { createRunSlice, type RunSlice } from './run-slice';
import { createSamplesSlice, type SamplesSlice } from './samples-slice';
import { createSavedThresholdsSlice, type SavedThresholdsSlice } from './saved-thresholds-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';

export type WorkbenchState = AppSlice & DatasetSlice & UiSlice & OperatingPointSlice & WorkspaceSlice & SamplesSlice & RunSlice & InspectorSlice
  & AnalyticsSlice & EvalSourcesSlice & SavedThresholdsSlice & EvalReportSlice & EvalCertSlice & AnnotationsSlice & CaseSlice & ExplainSlice;

/** A fresh store (the app makes one; unit tests make their own). */
export function createWorkbenchStore() {
  const store = create<WorkbenchState>()((...args) => ({
    ...createAppSlice(...args),
    ...createDatasetSlice(...args),
    ...createUiSlice(...args),
    ...createOperatingPointSlice(...args),
    ...createWorkspaceSlice(...args),
    ...createSamplesSlice(...args),
    ...createRunSlice(...args),
    ...createInspectorSlice(...args),
    ...createAnalyticsSlice(...args),
    ...createAnnotationsSlice(...args),
    ...createCaseSlice(...args),
    ...createEvalSourcesSlice(...args),
    ...createSavedThresholdsSlice(...args),
    ...createEvalReportSlice(...args),
    ...createEvalCertSlice(...args),
    ...createExplainSlice(...args),
  }));
  keepEvaluationInStep(store);
  return store;
}

export const useWorkbench = createWorkbenchStore();
