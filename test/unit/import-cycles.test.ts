// The Node side and common/ load without a runtime import cycle: the run-time import graph (type-only imports and
// re-exports left out, as the compiler erases them; test/support/import-graph.ts, the renderer's check too) has no
// path that returns to where it started. The floors between electron/ rooms are lint rules (eslint.config.js, ARCHITECTURE.md §1).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, runtimeImportGraph } from '../support/import-graph';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const relative = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

describe('runtime imports of electron/ and common/', () => {
  it('reads static imports, skips type-only ones, and finds a cycle when there is one', () => {
    const graph = runtimeImportGraph(path.join(ROOT, 'electron'));
    const cli = (graph.get(path.join(ROOT, 'electron/cli/index.ts')) ?? []).map(relative);
    expect(cli).toContain('electron/cli/commands.ts');
    // scored-item.ts is imported by inference/protocol.ts for its type only: no run-time edge
    expect((graph.get(path.join(ROOT, 'electron/workspace/scored-item.ts')) ?? []).map(relative)).toEqual([]);
    expect(importCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(importCycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });

  it('form no cycle', () => {
    for (const top of ['electron', 'common']) {
      const graph = runtimeImportGraph(path.join(ROOT, top));
      expect(graph.size).toBeGreaterThan(50);
      expect(importCycles(graph).map((cycle) => cycle.map(relative).join(' → '))).toEqual([]);
    }
  });
});
