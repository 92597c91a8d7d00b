// The sample browser's filter and sort over a column table, and the windows a paged query returns: pure
// typed-array code, O(n) filter + O(k) radix sort of the k rows kept (O(k log k) for text). One definition, run by the renderer
// over a table it holds and by the host next to the workspace (ARCHITECTURE.md §9). Pure shared code (common/).
import { DISAGREEMENT_KINDS, type BrowserFilter, type LatestFindings, type SampleTable, type SortKey } from '../contract/samples.js';
import { decisionOf } from '../metrics/decision.js';
import { radixArgsort, stringRanks } from './argsort.js';

/** Signed distance to the threshold: positive = called attack; |margin| small = borderline. */
export const marginOf = (score: number | null, threshold: number): number | null => (score === null ? null : score - threshold);

/** Whether the filter keeps every row (then the rows in id order are the whole table in order). */
export function filterKeepsAll(filter: BrowserFilter): boolean {
  return filter.label === 'all' && filter.species.length === 0 && filter.split === 'all' && filter.decision === 'all' && filter.error === 'all'
    && filter.scoreMin === null && filter.scoreMax === null && filter.dominantExpert === null && filter.domain === 'all'
    && filter.scored === 'all' && filter.search.trim() === '' && filter.only === null && filter.verdict === 'all' && filter.tag === '';
}

/** Where two models' decisions part, each model decided at its own τ: a filter over a second score column. */
export type Disagreement = (typeof DISAGREEMENT_KINDS)[number];

export const DISAGREEMENTS: readonly Disagreement[] = DISAGREEMENT_KINDS;

/** Model B's scores of the table's rows (aligned with them), its domain checks and its own τ. */
export interface SecondModelColumn {
  readonly score: readonly (number | null)[];
  readonly inDomain?: readonly (number | null)[];
  readonly threshold: number;
}

/** A row's decision under a score column: null when unscored or inconclusive (outside the model's domain). */
function decidedAt(score: number | null, inDomain: number | null, threshold: number): 'attack' | 'bona-fide' | null {
  return score === null || inDomain === 0 ? null : decisionOf(score, threshold);
}

/**
 * Whether a row with both models' decisions belongs to the disagreement: 'disagree' needs only the two
 * decisions; the others need the ground truth (a questioned row is never wrong or right). A row either
 * model leaves undecided is in none of them.
 */
export function disagreementKeeps(kind: Disagreement, label: number | null, decisionA: 'attack' | 'bona-fide' | null, decisionB: 'attack' | 'bona-fide' | null): boolean {
  if (decisionA === null || decisionB === null) return false;
  if (kind === 'disagree') return decisionA !== decisionB;
  if (label === null) return false;
  const truth = label === 1 ? 'attack' : 'bona-fide';
  const wrongA = decisionA !== truth;
  const wrongB = decisionB !== truth;
  return kind === 'only-a-wrong' ? wrongA && !wrongB : kind === 'only-b-wrong' ? wrongB && !wrongA : wrongA && wrongB;
}

/**
 * The rows of `filterRows` that also fall in a disagreement between model A (the table's scores at `threshold`)
 * and model B (`second`, at its own τ). O(k) over the k rows the filter kept.
 */
export function filterDisagreement(table: SampleTable, kept: Int32Array, threshold: number, kind: Disagreement, second: SecondModelColumn): Int32Array {
  if (second.score.length !== table.id.length) throw new RangeError(`model B's scores cover ${second.score.length} rows, the table ${table.id.length}`);
  return kept.filter((i) => disagreementKeeps(kind, table.label[i] ?? null,
    decidedAt(table.score[i] ?? null, table.inDomain?.[i] ?? null, threshold),
    decidedAt(second.score[i] ?? null, second.inDomain?.[i] ?? null, second.threshold)));
}

/**
 * The rows kept by the filter among the table's first `rows` (all of them by default: a table read in part is
 * filtered over what is read); `findings` (each sample's newest finding) serve the verdict and tag filters.
 */
export function filterRows(table: SampleTable, filter: BrowserFilter, threshold: number, findings: LatestFindings = {}, rows = table.id.length): Int32Array {
  const n = Math.min(rows, table.id.length);
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
    // Outside the model's domain the outcome is inconclusive (common/metrics/outcome.ts): no decision, no error.
    const inconclusive = score !== null && (table.inDomain?.[i] ?? null) === 0;
    const decision = inconclusive ? null : decisionOf(score, threshold);
    if (filter.decision === 'inconclusive' ? !inconclusive : filter.decision !== 'all' && decision !== filter.decision) continue;
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

/**
 * Sorts row indexes; unscored rows always go last (in index order); ties keep index order, except under a
 * descending text sort, which is the ascending order reversed. By typed-array radix sorts (argsort.ts).
 */
export function sortRows(rows: Int32Array, table: SampleTable, key: SortKey, descending: boolean, threshold: number): Int32Array {
  // Ties are broken by the row index: the stable sorts start from the rows in index order.
  const input = rows.every((row, k) => k === 0 || rows[k - 1]! <= row) ? rows : Int32Array.from(rows).sort();
  if (key === 'path') {
    // Paths are mostly distinct: a comparison sort (fast on the mostly ordered paths of a listing).
    const path = table.path;
    const sorted = Array.from(input).sort((a, b) => (path[a]! < path[b]! ? -1 : path[a]! > path[b]! ? 1 : a - b));
    return Int32Array.from(descending ? sorted.reverse() : sorted);
  }
  if (key === 'species') {
    const picked = Array.from(input, (i) => table.species[i]!);
    const ranks = stringRanks(picked);
    const sorted = radixArgsort(input, Float64Array.from(picked, (value) => ranks.get(value)!), false);
    return descending ? sorted.reverse() : sorted;
  }
  const valued = new Int32Array(input.length);
  const keys = new Float64Array(input.length);
  const unscored: number[] = [];
  let count = 0;
  for (const i of input) {
    const score = table.score[i] ?? null;
    const value = key === 'score' ? score : key === 'margin' ? (score === null ? null : Math.abs(marginOf(score, threshold)!)) : table.id[i]!;
    if (value === null) unscored.push(i);
    else { valued[count] = i; keys[count++] = value; }
  }
  const sorted = radixArgsort(valued.subarray(0, count), keys.subarray(0, count), descending);
  const out = new Int32Array(input.length);
  out.set(sorted);
  out.set(unscored, count);
  return out;
}

/** The rows shown for a filter and sort among the table's first `rows`, in display order: indexes into the table. */
export function orderedRows(table: SampleTable, filter: BrowserFilter, sort: { key: SortKey; descending: boolean }, threshold: number, findings: LatestFindings = {}, rows = table.id.length): Int32Array {
  const kept = filterRows(table, filter, threshold, findings, rows);
  return sort.key === 'id' && !sort.descending ? kept : sortRows(kept, table, sort.key, sort.descending, threshold);
}

/** A second model's table as a column aligned with `table`'s rows by sample id, at its own τ. */
export function alignedColumn(table: SampleTable, second: SampleTable, threshold: number): SecondModelColumn {
  const row = new Map(second.id.map((id, i) => [id, i] as const));
  const at = (id: number): number | undefined => row.get(id);
  return {
    score: table.id.map((id) => { const i = at(id); return i === undefined ? null : second.score[i] ?? null; }),
    inDomain: table.id.map((id) => { const i = at(id); return i === undefined ? null : second.inDomain?.[i] ?? null; }),
    threshold,
  };
}

/** The table's rows at `indexes`, in that order, as a table of their own. */
export function tableRows(table: SampleTable, indexes: ArrayLike<number>): SampleTable {
  const pick = <T>(column: readonly T[]): T[] => Array.from({ length: indexes.length }, (_, k) => column[indexes[k]!]!);
  return {
    modelSha256: table.modelSha256, id: pick(table.id), datasetId: pick(table.datasetId), path: pick(table.path), label: pick(table.label),
    category: pick(table.category), species: pick(table.species), split: pick(table.split), identity: pick(table.identity),
    fileStatus: pick(table.fileStatus), score: pick(table.score), dominantExpert: pick(table.dominantExpert),
    ...(table.inDomain ? { inDomain: pick(table.inDomain) } : {}), ...(table.domainDistance ? { domainDistance: pick(table.domainDistance) } : {}),
  };
}
