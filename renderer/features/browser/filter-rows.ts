// Filtering and sorting of the sample table for the browser (the analyst's findings included): one definition in
// common/samples/sample-query.ts, which the host's paged samples.query runs too; plus the next sample in the
// browser's order (the host's, samples-slice.ts `browserOrderIds`) after a finding is saved. Renderer (no DOM), unit-tested.
export { filterDisagreement, filterRows, marginOf, orderedRows, sortRows } from '../../../common/samples/sample-query';

/** The sample after `id` in the browser's order (the first when `id` is not in it), or null at the end. */
export function nextSampleId(order: readonly number[], id: number): number | null {
  const at = order.indexOf(id);
  return order[at + 1] ?? null;
}
