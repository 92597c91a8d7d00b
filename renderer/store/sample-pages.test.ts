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

