// Tests of freeInputDims (electron/onnx/free-input-dims): the real appearance network, its input freed, runs at
// another size with the same weights; a missing input or broken bytes is a clear error. vitest, onnxruntime-node CPU.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/support/models.js';
import { freeInputDims } from './free-input-dims.js';

const bytes = new Uint8Array(readFileSync(path.join(repoRoot, 'models/face/faceres.onnx')));

async function pooledOf(model: Uint8Array, side: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model, { executionProviders: ['cpu'], intraOpNumThreads: 1 });
  try {
    const input = new Float32Array(side * side * 3).map((_, i) => (i * 37) % 256);
    const out = await session.run({ input_1: new ort.Tensor('float32', input, [1, side, side, 3]) }, ['global_pooling/Mean']);
    return Float32Array.from(out['global_pooling/Mean']!.data as Float32Array);
  } finally {
    await session.release();
  }
}

describe('freeInputDims', () => {
  it('lets the network run at another side and leaves it unchanged at its own', async () => {
    const freed = freeInputDims(bytes, 'input_1', [1, 2]);
    await expect(pooledOf(bytes, 160)).rejects.toThrow(/invalid dimensions/);
    expect(await pooledOf(freed, 160)).toHaveLength(1024);
    const [fixed, free] = [await pooledOf(bytes, 224), await pooledOf(freed, 224)];
    expect(Math.max(...fixed.map((v, i) => Math.abs(v - free[i]!)))).toBeLessThan(1e-5);
  });

  it('names a missing input and refuses bytes that are not a protobuf message', () => {
    expect(() => freeInputDims(bytes, 'pixel_values', [1, 2])).toThrow(/no graph input named pixel_values/);
    expect(() => freeInputDims(bytes.subarray(0, 1000), 'input_1', [1, 2])).toThrow(/^ONNX model: /);
    expect(() => freeInputDims(new Uint8Array([0x0f, 0x01]), 'input_1', [1, 2])).toThrow(/^ONNX model: /);
  });
});
