// Tests of relu6AsClip (electron/onnx/relu6-as-clip): the appearance network's 27 ReLU6 chains become Clips with
// every output equal bit for bit; a chain whose middle value is read elsewhere is kept; a model without the idiom is
// returned as it was. vitest, onnxruntime-node CPU.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/support/models.js';
import { concat, fields, lenField } from './protobuf-wire.js';
import { relu6AsClip } from './relu6-as-clip.js';

const utf8 = new TextEncoder();
const str = (field: number, s: string) => lenField(field, utf8.encode(s));

/** The op types of a model's graph, in order. */
function ops(model: Uint8Array): string[] {
  const graph = fields(model).find((f) => f.field === 7)!;
  const bytes = model.subarray(graph.valueStart, graph.valueEnd);
  return fields(bytes).filter((f) => f.field === 1).map((f) => {
    const node = bytes.subarray(f.valueStart, f.valueEnd);
    const op = fields(node).find((n) => n.field === 4)!;
    return new TextDecoder().decode(node.subarray(op.valueStart, op.valueEnd));
  });
}

async function run(model: Uint8Array, feeds: Record<string, ort.Tensor>): Promise<Record<string, Float32Array>> {
  const session = await ort.InferenceSession.create(model, { executionProviders: ['cpu'], intraOpNumThreads: 1, graphOptimizationLevel: 'all' });
  try {
    const out = await session.run(feeds);
    return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, Float32Array.from(t.data as Float32Array)]));
  } finally {
    await session.release();
  }
}

/** A float tensor value_info of shape [1, 4]. */
const valueInfo = (name: string) => concat([str(1, name), lenField(2, lenField(1, concat([new Uint8Array([0x08, 0x01]), lenField(2, concat([lenField(1, new Uint8Array([0x08, 0x01])), lenField(1, new Uint8Array([0x08, 0x04]))]))])))]);
const node = (op: string, inputs: string[], outputs: string[]) => concat([...inputs.map((s) => str(1, s)), ...outputs.map((s) => str(2, s)), str(3, `${op}_${outputs[0]}`), str(4, op)]);
const scalar = (name: string, value: number) => {
  const raw = new Uint8Array(4);
  new DataView(raw.buffer).setFloat32(0, value, true);
  return concat([new Uint8Array([0x10, 0x01]), str(8, name), lenField(9, raw)]);
};

/** x → Relu → Min(6) → Max(0) → y, and x → Relu → Min(6) → Max(0) → z where the second Relu's output is also an output. */
function twoChains(): Uint8Array {
  const graph = concat([
    lenField(1, node('Relu', ['x'], ['a'])), lenField(1, node('Min', ['a', 'six'], ['b'])), lenField(1, node('Max', ['b', 'zero'], ['y'])),
    lenField(1, node('Relu', ['x'], ['r'])), lenField(1, node('Min', ['six', 'r'], ['s'])), lenField(1, node('Max', ['s', 'zero'], ['z'])),
    str(2, 'chains'), lenField(5, scalar('six', 6)), lenField(5, scalar('zero', 0)),
    lenField(11, valueInfo('x')), lenField(12, valueInfo('y')), lenField(12, valueInfo('z')), lenField(12, valueInfo('r')),
  ]);
  return concat([new Uint8Array([0x08, 0x07]), lenField(7, graph), lenField(8, concat([str(1, ''), new Uint8Array([0x10, 0x0d])]))]);
}

describe('relu6AsClip', () => {
  it('makes the appearance network\'s ReLU6 chains Clips and leaves every output the same to the bit', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(repoRoot, 'models/face/faceres.onnx')));
    const { model, rewritten } = relu6AsClip(bytes);
    expect(rewritten).toBe(27);
    expect(ops(model).filter((op) => op === 'Min' || op === 'Max')).toEqual([]);
    expect(ops(model).filter((op) => op === 'Clip')).toHaveLength(27);
    const input = new Float32Array(2 * 224 * 224 * 3).map((_, i) => (i * 37 + (i >> 9)) % 256);
    const feeds = { input_1: new ort.Tensor('float32', input, [2, 224, 224, 3]) };
    const [before, after] = [await run(bytes, feeds), await run(model, feeds)];
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const name of Object.keys(before)) expect(after[name]).toEqual(before[name]);
  });

  it('rewrites a chain, keeps one whose Relu output is read elsewhere, and computes the same values', async () => {
    const original = twoChains();
    const { model, rewritten } = relu6AsClip(original);
    expect(rewritten).toBe(1);
    expect(ops(model)).toEqual(['Clip', 'Relu', 'Min', 'Max']);
    const x = new ort.Tensor('float32', Float32Array.from([-3, 0.5, 6, 9]), [1, 4]);
    const [before, after] = [await run(original, { x }), await run(model, { x })];
    expect(Array.from(after.y!)).toEqual([0, 0.5, 6, 6]);
    expect(after).toEqual(before);
  });

  it('returns a model without the idiom as it was', () => {
    const bytes = new Uint8Array(readFileSync(path.join(repoRoot, 'models/face/blazeface.onnx')));
    const { model, rewritten } = relu6AsClip(bytes);
    expect(rewritten).toBe(0);
    expect(model.length).toBe(bytes.length);
    expect(Buffer.compare(Buffer.from(model), Buffer.from(bytes))).toBe(0);
  });
});
