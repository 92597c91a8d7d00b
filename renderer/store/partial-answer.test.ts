// The browser's rows while the host has read only part of the table: a partial answer is shown as it is (the
// rows and count of the first samples read, marked partial), its windows all cover the same part, the same query
// is asked again on a timer until the answer covers every sample, and a newer query supersedes the re-asking
// (no answer of the old one overwrites it). The host is stood in for by a table read 100 samples per call.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SampleTable, UadApi } from '../../common/api';
import type { SampleQuery, SampleWindow } from '../../common/contract/samples';
import { orderedRows } from '../../common/samples/sample-query';
import { demoTable, fakeApi, storeWith, windowOf } from '../../test/support/workbench-store';
import { rowAt, WINDOW_ROWS, type BrowserPage } from './sample-pages';
import { REASK_MS } from './samples-slice';

const table = demoTable();
const TOTAL = table.id.length;
const STEP = 100;

/** The table's first `rows` samples. */
const firstRows = (rows: number): SampleTable =>
  Object.fromEntries(Object.entries(table).map(([key, value]) => [key, Array.isArray(value) ? value.slice(0, rows) : value])) as unknown as SampleTable;

/** The full scan's ids over the first `rows` samples for a filter and sort. */
const scanIds = (rows: number, query: Pick<SampleQuery, 'filter' | 'sort' | 'threshold'>): number[] => {
  const part = firstRows(rows);
  return Array.from(orderedRows(part, query.filter, query.sort, query.threshold), (row) => part.id[row]!);
};

/** Ids shown at display positions [from, to); null where a window is not loaded. */
const idsAt = (page: BrowserPage, from: number, to: number): (number | null)[] =>
  Array.from({ length: Math.max(0, Math.min(to, page.matched) - from) }, (_, k) => {
    const hit = rowAt(page, from + k);
    return hit ? hit.table.id[hit.row]! : null;
  });

/** A host that reads STEP more samples at each query asked without `upTo` and answers over what it has read. */
function readingApi() {
  const base = fakeApi(table).api;
  const asked: SampleQuery[] = [];
  let read = 0;
  const answer = (query: SampleQuery): SampleWindow => {
    if (query.upTo === undefined) read = Math.min(TOTAL, read + STEP);
    if (read >= TOTAL) return windowOf(table, query);
    const rows = Math.min(read, query.upTo ?? read);
    return { ...windowOf(firstRows(rows), query), total: TOTAL, partial: { read: rows, total: TOTAL } };
  };
  const api = { ...base, samples: { ...base.samples, query: async (query: SampleQuery) => { asked.push(query); return { ok: true, value: answer(query) }; } } } as unknown as UadApi;
  return { api, asked };
}

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('a partial answer', () => {
  it('is shown as partial, its windows over the same samples, and asked again until it covers them all', async () => {
    const { api, asked } = readingApi();
    const store = storeWith(table, api);
    store.getState().setFilter({ label: 'attack' });
    const query = store.getState();
    await store.getState().loadBrowserRows(0, 2 * WINDOW_ROWS);
    let page = store.getState().browserPage!;
    expect(page.partial).toEqual({ read: STEP, total: TOTAL });
    expect(page.matched).toBe(scanIds(STEP, query).length);
    expect(idsAt(page, 0, 2 * WINDOW_ROWS)).toEqual(scanIds(STEP, query));

    const reads: number[] = [];
    for (let k = 0; k < 10 && store.getState().browserPage!.partial; k++) {
      await vi.advanceTimersByTimeAsync(REASK_MS);
      page = store.getState().browserPage!;
      const read = page.partial?.read ?? TOTAL;
      reads.push(read);
      // Both windows in view cover the same first samples: together they are that part's full scan.
      expect([read, idsAt(page, 0, 2 * WINDOW_ROWS)]).toEqual([read, scanIds(read, query)]);
      expect(page.matched).toBe(scanIds(read, query).length);
    }
    expect(reads).toEqual([200, TOTAL]);
    expect(page.partial).toBeUndefined();
    expect(page.total).toBe(TOTAL);
    // The second window of each re-asking was asked over the part the first covered.
    expect(asked.filter((q) => q.offset === WINDOW_ROWS).every((q) => q.upTo !== undefined)).toBe(true);
    // Whole: nothing more is asked.
    const calls = asked.length;
    await vi.advanceTimersByTimeAsync(5 * REASK_MS);
    expect(asked.length).toBe(calls);
  });

  it('is superseded by a newer query: only the newer one is asked again and shown', async () => {
    const { api, asked } = readingApi();
    const store = storeWith(table, api);
    store.getState().setFilter({ label: 'attack' });
    await store.getState().loadBrowserRows(0, WINDOW_ROWS);
    expect(store.getState().browserPage!.partial?.read).toBe(STEP);

    store.getState().setFilter({ label: 'bona-fide', species: ['live'] });
    const newer = store.getState();
    await store.getState().loadBrowserRows(0, WINDOW_ROWS);
    const calls = asked.length;
    await vi.advanceTimersByTimeAsync(10 * REASK_MS);
    const page = store.getState().browserPage!;
    expect(page.partial).toBeUndefined();
    expect(idsAt(page, 0, WINDOW_ROWS)).toEqual(scanIds(TOTAL, newer));
    expect(asked.slice(calls).every((q) => q.filter.label === 'bona-fide')).toBe(true);
    expect(asked.length).toBeGreaterThan(calls);
  });
});
