// Filtering and sorting of the sample table for the browser (the analyst's findings included): one definition in
// common/samples/sample-query.ts, which the host's paged samples.query runs too; plus the browser's display order
// and the next sample after a finding is saved. Renderer (no DOM), unit-tested.
import { orderedRows } from '../../../common/samples/sample-query';
import type { WorkbenchState } from '../../store/create-store';

export { filterDisagreement, filterRows, marginOf, orderedRows, sortRows } from '../../../common/samples/sample-query';

/** The sample after `id` in the browser's order (the first when `id` is not in it), or null at the end. */
export function nextSampleId(order: readonly number[], id: number): number | null {
  const at = order.indexOf(id);
  return order[at + 1] ?? null;
}

/** The workspace's sample ids in the browser's current order (empty before a workspace holds samples). */
export function browserOrderIds(state: Pick<WorkbenchState, 'table' | 'filter' | 'sort' | 'threshold' | 'latestAnnotations'>): number[] {
  const table = state.table;
  if (!table || table.id.length === 0) return [];
  return Array.from(orderedRows(table, state.filter, state.sort, state.threshold, state.latestAnnotations), (row) => table.id[row]!);
}
