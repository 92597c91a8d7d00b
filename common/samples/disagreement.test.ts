// The disagreement filters over a second score column: each model decided at its own τ; undecided rows
// (unscored, outside a model's domain) in none; questioned rows only in "disagree".
import { describe, expect, it } from 'vitest';
import type { SampleTable } from '../contract/samples.js';
import { disagreementKeeps, filterDisagreement, type SecondModelColumn } from './sample-query.js';

function table(rows: { label: number | null; score: number | null; inDomain?: number | null }[]): SampleTable {
  const column = <T>(f: (row: (typeof rows)[number], i: number) => T): T[] => rows.map(f);
  return {
    modelSha256: 'a', id: column((_, i) => i + 1), datasetId: column(() => 1), path: column((_, i) => `${i}.png`), label: column((r) => r.label),
    category: column(() => ''), species: column(() => ''), split: column(() => 'test'), identity: column(() => ''), fileStatus: column(() => 'ok'),
    score: column((r) => r.score), dominantExpert: column(() => null), inDomain: column((r) => r.inDomain ?? 1),
  } as SampleTable;
}

describe('disagreement filters', () => {
  // τA = 0.5, τB = 0.3: B's own τ, not A's, decides B.
  const t = table([
    { label: 1, score: 0.9 }, // A attack ✓, B 0.6 attack ✓ → agree
    { label: 1, score: 0.4 }, // A bona fide ✗, B 0.35 attack ✓ (at A's τ it would be wrong too) → only A wrong
    { label: 0, score: 0.1 }, // A bona fide ✓, B 0.45 attack ✗ → only B wrong
    { label: 0, score: 0.7 }, // A attack ✗, B 0.8 attack ✗ → both wrong
    { label: null, score: 0.2 }, // questioned: A bona fide, B 0.9 attack → disagree only
    { label: 1, score: null }, // unscored by A → in none
    { label: 1, score: 0.2, inDomain: 0 }, // outside A's domain → in none
  ]);
  const second: SecondModelColumn = { score: [0.6, 0.35, 0.45, 0.8, 0.9, 0.9, 0.9], threshold: 0.3 };
  const all = Int32Array.from(t.id, (_, i) => i);
  const ids = (kind: Parameters<typeof filterDisagreement>[3]) => Array.from(filterDisagreement(t, all, 0.5, kind, second), (i) => t.id[i]);

  it('keeps each kind`s rows, B at its own τ', () => {
    expect(ids('disagree')).toEqual([2, 3, 5]);
    expect(ids('only-a-wrong')).toEqual([2]);
    expect(ids('only-b-wrong')).toEqual([3]);
    expect(ids('both-wrong')).toEqual([4]);
  });

  it('a row B leaves undecided is in none; a column of another length is refused', () => {
    const undecided = { ...second, score: [null, 0.35, 0.45, 0.8, 0.9, 0.9, 0.9], inDomain: [1, 0, 1, 1, 1, 1, 1] };
    expect(Array.from(filterDisagreement(t, all, 0.5, 'disagree', undecided), (i) => t.id[i])).toEqual([3, 5]);
    expect(() => filterDisagreement(t, all, 0.5, 'disagree', { ...second, score: [0.1] })).toThrow(RangeError);
    expect(disagreementKeeps('both-wrong', null, 'attack', 'attack')).toBe(false);
  });
});
