// Samples slice: the workspace's sample table (column arrays, 10⁵ rows), scores streamed in during a
// run, the browser's filter and sort, the selected sample and the multi-selection (by sample id) that bulk
// actions work on. Renderer store slice.
import type { StateCreator } from 'zustand';
import type { RunResultRow, SampleTable } from '../../common/api';
import { decodeSampleTable } from '../../common/contract/sample-table-codec';
import { EMPTY_FILTER, type BrowserFilter, type SortKey } from '../../common/contract/samples';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { onWorkspaceLeft, sameWorkspace } from './workspace-generation';

export type { BrowserFilter, SortKey };

export { EMPTY_FILTER };

export interface SamplesSlice {
  table: SampleTable | null;
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
  loadSamples: (modelSha256?: string) => Promise<void>;
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
export const samplesWorkspaceState = (): Pick<SamplesSlice, 'table' | 'rowById' | 'filter' | 'selectedSampleId' | 'selectedIds' | 'selectionAnchor'> => ({
  table: null, rowById: new Map(), filter: EMPTY_FILTER, selectedSampleId: null, selectedIds: [], selectionAnchor: null,
});

/** Thumbnails kept per store (grid view, inspector, map hover). */
const MAX_IMAGES = 400;

export const createSamplesSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], SamplesSlice> => (set, get, store) => {
  /** This store's image cache, oldest first (a Map keeps insertion order); emptied with the workspace, as ids are per workspace. */
  const images = new Map<number, Promise<string | null>>();
  onWorkspaceLeft(store, () => images.clear());
  return {
  ...samplesWorkspaceState(),
  sort: { key: 'id', descending: false },
  browserView: 'table',
  loadSamples: async (modelSha256) => {
    const model = modelSha256 ?? get().models.A?.sha256;
    const here = sameWorkspace(get);
    const result = await api().samples.list(model ? { modelSha256: model } : {});
    if (!here()) return; // asked for under the workspace left since
    if (!result.ok) {
      if (result.error.code !== 'no-workspace') get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    const table = decodeSampleTable(result.value);
    const rowById = new Map<number, number>();
    table.id.forEach((id, row) => rowById.set(id, row));
    set({ table, rowById });
  },
  applyRunResults: (modelSha256, rows) => {
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
