// A batch is written a few multi-row statements a table (Sql.runRows, 64 rows a statement): a batch of 150 items
// crossing statements, with a failure and a sample listed twice, stores exactly what one statement per item did.
// Real SQLite workspace in a temp folder. Node side.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetListing } from '../../common/dataset/types.js';
import { encodeFloat16 } from '../../common/routing/float16.js';
import { parseSidecar } from '../../common/model/sidecar.js';
import type { ModelFiles } from '../onnx/model-files.js';
import { connectionOf } from './connection.js';
import { readEmbeddings } from './embeddings.js';
import type { ScoredItem } from './scored-item.js';
import { Workspace } from './workspace.js';

/** A workspace with `count` listed samples, a registered model and a started run. */
function openRun(count: number) {
  const base = JSON.parse(readFileSync('models/lasoftmoe-tiny.model.json', 'utf8')) as Record<string, unknown>;
  const model: ModelFiles = { onnxPath: '/m.onnx', sidecarPath: '/m.model.json', sidecar: parseSidecar({ ...base, sha256: undefined }), sha256: 'c'.repeat(64), sizeBytes: 1 };
  const samples = Array.from({ length: count }, (_, id) => ({
    id, path: `live/img-${id}.png`, label: 0 as const, category: 'bona-fide' as const, species: 'live', identity: '', split: '', sizeBytes: 1, status: 'ok' as const,
  }));
  const listing: DatasetListing = { root: '/data', source: 'folder', samples, skipped: [], counts: { total: count, bonaFide: count, attack: 0, unusable: 0, bySpecies: {} } };
  const workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-rbr-')));
  const { datasetId, sampleIds } = workspace.ingest(listing);
  workspace.registerModel(model);
  const runId = workspace.startRun({ modelSha256: model.sha256, datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: count, total: count, skipped: 0 });
  const layers = model.sidecar.moe!.layers;
  const experts = model.sidecar.moe!.experts;
  const mass = layers.map(() => encodeFloat16(new Float32Array(4 * experts).fill(1 / experts)));
  const scoredItem = (key: number, k: number): ScoredItem => ({
    key, ok: true, sha256: k.toString(16).padStart(64, '0'), sizeBytes: 1000 + k, score: k / 1000, logits: [1 - k / 1000, k / 1000], expertMass: mass,
    embedding: encodeFloat16([k, -k, 0.5]),
  });
  return { workspace, model, layers, experts, sampleIds, runId, scoredItem };
}

describe('recording a batch in multi-row statements', () => {
  it('stores every item of a 150-item batch, the last of a twice-listed sample, and the failure', () => {
    const count = 150;
    const { workspace, model, layers, experts, sampleIds, runId, scoredItem } = openRun(count);
    try {
      const failed = sampleIds[70]!;
      const items: ScoredItem[] = sampleIds.map((key, k) => (key === failed ? { key, ok: false, reason: 'cannot decode', sha256: 'e'.repeat(64), sizeBytes: 7 } : scoredItem(key, k)));
      items.push(scoredItem(sampleIds[3]!, 999)); // listed again later in the batch: its last result stands
      const dominant = workspace.recordBatch(runId, model.sha256, layers, experts, items, { decodeMs: 2, inferMs: 3 });
      expect(dominant).toHaveLength(items.length);
      expect(dominant[70]).toBeNull();

      const sql = connectionOf(workspace);
      const predictions = sql.all<{ sample_id: number; score: number; logits: string; sample_sha256: string }>('SELECT sample_id, score, logits, sample_sha256 FROM predictions ORDER BY sample_id');
      expect(predictions).toHaveLength(count - 1);
      const byId = new Map(predictions.map((p) => [p.sample_id, p]));
      expect(byId.get(sampleIds[3]!)).toMatchObject({ score: 0.999, logits: JSON.stringify([1 - 0.999, 0.999]), sample_sha256: (999).toString(16).padStart(64, '0') });
      expect(byId.get(sampleIds[149]!)).toMatchObject({ score: 0.149, sample_sha256: (149).toString(16).padStart(64, '0') });
      expect(byId.has(failed)).toBe(false);
      const files = new Map(sql.all<{ id: number; sha256: string; size_bytes: number }>('SELECT id, sha256, size_bytes FROM samples').map((r) => [r.id, r]));
      expect(files.get(sampleIds[3]!)).toMatchObject({ sha256: (999).toString(16).padStart(64, '0'), size_bytes: 1999 });
      expect(files.get(sampleIds[100]!)).toMatchObject({ sha256: (100).toString(16).padStart(64, '0'), size_bytes: 1100 });
      expect(files.get(failed)).toMatchObject({ sha256: 'e'.repeat(64), size_bytes: 7 });
      expect(sql.all('SELECT sample_id, reason FROM failures')).toEqual([{ sample_id: failed, reason: 'cannot decode' }]);
      expect(sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM routing_summaries')!.n).toBe((count - 1) * sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM routing_summaries WHERE sample_id = ?', [sampleIds[0]!])!.n);
      const embeddings = readEmbeddings(workspace, model.sha256);
      expect(embeddings.ids).toHaveLength(count - 1);
      const row = Array.from(embeddings.ids).indexOf(sampleIds[3]!);
      expect(Array.from(embeddings.f16.subarray(row * 3, row * 3 + 3))).toEqual(Array.from(encodeFloat16([999, -999, 0.5])));
      expect(sql.get('SELECT scored, failed, decode_ms, infer_ms FROM runs WHERE id = ?', [runId])).toEqual({ scored: count, failed: 1, decode_ms: 2, infer_ms: 3 });
    } finally {
      workspace.close();
    }
  });

  it('records batches that were waiting together all or none, each as recordBatch would', () => {
    const { workspace, model, layers, experts, sampleIds, runId, scoredItem } = openRun(20);
    try {
      const first = sampleIds.slice(0, 8).map((key, k) => scoredItem(key, k));
      const second = sampleIds.slice(8, 16).map((key, k) => scoredItem(key, 8 + k));
      const broken = [scoredItem(sampleIds[16]!, 16), scoredItem(999_999, 17)]; // no such sample: the foreign key refuses it
      const timing = { decodeMs: 1, inferMs: 1 };
      expect(() => workspace.recordBatches(runId, model.sha256, layers, experts, [{ items: first, timing }, { items: broken, timing }])).toThrow(/FOREIGN KEY/);
      const sql = connectionOf(workspace);
      expect(sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM predictions')!.n).toBe(0);
      const dominant = workspace.recordBatches(runId, model.sha256, layers, experts, [{ items: first, timing }, { items: second, timing }]);
      expect(dominant.map((d) => d.length)).toEqual([8, 8]);
      expect(sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM predictions')!.n).toBe(16);
      expect(sql.get('SELECT scored, failed, decode_ms FROM runs WHERE id = ?', [runId])).toEqual({ scored: 16, failed: 0, decode_ms: 2 });
    } finally {
      workspace.close();
    }
  });
});

describe('the page cache a run writes with', () => {
  it('is 64 MiB while a run writes and SQLite\'s default otherwise, so a workspace that is only read keeps 2 MiB', () => {
    const { workspace, runId } = openRun(3);
    try {
      const cacheSize = () => connectionOf(workspace).get<{ cache_size: number }>('PRAGMA cache_size')!.cache_size;
      expect(cacheSize()).toBe(-65536);
      workspace.finishRun(runId, 'completed');
      expect(cacheSize()).toBe(-2000);
    } finally {
      workspace.close();
    }
  });
});
