// The validation of a sidecar's domain statistics (common/model/domain-validity): a precision matrix that is not
// symmetric positive-definite, a non-finite mean, a threshold of 0 or wrong lengths make the block unusable and every
// verdict "unknown" with the reason; valid blocks, the shipped ones included, are unchanged. vitest, pure.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { domainCountsText, domainVerdict } from '../faces/domain.js';
import { domainBlockProblem, positiveDefiniteProblem, readDomainBlock, unusableDomainReason, usableDomain } from './domain-validity.js';
import type { DomainSpec } from './face-domain.js';
import { parseSidecar } from './sidecar.js';

const block = {
  output: 'embedding', dims: 2, method: 'mahalanobis-min-class',
  classes: [{ name: 'live', mean: [0, 0] }, { name: 'fake', mean: [10, 0] }],
  precision: [0.25, 0, 0, 1], shrinkage: 0.1, threshold: 3, percentile: 99,
  reference: { split: 'dev', count: 100, data: 'dev.txt' }, fitted_on: { split: 'train', count: 1000, data: 'train.txt' },
};
const image = { features: ['a', 'b'], method: 'mahalanobis-min-class', classes: [{ name: 'live', mean: [1, 2] }], precision: [2, 1, 1, 2], shrinkage: 0.2, threshold: 4, percentile: 99 };
const sidecarBase = {
  name: 'cnn', architecture: { image_size: 128 }, moe: null, classes: { names: ['live', 'attack'], attack_index: 1 },
  preprocessing: { resize: 128, crop: 128, mean: [0, 0, 0], std: [1, 1, 1] },
};

describe('positiveDefiniteProblem', () => {
  it('accepts a symmetric positive-definite matrix and refuses the rest with the reason', () => {
    expect(positiveDefiniteProblem([2, 1, 1, 2], 2)).toBeNull();
    expect(positiveDefiniteProblem([2, 1.00000001, 1, 2], 2)).toBeNull(); // rounding of stored digits
    expect(positiveDefiniteProblem([-1, 0, 0, -1], 2)).toMatch(/not positive-definite \(Cholesky pivot 1 of 2/);
    expect(positiveDefiniteProblem([0, 0, 0, 0], 2)).toMatch(/not positive-definite/);
    expect(positiveDefiniteProblem([1, 2, 2, 1], 2)).toMatch(/not positive-definite \(Cholesky pivot 2 of 2 is -3/); // eigenvalues 3 and −1
    expect(positiveDefiniteProblem([1, 2, 2, 4], 2)).toMatch(/not positive-definite/); // singular
    expect(positiveDefiniteProblem([2, 1, 0, 2], 2)).toMatch(/not symmetric \(entry \[1\]\[0\] is 0, \[0\]\[1\] is 1\)/);
    expect(positiveDefiniteProblem([1, NaN, NaN, 1], 2)).toMatch(/entry 1 is not a finite number/);
    expect(positiveDefiniteProblem([1, 0, 0], 2)).toMatch(/has 3 entries, expected 4/);
  });
});

describe('a domain block that cannot give a verdict', () => {
  const bad: [string, unknown, RegExp][] = [
    ['negative precision', { ...block, precision: [-0.25, 0, 0, -1] }, /domain\.precision is not positive-definite/],
    ['all-zero precision', { ...block, precision: [0, 0, 0, 0] }, /domain\.precision is not positive-definite/],
    ['asymmetric precision', { ...block, precision: [1, 0.5, -0.5, 1] }, /domain\.precision is not symmetric/],
    ['infinite precision', { ...block, precision: [1e999, 0, 0, 1] }, /domain\.precision/],
    ['wrong precision length', { ...block, precision: [1, 0, 0] }, /domain\.precision must be a list of 4 numbers/],
    ['wrong mean length', { ...block, classes: [{ name: 'live', mean: [0, 0, 0] }] }, /domain\.classes\[0\]\.mean/],
    ['zero threshold', { ...block, threshold: 0 }, /domain\.threshold must be a finite number above 0/],
    ['bad image view', { ...block, image: { ...image, precision: [0, 0, 0, 0] } }, /domain\.image\.precision is not positive-definite/],
  ];

  it.each(bad)('%s: unusable at load, every verdict unknown with the reason', (_, value, reason) => {
    const loaded = readDomainBlock(value);
    expect(loaded).toEqual({ invalid: expect.stringMatching(reason) });
    expect(usableDomain(loaded)).toBeUndefined();
    const sidecar = parseSidecar({ ...sidecarBase, domain: value }); // the model still loads
    expect(domainBlockProblem(sidecar.domain)).toMatch(reason);
    for (const x of [[0, 0], [10, 0], [1e6, -1e6]]) {
      const verdict = domainVerdict(sidecar.domain, x, { image: [1, 2] });
      expect(verdict).toEqual({ known: false, reason: expect.stringMatching(/^the model's domain statistics are unusable: /) });
      expect(!verdict.known && verdict.reason).toMatch(reason);
    }
  });

  it('NaN in statistics built in code (JSON cannot carry it): unknown, never inside', () => {
    const spec: DomainSpec = { ...(readDomainBlock(block) as DomainSpec), classes: [{ name: 'live', mean: [NaN, 0] }] };
    expect(domainVerdict(spec, [0, 0])).toEqual({ known: false, reason: expect.stringMatching(/domain\.classes\[0\]\.mean\[0\] is not a finite number/) });
    const zeros: DomainSpec = { ...(readDomainBlock(block) as DomainSpec), precision: [0, 0, 0, 0] };
    expect(domainVerdict(zeros, [0, 0])).toMatchObject({ known: false });
  });

  it('a run summary gives the reason', () => {
    const sidecar = parseSidecar({ ...sidecarBase, domain: { ...block, precision: [0, 0, 0, 0] } });
    expect(domainCountsText({ scored: 4, known: 0, outside: 0, ...unusableDomainReason(sidecar) }))
      .toMatch(/^domain unknown: the model's domain statistics are unusable: domain\.precision is not positive-definite/);
    expect(unusableDomainReason(parseSidecar({ ...sidecarBase, domain: block }))).toEqual({});
  });

  it('a valid block is unchanged and gives verdicts', () => {
    const loaded = readDomainBlock({ ...block, image });
    expect(loaded).toEqual({ ...block, image });
    expect(domainVerdict(loaded, [4, 1], { image: [1, 2] })).toMatchObject({ known: true, inDomain: true });
    expect(readDomainBlock(undefined)).toBeUndefined();
  });

  it('the shipped models\' statistics are usable', () => {
    for (const name of ['dense-tiny', 'softmoe-tiny', 'lasoftmoe-tiny']) {
      const sidecar = parseSidecar(JSON.parse(readFileSync(`models/${name}.model.json`, 'utf8')));
      expect(domainBlockProblem(sidecar.domain), name).toBeNull();
      expect(usableDomain(sidecar.domain)?.appearance?.features.length, name).toBeGreaterThan(1);
    }
  });
});
