// The browser's column table read a column at a time: each column crosses from SQLite as one aggregated value
// (numbers as text exact to the bit, strings as a JSON array) instead of one row object per sample, and the
// repeated strings (species, split, category, …) are kept once. The same table as `sampleTable`, read in a
// fraction of its time and memory at 10⁶ samples (ARCHITECTURE.md §9). Node side (workspace).
import type { SampleTable } from '../../common/contract/samples.js';
import { connectionOf } from './connection.js';
import { sampleCount, sampleTable } from './samples.js';
import type { Workspace } from './workspace.js';

/** A REAL or NULL as JSON text: 17 significant digits read back to the same double (group_concat would skip NULLs). */
const num = (column: string): string => `group_concat(CASE WHEN ${column} IS NULL THEN 'null' ELSE printf('%!.17g', ${column}) END, ',')`;
/** An INTEGER column's value or NULL as JSON text: integers are written exactly as they are. */
const int = (column: string): string => `group_concat(ifnull(${column}, 'null'), ',')`;
const text = (column: string): string => `json_group_array(${column})`;

/** Every column of the next `limit` samples after an id aggregated in one pass in id order (the subquery's order, checked on the ids read). */
const COLUMNS_SQL = `SELECT ${[int('id'), int('dataset_id'), text('path'), int('label'), text('category'), text('species'), text('split'), text('identity'),
  text('file_status'), num('score'), int('dominant_expert'), int('in_domain'), num('domain_distance'), text('non_response')].join(', ')}
  FROM (SELECT s.id, s.dataset_id, s.path, s.label, s.category, s.species, s.split, s.identity, s.file_status, p.score, p.dominant_expert, p.in_domain,
    p.domain_distance, s.non_response FROM samples s LEFT JOIN predictions p ON p.sample_id = s.id AND p.model_sha256 = ? WHERE s.id > ? ORDER BY s.id LIMIT ?)`;

/** A column of numbers as group_concat wrote it (null when there were no rows); infinities are written Inf. */
function numbers(joined: string | null): (number | null)[] {
  if (joined === null) return [];
  try {
    return JSON.parse(`[${joined}]`) as (number | null)[];
  } catch {
    return joined.split(',').map((part) => (part === 'null' ? null : part === 'Inf' ? Infinity : part === '-Inf' ? -Infinity : Number(part)));
  }
}

/**
 * A column of strings as json_group_array wrote it (json_group_array of no rows is '[]'); a string with a NUL
 * ends at it, as the row read gives it.
 */
function strings(json: string | null): (string | null)[] {
  const values = json === null ? [] : JSON.parse(json) as (string | null)[];
  return json?.includes('\\u0000') ? values.map((value) => (value === null ? null : value.split('\u0000', 1)[0]!)) : values;
}

const KEYS = ['id', 'datasetId', 'path', 'label', 'category', 'species', 'split', 'identity', 'fileStatus', 'score', 'dominantExpert', 'inDomain',
  'domainDistance', 'nonResponse'] as const;
const TEXT = new Set<string>(['path', 'category', 'species', 'split', 'identity', 'fileStatus', 'nonResponse']);
const REPEATED = new Set<string>(['category', 'species', 'split', 'identity', 'fileStatus', 'nonResponse']);

/** Distinct strings a column keeps once, at most: a column of mostly different strings (identities) is kept as read. */
const MAX_KEPT_ONCE = 1 << 16;

/**
 * `sampleTable(workspace, modelSha256)` read a chunk of samples at a time, so that it can be read between other
 * calls: equal to it value for value once `done`. Each `step` reads the next chunk; when the aggregates do not
 * come in id order the rest is read by rows.
 */
export class SampleTableReader {
  /** Sized on the first step for the samples there are then (no growth by doubling); a count that changed is fixed at the end. */
  private columnsSized: Record<(typeof KEYS)[number], unknown[]> | null = null;
  private seen: Map<string, Map<string | null, string | null>> | null = new Map([...REPEATED].map((k) => [k, new Map()]));
  private after = -Infinity;
  private count = 0;
  private complete = false;
  private whole: SampleTable | null = null;

  constructor(private readonly workspace: Workspace, readonly modelSha256: string | null) {}

  private get columns(): Record<(typeof KEYS)[number], unknown[]> {
    if (!this.columnsSized) {
      const expected = sampleCount(this.workspace);
      this.columnsSized = Object.fromEntries(KEYS.map((k) => [k, new Array(expected)])) as never;
    }
    return this.columnsSized!;
  }

  get done(): boolean {
    return this.complete;
  }

  /** The samples read so far, in id order: the first `rows` of the table (all of it once `done`). */
  readSoFar(): { table: SampleTable; rows: number } {
    if (this.whole) return { table: this.whole, rows: this.whole.id.length };
    return { table: { modelSha256: this.modelSha256, ...(this.columnsSized ?? Object.fromEntries(KEYS.map((k) => [k, []]))) } as unknown as SampleTable, rows: this.count };
  }

  /** Reads up to `rows` more samples; true when the table is whole. */
  step(rows = 25_000): boolean {
    if (this.complete) return true;
    const sql = connectionOf(this.workspace);
    const row = sql.allRaw(COLUMNS_SQL, [this.modelSha256 ?? '', this.after, rows])[0] ?? [];
    const id = numbers((row[0] ?? null) as string | null);
    let previous = this.after;
    for (const value of id) {
      if (!(previous < value!)) return this.byRows();
      previous = value!;
    }
    const at = this.count;
    KEYS.forEach((key, k) => {
      const values = k === 0 ? id : TEXT.has(key) ? strings((row[k] ?? null) as string | null) : numbers((row[k] ?? null) as string | null);
      if (values.length !== id.length) throw new Error(`a sample column read ${values.length} values for ${id.length} samples`);
      const column = this.columns[key];
      const kept = this.seen?.get(key);
      if (!kept) {
        for (let i = 0; i < values.length; i++) column[at + i] = values[i];
        return;
      }
      for (let i = 0; i < values.length; i++) {
        const value = values[i] as string | null;
        const once = kept.get(value);
        if (once === undefined) kept.set(value, value);
        column[at + i] = once === undefined ? value : once;
      }
      if (kept.size > MAX_KEPT_ONCE) this.seen!.delete(key);
    });
    this.count += id.length;
    this.after = previous;
    if (id.length < rows) {
      for (const key of KEYS) this.columns[key].length = this.count;
      this.seen = null;
      this.complete = true;
    }
    return this.complete;
  }

  /** The whole table, reading what is left now. */
  table(): SampleTable {
    while (!this.complete && !this.step(100_000)) { /* the next chunk */ }
    return this.whole ??= { modelSha256: this.modelSha256, ...this.columns } as unknown as SampleTable;
  }

  private byRows(): boolean {
    this.whole = sampleTable(this.workspace, this.modelSha256);
    this.seen = null;
    this.complete = true;
    return true;
  }
}
