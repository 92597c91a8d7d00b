// Tests of the domain check (common/faces/domain) against hand-computed Mahalanobis distances. vitest, pure.
import { describe, expect, it } from 'vitest';
import type { DomainSpec } from '../model/face-domain.js';
import { domainCountsText, domainVerdict, minClassMahalanobis } from './domain.js';

const spec: DomainSpec = {
  output: 'embedding', dims: 2, method: 'mahalanobis-min-class',
  classes: [{ name: 'live', mean: [0, 0] }, { name: 'fake', mean: [10, 0] }],
  // Σ = diag(4, 1) → P = diag(0.25, 1)
  precision: [0.25, 0, 0, 1], shrinkage: 0.1, threshold: 3, percentile: 99,
  reference: { split: 'dev', count: 100, data: 'test' }, fitted_on: { split: 'train', count: 1000, data: 'test' },
};

describe('minClassMahalanobis', () => {
  it('takes the nearest class under the precision', () => {
    // to live: √(0.25·4² + 1·1²) = √5; to fake: √(0.25·6² + 1) = √10
    expect(minClassMahalanobis([4, 1], spec.classes.map((c) => c.mean), spec.precision)).toBeCloseTo(Math.sqrt(5), 12);
    // to fake: √(0.25·1 + 0) = 0.5
    expect(minClassMahalanobis([9, 0], spec.classes.map((c) => c.mean), spec.precision)).toBeCloseTo(0.5, 12);
  });
  it('uses the off-diagonal terms', () => {
    // P = [[2, 1], [1, 2]], x = (1, −1): xᵀPx = 2 − 1 − 1 + 2 = 2
    expect(minClassMahalanobis([1, -1], [[0, 0]], [2, 1, 1, 2])).toBeCloseTo(Math.SQRT2, 12);
  });
  it('refuses mismatched shapes', () => {
    expect(() => minClassMahalanobis([1, 2, 3], [[0, 0, 0]], [1, 0, 0, 1])).toThrow(/expected 9/);
  });
});

describe('domainVerdict', () => {
  it('is in domain at or under the threshold, out above it', () => {
    expect(domainVerdict(spec, [6, 0])).toMatchObject({ known: true, distance: 2, inDomain: true });
    expect(domainVerdict(spec, [0, 3])).toMatchObject({ known: true, distance: 3, inDomain: true });
    expect(domainVerdict(spec, [0, 3.5])).toMatchObject({ known: true, inDomain: false });
  });
  it('says unknown, never in domain, without statistics or embedding', () => {
    expect(domainVerdict(undefined, [0, 0])).toEqual({ known: false, reason: "the model's sidecar has no domain statistics" });
    expect(domainVerdict(spec, undefined).known).toBe(false);
    expect(domainVerdict(spec, [0, 0, 0]).known).toBe(false);
  });
  it('with the image view, is in domain only if both distances are within their thresholds', () => {
    // image view: one class at (1), P = (4) → D_i = 2·|f − 1|, threshold 2
    const both: DomainSpec = { ...spec, image: { features: ['f'], method: 'mahalanobis-min-class', classes: [{ name: 'live', mean: [1] }], precision: [4], shrinkage: 0, threshold: 2, percentile: 99 } };
    // D_e = 2 (of 3), D_i = 1 (of 2): distance max(2/3, 1/2)
    expect(domainVerdict(both, [6, 0], { image: [1.5] })).toMatchObject({ known: true, inDomain: true, threshold: 1, embeddingDistance: 2, imageDistance: 1 });
    expect((domainVerdict(both, [6, 0], { image: [1.5] }) as { distance: number }).distance).toBeCloseTo(2 / 3, 12);
    // D_i = 3 > 2: out although the embedding is in; distance 3/2
    expect(domainVerdict(both, [6, 0], { image: [2.5] })).toMatchObject({ known: true, inDomain: false, distance: 1.5 });
    // D_e = 3.5 > 3, D_i = 0: out
    expect(domainVerdict(both, [0, 3.5], { image: [1] })).toMatchObject({ known: true, inDomain: false });
    expect(domainVerdict(both, [6, 0]).known).toBe(false);
    expect(domainVerdict(both, [6, 0], { image: [1, 2] }).known).toBe(false);
  });
  it('with the appearance view too, is in domain only if all three distances are within their thresholds', () => {
    const view = (mean: number, threshold: number) => ({ features: ['f'], method: 'mahalanobis-min-class' as const, classes: [{ name: 'live', mean: [mean] }], precision: [1], shrinkage: 0, threshold, percentile: 99 });
    const three: DomainSpec = {
      ...spec, image: view(0, 2),
      appearance: { ...view(10, 4), network: { file: 'faceres.onnx', sha256: '0'.repeat(64), input: 'input_1', output: 'global_pooling/Mean', side: 224 }, center: [0], basis: [1] },
    };
    // D_e = 2 (of 3), D_i = 1 (of 2), D_a = 3 (of 4): in, distance 3/4
    expect(domainVerdict(three, [6, 0], { image: [1], appearance: [13] })).toMatchObject({ known: true, inDomain: true, distance: 0.75, embeddingDistance: 2, imageDistance: 1, appearanceDistance: 3 });
    // D_a = 5 > 4: out although both other views are in
    expect(domainVerdict(three, [6, 0], { image: [1], appearance: [5] })).toMatchObject({ known: true, inDomain: false, distance: 1.25 });
    expect(domainVerdict(three, [6, 0], { image: [1] })).toEqual({ known: false, reason: 'no appearance features were computed for this sample' });
    expect(domainVerdict(three, [6, 0], { image: [1], appearance: [1, 2] }).known).toBe(false);
  });
  it('summarises a run', () => {
    expect(domainCountsText({ scored: 40, known: 40, outside: 12 })).toBe("12 of 40 samples are outside the model's domain");
    expect(domainCountsText({ scored: 5, known: 3, outside: 1 }, 'faces')).toBe("1 of 3 faces are outside the model's domain (2 unknown)");
    expect(domainCountsText({ scored: 4, known: 0, outside: 0 })).toBe("domain unknown: the model's sidecar has no domain statistics");
  });
});
