// The sidecar's io block (third-party models) and the attack-score rule it defines, against hand-computed values.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attackScoreOf, classProbabilities, CONTRACT_IO, parseSidecar, requiredOutputs, SidecarError } from './sidecar.js';

const base = {
  name: 'cnn', architecture: { image_size: 128 }, moe: null, classes: { names: ['live', 'attack'], attack_index: 1 },
  preprocessing: { resize: 128, crop: 128, mean: [0, 0, 0], std: [1, 1, 1] },
};

describe('sidecar io', () => {
  it('our own exports keep the contract names; their outputs are required', () => {
    const own = parseSidecar(JSON.parse(readFileSync('models/lasoftmoe-tiny.model.json', 'utf8')));
    expect(own.io).toEqual(CONTRACT_IO);
    expect(requiredOutputs(own)).toEqual(['attack_score', 'logits', 'embedding', 'moe0_dispatch', 'moe0_combine', 'moe1_dispatch', 'moe1_combine']);
  });

  it('a model without patch tokens needs no patch size; its io names input, layout and score', () => {
    const s = parseSidecar({ ...base, io: { input: 'img', layout: 'NHWC', score: { output: 'p', kind: 'probability', higher_means: 'live' } } });
    expect(s.architecture.grid).toEqual([1, 1]);
    expect(s.io).toEqual({ input: 'img', layout: 'NHWC', score: { output: 'p', kind: 'probability', index: null, higher_means: 'live' }, logits: 'p', embedding: null });
    expect(requiredOutputs(s)).toEqual(['p']);
  });

  it('refuses a logits score without an index, a bad layout and a MoE model without patch size', () => {
    expect(() => parseSidecar({ ...base, io: { input: 'x', score: { output: 'y', kind: 'logits' } } })).toThrow(/io.score.index is required/);
    expect(() => parseSidecar({ ...base, io: { input: 'x', layout: 'CHW', score: { output: 'y', kind: 'probability' } } })).toThrow(SidecarError);
    expect(() => parseSidecar({ ...base, moe: { layers: [0], experts: 4, slots: 49, weighting: 'linear' } })).toThrow(/patch_size/);
  });
});

describe('sidecar preprocessing numbers', () => {
  const pre = (extra: Record<string, unknown>) => ({ ...base, preprocessing: { ...base.preprocessing, ...extra } });

  it('refuses a rescale, mean or std that would turn every pixel into ±Infinity or NaN, naming the field', () => {
    expect(() => parseSidecar(pre({ rescale: 1e308 }))).toThrow(/preprocessing\.rescale must lie in \[1e-9, 1000000\], got 1e\+308/);
    expect(() => parseSidecar(pre({ rescale: 0 }))).toThrow(/preprocessing\.rescale must lie in/);
    expect(() => parseSidecar(pre({ rescale: -1 / 255 }))).toThrow(/preprocessing\.rescale/);
    expect(() => parseSidecar(pre({ std: [1, 5e-324, 1] }))).toThrow(/preprocessing\.std\[1\] must lie in \[0\.000001, 1000000\], got 5e-324/);
    expect(() => parseSidecar(pre({ std: [1, 1, 0] }))).toThrow(/preprocessing\.std\[2\]/);
    expect(() => parseSidecar(pre({ std: [1, 1, 1e300] }))).toThrow(/preprocessing\.std\[2\]/);
    expect(() => parseSidecar(pre({ mean: [-1e7, 0, 0] }))).toThrow(/preprocessing\.mean\[0\] must lie in/);
    expect(() => parseSidecar(pre({ mean: [0, '0.5', 0] }))).toThrow(/preprocessing\.mean\[1\] must be a finite number/);
  });

  it('keeps ordinary values: ImageNet mean and std, 1/255 and 1/127.5', () => {
    const s = parseSidecar(pre({ rescale: 1 / 127.5, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }));
    expect(s.preprocessing.rescale).toBe(1 / 127.5);
    expect(s.preprocessing.std).toEqual([0.229, 0.224, 0.225]);
  });
});

describe('attack score from an output row', () => {
  it('probability: as is, a chosen column, or 1 − p when higher means live', () => {
    expect(attackScoreOf([0.8], { output: 'o', kind: 'probability', index: null, higher_means: 'attack' })).toBeCloseTo(0.8, 12);
    expect(attackScoreOf([0.1, 0.3], { output: 'o', kind: 'probability', index: 1, higher_means: 'attack' })).toBeCloseTo(0.3, 12);
    expect(attackScoreOf([0.8], { output: 'o', kind: 'probability', index: null, higher_means: 'live' })).toBeCloseTo(0.2, 12);
    expect(classProbabilities([0.8], { output: 'o', kind: 'probability', index: null, higher_means: 'live' }).map((v) => +v.toFixed(12))).toEqual([0.8, 0.2]);
  });

  it('logits: softmax(row)[index], stable for large logits', () => {
    // softmax([1, 2, 3])[2] = e³ / (e + e² + e³) = 0.66524095...
    expect(attackScoreOf([1, 2, 3], { output: 'o', kind: 'logits', index: 2, higher_means: 'attack' })).toBeCloseTo(0.6652409557748219, 12);
    expect(attackScoreOf([1000, 1000], { output: 'o', kind: 'logits', index: 0, higher_means: 'attack' })).toBe(0.5);
    const p = classProbabilities([1, 2, 3], { output: 'o', kind: 'logits', index: 2, higher_means: 'attack' });
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
