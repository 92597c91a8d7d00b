// renderer/ has no run-time import cycle (ARCHITECTURE.md §1): the checker finds a planted one, and the
// renderer's own graph has none.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, runtimeImportGraph } from '../support/import-graph';

const renderer = path.resolve(__dirname, '../../renderer');

describe('renderer import graph', () => {
  it('finds a cycle when there is one, and ignores type-only edges the compiler erases', () => {
    const graph = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(importCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
    expect(importCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('reads the store → slice edges and not the slices\' type-only imports back', () => {
    const graph = runtimeImportGraph(renderer);
    const createStore = path.join(renderer, 'store/create-store.ts');
    expect(graph.get(createStore)).toContain(path.join(renderer, 'store/samples-slice.ts'));
    expect(graph.get(path.join(renderer, 'store/samples-slice.ts'))).not.toContain(createStore);
  });

  it('has no run-time cycle', () => {
    const cycles = importCycles(runtimeImportGraph(renderer)).map((cycle) => cycle.map((file) => path.relative(renderer, file)).join(' → '));
    expect(cycles).toEqual([]);
  });
});
