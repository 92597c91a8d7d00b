// Embeddings kept by a real scoring run (shipped model, real ORT, real SQLite) and nearest neighbours
// answered by the analysis worker, checked against the inspector's recomputed embedding and brute force.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFloat16 } from '../../common/routing/float16.js';
import { scoredCaseWorkspace, type ScoredCaseWorkspace } from '../../test/support/scored-case-workspace.js';
import { shippedModel } from '../../test/support/models.js';
import { InferenceEngine } from '../inference/engine.js';
import { readEmbeddings } from '../workspace/embeddings.js';
import { AnalysisError, AnalysisWorker } from './analysis.js';
import { sampleRecord } from '../workspace/samples.js';

let scored: ScoredCaseWorkspace;
const analysis = new AnalysisWorker();

beforeAll(async () => { scored = await scoredCaseWorkspace(); });
afterAll(async () => {
  await analysis.close();
  scored.workspace.close();
  rmSync(scored.dir, { recursive: true, force: true });
  rmSync(scored.datasetRoot, { recursive: true, force: true });
});

const cosine = (a: Float32Array, b: Float32Array) => {
  let dot = 0; let na = 0; let nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i]! * b[i]!; na += a[i]! ** 2; nb += b[i]! ** 2; }
  return dot / Math.sqrt(na * nb);
};

describe('embeddings kept per scored sample', () => {
  it('stores the model embedding of every scored sample as float16, equal to the recomputed one', async () => {
    const matrix = readEmbeddings(scored.workspace, scored.modelSha256);
    expect(matrix.ids.length).toBe(4);
    expect(matrix.dims).toBe(64);
    expect(matrix.f16.byteLength).toBe(4 * 64 * 2); // 128 bytes a sample
    const engine = await InferenceEngine.start({ modelPath: shippedModel(), provider: 'cpu', intraOpThreads: 1 });
    try {
      const id = scored.idByPath.get('attack/print/subject-01.jpg')!;
      const row = Array.from(matrix.ids).indexOf(id);
      const abs = sampleRecord(scored.workspace, id)!.absPath;
      const detail = await engine.detail(abs);
      const stored = decodeFloat16(matrix.f16.subarray(row * 64, (row + 1) * 64));
      for (let j = 0; j < 64; j++) expect(Math.abs(stored[j]! - detail.embedding[j]!)).toBeLessThanOrEqual(Math.abs(detail.embedding[j]!) * 1e-3 + 1e-4);
    } finally {
      await engine.close();
    }
  });

  it('lists the k nearest samples by cosine similarity, as brute force over the stored embeddings ranks them', async () => {
    const matrix = readEmbeddings(scored.workspace, scored.modelSha256);
    const rows = Array.from(matrix.ids, (_, i) => decodeFloat16(matrix.f16.subarray(i * 64, (i + 1) * 64)));
    for (const [queryRow, queryId] of Array.from(matrix.ids).entries()) {
      const want = Array.from(matrix.ids)
        .map((sampleId, i) => ({ sampleId, similarity: cosine(rows[queryRow]!, rows[i]!) }))
        .filter((r) => r.sampleId !== queryId)
        .sort((a, b) => b.similarity - a.similarity || a.sampleId - b.sampleId)
        .slice(0, 2);
      const got = await analysis.similar(scored.workspace, scored.modelSha256, queryId, 2);
      expect(got.searched).toBe(4);
      expect(got.neighbours.map((n) => n.sampleId)).toEqual(want.map((w) => w.sampleId));
      got.neighbours.forEach((n, i) => expect(n.similarity).toBeCloseTo(want[i]!.similarity, 5));
    }
  });

  it('projects every scored sample to 2-D once, then serves the workspace cache', async () => {
    const first = await analysis.projection(scored.workspace, scored.modelSha256, 'umap');
    expect(first.cached).toBe(false);
    expect(first.n).toBe(4);
    const second = await analysis.projection(scored.workspace, scored.modelSha256, 'umap');
    expect(second.cached).toBe(true);
    expect(second.xy).toBe(first.xy);
    expect(second.ids).toBe(first.ids);
    const ids = new Int32Array(Uint8Array.from(Buffer.from(first.ids, 'base64')).buffer);
    expect([...ids].sort()).toEqual([...scored.idByPath.values()].sort());
    expect((await analysis.projection(scored.workspace, scored.modelSha256, 'pca')).cached).toBe(false);
  });

  it('refuses a model without embeddings and a sample without one, with clear errors', async () => {
    await expect(analysis.similar(scored.workspace, 'f'.repeat(64), 1, 3)).rejects.toThrow(/No embeddings are stored/);
    await expect(analysis.similar(scored.workspace, scored.modelSha256, 999, 3)).rejects.toBeInstanceOf(AnalysisError);
  });
});
