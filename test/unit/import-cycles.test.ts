// The Node side and common/ load without a runtime import cycle: every static import that survives compilation
// (verbatimModuleSyntax keeps all but `import type` / `export type`) is followed from file to file, and no path
// returns to where it started. The floors between electron/ rooms are lint rules (eslint.config.js, ARCHITECTURE.md §1).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STATIC_IMPORT = /^(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?'(\.{1,2}\/[^']+)'/gm;

/** The static runtime imports of one source file, as repository paths of .ts files. */
function runtimeImports(file: string, source: string): string[] {
  const targets: string[] = [];
  for (const match of source.matchAll(STATIC_IMPORT)) {
    if (match[1]) continue; // erased at compile time
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), match[2])).replace(/\.js$/, '.ts');
    targets.push(target);
  }
  return targets;
}

/** Every cycle reachable in a graph, each as the files along it (first file repeated at the end). */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

function sourceGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const top of ['electron', 'common']) {
    for (const entry of readdirSync(path.join(ROOT, top), { recursive: true }) as string[]) {
      const file = `${top}/${entry.split(path.sep).join('/')}`;
      if (!/\.c?ts$/.test(file) || file.endsWith('.test.ts')) continue;
      const imports = runtimeImports(file, readFileSync(path.join(ROOT, file), 'utf8'));
      for (const target of imports) expect(existsSync(path.join(ROOT, target)), `${file} imports ${target}`).toBe(true);
      graph.set(file, imports);
    }
  }
  return graph;
}

describe('runtime imports of electron/ and common/', () => {
  it('reads static imports, skips type-only ones, and finds a cycle when there is one', () => {
    expect(runtimeImports('electron/a/x.ts', "import { y } from './y.js';\nimport type { T } from '../b/t.js';\nexport { z } from '../../common/z.js';\nimport './side.js';\nexport type { U } from './u.js';"))
      .toEqual(['electron/a/y.ts', 'common/z.ts', 'electron/a/side.ts']);
    expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });

  it('form no cycle', () => {
    const graph = sourceGraph();
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph)).toEqual([]);
  });
});
