// The workbench's one zustand store, composed of typed slices over the dependencies it is given, with
// the subscription that keeps the evaluation in step with the operating point. Renderer store; index.ts
// makes the app's store, unit tests make their own.
import { create } from 'zustand';
import { createAnalyticsSlice, type AnalyticsSlice } from './analytics-slice';
import { createAnnotationsSlice, type AnnotationsSlice } from './annotations-slice';
import { createAppSlice, type AppSlice } from './app-slice';
import { createCaseSlice, type CaseSlice } from './case-slice';
import { createCheckSlice, type CheckSlice } from './check-slice';
import { createDatasetSlice, type DatasetSlice } from './dataset-slice';
import { createDisagreementSlice, type DisagreementSlice } from './disagreement-slice';
import { createEvalCertSlice, type EvalCertSlice } from './eval-cert-slice';
import { createEvalPairedSlice, type EvalPairedSlice } from './eval-paired-slice';
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
import type { StoreDeps } from './store-deps';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';

export type WorkbenchState = AppSlice & DatasetSlice & UiSlice & OperatingPointSlice & WorkspaceSlice & SamplesSlice & RunSlice & InspectorSlice
  & AnalyticsSlice & EvalSourcesSlice & SavedThresholdsSlice & EvalReportSlice & EvalCertSlice & AnnotationsSlice & CaseSlice & ExplainSlice
  & CheckSlice & EvalPairedSlice & DisagreementSlice;

/** A fresh store over `deps` (the app makes one in index.ts; unit tests make their own). */
export function createWorkbenchStore(deps: StoreDeps) {
  const store = create<WorkbenchState>()((...args) => ({
    ...createAppSlice(deps)(...args),
    ...createDatasetSlice(deps)(...args),
    ...createUiSlice(...args),
    ...createOperatingPointSlice(deps)(...args),
    ...createWorkspaceSlice(deps)(...args),
    ...createSamplesSlice(deps)(...args),
    ...createRunSlice(deps)(...args),
    ...createInspectorSlice(deps)(...args),
    ...createAnalyticsSlice(deps)(...args),
    ...createAnnotationsSlice(deps)(...args),
    ...createCaseSlice(deps)(...args),
    ...createEvalSourcesSlice(deps)(...args),
    ...createSavedThresholdsSlice(deps)(...args),
    ...createEvalReportSlice(deps)(...args),
    ...createEvalCertSlice(deps)(...args),
    ...createExplainSlice(deps)(...args),
    ...createCheckSlice(deps)(...args),
    ...createEvalPairedSlice(deps)(...args),
    ...createDisagreementSlice(deps)(...args),
  }));
  keepEvaluationInStep(store);
  return store;
}
