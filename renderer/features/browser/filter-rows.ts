// Filtering and sorting of the sample table for the browser (the analyst's findings included): pure typed-array
// code over the column arrays, O(n) filter + O(k log k) sort of the k rows kept. Renderer (no DOM), unit-tested.
import type { Annotation, SampleTable } from '../../../common/api';
import { decisionOf } from '../../../common/metrics/decision';
import type { WorkbenchState } from '../../store/create-store';
import type { BrowserFilter, SamplesSlice, SortKey } from '../../store/samples-slice';

/** Signed distance to the threshold: positive = called attack; |margin| small = borderline. */
export const marginOf = (score: number | null, threshold: number): number | null => (score === null ? null : score - threshold);

/** The rows kept by the filter; `findings` (newest annotation by sample id) serve the verdict and tag filters. */
export function filterRows(table: SampleTable, filter: BrowserFilter, threshold: number, findings: Readonly<Record<number, Annotation>> = {}): Int32Array {
  const n = table.id.length;
  const keep = new Int32Array(n);
  let count = 0;
  const species = filter.species.length > 0 ? new Set(filter.species) : null;
  const search = filter.search.trim().toLowerCase();
  const only = filter.only ? new Set(filter.only.ids) : null;
  for (let i = 0; i < n; i++) {
    if (only && !only.has(table.id[i]!)) continue;
    const label = table.label[i] ?? null;
    if (filter.label === 'attack' && label !== 1) continue;
    if (filter.label === 'bona-fide' && label !== 0) continue;
    if (filter.label === 'questioned' && label !== null) continue;
    if (species && !species.has(table.species[i]!)) continue;
    if (filter.split !== 'all' && table.split[i] !== filter.split) continue;
    const score = table.score[i] ?? null;
    if (filter.scored === 'scored' && score === null) continue;
    if (filter.scored === 'unscored' && score !== null) continue;
    const decision = decisionOf(score, threshold);
    if (filter.decision !== 'all' && decision !== filter.decision) continue;
    if (filter.error !== 'all') {
      if (decision === null) continue;
      const falseAccept = label === 1 && decision === 'bona-fide';
      const falseReject = label === 0 && decision === 'attack';
      if (filter.error === 'false-accept' && !falseAccept) continue;
      if (filter.error === 'false-reject' && !falseReject) continue;
      if (filter.error === 'any-error' && !falseAccept && !falseReject) continue;
    }
    if (filter.scoreMin !== null && (score === null || score < filter.scoreMin)) continue;
    if (filter.scoreMax !== null && (score === null || score > filter.scoreMax)) continue;
    if (filter.dominantExpert !== null && table.dominantExpert[i] !== filter.dominantExpert) continue;
    if (filter.domain !== 'all') {
      if (score === null) continue;
      const inside = table.inDomain?.[i] ?? null;
      if (filter.domain === 'in' && inside !== 1) continue;
      if (filter.domain === 'out' && inside !== 0) continue;
      if (filter.domain === 'unknown' && inside !== null) continue;
    }
    if (filter.verdict !== 'all' || filter.tag !== '') {
      const finding = findings[table.id[i]!];
      if (filter.verdict === 'none' ? finding !== undefined : filter.verdict !== 'all' && finding?.verdict !== filter.verdict) continue;
      if (filter.tag !== '' && !finding?.tags.includes(filter.tag)) continue;
    }
    if (search && !table.path[i]!.toLowerCase().includes(search)) continue;
    keep[count++] = i;
  }
  return keep.slice(0, count);
}

/** Sorts row indexes in place; unscored rows always go last; ties keep table order (stable). */
export function sortRows(rows: Int32Array, table: SampleTable, key: SortKey, descending: boolean, threshold: number): Int32Array {
  const sign = descending ? -1 : 1;
  const numeric = (i: number): number | null => {
    if (key === 'score') return table.score[i] ?? null;
    if (key === 'margin') {
      const m = marginOf(table.score[i] ?? null, threshold);
      return m === null ? null : Math.abs(m);
    }
    return table.id[i]!;
  };
  const sorted = Array.from(rows);
  if (key === 'path' || key === 'species') {
    const column = key === 'path' ? table.path : table.species;
    sorted.sort((a, b) => sign * (column[a]! < column[b]! ? -1 : column[a]! > column[b]! ? 1 : a - b));
  } else {
    sorted.sort((a, b) => {
      const va = numeric(a);
      const vb = numeric(b);
      if (va === null || vb === null) return va === null ? (vb === null ? a - b : 1) : -1;
      return va === vb ? a - b : sign * (va - vb);
    });
  }
  return Int32Array.from(sorted);
}

/** The sample after `id` in the browser's order (the first when `id` is not in it), or null at the end. */
export function nextSampleId(order: readonly number[], id: number): number | null {
  const at = order.indexOf(id);
  return order[at + 1] ?? null;
}

/** The table's rows kept by the filter, in the sort's order (the browser's display order). */
export function orderedRows(table: SampleTable, filter: BrowserFilter, sort: SamplesSlice['sort'], threshold: number, findings: Readonly<Record<number, Annotation>>): Int32Array {
  const kept = filterRows(table, filter, threshold, findings);
  return sort.key === 'id' && !sort.descending ? kept : sortRows(kept, table, sort.key, sort.descending, threshold);
}

/** The workspace's sample ids in the browser's current order (empty before a workspace holds samples). */
export function browserOrderIds(state: Pick<WorkbenchState, 'table' | 'filter' | 'sort' | 'threshold' | 'latestAnnotations'>): number[] {
  const table = state.table;
  if (!table || table.id.length === 0) return [];
  return Array.from(orderedRows(table, state.filter, state.sort, state.threshold, state.latestAnnotations), (row) => table.id[row]!);
}
