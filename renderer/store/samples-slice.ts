// Samples slice: the browser's row windows asked of the host per filter, sort and τ (sample-pages.ts; a partial
// answer, over the part of the table the host has read, is asked again until it covers every sample), the
// workspace's whole sample table for the views that still need it (column arrays), scores streamed in during
// a run, the browser's filter and sort, the selected sample and the multi-selection (by sample id) that bulk
// actions work on. Renderer store slice (ARCHITECTURE.md §9).
import type { StateCreator } from 'zustand';
import type { RunResultRow, SampleTable } from '../../common/api';
import type { Result } from '../../common/result';
import { decodeSampleTable } from '../../common/contract/sample-table-codec';
import { EMPTY_FILTER, type BrowserFilter, type SortKey } from '../../common/contract/samples';
import type { WorkbenchState } from './create-store';
import { queryKey, sampleQueryOf, WINDOW_ROWS, windowOffsets, withAnswer, withScores, type BrowserPage, type BrowserQuery } from './sample-pages';
import { slotThresholdValue } from './slot-threshold';
import type { StoreDeps } from './store-deps';
import { onWorkspaceLeft, sameWorkspace } from './workspace-generation';

export type { BrowserFilter, SortKey };

export { EMPTY_FILTER };

export interface SamplesSlice {
  /** The whole table, loaded only once a view that needs every row asks (ensureSampleTable); the browser reads browserPage. */
  table: SampleTable | null;
  /** Whether a view asked for the whole table in this workspace (then each reload brings it again). */
  tableWanted: boolean;
  /** The browser's shown query: its loaded windows and counts (null before the first answer). */
  browserPage: BrowserPage | null;
  /** The model the browser's rows are scored by (undefined: the workspace's latest scored model). */
  browserModel: string | undefined;
  /** Raised each time the samples are reloaded, so no window of before is reused. */
  browserEpoch: number;
  /** Row index by sample id, for streaming updates. */
  rowById: Map<number, number>;
  filter: BrowserFilter;
  sort: { key: SortKey; descending: boolean };
  browserView: 'table' | 'grid';
  selectedSampleId: number | null;
  /** The samples selected for a bulk action (the selected sample among them), in the order chosen. */
  selectedIds: number[];
  /** Where a shift-click range starts: the last sample clicked without shift. */
  selectionAnchor: number | null;
  /** Reloads the browser's rows (the first window at once) under this model, and the whole table where a view wants it. */
  loadSamples: (modelSha256?: string) => Promise<void>;
  /** The whole table for a view that needs every row (map, case samples, "more like this", evaluation): loaded once, under this model or the browser's. */
  ensureSampleTable: (modelSha256?: string) => Promise<void>;
  /**
   * The whole table of one model for a computation that reads every row (an evaluation source): the one held when it
   * is that model's, else fetched (sharing a transfer already on its way) and held when it is the browser's model.
   */
  sampleTableOf: (modelSha256: string) => Promise<Result<SampleTable>>;
  /** Asks the host for the windows holding display positions [from, to) of the current query not held yet. */
  loadBrowserRows: (from: number, to: number) => Promise<void>;
  /**
   * Every sample id the browser's current query keeps, in display order, asked of the host (its `withIds`): for
   * a shift-click range reaching outside the loaded windows and for moving on after a finding. null when the
   * query changed before the answer came or the host could not answer.
   */
  browserOrderIds: () => Promise<number[] | null>;
  /** Streamed scores of a run: a new table with the changed columns copied, never the old one edited. */
  applyRunResults: (modelSha256: string, rows: RunResultRow[]) => void;
  /** A sample's image as a data URL (null when the host cannot read it), kept in a small LRU cache. */
  sampleImageUrl: (sampleId: number) => Promise<string | null>;
  setFilter: (patch: Partial<BrowserFilter>) => void;
  resetFilter: () => void;
  setSort: (key: SortKey, descending?: boolean) => void;
  setBrowserView: (view: 'table' | 'grid') => void;
  /** Selects one sample (a plain click): the selection becomes that sample alone. */
  selectSample: (id: number | null) => void;
  /** Ctrl/⌘-click: adds or removes one sample from the selection. */
  toggleSelected: (id: number) => void;
  /** Shift-click: selects the samples from the anchor to `id`, in `order` (the browser's display order). */
  selectRange: (order: readonly number[], id: number) => void;
  /** Selects exactly these samples (a box or lasso on the embedding map). */
  selectIds: (ids: number[]) => void;
}

/** The samples state that belongs to the open workspace: its table, the browser's filter, the selection. */
export const samplesWorkspaceState = (): Pick<SamplesSlice, 'table' | 'tableWanted' | 'rowById' | 'browserPage' | 'browserModel' | 'browserEpoch' | 'filter' | 'selectedSampleId' | 'selectedIds' | 'selectionAnchor'> => ({
  table: null, tableWanted: false, rowById: new Map(), browserPage: null, browserModel: undefined, browserEpoch: 0, filter: EMPTY_FILTER,
  selectedSampleId: null, selectedIds: [], selectionAnchor: null,
});

/** The model whose scores the samples shown carry: the browser's, else the whole table's. */
export const shownModelOf = (s: Pick<WorkbenchState, 'browserPage' | 'table'>): string | null => s.browserPage?.modelSha256 ?? s.table?.modelSha256 ?? null;

/**
 * The browser's current query, from the state: the filter (findings included, read by the host from the
 * workspace's newest annotations, so their version is part of the key) and, when the A vs B filter is on,
 * model B at its own τ ('undecidable' when B has none: then nothing is kept, never everything).
 */
export const browserQueryOf = (s: WorkbenchState): BrowserQuery => {
  const findings = s.filter.verdict !== 'all' || s.filter.tag !== '' ? s.latestAnnotations : null;
  let disagreement: BrowserQuery['disagreement'] = null;
  if (s.disagreement !== null) {
    const sha = s.models.B?.sha256;
    const threshold = slotThresholdValue(s, 'B');
    disagreement = sha && threshold !== null ? { kind: s.disagreement, modelSha256: sha, threshold } : 'undecidable';
  }
  return { modelSha256: s.browserModel, filter: s.filter, sort: s.sort, threshold: s.threshold, epoch: s.browserEpoch, findings, disagreement };
};

/** How often a partial answer's query is asked again (the host reads the rest of the table meanwhile). */
export const REASK_MS = 300;

/** Thumbnails kept per store (grid view, inspector, map hover). */
const MAX_IMAGES = 400;

export const createSamplesSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], SamplesSlice> => (set, get, store) => {
  /** This store's image cache, oldest first (a Map keeps insertion order); emptied with the workspace, as ids are per workspace. */
  const images = new Map<number, Promise<string | null>>();
  /** Windows asked for and not answered yet, as `key@offset` (never asked twice at once). */
  const pending = new Set<string>();
  /** Epochs are never reused, not even across workspaces. */
  let epochs = 0;
  /** Whole-table loads under way, by model ('' for the default). */
  const tables = new Map<string, Promise<void>>();
  /** Whole tables on their way from the host, by model ('' for the default): every view asking for one shares one transfer. */
  const fetching = new Map<string, Promise<Result<SampleTable>>>();
  /** The display positions the browser last asked for (the windows a partial answer's re-asking covers). */
  let viewed = { from: 0, to: WINDOW_ROWS };
  /** The timer that asks a partial answer's query again (null: none set). */
  let reasking: ReturnType<typeof setTimeout> | null = null;
  onWorkspaceLeft(store, () => {
    images.clear();
    pending.clear();
    tables.clear();
    fetching.clear();
    if (reasking !== null) clearTimeout(reasking);
    reasking = null;
  });
  /**
   * Asks the host for one window of `query` (over at most its first `upTo` samples while a partial answer is
   * shown) and shows the answer unless the query changed meanwhile; a partial answer sets the re-asking.
   */
  const askWindow = async (query: BrowserQuery, key: string, offset: number, upTo?: number): Promise<void> => {
    if (pending.has(`${key}@${offset}`)) return;
    const here = sameWorkspace(get);
    pending.add(`${key}@${offset}`);
    const result = await api().samples.query(sampleQueryOf(query, offset, WINDOW_ROWS, upTo))
      .finally(() => pending.delete(`${key}@${offset}`));
    if (!here()) return; // asked for under the workspace left since
    if (!result.ok) {
      if (result.error.code !== 'no-workspace') get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    const { modelSha256: model, matched, total, columns, partial } = result.value;
    // Dropped when the filter, sort, τ or data changed while it was on its way, or when it covers less than the answer shown.
    const next = withAnswer(get().browserPage, queryKey(browserQueryOf(get())), {
      key, modelSha256: model, offset, matched, total, columns, rows: decodeSampleTable(result.value.rows), ...(partial ? { partial } : {}),
    });
    if (next) set({ browserPage: next });
    if (next?.partial) reaskLater();
  };
  /** While the answer shown is partial, the same query is asked again every REASK_MS until the host answers over all samples. */
  const reaskLater = (): void => {
    if (reasking === null) reasking = setTimeout(() => { reasking = null; void reask(); }, REASK_MS);
  };
  /**
   * The partial answer's query asked again: the first window in view over all the host has read by now, then
   * the others in view over the same part. A newer query from the analyst supersedes it (its own answers re-ask).
   */
  const reask = async (): Promise<void> => {
    const page = get().browserPage;
    if (get().workspace === null || !page?.partial) return;
    const query = browserQueryOf(get());
    const key = queryKey(query);
    if (page.key !== key || query.disagreement === 'undecidable') return;
    await askFirstThenRest(query, key, windowOffsets(viewed.from, viewed.to, page.matched));
  };
  /**
   * The first of `offsets` over all the host has read by now, then the others (within its count, not held yet)
   * over the same part of the table when that answer is partial, so the windows shown agree.
   */
  const askFirstThenRest = async (query: BrowserQuery, key: string, offsets: number[]): Promise<void> => {
    const [first = 0, ...rest] = offsets;
    await askWindow(query, key, first);
    const now = get().browserPage;
    if (now?.key !== key) return;
    await Promise.all(rest.filter((offset) => offset < now.matched && !now.windows.has(offset)).map((offset) => askWindow(query, key, offset, now.partial?.read)));
  };
  /** The whole table of `model` from the host, decoded; one request for all who ask while it is on its way. */
  const fetchTable = (model: string | undefined): Promise<Result<SampleTable>> => {
    const key = model ?? '';
    const under = fetching.get(key);
    if (under) return under;
    const asked = api().samples.list(model ? { modelSha256: model } : {})
      .then((result): Result<SampleTable> => (result.ok ? { ok: true, value: decodeSampleTable(result.value) } : result))
      .finally(() => { if (fetching.get(key) === asked) fetching.delete(key); });
    fetching.set(key, asked);
    return asked;
  };
  const loadTable = (model: string | undefined): Promise<void> => {
    const under = tables.get(model ?? '');
    if (under) return under;
    const loading = (async () => {
      const here = sameWorkspace(get);
      const result = await fetchTable(model);
      if (!here()) return; // asked for under the workspace left since
      if (!result.ok) {
        if (result.error.code !== 'no-workspace') get().showNotice({ kind: 'error', text: result.error.message });
        return;
      }
      const table = result.value;
      const rowById = new Map<number, number>();
      table.id.forEach((id, row) => rowById.set(id, row));
      set({ table, rowById });
    })().finally(() => tables.delete(model ?? ''));
    tables.set(model ?? '', loading);
    return loading;
  };
  return {
  ...samplesWorkspaceState(),
  sort: { key: 'id', descending: false },
  browserView: 'table',
  loadSamples: async (modelSha256) => {
    const model = modelSha256 ?? get().models.A?.sha256;
    const here = sameWorkspace(get);
    set({ browserModel: model, browserEpoch: ++epochs });
    // The first screen goes first; the whole table only where a view needs every row.
    await get().loadBrowserRows(0, WINDOW_ROWS);
    if (!here() || !get().tableWanted) return;
    await loadTable(model);
  },
  sampleTableOf: async (modelSha256) => {
    const held = get().table;
    if (held?.modelSha256 === modelSha256) return { ok: true, value: held };
    if (modelSha256 === (get().browserModel ?? get().models.A?.sha256 ?? shownModelOf(get()))) {
      // The browser's model: held as the browser's table once read, for the views that need every row next.
      await loadTable(modelSha256);
      const loaded = get().table;
      if (loaded?.modelSha256 === modelSha256) return { ok: true, value: loaded };
    }
    return fetchTable(modelSha256);
  },
  ensureSampleTable: async (modelSha256) => {
    if (!get().tableWanted) set({ tableWanted: true });
    const model = modelSha256 ?? get().browserModel ?? get().models.A?.sha256;
    const held = get().table;
    if (held && (model === undefined || held.modelSha256 === model)) return;
    await loadTable(model);
  },
  loadBrowserRows: async (from, to) => {
    if (get().workspace === null) return;
    viewed = { from, to };
    const query = browserQueryOf(get());
    const key = queryKey(query);
    const shown = get().browserPage;
    const page = shown?.key === key ? shown : null;
    const offsets = windowOffsets(from, to, page ? page.matched : null).filter((offset) => !page?.windows.has(offset) && !pending.has(`${key}@${offset}`));
    if (query.disagreement === 'undecidable') {
      // Model B has no τ of its own: the A vs B filter keeps nothing, and the host is not asked.
      if (page === null) set({ browserPage: { key, modelSha256: shown?.modelSha256 ?? null, matched: 0, total: shown?.total ?? 0, columns: shown?.columns ?? { species: [], split: [] }, windows: new Map() } });
      return;
    }
    if (page !== null) {
      // While the page shown is a partial answer, its other windows are asked over the same part of the table.
      await Promise.all(offsets.map((offset) => askWindow(query, key, offset, page.partial?.read)));
      return;
    }
    await askFirstThenRest(query, key, offsets);
  },
  browserOrderIds: async () => {
    if (get().workspace === null) return [];
    const query = browserQueryOf(get());
    if (query.disagreement === 'undecidable') return [];
    const key = queryKey(query);
    const result = await api().samples.query({ ...sampleQueryOf(query, 0, 0), withIds: true });
    // An answer for a query no longer shown orders nothing the analyst sees.
    if (!result.ok || queryKey(browserQueryOf(get())) !== key) return null;
    return result.value.ids ?? [];
  },
  applyRunResults: (modelSha256, rows) => {
    const page = get().browserPage;
    if (page && page.modelSha256 === modelSha256) {
      const scores = new Map(rows.flatMap((row) => (row.ok ? [[row.sampleId, { score: row.score, dominantExpert: row.dominantExpert }] as const] : [])));
      const next = withScores(page, scores);
      if (next !== page) set({ browserPage: next });
    }
    const { table, rowById } = get();
    if (!table || table.modelSha256 !== modelSha256) return;
    let unknown = false;
    // Only the two columns a result changes are copied (O(rows) per batch); the others are shared.
    const score = table.score.slice();
    const dominantExpert = table.dominantExpert.slice();
    for (const row of rows) {
      const index = rowById.get(row.sampleId);
      if (index === undefined) { unknown = true; continue; }
      if (row.ok) {
        score[index] = row.score;
        dominantExpert[index] = row.dominantExpert;
      }
    }
    set({ table: { ...table, score, dominantExpert } });
    if (unknown) void get().loadSamples(modelSha256);
  },
  setFilter: (patch) => set({ filter: { ...get().filter, ...patch } }),
  resetFilter: () => set({ filter: EMPTY_FILTER }),
  setSort: (key, descending) => set({ sort: { key, descending: descending ?? (get().sort.key === key ? !get().sort.descending : key === 'score') } }),
  setBrowserView: (browserView) => set({ browserView }),
  selectSample: (id) => set({ selectedSampleId: id, selectedIds: id === null ? [] : [id], selectionAnchor: id }),
  toggleSelected: (id) => {
    const { selectedIds } = get();
    const next = selectedIds.includes(id) ? selectedIds.filter((x) => x !== id) : [...selectedIds, id];
    set({ selectedIds: next, selectedSampleId: next.includes(id) ? id : next.at(-1) ?? null, selectionAnchor: id });
  },
  selectRange: (order, id) => {
    const anchor = get().selectionAnchor;
    const from = anchor === null ? -1 : order.indexOf(anchor);
    const to = order.indexOf(id);
    if (to < 0) return;
    if (from < 0) { get().selectSample(id); return; }
    const [lo, hi] = from <= to ? [from, to] : [to, from];
    set({ selectedIds: order.slice(lo, hi + 1), selectedSampleId: id }); // the anchor stays for the next shift-click
  },
  selectIds: (ids) => {
    const unique = [...new Set(ids)];
    set({ selectedIds: unique, selectedSampleId: unique[0] ?? null, selectionAnchor: unique[0] ?? null });
  },
  sampleImageUrl: (sampleId) => {
    const hit = images.get(sampleId);
    if (hit) {
      images.delete(sampleId);
      images.set(sampleId, hit); // refresh recency
      return hit;
    }
    const loading = api().samples.image({ sampleId }).then((r) => (r.ok ? `data:${r.value.mime};base64,${r.value.base64}` : null));
    images.set(sampleId, loading);
    while (images.size > MAX_IMAGES) images.delete(images.keys().next().value!);
    return loading;
  },
  };
};
