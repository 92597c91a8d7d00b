// `uad model init` on hostile graphs written byte by byte (test/support/onnx-graph.ts): a declared input too
// large to feed, a 300-byte graph that folds into 400 MB, an output named `__proto__`, absurd preprocessing.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/cli.js';
import { FLOAT, INT64, onnxModel, type Node } from '../../test/support/onnx-graph.js';

/** mean over channels and pixels of x [B, 3, H, W], then a sigmoid: a probability per image, [B, 1]. */
const meanProbability = (output: string): Node[] => [
  { op: 'ReduceMean', inputs: ['x'], outputs: ['m'], attributes: [{ name: 'axes', ints: [2, 3] }, { name: 'keepdims', i: 0 }] },
  { op: 'ReduceMean', inputs: ['m'], outputs: ['m2'], attributes: [{ name: 'axes', ints: [1] }, { name: 'keepdims', i: 1 }] },
  { op: 'Sigmoid', inputs: ['m2'], outputs: [output] },
];

function writeModel(bytes: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'uad-init-limits-')), 'model.onnx');
  writeFileSync(file, bytes);
  return file;
}

const sidecarOf = (model: string) => model.replace(/\.onnx$/, '.model.json');

describe('uad model init: bounded model loading', () => {
  it('a well-behaved tiny graph opens (the memory cap leaves room for real models)', async () => {
    const model = writeModel(onnxModel({ inputs: [{ name: 'x', dims: ['B', 3, 8, 8] }], outputs: [{ name: 'p', dims: ['B', 1] }], nodes: meanProbability('p') }));
    const init = await runCli(['model', 'init', model, '--score', 'p']);
    expect(init.code, init.stderr).toBe(0);
    expect(existsSync(sidecarOf(model))).toBe(true);
  });

  it('refuses a declared 9000² input before any trial run', async () => {
    const model = writeModel(onnxModel({ inputs: [{ name: 'x', dims: ['B', 3, 9000, 9000] }], outputs: [{ name: 'p', dims: ['B', 1] }], nodes: meanProbability('p') }));
    const init = await runCli(['model', 'init', model, '--score', 'p']);
    expect(init.code).toBe(1);
    expect(init.stderr).toMatch(/the input is 9000×9000 \(shape \[B, 3, 9000, 9000\]\): the workbench feeds at most 4096×4096; nothing was run/);
    expect(existsSync(sidecarOf(model))).toBe(false);
  });

  it('refuses a 300-byte graph whose ConstantOfShape takes 400 MB, unless --trial-memory allows it', async () => {
    const model = writeModel(onnxModel({
      inputs: [{ name: 'x', dims: ['B', 3, 8, 8] }],
      outputs: [{ name: 'big', dims: [2, 50_000_000] }, { name: 'p', dims: ['B', 1] }],
      initializers: [{ name: 'shape', type: INT64, dims: [2], values: [2, 50_000_000] }],
      nodes: [
        { op: 'ConstantOfShape', inputs: ['shape'], outputs: ['big'], attributes: [{ name: 'value', t: { name: 'v', type: FLOAT, dims: [1], values: [0.5] } }] },
        ...meanProbability('p'),
      ],
    }));
    const init = await runCli(['model', 'init', model, '--score', 'p']);
    expect(init.code).toBe(1);
    expect(init.stderr).toMatch(/the model needs more than 257 MiB to open and run once on a batch of 2; refused \(give --trial-memory MiB to allow more\)/);
    expect(existsSync(sidecarOf(model))).toBe(false);
    const allowed = await runCli(['model', 'init', model, '--score', 'p', '--trial-memory', '2048']);
    expect(allowed.code, allowed.stderr).toBe(0);
  });

  it('refuses an output named __proto__ with the reason, not onnxruntime\'s "at least one output"', async () => {
    const model = writeModel(onnxModel({ inputs: [{ name: 'x', dims: ['B', 3, 8, 8] }], outputs: [{ name: '__proto__', dims: ['B', 1] }], nodes: meanProbability('__proto__') }));
    const init = await runCli(['model', 'init', model, '--score', '__proto__']);
    expect(init.code).toBe(1);
    expect(init.stderr).toMatch(/output '__proto__' cannot be fed or fetched through onnxruntime's JavaScript API \(rename it in the graph\)/);
  });

  it('refuses absurd preprocessing numbers as bad usage, naming the option', async () => {
    const model = writeModel(onnxModel({ inputs: [{ name: 'x', dims: ['B', 3, 8, 8] }], outputs: [{ name: 'p', dims: ['B', 1] }], nodes: meanProbability('p') }));
    const rescale = await runCli(['model', 'init', model, '--score', 'p', '--rescale', '1e308']);
    expect(rescale.code).toBe(2);
    expect(rescale.stderr).toMatch(/--rescale must lie in \[1e-9, 1000000\], got 1e\+308/);
    const std = await runCli(['model', 'init', model, '--score', 'p', '--std', '5e-324']);
    expect(std.code).toBe(2);
    expect(std.stderr).toMatch(/--std must lie in \[0\.000001, 1000000\], got 5e-324/);
  });
});
