// Tests of the sidecar's `domain` block validation (common/model/face-domain): old blocks without the image view
// still parse, the image view is checked field by field. vitest, pure.
import { describe, expect, it } from 'vitest';
import { parseDomainSpec } from './face-domain.js';

const base = {
  output: 'embedding', dims: 2, method: 'mahalanobis-min-class',
  classes: [{ name: 'bona fide', mean: [0, 0] }], precision: [1, 0, 0, 1], shrinkage: 0.1, threshold: 3, percentile: 99.5,
  reference: { split: 'dev', count: 10, data: 'dev.txt' }, fitted_on: { split: 'train', count: 20, data: 'train.txt' },
};
const image = { features: ['a', 'b'], method: 'mahalanobis-min-class', classes: [{ name: 'bona fide', mean: [1, 2] }], precision: [2, 0, 0, 2], shrinkage: 0.2, threshold: 4, percentile: 99.5 };

describe('parseDomainSpec', () => {
  it('is undefined without a block and parses a block without the image view', () => {
    expect(parseDomainSpec(undefined)).toBeUndefined();
    const spec = parseDomainSpec(base)!;
    expect(spec.threshold).toBe(3);
    expect(spec.image).toBeUndefined();
    expect('image' in spec).toBe(false);
  });
  it('parses the image view', () => {
    expect(parseDomainSpec({ ...base, image })!.image).toEqual(image);
  });
  it('names the bad field of the image view', () => {
    expect(() => parseDomainSpec({ ...base, image: { ...image, precision: [1, 0, 0] } })).toThrow(/domain\.image\.precision must be a list of 4 numbers/);
    expect(() => parseDomainSpec({ ...base, image: { ...image, method: 'knn' } })).toThrow(/domain\.image\.method/);
    expect(() => parseDomainSpec({ ...base, image: { ...image, threshold: 0 } })).toThrow(/domain\.image\.threshold/);
    expect(() => parseDomainSpec({ ...base, image: { ...image, classes: [{ mean: [1] }] } })).toThrow(/domain\.image\.classes\[0\]\.mean/);
  });
  it('parses the appearance view and names its bad fields', () => {
    const appearance = {
      ...image, features: ['pc1', 'residual'],
      network: { file: 'faceres.onnx', sha256: 'ab'.repeat(32), input: 'input_1', output: 'global_pooling/Mean', side: 224 },
      center: [0, 1, 2], basis: [1, 0, 0],
    };
    expect(parseDomainSpec({ ...base, image, appearance })!.appearance).toEqual(appearance);
    expect(() => parseDomainSpec({ ...base, appearance: { ...appearance, basis: [1, 0] } })).toThrow(/domain\.appearance\.basis must be a list of 3 numbers/);
    expect(() => parseDomainSpec({ ...base, appearance: { ...appearance, network: { ...appearance.network, sha256: 'x' } } })).toThrow(/domain\.appearance\.network\.sha256/);
    expect(() => parseDomainSpec({ ...base, appearance: { ...appearance, network: undefined } })).toThrow(/domain\.appearance\.network must be an object/);
    expect(() => parseDomainSpec({ ...base, appearance: { ...appearance, features: ['residual'], classes: [{ name: 'x', mean: [0] }], precision: [1] } })).toThrow(/k projections and the residual/);
    expect(() => parseDomainSpec({ ...base, appearance: { ...appearance, precision: [1] } })).toThrow(/domain\.appearance\.precision/);
  });
});
