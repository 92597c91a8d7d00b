// The app's store: the one zustand store (create-store.ts) over the real contract client, metrics
// workers and browser services. Renderer; components read it through narrow selectors, and IPC happens
// only in slice actions.
import { connectToHost, droppedFilePath } from '../bridge/client';
import { downloadBlob } from '../lib/download';
import { browserMetricsWorkers } from '../workers/metrics-client';
import { createWorkbenchStore } from './create-store';

export type { WorkbenchState } from './create-store';

const host = connectToHost();

export const useWorkbench = createWorkbenchStore({ api: () => host, metrics: browserMetricsWorkers(), download: downloadBlob, droppedFilePath });
export { slotThresholdSays, slotThresholdValue } from './slot-threshold';
