// Scoring runs as records: who scored what with which provider and versions, counts and timing.
// Repository functions over the workspace's runs table. Node side (workspace).
import type { RunInfo } from '../../common/contract/workspace.js';
import { connectionOf } from './connection.js';
import type { Workspace } from './workspace.js';

/** A run as stored, with its JSON columns parsed (unreadable JSON reads as null). */
export interface RunRecord extends RunInfo {
  batchSize: number;
  providerAttempts: unknown;
  versions: Record<string, string>;
  inferMs: number;
  decodeMs: number;
  faces: 'detect' | 'none';
}

/** The runs table's row (this folder only). */
export interface RunRow {
  id: number; model_sha256: string; dataset_id: number; provider: string; provider_attempts: string; versions: string; batch_size: number;
  status: RunInfo['status']; total: number; skipped: number; scored: number; failed: number; started_at: string; finished_at: string | null;
  infer_ms: number; decode_ms: number; error: string | null; faces?: string;
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) out[k] = String(v);
  return out;
}

export function runFromRow(r: RunRow): RunRecord {
  return {
    id: r.id, modelSha256: r.model_sha256, datasetId: r.dataset_id, provider: r.provider, status: r.status,
    total: r.total, scored: r.scored, failed: r.failed, skipped: r.skipped, startedAt: r.started_at, finishedAt: r.finished_at ?? null, error: r.error ?? null,
    batchSize: r.batch_size, providerAttempts: json(r.provider_attempts), versions: stringMap(json(r.versions)),
    inferMs: r.infer_ms, decodeMs: r.decode_ms, faces: r.faces === 'detect' ? 'detect' : 'none',
  };
}

/** Runs, newest first (at most `limit`), or oldest first when `order` is 'oldest'. */
export function listRuns(workspace: Workspace, { limit, order = 'newest' }: { limit?: number; order?: 'newest' | 'oldest' } = {}): RunRecord[] {
  const sql = order === 'newest' ? 'SELECT * FROM runs ORDER BY id DESC LIMIT ?' : 'SELECT * FROM runs ORDER BY id LIMIT ?';
  return connectionOf(workspace).all<RunRow & Record<string, unknown>>(sql, [limit ?? -1]).map(runFromRow);
}
