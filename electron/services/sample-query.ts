// Paged sample queries answered next to the workspace: the browser's rows for a filter, sort and τ as one
// window plus the counts, so a 10⁶-sample workspace never crosses to the renderer whole. The column table and
// the last query's row order are held per session and rebuilt when the workspace changes; the table is read a
// chunk at a time between calls from the first query on, and a filter, sort or search asked before it is whole is
// answered at once over the part read, marked partial (ARCHITECTURE.md §9). Node side (services).
import { encodeSampleTable } from '../../common/contract/sample-table-codec.js';
import type { SampleQuery, SampleTable, SampleWindow } from '../../common/contract/samples.js';
import { alignedColumn, filterDisagreement, filterKeepsAll, orderedRows, tableRows } from '../../common/samples/sample-query.js';
import { latestAnnotations } from '../workspace/annotations.js';
import { SampleTableReader } from '../workspace/sample-columns.js';
import { sampleColumnValues, sampleCount, sampleIdRange, sampleTableWindow, workspaceVersion, type IdAnchor } from '../workspace/samples.js';
import type { Workspace } from '../workspace/workspace.js';

interface Held {
  workspace: Workspace;
  version: string;
  /** The model the query named (undefined: the default) and the one it resolved to. */
  requested: string | undefined;
  model: string | null;
  columns: { species: string[]; split: string[] };
  total: number;
  /** The first sample id when the ids run without gaps (row k has id first + k), else null. */
  denseFrom: number | null;
  /** Where the last id-order window read from SQLite ended: the next one seeks from there. */
  lastWindow: IdAnchor | null;
  /** The column table, read in chunks until whole (then `table`). */
  reader: SampleTableReader;
  table: SampleTable | null;
  /**
   * The last query's order (its key without the window, with the samples it covers when it was answered over
   * the part read, so a partial order is never taken for the whole one) and its rows as indexes into the table.
   */
  order: { key: string; rows: Int32Array } | null;
  /** Whether the next chunk's read between calls is scheduled. */
  readingAhead: boolean;
  /** The second model of the last disagreement query, its table read once. */
  second: { model: string; table: SampleTable } | null;
}

/** Samples read per chunk between calls: a call waits at most one chunk's read behind them. */
const CHUNK = 10_000;

export class SampleQueries {
  private held: Held | null = null;
  private readonly chunk: number;

  /**
   * `readAhead`: whether the table may be read between calls now (not while a run writes into the workspace);
   * `chunk`: the samples read per chunk.
   */
  constructor(private readonly readAhead: () => boolean = () => true, options: { chunk?: number } = {}) {
    this.chunk = Math.max(1, Math.floor(options.chunk ?? CHUNK));
  }

  /** The window; the model is the query's or, when absent, `defaultModel`. */
  query(workspace: Workspace, query: SampleQuery, defaultModel: () => string | null): SampleWindow {
    const held = this.current(workspace, query.modelSha256, defaultModel);
    const model = held.model;
    const { filter, sort, threshold, offset, limit } = query;
    const base = { modelSha256: model, total: held.total, offset, columns: held.columns };
    if (filterKeepsAll(filter) && sort.key === 'id' && !sort.descending && !query.withIds && !query.disagreement) {
      // The whole table in id order: the window from the table as far as it is read, else by the primary key.
      const read = held.table ? { table: held.table, rows: held.total } : held.reader.readSoFar();
      const end = Math.min(held.total, offset + limit);
      const rows = end <= read.rows ? tableRows(read.table, range(offset, end)) : this.window(held, read, offset, limit);
      return { ...base, matched: held.total, rows: encodeSampleTable(rows) };
    }
    const { table, read } = this.tableFor(held, query);
    const key = JSON.stringify([filter, sort, threshold, query.disagreement ?? null, read ?? 'whole']);
    if (held.order?.key !== key) held.order = { key, rows: this.ordered(workspace, held, table, query, read ?? table.id.length) };
    const ordered = held.order.rows;
    const window = ordered.subarray(Math.min(offset, ordered.length), Math.min(ordered.length, offset + limit));
    return {
      ...base, matched: ordered.length, rows: encodeSampleTable(tableRows(table, window)),
      ...(query.withIds ? { ids: Array.from(ordered, (row) => table.id[row]!) } : {}),
      ...(read !== null ? { partial: { read, total: held.total } } : {}),
    };
  }

  /**
   * The table a filter, sort or search is answered over, and how many of its first samples are read (null: it is
   * whole). Before it is whole, one more chunk is read now (a call waits at most that) and the answer covers the
   * part read (or the first `upTo` samples of it, the part an earlier window of the same answer covered), while the
   * rest is read between calls. Correctness first where a part would mislead: a query `withIds` (the ids a selection or a bulk
   * action acts on: a part would silently leave samples out) and the A vs B filter wait for the whole table, and
   * so does every query while a run writes into the workspace (each batch changes it, so no read ahead is kept).
   */
  private tableFor(held: Held, query: SampleQuery): { table: SampleTable; read: number | null } {
    if (!held.table && !query.withIds && !query.disagreement && this.readAhead()) {
      if (query.upTo === undefined && !held.reader.done) held.reader.step(this.chunk);
      if (!held.reader.done) {
        if (!held.readingAhead) this.readNextChunk(held);
        const soFar = held.reader.readSoFar();
        return { table: soFar.table, read: Math.min(soFar.rows, query.upTo ?? Infinity) };
      }
    }
    return { table: held.table ??= held.reader.table(), read: null };
  }

  /**
   * Rows [offset, offset + limit) in id order from SQLite: a keyset seek from the nearest row whose id is known
   * (the row itself when the ids have no gaps, else the rows read so far or the last window's end), never a
   * scan from the first row (ARCHITECTURE.md §9).
   */
  private window(held: Held, read: { table: SampleTable; rows: number }, offset: number, limit: number): SampleTable {
    const known: IdAnchor[] = [{ row: 0, id: -Infinity }];
    if (held.denseFrom !== null) known.push({ row: offset, id: held.denseFrom + offset - 1 });
    if (read.rows > 0) known.push({ row: read.rows, id: read.table.id[read.rows - 1]! });
    if (held.lastWindow) known.push(held.lastWindow);
    const from = known.filter((anchor) => anchor.row <= offset).reduce((best, anchor) => (anchor.row > best.row ? anchor : best));
    const rows = sampleTableWindow(held.workspace, held.model, offset, limit, from);
    if (rows.id.length > 0) held.lastWindow = { row: offset + rows.id.length, id: rows.id[rows.id.length - 1]! };
    return rows;
  }

  /**
   * The whole column table of `model`: the one held when it is this workspace's at its version, else read now.
   * Its callers (the whole-table list, exports) wait for all of it, never a part.
   */
  table(workspace: Workspace, model: string | null): SampleTable {
    const held = this.held;
    if (held?.workspace === workspace && held.model === model && held.version === workspaceVersion(workspace)) return held.table ??= held.reader.table();
    return new SampleTableReader(workspace, model).table();
  }

  /**
   * The same whole table, read a chunk at a time with the event loop free between chunks, so the host answers other
   * calls meanwhile (at 10⁶ samples the read takes seconds). Read at once while a run writes, and again at once
   * when the workspace changed between two chunks: a table is never stitched from two versions.
   */
  async tableInTurns(workspace: Workspace, model: string | null): Promise<SampleTable> {
    const version = workspaceVersion(workspace);
    const held = this.held?.workspace === workspace && this.held.model === model && this.held.version === version ? this.held : null;
    if (held?.table) return held.table;
    if (!this.readAhead()) return this.table(workspace, model);
    const reader = held?.reader ?? new SampleTableReader(workspace, model);
    while (!reader.done) {
      reader.step(this.chunk);
      await new Promise((resolve) => setImmediate(resolve));
      if (workspaceVersion(workspace) !== version || !this.readAhead()) return this.table(workspace, model);
    }
    const table = reader.table();
    if (held && this.held === held) held.table ??= table;
    return table;
  }

  /** The rows of the filter and sort, narrowed to the disagreement with a second model when one is asked for. */
  private ordered(workspace: Workspace, held: Held, table: SampleTable, query: SampleQuery, read: number): Int32Array {
    const { filter } = query;
    // The verdict and tag filters read each sample's newest finding (the workspace version covers new findings).
    const findings = filter.verdict === 'all' && filter.tag === '' ? {} : Object.fromEntries(latestAnnotations(workspace).map((a) => [a.sampleId, a]));
    const rows = orderedRows(table, filter, query.sort, query.threshold, findings, read);
    const asked = query.disagreement;
    if (!asked) return rows;
    if (held.second?.model !== asked.modelSha256) held.second = { model: asked.modelSha256, table: new SampleTableReader(workspace, asked.modelSha256).table() };
    return filterDisagreement(table, rows, query.threshold, asked.kind, alignedColumn(table, held.second.table, asked.threshold));
  }

  private current(workspace: Workspace, requested: string | undefined, defaultModel: () => string | null): Held {
    const version = workspaceVersion(workspace);
    const held = this.held;
    if (held && held.workspace === workspace && held.version === version && held.requested === requested) return held;
    this.held = null; // the old table goes before the new one is read
    const model = requested ?? defaultModel();
    const total = sampleCount(workspace);
    const ids = sampleIdRange(workspace);
    const next: Held = {
      workspace, version, requested, model, columns: sampleColumnValues(workspace), total,
      denseFrom: ids && ids.max - ids.min + 1 === total ? ids.min : null, lastWindow: null,
      reader: new SampleTableReader(workspace, model), table: null, order: null, readingAhead: false, second: null,
    };
    this.held = next;
    this.readNextChunk(next);
    return next;
  }

  /**
   * Reads the next chunk of `held`'s table once the calls waiting have been answered, and so on until it is
   * whole; stops when another table is held, the workspace has changed (the next query starts again) or a run is
   * writing into it (then a query that needs the table reads it, as each batch changes it anyway).
   */
  private readNextChunk(held: Held): void {
    held.readingAhead = true;
    setImmediate(() => {
      held.readingAhead = false;
      if (this.held !== held || held.table || held.reader.done || !this.readAhead()) return;
      try {
        if (workspaceVersion(held.workspace) !== held.version) return;
        if (!held.reader.step(this.chunk)) this.readNextChunk(held);
      } catch {
        // A closed workspace: nothing to read ahead; a query reads the table itself and reports what fails.
        if (this.held === held) this.held = null;
      }
    });
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}
