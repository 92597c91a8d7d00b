// The workbench's one zustand store, composed of typed slices. Renderer; components read it through
// narrow selectors, and IPC happens only in slice actions.
import { create } from 'zustand';
import { createAnalyticsSlice, type AnalyticsSlice } from './analytics-slice';
import { createAnnotationsSlice, type AnnotationsSlice } from './annotations-slice';
import { createAppSlice, type AppSlice } from './app-slice';
import { createCaseSlice, type CaseSlice } from './case-slice';
import { createDatasetSlice, type DatasetSlice } from './dataset-slice';
import { createEvaluationSlice, type EvaluationSlice } from './evaluation-slice';
import { createExplainSlice, type ExplainSlice } from './explain-slice';
import { createInspectorSlice, type InspectorSlice } from './inspector-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createSamplesSlice, type SamplesSlice } from './samples-slice';
import { createThresholdSlice, type ThresholdSlice } from './threshold-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspace-slice';

export type WorkbenchState = AppSlice & DatasetSlice & UiSlice & ThresholdSlice & WorkspaceSlice & SamplesSlice & RunSlice & InspectorSlice & AnalyticsSlice & EvaluationSlice & AnnotationsSlice & CaseSlice & ExplainSlice;

export const useWorkbench = create<WorkbenchState>()((...args) => ({
  ...createAppSlice(...args),
  ...createDatasetSlice(...args),
  ...createUiSlice(...args),
  ...createThresholdSlice(...args),
  ...createWorkspaceSlice(...args),
  ...createSamplesSlice(...args),
  ...createRunSlice(...args),
  ...createInspectorSlice(...args),
  ...createAnalyticsSlice(...args),
  ...createAnnotationsSlice(...args),
  ...createCaseSlice(...args),
  ...createEvaluationSlice(...args),
  ...createExplainSlice(...args),
}));
