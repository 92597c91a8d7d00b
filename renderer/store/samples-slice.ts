// Samples slice: the workspace's sample table (column arrays, 10⁵ rows), scores streamed in during a
// run, the browser's filter and sort, and the selected sample. Renderer store slice.
import type { StateCreator } from 'zustand';
import type { RunResultRow, SampleTable } from '../../common/api';
import { decodeSampleTable } from '../../common/contract/sample-table-codec';
import { api } from '../bridge/client';
import type { WorkbenchState } from './index';

export interface BrowserFilter {
  label: 'all' | 'bona-fide' | 'attack' | 'questioned';
  /** Species to show; empty means all. */
  species: string[];
  split: string;
  decision: 'all' | 'attack' | 'bona-fide';
  /** false-accept: an attack called bona fide; false-reject: a bona fide sample called attack. */
  error: 'all' | 'false-accept' | 'false-reject' | 'any-error';
  scoreMin: number | null;
  scoreMax: number | null;
  dominantExpert: number | null;
  /** Domain check: inside, outside, or unknown (no statistics in the model's sidecar). */
  domain: 'all' | 'in' | 'out' | 'unknown';
  scored: 'all' | 'scored' | 'unscored';
  search: string;
  /** Only these samples (a nearest-neighbour list or a selection on the embedding map); null = no such limit. */
  only: { ids: number[]; label: string } | null;
}

export type SortKey = 'id' | 'score' | 'margin' | 'path' | 'species';

export const EMPTY_FILTER: BrowserFilter = {
  label: 'all', species: [], split: 'all', decision: 'all', error: 'all',
  scoreMin: null, scoreMax: null, dominantExpert: null, domain: 'all', scored: 'all', search: '', only: null,
};

export interface SamplesSlice {
  table: SampleTable | null;
  /** Row index by sample id, for streaming updates. */
  rowById: Map<number, number>;
  /** Bumped whenever scores change in place, so memoised views recompute. */
  tableVersion: number;
  filter: BrowserFilter;
  sort: { key: SortKey; descending: boolean };
  browserView: 'table' | 'grid';
  selectedSampleId: number | null;
  loadSamples: (modelSha256?: string) => Promise<void>;
  applyRunResults: (modelSha256: string, rows: RunResultRow[]) => void;
  setFilter: (patch: Partial<BrowserFilter>) => void;
  resetFilter: () => void;
  setSort: (key: SortKey, descending?: boolean) => void;
  setBrowserView: (view: 'table' | 'grid') => void;
  selectSample: (id: number | null) => void;
}

export const createSamplesSlice: StateCreator<WorkbenchState, [], [], SamplesSlice> = (set, get) => ({
  table: null,
  rowById: new Map(),
  tableVersion: 0,
  filter: EMPTY_FILTER,
  sort: { key: 'id', descending: false },
  browserView: 'table',
  selectedSampleId: null,
  loadSamples: async (modelSha256) => {
    const model = modelSha256 ?? get().models.A?.sha256;
    const result = await api().samples.list(model ? { modelSha256: model } : {});
    if (!result.ok) {
      if (result.error.code !== 'no-workspace') get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    const table = decodeSampleTable(result.value);
    const rowById = new Map<number, number>();
    table.id.forEach((id, row) => rowById.set(id, row));
    set({ table, rowById, tableVersion: get().tableVersion + 1 });
  },
  applyRunResults: (modelSha256, rows) => {
    const { table, rowById } = get();
    if (!table || table.modelSha256 !== modelSha256) return;
    let unknown = false;
    for (const row of rows) {
      const index = rowById.get(row.sampleId);
      if (index === undefined) { unknown = true; continue; }
      if (row.ok) {
        table.score[index] = row.score;
        table.dominantExpert[index] = row.dominantExpert;
      }
    }
    set({ tableVersion: get().tableVersion + 1 });
    if (unknown) void get().loadSamples(modelSha256);
  },
  setFilter: (patch) => set({ filter: { ...get().filter, ...patch } }),
  resetFilter: () => set({ filter: EMPTY_FILTER }),
  setSort: (key, descending) => set({ sort: { key, descending: descending ?? (get().sort.key === key ? !get().sort.descending : key === 'score') } }),
  setBrowserView: (browserView) => set({ browserView }),
  selectSample: (selectedSampleId) => set({ selectedSampleId }),
});
