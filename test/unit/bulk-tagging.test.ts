// The renderer store's multi-selection and bulk tagging over the real `annotations` and `samples` handlers on
// a real workspace: shift-click ranges in the browser's order (the host's paged query, its `withIds`), ctrl-click toggles, a map selection, one bulk
// action tagging the selection (one custody entry naming every sample), the tag filter, and the auto-advance
// setting kept in storage.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, type UadApi } from '../../common/api.js';
import { annotationsHandlers } from '../../electron/services/annotations-handlers.js';
import { samplesHandlers } from '../../electron/services/samples-handlers.js';
import { WorkbenchSession } from '../../electron/services/session.js';
import { custodyEntries } from '../../electron/workspace/custody.js';
import { emptyStore } from '../support/workbench-store.js';

const ctx = { transport: 'http' as const };

/** localStorage as a browser keeps it, for the settings the store persists. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null { return this.items.get(key) ?? null; }
  setItem(key: string, value: string): void { this.items.set(key, value); }
}

let session: WorkbenchSession;
let api: UadApi;
beforeEach(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-bulk-'));
  session = new WorkbenchSession();
  session.openWorkspace(dir);
  const sample = (p: string, label: 0 | 1) => ({ id: 0, path: p, label, category: label ? 'physical' as const : 'bona-fide' as const, species: label ? 'print' : 'bona-fide', identity: '', split: 'test', sizeBytes: 1, status: 'ok' as const });
  session.workspace!.ingest({
    root: dir, source: 'folder', skipped: [], counts: { total: 5, bonaFide: 2, attack: 3, unusable: 0, bySpecies: {} },
    samples: [sample('live/a.png', 0), sample('live/b.png', 0), sample('attack/print/c.png', 1), sample('attack/print/d.png', 1), sample('attack/print/e.png', 1)],
  });
  const annotations = annotationsHandlers(session);
  const samples = samplesHandlers(session);
  api = {
    samples: {
      list: (input: unknown) => samples.list(contract.samples.list.validate(input), ctx),
      query: (input: unknown) => samples.query(contract.samples.query.validate(input), ctx),
    },
    annotations: {
      tag: (input: unknown) => annotations.tag(contract.annotations.tag.validate(input), ctx),
      list: () => annotations.list(undefined, ctx),
    },
  } as unknown as UadApi;
  (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
});
afterEach(async () => {
  delete (globalThis as { localStorage?: unknown }).localStorage;
  await session.dispose();
});

async function loadedStore() {
  const store = emptyStore(api);
  // The store over the workspace the session holds (the browser asks the host only with a workspace open).
  store.setState({ workspace: { file: session.workspace!.file, schemaVersion: 1, samples: 5, datasets: [], models: [], runs: [], custody: { ok: true, entries: 0 } } });
  await store.getState().loadSamples();
  await store.getState().loadAnnotations();
  return store;
}

describe('selection', () => {
  it('shift-click selects the range from the last plain click in the browser order; ctrl-click toggles one', async () => {
    const store = await loadedStore();
    const order = (await store.getState().browserOrderIds())!;
    expect(order).toHaveLength(5);
    store.getState().selectSample(order[1]!);
    store.getState().selectRange(order, order[3]!);
    expect(store.getState().selectedIds).toEqual(order.slice(1, 4));
    store.getState().selectRange(order, order[0]!); // the anchor stays: the range runs the other way
    expect(store.getState().selectedIds).toEqual(order.slice(0, 2));
    store.getState().toggleSelected(order[4]!);
    expect(store.getState().selectedIds).toEqual([order[0], order[1], order[4]]);
    store.getState().toggleSelected(order[0]!);
    expect(store.getState().selectedIds).toEqual([order[1], order[4]]);
    store.getState().selectSample(order[2]!);
    expect(store.getState().selectedIds).toEqual([order[2]]);
  });

  it('a selection on the map limits the browser and selects those samples', async () => {
    const store = await loadedStore();
    const order = (await store.getState().browserOrderIds())!;
    store.getState().selectOnMap([order[3]!, order[0]!], 'box');
    expect(store.getState().selectedIds).toEqual([order[3], order[0]]);
    expect((await store.getState().browserOrderIds())!).toEqual([order[0], order[3]]);
  });
});

describe('bulk tagging', () => {
  it('tags every selected sample in one custody entry; the tag filter then shows exactly them', async () => {
    const store = await loadedStore();
    const order = (await store.getState().browserOrderIds())!;
    store.getState().selectSample(order[1]!);
    store.getState().selectRange(order, order[3]!);
    const before = custodyEntries(session.workspace!).length;
    expect(await store.getState().tagSelected([' batch-7 ', ''])).toBe(true);
    const entries = custodyEntries(session.workspace!);
    expect(entries.length - before).toBe(1);
    expect(JSON.parse(entries.at(-1)!.detail)).toMatchObject({ event: 'bulk-tag', samples: order.slice(1, 4), tags: ['batch-7'] });
    expect(store.getState().notice?.text).toMatch(/^3 samples tagged batch-7/);
    store.getState().setFilter({ tag: 'batch-7' });
    expect((await store.getState().browserOrderIds())!).toEqual(order.slice(1, 4));
    // A fresh store reads the same findings back from the workspace.
    const reopened = await loadedStore();
    reopened.getState().setFilter({ tag: 'batch-7', verdict: 'inconclusive' });
    expect((await reopened.getState().browserOrderIds())!).toEqual(order.slice(1, 4));
  });

  it('nothing to apply, or nothing selected, sends nothing', async () => {
    const store = await loadedStore();
    const before = custodyEntries(session.workspace!).length;
    expect(await store.getState().tagSelected(['x'])).toBe(false);
    store.getState().selectIds((await store.getState().browserOrderIds())!);
    expect(await store.getState().tagSelected(['  '])).toBe(false);
    expect(custodyEntries(session.workspace!)).toHaveLength(before);
  });
});

describe('auto-advance', () => {
  it('is off by default and kept in storage across stores', async () => {
    expect((await loadedStore()).getState().autoAdvance).toBe(false);
    (await loadedStore()).getState().setAutoAdvance(true);
    expect((await loadedStore()).getState().autoAdvance).toBe(true);
  });
});
