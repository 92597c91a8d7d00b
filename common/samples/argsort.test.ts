// The radix argsort and the browser's sort built on it give the order of a plain comparison sort: keys
// ascending or descending with ties in index order (0 and -0 equal, infinities and subnormals in place),
// unscored rows last, a descending text sort the ascending one reversed, rows given in any order.
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, type SampleTable, type SortKey } from '../contract/samples.js';
import { radixArgsort } from './argsort.js';
import { orderedRows, sortRows } from './sample-query.js';

/** A deterministic sequence in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const SPECIAL = [0, -0, 5e-324, -5e-324, Infinity, -Infinity, 1, -1, 0.5, 0.1 + 0.2, 0.3, Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** -1074 * 3];

/** The comparison sort, written plainly: by key, ties by row index. */
function plainly(rows: number[], key: (i: number) => number, descending: boolean): number[] {
  return rows.slice().sort((a, b) => (key(a) === key(b) ? a - b : (key(a) < key(b) ? -1 : 1) * (descending ? -1 : 1)));
}

describe('radixArgsort', () => {
  it('orders by key with ties in input order, both ways', () => {
    const next = random(7);
    const n = 5000;
    const value = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? SPECIAL[i % SPECIAL.length]! : i % 3 === 0 ? Math.round(next() * 20) / 4 - 2 : (next() - 0.5) * 1e6));
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    for (const descending of [false, true]) {
      expect(Array.from(radixArgsort(rows, Float64Array.from(value), descending))).toEqual(plainly(Array.from(rows), (i) => value[i]!, descending));
    }
  });

  it('sorts nothing and one row, and refuses NaN and a key count that does not match', () => {
    expect(Array.from(radixArgsort(new Int32Array(0), new Float64Array(0), false))).toEqual([]);
    expect(Array.from(radixArgsort(Int32Array.of(4), Float64Array.of(-3), true))).toEqual([4]);
    expect(() => radixArgsort(Int32Array.of(1, 2), Float64Array.of(1, NaN), false)).toThrow(/NaN/);
    expect(() => radixArgsort(Int32Array.of(1, 2), Float64Array.of(1), false)).toThrow(RangeError);
  });
});

describe('sortRows', () => {
  const next = random(11);
  const n = 3000;
  const species = ['print', 'Print', 'mask', 'élan', '😀', '\uffff', ''];
  const table: SampleTable = {
    modelSha256: 'm', id: Array.from({ length: n }, (_, i) => 10 * i + (i % 7)), datasetId: new Array<number>(n).fill(1),
    path: Array.from({ length: n }, (_, i) => `d/${species[i % species.length]}/${Math.floor(next() * 500)}.jpg`), label: new Array<number>(n).fill(1),
    category: new Array<string>(n).fill('c'), species: Array.from({ length: n }, (_, i) => species[(i * 3) % species.length]!), split: new Array<string>(n).fill(''),
    identity: new Array<string>(n).fill(''), fileStatus: new Array<string>(n).fill('ok'),
    score: Array.from({ length: n }, (_, i) => (i % 9 === 4 ? null : i % 4 === 0 ? Math.round(next() * 8) / 8 : i % 11 === 0 ? -0 : next())),
    dominantExpert: new Array<number | null>(n).fill(null),
  };
  const TAU = 0.5;
  /** The comparison sort the browser had: unscored last by index, ties by index, text descending reversed. */
  function reference(rows: number[], key: SortKey, descending: boolean): number[] {
    const sign = descending ? -1 : 1;
    if (key === 'path' || key === 'species') {
      const column = key === 'path' ? table.path : table.species;
      return rows.slice().sort((a, b) => sign * (column[a]! < column[b]! ? -1 : column[a]! > column[b]! ? 1 : a - b));
    }
    const numeric = (i: number): number | null => {
      const score = table.score[i] ?? null;
      return key === 'id' ? table.id[i]! : score === null ? null : key === 'score' ? score : Math.abs(score - TAU);
    };
    return rows.slice().sort((a, b) => {
      const va = numeric(a);
      const vb = numeric(b);
      if (va === null || vb === null) return va === null ? (vb === null ? a - b : 1) : -1;
      return va === vb ? a - b : sign * (va - vb);
    });
  }

  for (const key of ['id', 'score', 'margin', 'path', 'species'] as const) {
    for (const descending of [false, true]) {
      it(`${key} ${descending ? 'descending' : 'ascending'}: the comparison sort's order, from rows in any order`, () => {
        const all = Array.from({ length: n }, (_, i) => i);
        const some = all.filter((i) => i % 3 !== 1);
        const shuffled = some.slice().sort(() => next() - 0.5);
        expect(Array.from(sortRows(Int32Array.from(some), table, key, descending, TAU))).toEqual(reference(some, key, descending));
        expect(Array.from(sortRows(Int32Array.from(shuffled), table, key, descending, TAU))).toEqual(reference(some, key, descending));
        expect(Array.from(orderedRows(table, EMPTY_FILTER, { key, descending }, TAU))).toEqual(reference(all, key, descending));
      });
    }
  }
});
