// The sample browser's row windows: fixed windows of the host's paged samples.query, cached by the query
// (model, filter, sort, τ where it decides, data epoch) and the window's offset. An answer for a query no
// longer asked is dropped; the first window of a new query replaces the shown page at once (rows and count
// together), so the browser never mixes rows of two queries, nor of two parts of the table read by the host
// (a partial answer's windows all cover the same first samples). Renderer store (pure helper; ARCHITECTURE.md §9).
import type { SampleTable } from '../../common/api';
import type { BrowserFilter, SampleQuery, SortKey } from '../../common/contract/samples';

/** Rows in one window (a few screens of the table, one of the thumbnail grid). */
export const WINDOW_ROWS = 200;
/** Windows kept for the shown query (about 13 000 rows); the least recently answered go first. */
export const MAX_WINDOWS = 64;

export interface BrowserQuery {
  modelSha256: string | undefined;
  filter: BrowserFilter;
  sort: { key: SortKey; descending: boolean };
  threshold: number;
  /** Raised whenever the workspace's samples or scores changed, so no window of before is reused. */
  epoch: number;
  /** The newest findings the verdict or tag filter reads (null when neither is on): a new version asks again. */
  findings: object | null;
  /** The A vs B filter: model B at its own τ; 'undecidable' when B has no τ (nothing kept); null when off. */
  disagreement: NonNullable<SampleQuery['disagreement']> | 'undecidable' | null;
}

/** The shown query's windows and counts. */
export interface BrowserPage {
  key: string;
  /** The model whose scores the rows carry (null: none scored). */
  modelSha256: string | null;
  /** Rows the filter keeps. */
  matched: number;
  /** Samples in the workspace. */
  total: number;
  /** The filter's choices (every species and split of the workspace). */
  columns: { species: string[]; split: string[] };
  /** Answered windows by offset (a multiple of WINDOW_ROWS), least recently answered first. */
  windows: ReadonlyMap<number, SampleTable>;
  /** While the host has read only part of the table: the rows and count cover its first `read` samples (absent: all of them). */
  partial?: { read: number; total: number };
}

/** An answered window, with the key of the query it was asked under. */
export interface WindowAnswer {
  key: string;
  modelSha256: string | null;
  offset: number;
  matched: number;
  total: number;
  columns: { species: string[]; split: string[] };
  rows: SampleTable;
  partial?: { read: number; total: number };
}

/** Whether τ changes which rows the query keeps or their order (else a new τ reuses the windows). */
export function thresholdDecides(filter: BrowserFilter, sort: { key: SortKey }, disagreement: BrowserQuery['disagreement'] = null): boolean {
  return filter.decision !== 'all' || filter.error !== 'all' || sort.key === 'margin' || disagreement !== null;
}

/** Each findings object seen, numbered (a new object is a new version; the numbers are never reused). */
const findingsVersions = new WeakMap<object, number>();
let findingsSeen = 0;
function findingsVersion(findings: object | null): number | null {
  if (findings === null) return null;
  let version = findingsVersions.get(findings);
  if (version === undefined) findingsVersions.set(findings, (version = ++findingsSeen));
  return version;
}

/** The cache key of a query: equal keys mean the same rows in the same order. */
export function queryKey(query: BrowserQuery): string {
  const { modelSha256, filter, sort, threshold, epoch, findings, disagreement } = query;
  return JSON.stringify([modelSha256 ?? null, filter, sort, thresholdDecides(filter, sort, disagreement) ? threshold : null, epoch, findingsVersion(findings), disagreement]);
}

/**
 * The host's query for rows [offset, offset + limit) of a browser query (one whose disagreement is decidable);
 * `upTo`: over at most the first samples a partial answer shown covers, so its windows agree.
 */
export function sampleQueryOf(query: BrowserQuery, offset: number, limit: number, upTo?: number): SampleQuery {
  const { modelSha256, filter, sort, threshold, disagreement } = query;
  return {
    ...(modelSha256 ? { modelSha256 } : {}), filter, sort, threshold, offset, limit,
    ...(disagreement !== null && disagreement !== 'undecidable' ? { disagreement } : {}), ...(upTo !== undefined ? { upTo } : {}),
  };
}

/** Offsets of the windows that cover display positions [from, to), within `matched` rows when known. */
export function windowOffsets(from: number, to: number, matched: number | null): number[] {
  const end = matched === null ? to : Math.min(to, matched);
  const offsets: number[] = [];
  for (let offset = Math.floor(Math.max(0, from) / WINDOW_ROWS) * WINDOW_ROWS; offset < end; offset += WINDOW_ROWS) offsets.push(offset);
  if (offsets.length === 0 && matched === null) offsets.push(0); // the count comes with the first window
  return offsets;
}

/**
 * The page after an answer: null when the answer is stale (asked under another key than `wanted`, or over fewer
 * samples than the partial answer shown); a new page when it is the first for `wanted` or covers another part of
 * the table than the page (more of it, or all); else `page` with the window added (and the oldest beyond
 * MAX_WINDOWS let go).
 */
export function withAnswer(page: BrowserPage | null, wanted: string, answer: WindowAnswer): BrowserPage | null {
  if (answer.key !== wanted) return null;
  const shown = page !== null && page.key === wanted ? page : null;
  if (shown?.partial && answer.partial && answer.partial.read < shown.partial.read) return null;
  const same = shown !== null && shown.partial?.read === answer.partial?.read;
  const windows = new Map(same ? shown.windows : []);
  windows.delete(answer.offset);
  windows.set(answer.offset, answer.rows);
  while (windows.size > MAX_WINDOWS) windows.delete(windows.keys().next().value!);
  return { key: wanted, modelSha256: answer.modelSha256, matched: answer.matched, total: answer.total, columns: answer.columns, windows, ...(answer.partial ? { partial: answer.partial } : {}) };
}

/** The row at a display position: its window and its index there; null while that window is not loaded. */
export function rowAt(page: BrowserPage, position: number): { table: SampleTable; row: number } | null {
  if (position < 0 || position >= page.matched) return null;
  const offset = Math.floor(position / WINDOW_ROWS) * WINDOW_ROWS;
  const table = page.windows.get(offset);
  const row = position - offset;
  return table && row < table.id.length ? { table, row } : null;
}

/** The display position of a sample in the loaded windows; -1 when it is in none of them. */
export function positionOf(page: BrowserPage, sampleId: number): number {
  for (const [offset, table] of page.windows) {
    const row = table.id.indexOf(sampleId);
    if (row >= 0) return offset + row;
  }
  return -1;
}

/** The windows with a run's streamed scores written in (new tables for the windows that hold a changed sample). */
export function withScores(page: BrowserPage, scores: ReadonlyMap<number, { score: number | null; dominantExpert: number | null }>): BrowserPage {
  let changed = false;
  const windows = new Map<number, SampleTable>();
  for (const [offset, table] of page.windows) {
    let next = table;
    table.id.forEach((id, row) => {
      const update = scores.get(id);
      if (!update) return;
      if (next === table) next = { ...table, score: table.score.slice(), dominantExpert: table.dominantExpert.slice() };
      next.score[row] = update.score;
      next.dominantExpert[row] = update.dominantExpert;
    });
    if (next !== table) changed = true;
    windows.set(offset, next);
  }
  return changed ? { ...page, windows } : page;
}
