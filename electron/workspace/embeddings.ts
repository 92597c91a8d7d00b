// Per-sample embeddings in the workspace: the model's `embedding` output stored as float16 (2 bytes a
// dimension: 128 B a sample for the 64-d demo models, 1 KiB for a 512-d ViT-B/16), read back as one
// matrix per model for nearest neighbours and the embedding map. Node side (workspace).
import { connectionOf } from './connection.js';
import type { Sql } from './sqlite.js';
import type { Workspace } from './workspace.js';

/** Every stored embedding of one model, rows in sample-id order. */
export interface EmbeddingMatrix {
  modelSha256: string;
  /** Sample id of each row. */
  ids: Int32Array;
  dims: number;
  /** Float16 bits, row-major [ids.length, dims]. */
  f16: Uint16Array;
}

export class EmbeddingError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'EmbeddingError';
  }
}

/** Stores (or replaces) the samples' embeddings, one statement for many; call inside the batch's transaction. */
export function storeEmbeddings(sql: Sql, modelSha256: string, embeddings: { sampleId: number; f16: Uint16Array }[]): void {
  const values = embeddings.flatMap(({ sampleId, f16 }) => [sampleId, modelSha256, f16.length, new Uint8Array(f16.buffer, f16.byteOffset, f16.byteLength)]);
  sql.runRows('INSERT OR REPLACE INTO embeddings (sample_id, model_sha256, dims, embedding_f16)', 4, values);
}

function asBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new EmbeddingError('corrupt', 'an embedding in the workspace is not a blob');
}

/**
 * All embeddings of one model with a current prediction, in sample-id order. Rows of another width than
 * the first (a workspace edited by another tool) are refused with a clear error rather than mixed.
 */
export function readEmbeddings(workspace: Workspace, modelSha256: string): EmbeddingMatrix {
  const rows = connectionOf(workspace).allRaw(
    `SELECT e.sample_id, e.dims, e.embedding_f16 FROM embeddings e
     JOIN predictions p ON p.sample_id = e.sample_id AND p.model_sha256 = e.model_sha256
     WHERE e.model_sha256 = ? ORDER BY e.sample_id`, [modelSha256]);
  const n = rows.length;
  const dims = n > 0 ? (rows[0]![1] as number) : 0;
  const ids = new Int32Array(n);
  const f16 = new Uint16Array(n * dims);
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    if (row[1] !== dims) throw new EmbeddingError('corrupt', `sample ${String(row[0])} has a ${String(row[1])}-d embedding where the others have ${dims}`);
    const bytes = asBytes(row[2]);
    if (bytes.byteLength !== dims * 2) throw new EmbeddingError('corrupt', `sample ${String(row[0])}: embedding blob of ${bytes.byteLength} bytes, expected ${dims * 2}`);
    ids[i] = row[0] as number;
    // Copied byte-wise: a blob's offset need not be 2-aligned.
    new Uint8Array(f16.buffer, i * dims * 2, dims * 2).set(bytes);
  }
  return { modelSha256, ids, dims, f16 };
}

/** What the stored embeddings of a model currently are: changes whenever a run adds or replaces some. */
export function embeddingState(workspace: Workspace, modelSha256: string): { count: number; lastRun: number } {
  const row = connectionOf(workspace).get<{ n: number; last: number | null }>(
    'SELECT (SELECT COUNT(*) FROM embeddings WHERE model_sha256 = ?) AS n, (SELECT MAX(id) FROM runs WHERE model_sha256 = ?) AS last',
    [modelSha256, modelSha256])!;
  return { count: row.n, lastRun: row.last ?? 0 };
}
