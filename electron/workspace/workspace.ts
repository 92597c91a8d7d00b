// The workspace: one SQLite file (WAL) per project holding samples, runs, predictions, routing
// summaries, annotations, thresholds and the custody log (ARCHITECTURE.md §7). Every write is one transaction.
// This file opens, checks and migrates it; the Workspace methods hand each concern to its file: ingest.ts,
// run-lifecycle.ts (start, record, finish a run), score-queries.ts (reads). Node side (services, CLI).
import { mkdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { DatasetListing } from '../../common/dataset/types.js';
import type { RoutingSummaryKind } from '../../common/routing/summary.js';
import type { ModelFiles } from '../onnx/model-files.js';
import type { ScoredItem } from './scored-item.js';
import { attachConnection, detachConnection } from './connection.js';
import { appendCustody, verifyCustody, type ChainVerdict, type CustodyAction, type CustodyEntry } from './custody.js';
import { ingestListing, registerModelFiles } from './ingest.js';
import { finishRun, recordBatch, scoredSampleIds, startRun, type RunStart } from './run-lifecycle.js';
import type { RunRecord } from './runs.js';
import { nonResponses, ranModels, readRun, runDomainCounts, runFailures, scoredModels, scores, unscored, type ScoredSample, type UnscoredSample } from './score-queries.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { acquireScoringLock, type ScoringLock } from './scoring-lock.js';
import { Sql } from './sqlite.js';

export const WORKSPACE_FILE = 'workspace.sqlite';

function defaultActor(): string {
  try {
    return userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}

export class NoWorkspaceError extends Error {
  constructor(readonly location: string) {
    super(`no workspace at ${location}`);
    this.name = 'NoWorkspaceError';
  }
}

/** SQLite page cache sizes (negative: KiB): SQLite's default, and a scoring run's while it writes. */
const DEFAULT_CACHE_KIB = -2000;
const RUN_CACHE_KIB = -65536;

export class Workspace {
  readonly file: string;
  /** Private: other layers reach the data through this folder's typed functions (see connection.ts). */
  private readonly sql: Sql;
  readonly actor: string;

  private constructor(file: string, actor: string, existing: 'create' | 'existing' | 'read-only' = 'create') {
    this.file = file;
    this.actor = actor;
    this.sql = new Sql(file);
    attachConnection(this, this.sql);
    if (existing !== 'create') this.checkIsWorkspace(existing === 'read-only');
    this.sql.exec('PRAGMA journal_mode = WAL');
    this.sql.exec('PRAGMA synchronous = NORMAL'); // WAL + NORMAL: committed batches survive a process kill
    this.sql.exec('PRAGMA foreign_keys = ON');
    this.sql.exec('PRAGMA busy_timeout = 5000');
    // a checkpoint every 8000 pages (32 MiB of log; the default is 1000): a page a run rewrites batch after batch (a
    // table's last page, the score index's leaves) is copied into the file once per checkpoint, so fewer copies
    this.sql.exec('PRAGMA wal_autocheckpoint = 8000');
    this.migrate();
  }

  /**
   * Opens an existing workspace (its folder or the SQLite file) and never creates one: for commands that
   * only read. A missing path, a folder without a workspace or an empty file is "no workspace at PATH".
   */
  static openExisting(location: string, options: { readOnly: boolean }, actor = defaultActor()): Workspace {
    const resolved = path.resolve(location);
    const info = statSync(resolved, { throwIfNoEntry: false });
    const file = info?.isDirectory() ? path.join(resolved, WORKSPACE_FILE) : resolved;
    const fileInfo = statSync(file, { throwIfNoEntry: false });
    if (!fileInfo?.isFile() || fileInfo.size === 0) throw new NoWorkspaceError(resolved);
    return new Workspace(file, actor, options.readOnly ? 'read-only' : 'existing');
  }

  /** Refuses a file that is not a workspace before anything is written to it; read-only opens also refuse an upgrade. */
  private checkIsWorkspace(readOnly: boolean): void {
    let version: number;
    try {
      version = Number(this.sql.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")?.value ?? NaN);
    } catch {
      version = NaN;
    }
    if (!Number.isInteger(version)) {
      this.sql.close();
      throw new NoWorkspaceError(this.file);
    }
    if (readOnly && version < SCHEMA_VERSION) {
      this.sql.close();
      throw new Error(`the workspace at ${this.file} has schema ${version}; this command only reads and does not upgrade it to ${SCHEMA_VERSION}: open it once with the app or \`uad score\``);
    }
  }

  /** Opens (creating when needed) the workspace in `dir`, or the SQLite file itself when given one. */
  static open(location: string, actor = defaultActor()): Workspace {
    const resolved = path.resolve(location);
    const info = statSync(resolved, { throwIfNoEntry: false });
    if (info?.isFile()) return new Workspace(resolved, actor);
    mkdirSync(resolved, { recursive: true });
    return new Workspace(path.join(resolved, WORKSPACE_FILE), actor);
  }

  private migrate(): void {
    this.sql.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const current = Number(this.sql.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")?.value ?? 0);
    if (current > SCHEMA_VERSION) {
      throw new Error(`workspace schema ${current} is newer than this app understands (${SCHEMA_VERSION}); update the workbench`);
    }
    for (const migration of MIGRATIONS.filter((m) => m.version > current)) {
      // A table rebuild drops a referenced table: SQLite's procedure turns foreign keys off around the
      // transaction (the pragma is a no-op inside one) and checks every reference before committing.
      if (migration.rebuildsTable) this.sql.exec('PRAGMA foreign_keys = OFF');
      try {
        this.sql.transaction(() => {
          this.sql.exec(migration.sql);
          if (migration.rebuildsTable) {
            const broken = this.sql.all('PRAGMA foreign_key_check');
            if (broken.length > 0) throw new Error(`schema migration ${migration.version} would break ${broken.length} references; the workspace is left at schema ${migration.version - 1}`);
          }
          this.sql.run("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [String(migration.version)]);
        });
      } finally {
        if (migration.rebuildsTable) this.sql.exec('PRAGMA foreign_keys = ON');
      }
    }
  }

  schemaVersion(): number {
    return Number(this.sql.get<{ value: string }>("SELECT value FROM meta WHERE key = 'schema_version'")!.value);
  }

  /** Appends one custody entry in its own transaction, by `actor` (default: the workspace's actor). */
  custody(action: CustodyAction, detail: Record<string, unknown>, actor = this.actor): CustodyEntry {
    return this.sql.transaction(() => appendCustody(this.sql, actor, action, detail));
  }

  verifyCustody(): ChainVerdict {
    return verifyCustody(this.sql);
  }

  /** Registers a dataset listing's samples; returns their workspace ids in listing order. */
  ingest(listing: DatasetListing, listPath: string | null = null): { datasetId: number; sampleIds: number[] } {
    return ingestListing(this.sql, this.actor, listing, listPath);
  }

  registerModel(model: ModelFiles): void {
    registerModelFiles(this.sql, this.actor, model);
  }

  /** Sample ids (of those given) that already have a prediction from this model. */
  scoredSampleIds(modelSha256: string, sampleIds: number[]): Set<number> {
    return scoredSampleIds(this.sql, modelSha256, sampleIds);
  }

  /** Takes the workspace's scoring lock (one run writes at a time), closing runs left by dead processes. */
  lockForScoring(): ScoringLock {
    return acquireScoringLock(this.sql, this.actor);
  }

  startRun(run: RunStart): number {
    // While a run writes, 64 MiB of pages (the default is 2 MiB): its index pages stay in memory from batch to batch
    // instead of being read back. Only then: a connection that only reads keeps the default (finishRun restores it).
    this.sql.exec(`PRAGMA cache_size = ${RUN_CACHE_KIB}`);
    return startRun(this.sql, this.actor, run);
  }

  /** One batch's results, in one transaction; returns each item's dominant expert as stored (run-lifecycle.ts). */
  recordBatch(runId: number, modelSha256: string, layers: number[], experts: number, items: ScoredItem[], timing: { decodeMs: number; inferMs: number }, summary?: RoutingSummaryKind): (number | null)[] {
    return recordBatch(this.sql, runId, modelSha256, layers, experts, items, timing, summary);
  }

  /**
   * Batches that were all waiting to be recorded, in one transaction (one commit for all): each batch's dominant
   * experts as recordBatch returns them, in order. All or none of them are stored.
   */
  recordBatches(runId: number, modelSha256: string, layers: number[], experts: number, batches: { items: ScoredItem[]; timing: { decodeMs: number; inferMs: number } }[]): (number | null)[][] {
    return this.sql.transaction(() => batches.map(({ items, timing }) => recordBatch(this.sql, runId, modelSha256, layers, experts, items, timing)));
  }

  finishRun(runId: number, status: 'completed' | 'cancelled' | 'failed', error?: string): RunRecord {
    const record = finishRun(this.sql, this.actor, runId, status, error);
    this.sql.exec(`PRAGMA cache_size = ${DEFAULT_CACHE_KIB}`);
    return record;
  }

  run(runId: number): RunRecord | undefined {
    return readRun(this.sql, runId);
  }

  runFailures(runId: number): { path: string; reason: string }[] {
    return runFailures(this.sql, runId);
  }

  /** Every model that has predictions here, newest first. */
  scoredModels(): { sha256: string; name: string; predictions: number }[] {
    return scoredModels(this.sql);
  }

  /** Every model that ran here, scored or not (a run that found no face scores nothing), newest first. */
  ranModels(): { sha256: string; name: string; predictions: number }[] {
    return ranModels(this.sql);
  }

  /** The model's scored samples, of every dataset or of one (score-queries.ts). */
  scores(modelSha256: string, datasetId?: number): ScoredSample[] {
    return scores(this.sql, modelSha256, datasetId);
  }

  /** Samples of the datasets this model ran on (or of one of them) that have no score from it (score-queries.ts). */
  unscored(modelSha256: string, datasetId?: number): UnscoredSample[] {
    return unscored(this.sql, modelSha256, datasetId);
  }

  /** The model's unscored samples that have a reason, and how many were never attempted; all, or one split's (score-queries.ts). */
  nonResponses(modelSha256: string, split?: string): { samples: UnscoredSample[]; neverAttempted: number } {
    return nonResponses(this.sql, modelSha256, split);
  }

  /** Runs `work` in one transaction: the repository functions it calls commit together or not at all. */
  transaction<T>(work: () => T): T {
    return this.sql.transaction(work);
  }

  /** Domain verdicts of the predictions a run made: scored, with a verdict, outside the domain. */
  runDomainCounts(runId: number): { scored: number; known: number; outside: number } {
    return runDomainCounts(this.sql, runId);
  }

  close(): void {
    detachConnection(this);
    this.sql.close();
  }
}
