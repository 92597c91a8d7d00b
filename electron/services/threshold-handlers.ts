// Contract handlers of the `thresholds` namespace: saved operating points with provenance, each save
// logged in the custody chain in the same transaction. Node side.
import type { NamespaceHandlers } from '../../common/api.js';
import type { SavedThreshold } from '../../common/contract/thresholds.js';
import { appendCustody } from '../workspace/custody.js';
import type { Workspace } from '../workspace/workspace.js';
import { guarded } from './session-handlers.js';
import { SessionError, type WorkbenchSession } from './session.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

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

export interface ThresholdToSave {
  modelSha256?: string;
  value: number;
  criterion: string;
  split: string;
  dataHash: string;
  provenance: string;
}

/** Checks what the validator cannot (hash shapes, provenance is a JSON object) and stores it. */
export function saveThreshold(workspace: Workspace, input: ThresholdToSave): SavedThreshold {
  const model = input.modelSha256?.toLowerCase() ?? null;
  if (model !== null && !SHA256_HEX.test(model)) throw new SessionError('invalid-argument', 'modelSha256 must be a SHA-256 in hex (64 characters).');
  if (!SHA256_HEX.test(input.dataHash)) throw new SessionError('invalid-argument', 'dataHash must be a SHA-256 in lowercase hex (64 characters).');
  const criterion = input.criterion.trim();
  if (criterion === '') throw new SessionError('invalid-argument', 'criterion must name how the threshold was chosen (e.g. fixed, eer, bpcer20).');
  let provenance: unknown;
  try {
    provenance = JSON.parse(input.provenance);
  } catch {
    throw new SessionError('invalid-argument', 'provenance must be JSON text.');
  }
  if (typeof provenance !== 'object' || provenance === null || Array.isArray(provenance)) {
    throw new SessionError('invalid-argument', 'provenance must be a JSON object.');
  }
  const createdAt = new Date().toISOString();
  return workspace.sql.transaction(() => {
    const { lastInsertRowid: id } = workspace.sql.run(
      'INSERT INTO thresholds (model_sha256, value, criterion, split, data_hash, provenance, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [model, input.value, criterion, input.split, input.dataHash, JSON.stringify(provenance), createdAt],
    );
    appendCustody(workspace.sql, workspace.actor, 'threshold', {
      threshold: id, model, value: input.value, criterion, split: input.split, dataHash: input.dataHash,
    });
    return fromRow(workspace.sql.get<ThresholdRow & Record<string, unknown>>('SELECT * FROM thresholds WHERE id = ?', [id])!);
  });
}

export function listThresholds(workspace: Workspace, modelSha256?: string): SavedThreshold[] {
  const rows = modelSha256 === undefined
    ? workspace.sql.all<ThresholdRow & Record<string, unknown>>('SELECT * FROM thresholds ORDER BY id DESC')
    : workspace.sql.all<ThresholdRow & Record<string, unknown>>('SELECT * FROM thresholds WHERE model_sha256 = ? ORDER BY id DESC', [modelSha256.toLowerCase()]);
  return rows.map(fromRow);
}

export function thresholdHandlers(session: WorkbenchSession): NamespaceHandlers<'thresholds'> {
  return {
    save: async (input) => guarded(() => saveThreshold(session.requireWorkspace(), input), 'threshold-error'),
    list: async ({ modelSha256 }) => guarded(() => listThresholds(session.requireWorkspace(), modelSha256)),
  };
}
