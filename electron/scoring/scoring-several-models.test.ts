// Several models in one pass (scoreDatasetWithModels): every image decoded once for all of them, scores bit for bit
// those of separate single-model runs, and samples a model already scored skipped for it. Real ONNX, real SQLite.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedModel, repoRoot } from '../../test/support/models.js';
import { workspaceScoresCsv } from '../cli/export-scores-command.js';
import { openDataset } from '../dataset/open-dataset.js';
import type { DatasetListing } from '../../common/dataset/types.js';
import { InferenceEngine } from '../inference/engine.js';
import type { ScoredSample } from '../workspace/score-queries.js';
import { Workspace } from '../workspace/workspace.js';
import { scoreDataset, scoreDatasetWithModels } from './scoring-run.js';

const DEMO_LIST = path.join(repoRoot, 'assets', 'demo', 'SynthUAD-demo@p2.2_image_dev.txt');
let engines: InferenceEngine[];
let listing: DatasetListing;

beforeAll(async () => {
  engines = await Promise.all((['lasoftmoe-tiny', 'dense-tiny'] as const).map((name) => InferenceEngine.start({ modelPath: shippedModel(name), provider: 'cpu', intraOpThreads: 1 })));
  const opened = await openDataset(DEMO_LIST);
  if (!opened.ok) throw new Error(opened.error.message);
  listing = { ...opened.value, samples: opened.value.samples.slice(0, 20) };
}, 60_000);
afterAll(async () => { await Promise.all((engines ?? []).map((e) => e.close())); });

const newWorkspace = () => Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-multi-')));

/** What a model's scores export as, and every stored row of it (score, domain check…) by path, less the workspace's own ids and paths. */
function exported(workspace: Workspace, sha256: string): { csv: string; stored: Record<string, Omit<ScoredSample, 'sampleId' | 'absPath'>> } {
  const stored = Object.fromEntries(workspace.scores(sha256).map(({ sampleId: _id, absPath: _abs, ...row }) => [row.path, row]));
  return { csv: workspaceScoresCsv(workspace, sha256, 0.5, undefined).text, stored };
}

describe('scoring with several models in one pass', () => {
  it('decodes every image once and gives each model exactly the scores of its own run', async () => {
    const together = newWorkspace();
    const pass = await scoreDatasetWithModels({ workspace: together, listing, engines, batchSize: 4 });
    expect(pass.runs.map((r) => [r.run.status, r.run.scored, r.run.skipped])).toEqual([['completed', 20, 0], ['completed', 20, 0]]);
    expect(pass.runs.map((r) => r.run.modelSha256)).toEqual(engines.map((e) => e.model.sha256));
    expect(pass.decodedImages).toBe(20);

    for (const engine of engines) {
      const alone = newWorkspace();
      const single = await scoreDataset({ workspace: alone, listing, engine, batchSize: 4 });
      expect(single.run.scored).toBe(20);
      const a = exported(alone, engine.model.sha256);
      const b = exported(together, engine.model.sha256);
      expect(Object.keys(b.stored)).toHaveLength(20);
      expect(b.stored).toEqual(a.stored);
      expect(b.csv).toBe(a.csv);
      alone.close();
    }
    // The two models really differ: the shared decode did not hand one model's outputs to the other.
    const [first, second] = engines.map((e) => exported(together, e.model.sha256).stored);
    expect(Object.keys(first!).some((p) => first![p]!.score !== second![p]!.score)).toBe(true);
    together.close();
  }, 240_000);

  it('skips for each model the samples it already scored, and decodes only what some model still needs', async () => {
    const workspace = newWorkspace();
    const lasoftmoe = engines[0]!;
    const head = { ...listing, samples: listing.samples.slice(0, 8) };
    await scoreDataset({ workspace, listing: head, engine: lasoftmoe, batchSize: 4 });
    const before = exported(workspace, lasoftmoe.model.sha256).stored;

    const pass = await scoreDatasetWithModels({ workspace, listing, engines, batchSize: 4 });
    const [runA, runB] = pass.runs as [typeof pass.runs[0], typeof pass.runs[0]];
    expect([runA.run.scored, runA.run.skipped]).toEqual([12, 8]);
    expect([runB.run.scored, runB.run.skipped]).toEqual([20, 0]);
    expect(pass.decodedImages).toBe(20);
    const after = exported(workspace, lasoftmoe.model.sha256).stored;
    for (const [file, row] of Object.entries(before)) expect(after[file]).toEqual(row);
    expect(workspace.scoredModels().map((m) => m.predictions)).toEqual([20, 20]);

    const again = await scoreDatasetWithModels({ workspace, listing, engines, batchSize: 4 });
    expect(again.runs.map((r) => [r.run.scored, r.run.skipped])).toEqual([[0, 20], [0, 20]]);
    expect(again.decodedImages).toBe(0);
    workspace.close();
  }, 240_000);

  it('refuses the same model twice', async () => {
    const workspace = newWorkspace();
    await expect(scoreDatasetWithModels({ workspace, listing, engines: [engines[0]!, engines[0]!] })).rejects.toThrow(/same model/);
    workspace.close();
  });
});
