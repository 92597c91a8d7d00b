// What a store is created with: the contract client, the metrics workers, and the two browser services
// its actions use (saving a download, the path of a dropped file). Renderer store; the app passes the
// real ones (index.ts), unit tests their own (test/support/workbench-store.ts).
import type { UadApi } from '../../common/api';
import type { MetricsWorkers } from '../workers/metrics-client';

export interface StoreDeps {
  /** The contract client; store actions are its only callers (ARCHITECTURE.md §9). */
  api: () => UadApi;
  metrics: MetricsWorkers;
  /** Saves a Blob under a file name. */
  download: (blob: Blob, fileName: string) => void;
  /** The host path of a file dropped onto the window ('' where the host cannot tell). */
  droppedFilePath: (file: File) => string;
}
