// Saved thresholds (operating points with provenance) as records: stored with a custody 'threshold'
// entry in one transaction, listed, and looked up for case files. Repository functions. Node side (workspace).
import type { SavedThreshold } from '../../common/contract/thresholds.js';
import { connectionOf } from './connection.js';
import { appendCustody } from './custody.js';
import type { Workspace } from './workspace.js';

interface ThresholdRow {
  id: number;
  model_sha256: string | null;
  value: number;
  criterion: string;
  split: string;
  data_hash: string;
  provenance: string;
  created_at: string;
}

const COLUMNS = 'id, model_sha256, value, criterion, split, data_hash, provenance, created_at';

function fromRow(row: ThresholdRow): SavedThreshold {
  let provenance: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.provenance);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) provenance = parsed as Record<string, unknown>;
  } catch {
    // A row written by another tool with unreadable provenance still lists, with an empty record.
  }
  return {
    id: row.id, modelSha256: row.model_sha256, value: row.value, criterion: row.criterion, split: row.split,
    dataHash: row.data_hash, provenance, createdAt: row.created_at,
  };
}

/** A checked threshold to store (the handler validates; this only writes): the saved record less what the workspace assigns. */
export type ThresholdRecordInput = Omit<SavedThreshold, 'id' | 'createdAt'>;

export function insertThreshold(workspace: Workspace, input: ThresholdRecordInput): SavedThreshold {
  const sql = connectionOf(workspace);
  return sql.transaction(() => {
    const { lastInsertRowid: id } = sql.run(
      'INSERT INTO thresholds (model_sha256, value, criterion, split, data_hash, provenance, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [input.modelSha256, input.value, input.criterion, input.split, input.dataHash, JSON.stringify(input.provenance), new Date().toISOString()],
    );
    appendCustody(sql, workspace.actor, 'threshold', {
      threshold: id, model: input.modelSha256, value: input.value, criterion: input.criterion, split: input.split, dataHash: input.dataHash,
    });
    return fromRow(sql.get<ThresholdRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM thresholds WHERE id = ?`, [id])!);
  });
}

/** Saved thresholds, newest first; only those of `modelSha256` when given. */
export function listThresholds(workspace: Workspace, modelSha256?: string): SavedThreshold[] {
  const sql = connectionOf(workspace);
  const rows = modelSha256 === undefined
    ? sql.all<ThresholdRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM thresholds ORDER BY id DESC`)
    : sql.all<ThresholdRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM thresholds WHERE model_sha256 = ? ORDER BY id DESC`, [modelSha256.toLowerCase()]);
  return rows.map(fromRow);
}

/** The newest saved threshold equal to this operating point (for this model or a scores file), if any. */
export function matchingThreshold(workspace: Workspace, modelSha256: string, criterion: string, value: number): SavedThreshold | null {
  const row = connectionOf(workspace).get<ThresholdRow & Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM thresholds WHERE (model_sha256 = ? OR model_sha256 IS NULL) AND criterion = ? AND abs(value - ?) < 1e-12
     ORDER BY id DESC LIMIT 1`, [modelSha256, criterion, value]);
  return row ? fromRow(row) : null;
}
