// Thin, safe wrapper over libsql (better-sqlite3 API): positional parameters are always bound as an
// array (a lone Buffer argument crashes libsql's binder), rows lose libsql's `_metadata`, blobs become
// Uint8Array. Node side (workspace).
import Database from 'libsql';

export type SqlValue = string | number | bigint | null | Uint8Array;
export type Row = Record<string, unknown>;

function cleanRow(row: unknown): Row | undefined {
  if (row === undefined || row === null) return undefined;
  const out: Row = {};
  for (const [key, value] of Object.entries(row as Row)) {
    if (key === '_metadata') continue;
    out[key] = value instanceof ArrayBuffer ? new Uint8Array(value) : Buffer.isBuffer(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;
  }
  return out;
}

/** Rows a runRows statement carries at most: a batch of 64 samples' predictions in one statement, its routing rows in three. */
const ROWS_PER_STATEMENT = 64;

export class Sql {
  private readonly db: InstanceType<typeof Database>;
  private depth = 0;
  /** Statements run through this connection that may have changed something (see version()). */
  private writes = 0;
  private readonly statements = new Map<string, ReturnType<InstanceType<typeof Database>['prepare']>>();
  private readonly rawStatements = new Map<string, ReturnType<InstanceType<typeof Database>['prepare']>>();

  constructor(file: string) {
    this.db = new Database(file);
  }

  exec(sql: string): void {
    this.writes += 1;
    this.db.exec(sql);
  }

  /**
   * Changes when anything may have been written since the last call: by this connection (its write
   * statements are counted) or committed by another (SQLite's data_version). Cached reads key on it.
   */
  version(): string {
    const other = (this.prepared('PRAGMA data_version').get([]) as Record<string, unknown>)['data_version'];
    return `${this.writes}:${String(other)}`;
  }

  private prepared(sql: string): ReturnType<InstanceType<typeof Database>['prepare']> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  run(sql: string, params: SqlValue[] = []): { changes: number; lastInsertRowid: number } {
    this.writes += 1;
    const info = this.prepared(sql).run(params) as { changes: number; lastInsertRowid: number | bigint };
    return { changes: info.changes, lastInsertRowid: Number(info.lastInsertRowid) };
  }

  /**
   * One statement for many rows: `head` up to VALUES, then `rows` (each `width` values, flat in `values`) as
   * `(?, …), (?, …)`, then `tail` (an ON CONFLICT clause), ROWS_PER_STATEMENT rows a statement, in order: a row
   * sees the rows before it as one statement per row would. Every statement so built is prepared once.
   */
  runRows(head: string, width: number, values: SqlValue[], tail = ''): void {
    if (values.length % width !== 0) throw new Error(`runRows: ${values.length} values are not rows of ${width}`);
    const rows = values.length / width;
    const row = `(${new Array<string>(width).fill('?').join(', ')})`;
    for (let first = 0; first < rows; first += ROWS_PER_STATEMENT) {
      const count = Math.min(ROWS_PER_STATEMENT, rows - first);
      this.run(`${head} VALUES ${new Array<string>(count).fill(row).join(', ')} ${tail}`, values.slice(first * width, (first + count) * width));
    }
  }

  get<T extends Row = Row>(sql: string, params: SqlValue[] = []): T | undefined {
    return cleanRow(this.prepared(sql).get(params)) as T | undefined;
  }

  all<T extends Row = Row>(sql: string, params: SqlValue[] = []): T[] {
    return (this.prepared(sql).all(params) as unknown[]).map((row) => cleanRow(row) as T);
  }

  /**
   * Rows as arrays in column order, without per-row objects: for large reads (10⁵ rows) where the
   * object form costs most of the time. Blobs are returned as libsql gives them.
   */
  allRaw(sql: string, params: SqlValue[] = []): unknown[][] {
    let statement = this.rawStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql).raw(true);
      this.rawStatements.set(sql, statement);
    }
    return statement.all(params) as unknown[][];
  }

  /** Runs fn inside one transaction (nested calls join the outer one); rolls back on throw. */
  transaction<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.db.exec('BEGIN IMMEDIATE');
    this.depth += 1;
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    } finally {
      this.depth -= 1;
    }
  }

  close(): void {
    this.db.close();
  }
}
