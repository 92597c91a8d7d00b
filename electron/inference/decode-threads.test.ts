// Decoder threads: how many per provider, and that several decoder threads score a dataset exactly as one does
// (batches handed out in turn, results in request order). Real ONNX inference in a worker thread.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeBadInputCorpus } from '../../test/fixtures/bad-input/make-corpus.js';
import { shippedModel } from '../../test/support/models.js';
import { listFolder } from '../dataset/folder-loader.js';
import { scoreDataset } from '../scoring/scoring-run.js';
import { Workspace } from '../workspace/workspace.js';
import { decodeThreadCount, threadpoolSize } from './decode-threads.js';
import { InferenceEngine } from './engine.js';

describe('decoder thread count', () => {
  it('is one on the CPU provider and the cores but one on a GPU', () => {
    expect(decodeThreadCount('cpu', 16)).toBe(1);
    expect(decodeThreadCount('cuda', 16)).toBe(15);
    expect(decodeThreadCount('webgpu', 1)).toBe(1);
    expect(threadpoolSize(2)).toBe(4);
    expect(threadpoolSize(16)).toBe(16);
  });
});

describe('several decoder threads', () => {
  it('score every sample as one decoder thread does, in order', async () => {
    const corpus = await makeBadInputCorpus();
    const listing = await listFolder(corpus.root);
    if (!listing.ok) throw new Error(listing.error.message);
    const scores = async (decodeThreads: number) => {
      const engine = await InferenceEngine.start({ modelPath: shippedModel(), provider: 'cpu', intraOpThreads: 1, decodeThreads });
      const workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-ws-')));
      try {
        expect(engine.decodeThreads).toBe(decodeThreads);
        const summary = await scoreDataset({ workspace, listing: listing.value, engine, batchSize: 2 });
        expect(summary.run.status).toBe('completed');
        return { rows: workspace.scores(engine.model.sha256).map((r) => [r.path, r.score]).sort(), failures: summary.failures.map((f) => [f.path, f.reason]).sort() };
      } finally {
        workspace.close();
        await engine.close();
      }
    };
    const one = await scores(1);
    const three = await scores(3);
    expect(one.rows.length).toBeGreaterThan(0);
    expect(three).toEqual(one);
  });
});
