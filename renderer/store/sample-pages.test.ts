// The browser's row windows in the store: windows read across their boundaries give the full scan's rows in
// its order, none lost or repeated; an answer for a filter no longer shown is dropped whichever lands first;
// a filter's count is the full scan's; τ refetches only where it decides; streamed scores reach loaded rows.
import { describe, expect, it } from 'vitest';
import type { SampleTable, UadApi } from '../../common/api';
import type { SampleQuery } from '../../common/contract/samples';
import { orderedRows } from '../../common/samples/sample-query';
import { demoTable, fakeApi, storeWith, windowOf } from '../../test/support/workbench-store';
import { positionOf, queryKey, rowAt, WINDOW_ROWS, windowOffsets, type BrowserPage } from './sample-pages';
import { browserQueryOf } from './samples-slice';

const table = demoTable();

/** Ids shown at display positions [from, to); null where a window is not loaded. */
const idsAt = (page: BrowserPage, from: number, to: number): (number | null)[] =>
  Array.from({ length: to - from }, (_, k) => {
    const hit = rowAt(page, from + k);
    return hit ? hit.table.id[hit.row]! : null;
  });

/** The full scan's ids for the store's current query. */
const scanIds = (state: Parameters<typeof browserQueryOf>[0]): number[] =>
  Array.from(orderedRows(table, state.filter, state.sort, state.threshold), (row) => table.id[row]!);

/** fakeApi whose samples.query answers only when the test releases it, and counts the calls. */
function heldApi() {
  const base = fakeApi(table).api;
  const held: { query: SampleQuery; release: () => void }[] = [];
  const api = {
    ...base,
    samples: {
      ...base.samples,
      query: (query: SampleQuery) => new Promise((resolve) => {
        held.push({ query, release: () => resolve({ ok: true, value: windowOf(table, query) }) });
      }),
    },
  } as unknown as UadApi;
  return { api, held };
}

describe('windowOffsets', () => {
  it('covers the positions asked for with whole windows, within the count when known', () => {
    expect(windowOffsets(0, 10, null)).toEqual([0]);
    expect(windowOffsets(WINDOW_ROWS - 1, WINDOW_ROWS + 1, null)).toEqual([0, WINDOW_ROWS]);
    expect(windowOffsets(WINDOW_ROWS, 2 * WINDOW_ROWS, 5000)).toEqual([WINDOW_ROWS]);
    expect(windowOffsets(0, 3 * WINDOW_ROWS, WINDOW_ROWS + 1)).toEqual([0, WINDOW_ROWS]);
    expect(windowOffsets(0, 10, 0)).toEqual([]);
  });
});

describe('the browser\'s row windows', () => {
  it('reads the rows across a window boundary as the full scan has them, none lost or repeated', async () => {
    const store = storeWith(table);
    store.getState().setSort('score', true);
    await store.getState().loadBrowserRows(WINDOW_ROWS - 5, WINDOW_ROWS + 5);
    let page = store.getState().browserPage!;
    expect([...page.windows.keys()].sort((a, b) => a - b)).toEqual([0, WINDOW_ROWS]);
    const scan = scanIds(store.getState());
    expect(page.matched).toBe(scan.length);
    expect(page.total).toBe(table.id.length);
    expect(idsAt(page, WINDOW_ROWS - 5, WINDOW_ROWS + 5)).toEqual(scan.slice(WINDOW_ROWS - 5, WINDOW_ROWS + 5));
    await store.getState().loadBrowserRows(0, page.matched + 50);
    page = store.getState().browserPage!;
    const shown = idsAt(page, 0, page.matched);
    expect(shown).toEqual(scan);
    expect(new Set(shown).size).toBe(table.id.length);
    expect(rowAt(page, page.matched)).toBeNull();
    expect(positionOf(page, scan[WINDOW_ROWS]!)).toBe(WINDOW_ROWS);
  });

  it('counts and orders a filter\'s rows as the full scan does', async () => {
    const store = storeWith(table);
    store.getState().setFilter({ species: ['replay'], split: 'test' });
    store.getState().setSort('path', false);
    await store.getState().loadBrowserRows(0, WINDOW_ROWS);
    const page = store.getState().browserPage!;
    const scan = scanIds(store.getState());
    expect(scan.length).toBeGreaterThan(0);
    expect(scan.length).toBeLessThan(table.id.length);
    expect(page.matched).toBe(scan.length);
    expect(page.total).toBe(table.id.length);
    expect(idsAt(page, 0, page.matched)).toEqual(scan);
    expect(page.columns.species).toEqual(['live', 'replay', 'swap']);
  });

  it('drops the answer for a filter no longer shown, whichever answer lands first', async () => {
    for (const order of ['old first', 'new first'] as const) {
      const { api, held } = heldApi();
      const store = storeWith(table, api);
      const before = store.getState().loadBrowserRows(0, 20);
      store.getState().setFilter({ label: 'bona-fide' });
      const after = store.getState().loadBrowserRows(0, 20);
      expect(held.map((h) => h.query.filter.label)).toEqual(['all', 'bona-fide']);
      const [old, current] = held;
      if (order === 'old first') {
        old!.release();
        await before;
        expect(store.getState().browserPage, order).toBeNull();
        current!.release();
        await after;
      } else {
        current!.release();
        await after;
        old!.release();
        await before;
      }
      const page = store.getState().browserPage!;
      expect(page.key, order).toBe(queryKey(browserQueryOf(store.getState())));
      expect(page.matched, order).toBe(table.label.filter((l) => l === 0).length);
      expect(idsAt(page, 0, 20), order).toEqual(scanIds(store.getState()).slice(0, 20));
    }
  });

  it('asks for a window once while it is on its way', async () => {
    const { api, held } = heldApi();
    const store = storeWith(table, api);
    const first = store.getState().loadBrowserRows(0, 20);
    const again = store.getState().loadBrowserRows(5, 30);
    expect(held).toHaveLength(1);
    held[0]!.release();
    await Promise.all([first, again]);
    await store.getState().loadBrowserRows(0, 30);
    expect(held).toHaveLength(1);
  });

  it('keeps its windows for a new τ that decides nothing, and asks again where τ decides', async () => {
    const { api, held } = heldApi();
    const store = storeWith(table, api);
    const load = async () => {
      const loading = store.getState().loadBrowserRows(0, 20);
      for (const h of held.splice(0)) h.release();
      await loading;
    };
    await load();
    store.setState({ threshold: 0.9 });
    const asked = held.length;
    await store.getState().loadBrowserRows(0, 20);
    expect(held.length).toBe(asked);
    store.getState().setFilter({ decision: 'attack' });
    await load();
    const atHigh = store.getState().browserPage!.matched;
    store.setState({ threshold: 0.2 });
    await load();
    expect(store.getState().browserPage!.matched).toBe(scanIds(store.getState()).length);
    expect(store.getState().browserPage!.matched).toBeGreaterThan(atHigh);
  });

  it('writes a run\'s streamed scores into the loaded rows as new windows', async () => {
    const unscored: SampleTable = { ...table, score: table.score.map(() => null) };
    const store = storeWith(unscored);
    await store.getState().loadBrowserRows(0, 20);
    const before = store.getState().browserPage!;
    store.getState().applyRunResults(table.modelSha256!, [{ sampleId: 3, ok: true, score: 0.75, dominantExpert: 1 }]);
    const after = store.getState().browserPage!;
    expect(after).not.toBe(before);
    const hit = rowAt(after, positionOf(after, 3))!;
    expect([hit.table.score[hit.row], hit.table.dominantExpert[hit.row]]).toEqual([0.75, 1]);
    const old = rowAt(before, positionOf(before, 3))!;
    expect(old.table.score[old.row]).toBeNull();
  });
});

describe('the whole table', () => {
  it('is not sent when the samples load, only once a view asks; then each reload brings it again', async () => {
    const base = fakeApi(table).api;
    let lists = 0;
    const api = { ...base, samples: { ...base.samples, list: (request: { modelSha256?: string }) => { lists++; return base.samples.list(request); } } } as unknown as UadApi;
    const store = storeWith(table, api);
    await store.getState().loadSamples(table.modelSha256!);
    expect(store.getState().browserPage?.matched).toBe(table.id.length);
    expect([lists, store.getState().table]).toEqual([0, null]);
    await Promise.all([store.getState().ensureSampleTable(), store.getState().ensureSampleTable()]);
    expect(lists).toBe(1);
    expect(store.getState().table?.id).toEqual(table.id);
    await store.getState().ensureSampleTable();
    expect(lists).toBe(1);
    await store.getState().loadSamples(table.modelSha256!);
    expect(lists).toBe(2);
  });
});


describe('the findings and A vs B filters in the paged query', () => {
  const shaB = 'b'.repeat(64);
  const savedB = { id: 1, modelSha256: shaB, value: 0.3, criterion: 'bpcer20', split: 'dev', dataHash: '', provenance: {}, createdAt: '' };

  it('asks the host for the rows where A and B part, with B at its own τ, and a new τ of B asks again', async () => {
    const { api, held } = heldApi();
    const store = storeWith(table, api);
    store.setState({ models: { A: { sha256: table.modelSha256!, name: 'a' } as never, B: { sha256: shaB, name: 'b' } as never }, threshold: 0.5, savedThresholds: [savedB], disagreement: 'disagree' });
    void store.getState().loadBrowserRows(0, 10);
    expect(held.map((h) => h.query.disagreement)).toEqual([{ kind: 'disagree', modelSha256: shaB, threshold: 0.3 }]);
    const before = queryKey(browserQueryOf(store.getState()));
    store.setState({ savedThresholds: [{ ...savedB, id: 2, value: 0.4 }] });
    expect(queryKey(browserQueryOf(store.getState()))).not.toBe(before);
    void store.getState().loadBrowserRows(0, 10);
    expect(held.at(-1)!.query.disagreement).toEqual({ kind: 'disagree', modelSha256: shaB, threshold: 0.4 });
  });

  it('keeps nothing, without asking the host, when B has no τ of its own', async () => {
    const { api, held } = heldApi();
    const store = storeWith(table, api);
    store.setState({ models: { A: { sha256: table.modelSha256!, name: 'a' } as never, B: { sha256: shaB, name: 'b' } as never }, disagreement: 'disagree' });
    await store.getState().loadBrowserRows(0, 10);
    expect(held).toHaveLength(0);
    expect(store.getState().browserPage?.matched).toBe(0);
    expect(await store.getState().browserOrderIds()).toEqual([]);
  });

  it('a new finding asks again only while the verdict or tag filter reads the findings', () => {
    const store = storeWith(table);
    const key = () => queryKey(browserQueryOf(store.getState()));
    const plain = key();
    store.setState({ latestAnnotations: {} });
    expect(key()).toBe(plain);
    store.getState().setFilter({ verdict: 'attack' });
    const filtered = key();
    store.setState({ latestAnnotations: {} });
    expect(key()).not.toBe(filtered);
  });

  it('gives every kept id in display order from the host (withIds), for ranges and auto-advance', async () => {
    const store = storeWith(table);
    store.getState().setSort('score', true);
    expect(await store.getState().browserOrderIds()).toEqual(scanIds(store.getState()));
  });
});
