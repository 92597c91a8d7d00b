// Browser filter and sort on a hand-built table: every filter (findings' verdict and tag included), error types,
// margin order, unscored last, the next sample after a saved finding.
import { describe, expect, it } from 'vitest';
import type { Annotation, SampleTable } from '../../../common/api';
import { EMPTY_FILTER } from '../../store/samples-slice';
import { decisionOf } from '../../../common/metrics/decision';
import { filterRows, marginOf, nextSampleId, sortRows } from './filter-rows';

const table: SampleTable = {
  modelSha256: 'x',
  id: [1, 2, 3, 4, 5, 6],
  datasetId: [1, 1, 1, 1, 1, 1],
  path: ['live/a.jpg', 'live/b.jpg', 'attack/print/c.jpg', 'attack/print/d.jpg', 'attack/replay/e.jpg', 'attack/replay/f.jpg'],
  label: [0, 0, 1, 1, 1, 1],
  category: ['bona-fide', 'bona-fide', 'attack', 'attack', 'attack', 'attack'],
  species: ['bona-fide', 'bona-fide', 'print', 'print', 'replay', 'replay'],
  split: ['test', 'dev', 'test', 'dev', 'test', 'test'],
  identity: ['', '', '', '', '', ''],
  fileStatus: ['ok', 'ok', 'ok', 'ok', 'ok', 'missing'],
  score: [0.1, 0.7, 0.9, 0.3, 0.55, null],
  dominantExpert: [0, 1, 2, 2, 3, null],
  inDomain: [1, 0, 1, null, 0, null],
  domainDistance: [2.5, 14, 3, null, 20, null],
};
const rows = (patch: Partial<typeof EMPTY_FILTER>, threshold = 0.5) => Array.from(filterRows(table, { ...EMPTY_FILTER, ...patch }, threshold));

describe('filterRows', () => {
  it('keeps everything with the empty filter', () => expect(rows({})).toEqual([0, 1, 2, 3, 4, 5]));
  it('filters label, species, split, scored', () => {
    expect(rows({ label: 'bona-fide' })).toEqual([0, 1]);
    expect(rows({ species: ['replay'] })).toEqual([4, 5]);
    expect(rows({ split: 'dev' })).toEqual([1, 3]);
    expect(rows({ scored: 'unscored' })).toEqual([5]);
  });
  it('limits to a list of sample ids, combined with the other filters', () => {
    expect(rows({ only: { ids: [6, 2, 3], label: 'like sample 1' } })).toEqual([1, 2, 5]);
    expect(rows({ only: { ids: [6, 2, 3], label: 'like sample 1' }, label: 'attack' })).toEqual([2, 5]);
    expect(rows({ only: { ids: [], label: 'empty selection' } })).toEqual([]);
  });
  it('finds false accepts (attack called bona fide) and false rejects at the threshold', () => {
    expect(rows({ error: 'false-accept' })).toEqual([3]); // d: attack with 0.3 < 0.5
    expect(rows({ error: 'false-reject' }, 0.05)).toEqual([0]); // a: bona fide with 0.1 ≥ 0.05
    expect(rows({ error: 'any-error' }, 0.05)).toEqual([0]);
    expect(rows({ error: 'false-accept' }, 0.95)).toEqual([2, 3]); // c: 0.9 < 0.95
  });
  it('calls no sample outside the model\'s domain: inconclusive, never a decision or an error', () => {
    // b (0.7, bona fide) and e (0.55, attack) are outside: neither a false reject nor a false accept at any τ
    expect(rows({ decision: 'inconclusive' })).toEqual([1, 4]);
    expect(rows({ error: 'false-reject' })).toEqual([]);
    expect(rows({ error: 'false-accept' }, 0.6)).toEqual([3]);
    expect(rows({ decision: 'attack' }, 0.05)).toEqual([0, 2, 3]);
  });
  it('filters decision (score ≥ τ is attack), score range, dominant expert and path search', () => {
    expect(rows({ decision: 'attack' }, 0.55)).toEqual([2]);
    expect(rows({ scoreMin: 0.3, scoreMax: 0.7 })).toEqual([1, 3, 4]);
    expect(rows({ dominantExpert: 2 })).toEqual([2, 3]);
    expect(rows({ search: 'REPLAY/E' })).toEqual([4]);
  });
  it('filters the domain check: inside, outside, unknown (scored samples only)', () => {
    expect(rows({ domain: 'in' })).toEqual([0, 2]);
    expect(rows({ domain: 'out' })).toEqual([1, 4]);
    expect(rows({ domain: 'unknown' })).toEqual([3]); // f is unscored, so it has no verdict to filter on
  });
  it('filters the analyst\'s findings: verdict (or none yet) and tag of the newest finding', () => {
    const finding = (sampleId: number, verdict: Annotation['verdict'], tags: string[]): Annotation => ({
      id: sampleId, sampleId, author: 'e', createdAt: '', verdict, attackSpecies: '', tags, note: '', status: 'open',
    });
    const findings = { 2: finding(2, 'attack', ['moiré']), 3: finding(3, 'inconclusive', ['moiré', 'blur']), 5: finding(5, 'attack', []) };
    const kept = (patch: Partial<typeof EMPTY_FILTER>) => Array.from(filterRows(table, { ...EMPTY_FILTER, ...patch }, 0.5, findings));
    expect(kept({ verdict: 'attack' })).toEqual([1, 4]);
    expect(kept({ verdict: 'none' })).toEqual([0, 3, 5]);
    expect(kept({ tag: 'moiré' })).toEqual([1, 2]);
    expect(kept({ tag: 'moiré', verdict: 'inconclusive' })).toEqual([2]);
    expect(rows({ tag: 'moiré' })).toEqual([]); // no findings given: nothing carries the tag
  });
});

describe('nextSampleId', () => {
  it('is the next id in the browser order, the first when the sample left the list, null at the end', () => {
    expect(nextSampleId([4, 9, 2], 9)).toBe(2);
    expect(nextSampleId([4, 9, 2], 7)).toBe(4);
    expect(nextSampleId([4, 9, 2], 2)).toBeNull();
  });
});

describe('sortRows', () => {
  const all = filterRows(table, EMPTY_FILTER, 0.5);
  it('sorts by score with unscored last in both directions', () => {
    expect(Array.from(sortRows(all, table, 'score', true, 0.5))).toEqual([2, 1, 4, 3, 0, 5]);
    expect(Array.from(sortRows(all, table, 'score', false, 0.5))).toEqual([0, 3, 4, 1, 2, 5]);
  });
  it('sorts by |margin| to the threshold: borderline first', () => {
    // |s − .5|: .4, .2, .4, .2, .05 → e, then b and d (ties by table order), then a and c
    expect(Array.from(sortRows(all, table, 'margin', false, 0.5))).toEqual([4, 1, 3, 0, 2, 5]);
  });
  it('decision and margin helpers', () => {
    expect(decisionOf(0.5, 0.5)).toBe('attack');
    expect(decisionOf(null, 0.5)).toBeNull();
    expect(marginOf(0.25, 0.5)).toBe(-0.25);
  });
});
