// `uad score` with models that misbehave at run time (written byte by byte, test/support/onnx-graph.ts): a
// NaN score is that sample's failure with its reason, never a stored score; a run that fails says why in text.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { FLOAT, INT64, onnxModel, type Node } from '../../test/support/onnx-graph.js';
import { Workspace } from '../workspace/workspace.js';

/** m2 [B, 1]: the mean pixel of x [B, 3, 8, 8]. */
const meanPixel: Node[] = [
  { op: 'ReduceMean', inputs: ['x'], outputs: ['m'], attributes: [{ name: 'axes', ints: [2, 3] }, { name: 'keepdims', i: 0 }] },
  { op: 'ReduceMean', inputs: ['m'], outputs: ['m2'], attributes: [{ name: 'axes', ints: [1] }, { name: 'keepdims', i: 1 }] },
];

/** A model file with a hand-written sidecar: an 8×8 NCHW input `x`, probability output `p`. */
function writeModel(dir: string, nodes: Node[], initializers: Parameters<typeof onnxModel>[0]['initializers'] = []): string {
  const model = path.join(dir, 'model.onnx');
  writeFileSync(model, onnxModel({ inputs: [{ name: 'x', dims: ['B', 3, 8, 8] }], outputs: [{ name: 'p', dims: ['B', 1] }], nodes, initializers }));
  writeFileSync(path.join(dir, 'model.model.json'), JSON.stringify({
    name: 'misbehaving', architecture: { image_size: 8 }, moe: null, classes: { names: ['live', 'attack'], attack_index: 1 },
    preprocessing: { resize: 8, resize_mode: 'exact', crop: 8, mean: [0, 0, 0], std: [1, 1, 1] },
    io: { input: 'x', layout: 'NCHW', score: { output: 'p', kind: 'probability' } },
  }));
  return model;
}

/** live/bright.png (grey 230) and attack/print/dark.png (grey 20), 8×8. */
async function writeDataset(root: string): Promise<string> {
  const data = path.join(root, 'data');
  for (const [rel, grey] of [['live/bright.png', 230], ['attack/print/dark.png', 20]] as const) {
    mkdirSync(path.dirname(path.join(data, rel)), { recursive: true });
    await sharp(Buffer.alloc(8 * 8 * 3, grey), { raw: { width: 8, height: 8, channels: 3 } }).png().toFile(path.join(data, rel));
  }
  return data;
}

describe('uad score: misbehaving models', () => {
  it('a NaN score is that sample\'s failure, "the model returned a non-finite score"; the other sample is scored', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-nan-'));
    // p = sigmoid(log(mean − 0.5)): finite for the bright image, NaN for the dark one
    const model = writeModel(dir, [
      ...meanPixel,
      { op: 'Sub', inputs: ['m2', 'half'], outputs: ['d'] },
      { op: 'Log', inputs: ['d'], outputs: ['l'] },
      { op: 'Sigmoid', inputs: ['l'], outputs: ['p'] },
    ], [{ name: 'half', type: FLOAT, dims: [], values: [0.5] }]);
    const data = await writeDataset(dir);
    const workspace = path.join(dir, 'ws');
    const scored = await runCli(['score', data, '--model', model, '--workspace', workspace, '--batch', '2', '--progress', 'none']);
    expect(scored.stdout, scored.stderr).toMatch(/completed: 1 scored, 0 already scored by this model, 1 failed/);
    expect(scored.stdout).toMatch(/failed: attack\/print\/dark\.png: the model returned a non-finite score/);
    expect(scored.code).toBe(0);
    const ws = Workspace.open(workspace);
    try {
      const scores = ws.scoredModels().flatMap((m) => ws.scores(m.sha256));
      expect(scores.map((r) => r.path)).toEqual(['live/bright.png']);
      expect(Number.isFinite(scores[0]!.score)).toBe(true);
    } finally {
      ws.close();
    }
  });

  it('a run that fails gives its reason in text mode, not only in --json', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-failrun-'));
    // p = reshape(sigmoid(mean), [1, 1]): a batch of 2 cannot be reshaped, so the run itself fails
    const model = writeModel(dir, [
      ...meanPixel,
      { op: 'Sigmoid', inputs: ['m2'], outputs: ['s'] },
      { op: 'Reshape', inputs: ['s', 'one'], outputs: ['p'] },
    ], [{ name: 'one', type: INT64, dims: [2], values: [1, 1] }]);
    const data = await writeDataset(dir);
    const scored = await runCli(['score', data, '--model', model, '--workspace', path.join(dir, 'ws'), '--batch', '2', '--progress', 'none']);
    expect(scored.code).toBe(1);
    expect(scored.stdout).toMatch(/run 1 failed/);
    expect(scored.stderr).toMatch(/uad score: the run failed: .*Reshape/);
  });
});
