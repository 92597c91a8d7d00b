// Each model slot's own τ: A at the operating point, B at its newest saved τ, else its comparison row's τ,
// else none (never A's τ); and the compared runs' saved τ sent to the metrics worker.
import { describe, expect, it } from 'vitest';
import type { SavedThreshold } from '../../common/contract/thresholds';
import type { WorkbenchState } from './create-store';
import { comparedSavedThresholds } from './evaluation-selectors';
import { slotThresholdSays, slotThresholdValue } from './slot-threshold';

const saved = (id: number, modelSha256: string | null, value: number): SavedThreshold =>
  ({ id, modelSha256, value, criterion: 'bpcer20', split: 'dev', dataHash: '', provenance: '', createdAt: '' }) as unknown as SavedThreshold;

const base = {
  models: { A: { sha256: 'aaa', name: 'a' }, B: { sha256: 'bbb', name: 'b' } },
  threshold: 0.3,
  thresholdProvenance: { criterion: 'fixed', at: '' },
  savedThresholds: [] as SavedThreshold[],
  evalQuery: null,
  evalSources: [{ id: 'model:bbb', kind: 'model', name: 'b', modelSha256: 'bbb', status: 'ready', error: null, summary: null }],
} as unknown as WorkbenchState;

describe('slot thresholds', () => {
  it('A is decided at the operating point; B with nothing of its own has no τ, not A`s', () => {
    expect(slotThresholdValue(base, 'A')).toBe(0.3);
    expect(slotThresholdSays(base, 'A')).toBe('the operating point (fixed)');
    expect(slotThresholdValue(base, 'B')).toBeNull();
    expect(slotThresholdSays(base, 'B')).toContain('no τ of its own');
  });

  it('B takes its comparison row`s τ, and its newest saved τ before that', () => {
    const row = { sourceId: 'model:bbb', threshold: 0.61, thresholdSays: 'EER on its dev (no saved τ)', error: null };
    const evaluated = { ...base, evalQuery: { comparison: [row] } } as unknown as WorkbenchState;
    expect([slotThresholdValue(evaluated, 'B'), slotThresholdSays(evaluated, 'B')]).toEqual([0.61, 'EER on its dev (no saved τ)']);
    const withSaved = { ...evaluated, savedThresholds: [saved(9, 'bbb', 0.7), saved(4, 'bbb', 0.2), saved(8, 'aaa', 0.1)] } as WorkbenchState;
    expect([slotThresholdValue(withSaved, 'B'), slotThresholdSays(withSaved, 'B')]).toEqual([0.7, 'saved #9 (bpcer20 on dev)']);
    expect(slotThresholdValue(withSaved, 'A')).toBe(0.3);
  });

  it('sends each compared workspace run`s newest saved τ to the worker, none for a scores file', () => {
    const s = { ...base, savedThresholds: [saved(9, 'bbb', 0.7), saved(3, null, 0.4)] } as WorkbenchState;
    expect(comparedSavedThresholds(s, ['model:bbb', 'file:1:x.csv'])).toEqual({ 'model:bbb': { value: 0.7, says: 'saved #9 (bpcer20 on dev)' } });
  });
});
