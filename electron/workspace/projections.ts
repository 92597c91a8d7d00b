// Embedding-map projections cached in the workspace: one per model, method and seed, valid while the
// model's embeddings are in the scoring state they were computed from (a later run replaces it).
// Node side (workspace).
import { connectionOf } from './connection.js';
import type { Workspace } from './workspace.js';

export interface StoredProjection {
  modelSha256: string;
  stateKey: string;
  method: string;
  seed: number;
  ids: Int32Array;
  /** [n, 2] row-major. */
  xy: Float32Array;
  seconds: number;
  createdAt: string;
}

const bytesOf = (view: Int32Array | Float32Array): Uint8Array => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

/** Copies a blob into an aligned buffer (a blob's offset need not be 4-aligned). */
function aligned(value: unknown): ArrayBuffer {
  const bytes = value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBuffer);
  return bytes.slice().buffer;
}

export function saveProjection(workspace: Workspace, projection: StoredProjection): void {
  connectionOf(workspace).run(
    `INSERT INTO projections (model_sha256, state_key, method, seed, n, ids_i32, xy_f32, seconds, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (model_sha256, method, seed) DO UPDATE SET state_key = excluded.state_key, n = excluded.n, ids_i32 = excluded.ids_i32,
       xy_f32 = excluded.xy_f32, seconds = excluded.seconds, created_at = excluded.created_at`,
    [projection.modelSha256, projection.stateKey, projection.method, projection.seed, projection.ids.length,
      bytesOf(projection.ids), bytesOf(projection.xy), projection.seconds, projection.createdAt]);
}

/** The cached projection for this state, or null when there is none or the embeddings have changed since. */
export function loadProjection(workspace: Workspace, modelSha256: string, stateKey: string, method: string, seed: number): StoredProjection | null {
  const row = connectionOf(workspace).get<{ state_key: string; n: number; ids_i32: Uint8Array; xy_f32: Uint8Array; seconds: number; created_at: string }>(
    'SELECT state_key, n, ids_i32, xy_f32, seconds, created_at FROM projections WHERE model_sha256 = ? AND method = ? AND seed = ?',
    [modelSha256, method, seed]);
  if (!row || row.state_key !== stateKey) return null;
  const ids = new Int32Array(aligned(row.ids_i32));
  const xy = new Float32Array(aligned(row.xy_f32));
  if (ids.length !== row.n || xy.length !== row.n * 2) return null; // damaged: recompute
  return { modelSha256, stateKey, method, seed, ids, xy, seconds: row.seconds, createdAt: row.created_at };
}
