// Filtering and sorting of the sample table for the browser: one definition in common/samples/sample-query.ts,
// which the host's paged samples.query runs too. Renderer (no DOM), unit-tested.
export { filterDisagreement, filterRows, marginOf, sortRows } from '../../../common/samples/sample-query';
