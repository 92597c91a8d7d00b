// Contract namespace `workspace`: open the project's SQLite workspace, summarise it, close it. Pure shared code (common/).
import type { Result } from '../result.js';
import { noPayload, objectOf } from '../validate.js';
import { method } from './define.js';

export interface RunInfo {
  id: number;
  modelSha256: string;
  datasetId: number;
  provider: string;
  status: 'running' | 'completed' | 'cancelled' | 'failed';
  total: number;
  scored: number;
  failed: number;
  skipped: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface WorkspaceSummary {
  file: string;
  schemaVersion: number;
  samples: number;
  datasets: { id: number; root: string; source: string; listPath: string; samples: number }[];
  models: { sha256: string; name: string; predictions: number }[];
  runs: RunInfo[];
  custody: { ok: boolean; entries: number; problem?: string };
}

export const workspaceContract = {
  /** Opens (creating if needed) a workspace folder or .sqlite file; it stays open for later calls. */
  open: method<Result<WorkspaceSummary>>()(objectOf({ path: { kind: 'string' } })),
  /** The open workspace's summary, or null when none is open. */
  summary: method<Result<WorkspaceSummary | null>>()(noPayload),
  /** Closes the open workspace (refused while a run is in progress); false when none was open. */
  close: method<Result<boolean>>()(noPayload),
} as const;
