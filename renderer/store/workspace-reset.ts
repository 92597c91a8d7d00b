// What belongs to a workspace in the store: each slice declares its own workspace state (its initial
// value); resetWorkspaceState (workspace-slice.ts) walks this list when a workspace is opened, switched
// or closed, so nothing of one workspace is shown on another. Renderer store (ARCHITECTURE.md §11).
import { analyticsWorkspaceState } from './analytics-slice';
import { annotationsWorkspaceState } from './annotations-slice';
import { caseWorkspaceState } from './case-slice';
import { checkWorkspaceState } from './check-slice';
import type { WorkbenchState } from './create-store';
import { datasetWorkspaceState } from './dataset-slice';
import { disagreementWorkspaceState } from './disagreement-slice';
import { evalCertWorkspaceState } from './eval-cert-slice';
import { evalPairedWorkspaceState } from './eval-paired-slice';
import { evalSourcesWorkspaceState } from './eval-sources-slice';
import { explainWorkspaceState } from './explain-slice';
import { inspectorWorkspaceState } from './inspector-slice';
import { operatingPointWorkspaceState } from './operating-point-slice';
import { runWorkspaceState } from './run-slice';
import { samplesWorkspaceState } from './samples-slice';
import { savedThresholdsWorkspaceState } from './saved-thresholds-slice';

/** Each slice's workspace state, by slice: a fresh initial value per call. */
export const WORKSPACE_STATE = {
  samples: samplesWorkspaceState,
  dataset: datasetWorkspaceState,
  run: runWorkspaceState,
  inspector: inspectorWorkspaceState,
  explain: explainWorkspaceState,
  annotations: annotationsWorkspaceState,
  analytics: analyticsWorkspaceState,
  operatingPoint: operatingPointWorkspaceState,
  evalSources: evalSourcesWorkspaceState,
  savedThresholds: savedThresholdsWorkspaceState,
  evalCert: evalCertWorkspaceState,
  evalPaired: evalPairedWorkspaceState,
  disagreement: disagreementWorkspaceState,
  case: caseWorkspaceState,
  check: checkWorkspaceState,
} as const satisfies Record<string, () => Partial<WorkbenchState>>;

/** Every slice's workspace state at its initial value. */
export function workspaceInitialState(): Partial<WorkbenchState> {
  return Object.assign({}, ...Object.values(WORKSPACE_STATE).map((initial) => initial())) as Partial<WorkbenchState>;
}

/**
 * State that is not a workspace's and stays across a switch: host facts and the notice, recent paths,
 * the models open in the session (they are not stored in a workspace), the tab and view preferences
 * (sort, table or grid, routing view controls, map colouring, bootstrap settings, readiness profiles),
 * the examiner's name, the run status (the host refuses a switch while a run is in progress), and the
 * counter that names scores files. The workspace slice's own fields are set by the open itself.
 */
export const KEPT_ACROSS_WORKSPACES = [
  'appInfo', 'notice', 'recentWorkspaces', 'recentModels', 'recentDatasets', 'models', 'modelBusy',
  'workspace', 'workspacePath', 'workspaceGeneration',
  'tab', 'helpOpen', 'sort', 'browserView',
  'layerIndex', 'layerChosen', 'routingMode', 'expert', 'slot', 'opacity', 'rangeMode', 'gridLines', 'compare',
  'similarK', 'occlusionGrid', 'mapOpen', 'mapColouring',
  'evalBootstrap', 'evalFilesAdded', 'certProfileId', 'certUserProfiles',
  'annotationAuthor', 'autoAdvance', 'runStatus',
] as const satisfies readonly (keyof WorkbenchState)[];
