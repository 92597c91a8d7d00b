// Models registered in a workspace: identity, ONNX path and the sidecar as stored (parsed with
// parseSidecar, so a stored sidecar is checked like a file's). Repository functions. Node side (workspace).
import { parseSidecar, type ModelSidecar } from '../../common/model/sidecar.js';
import { connectionOf } from './connection.js';
import type { Workspace } from './workspace.js';

export interface ModelRecord {
  sha256: string;
  name: string;
  onnxPath: string;
  sidecar: ModelSidecar;
  /** The sidecar JSON exactly as stored (its hash identifies it in case files). */
  sidecarJson: string;
  registeredAt: string;
}

/** The registered model, or null when this workspace does not know it. Throws on an unreadable stored sidecar. */
export function modelRecord(workspace: Workspace, sha256: string): ModelRecord | null {
  const row = connectionOf(workspace).get<{ sha256: string; name: string; onnx_path: string; sidecar_json: string; registered_at: string }>(
    'SELECT sha256, name, onnx_path, sidecar_json, registered_at FROM models WHERE sha256 = ?', [sha256]);
  if (!row) return null;
  return { sha256: row.sha256, name: row.name, onnxPath: row.onnx_path, sidecar: parseSidecar(JSON.parse(row.sidecar_json)), sidecarJson: row.sidecar_json, registeredAt: row.registered_at };
}
