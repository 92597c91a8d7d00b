// The sidecar diff: every field of the compared sections, in section order, marked exactly where models differ
// (a field one model lacks differs; a long vector is shown by length but compared in full).
import { describe, expect, it } from 'vitest';
import type { ModelSidecar } from './sidecar.js';
import { sidecarDiff } from './sidecar-diff.js';

const base = {
  name: 'dense', version: '1',
  architecture: { variant: 'dense', image_size: 224, patch_size: 16, grid: [14, 14], tokens: 197 },
  moe: null,
  classes: { names: ['bona fide', 'attack'], prompts: ['a real face', 'a fake face'], attack_index: 1 },
  preprocessing: { resize: 224, mean: [0.48, 0.45, 0.4], std: [0.26, 0.26, 0.27] },
  training: { seed: 0, epochs: 3 },
  domain: { mean: Array.from({ length: 16 }, (_, i) => i / 16) },
  metrics: { p1: { auc: 0.9 } },
} as unknown as ModelSidecar;

describe('sidecar diff', () => {
  it('marks the differing fields of N models and only those', () => {
    const moe = { ...base, architecture: { ...base.architecture, variant: 'la-softmoe' }, moe: { layers: [10, 11], experts: 4, slots: 2, weighting: 'softmax', placement: 'replace' }, training: { seed: 0, epochs: 5 } } as unknown as ModelSidecar;
    const shifted = { ...base, domain: { mean: Array.from({ length: 16 }, (_, i) => i / 16 + (i === 15 ? 1e-6 : 0)) } } as unknown as ModelSidecar;
    const rows = sidecarDiff([base, moe, shifted]);
    const row = (field: string) => rows.find((r) => r.field === field)!;
    expect(row('architecture.variant')).toEqual({ field: 'architecture.variant', values: ['dense', 'la-softmoe', 'dense'], differs: true });
    expect(row('architecture.image_size').differs).toBe(false);
    expect(row('moe.experts')).toEqual({ field: 'moe.experts', values: ['—', '4', '—'], differs: true });
    expect(row('moe.layers').values[1]).toBe('[10, 11]');
    expect(row('preprocessing.mean')).toEqual({ field: 'preprocessing.mean', values: Array(3).fill('[0.48, 0.45, 0.4]'), differs: false });
    expect(row('training.epochs').differs).toBe(true);
    expect(row('training.seed').differs).toBe(false);
    expect(row('domain.mean')).toEqual({ field: 'domain.mean', values: Array(3).fill('16 values'), differs: true });
    expect(rows.some((r) => r.field.startsWith('metrics'))).toBe(false);
    // Section order: architecture before moe before preprocessing … before domain.
    const sections = rows.map((r) => r.field.split('.')[0]);
    expect(sections.indexOf('domain')).toBeGreaterThan(sections.indexOf('training'));
    expect(sections.indexOf('moe')).toBeGreaterThan(sections.lastIndexOf('architecture'));
  });
});
