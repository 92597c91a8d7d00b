// The workspace: one SQLite file (WAL) per project holding samples, runs, predictions, routing
// summaries, annotations, thresholds and the custody log (ARCHITECTURE.md §7). Every write is one transaction.
// Node side (services, CLI).
import { mkdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { DatasetListing } from '../../common/dataset/types.js';
import { lastLayerDominantExpert } from '../../common/routing/expert-mass.js';
import { defaultRoutingSummary, packDominant, type RoutingSummaryKind } from '../../common/routing/summary.js';
import type { ModelFiles } from '../onnx/model-files.js';
import type { ScoredItem } from './scored-item.js';
import { storeEmbedding } from './embeddings.js';
import { attachConnection, detachConnection } from './connection.js';
import { appendCustody, verifyCustody, type ChainVerdict, type CustodyAction, type CustodyEntry } from './custody.js';
import { runFromRow, type RunRecord, type RunRow } from './runs.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { acquireScoringLock, type ScoringLock } from './scoring-lock.js';
import { Sql } from './sqlite.js';

export const WORKSPACE_FILE = 'workspace.sqlite';

export interface RunStart {
  modelSha256: string;
  datasetId: number;
  provider: string;
  providerAttempts: unknown;
  versions: Record<string, string>;
  batchSize: number;
  total: number;
  skipped: number;
  /** Face detection of this run: 'detect' (one sample per face) or 'none' (whole images). */
  faces?: 'detect' | 'none';
  /** The list or manifest file the dataset was read from, with its SHA-256; null for a folder. */
  datasetFile?: { path: string; sha256: string } | null;
}

/** A scored sample of one model, as `uad export-scores` writes it. */
export interface ScoredSample {
  sampleId: number;
  path: string;
  absPath: string;
  score: number;
  label: number;
  species: string;
  category: string;
  identity: string;
  split: string;
  /** Face of a photograph (face detection on): its index and box [x, y, w, h]; null for a whole image. */
  faceIndex: number | null;
  faceBox: number[] | null;
  /** Domain check; null = domain unknown (the model's sidecar has no statistics). */
  domainDistance: number | null;
  inDomain: boolean | null;
}

export interface UnscoredSample {
  sampleId: number;
  path: string;
  label: number;
  species: string;
  category: string;
  identity: string;
  split: string;
  /** Why it has no score; null when it was never attempted. */
  reason: string | null;
}

const jsonNumbers = (text: string | null): number[] | null => {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((v) => typeof v === 'number') ? parsed : null;
  } catch {
    return null;
  }
};

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
      this.sql.transaction(() => {
        this.sql.exec(migration.sql);
        this.sql.run("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [String(migration.version)]);
      });
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
    return this.sql.transaction(() => {
      const now = new Date().toISOString();
      this.sql.run('INSERT INTO datasets (root, source, list_path, opened_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
        [listing.root, listing.source, listPath ?? '', now]);
      const datasetId = this.sql.get<{ id: number }>('SELECT id FROM datasets WHERE root = ? AND source = ? AND list_path = ?',
        [listing.root, listing.source, listPath ?? ''])!.id;
      const sampleIds: number[] = [];
      let added = 0;
      for (const sample of listing.samples) {
        const existing = this.sql.get<{ id: number }>('SELECT id FROM samples WHERE dataset_id = ? AND path = ?', [datasetId, sample.path]);
        const face = sample.face;
        const values = [path.resolve(listing.root, sample.file ?? sample.path), sample.label, sample.category, sample.species, sample.split, sample.identity, sample.status, sample.reason ?? null,
          sample.file ?? null, face?.index ?? null, face ? JSON.stringify(face.box) : null, face ? JSON.stringify(face.keypoints) : null, face?.confidence ?? null, sample.nonResponse ?? null];
        if (existing) {
          this.sql.run(`UPDATE samples SET abs_path = ?, label = ?, category = ?, species = ?, split = ?, identity = ?, file_status = ?, file_reason = ?,
            file_path = ?, face_index = ?, face_box = ?, face_keypoints = ?, face_confidence = ?, non_response = ? WHERE id = ?`,
            [...values, existing.id]);
          sampleIds.push(existing.id);
        } else {
          const info = this.sql.run(`INSERT INTO samples (dataset_id, path, abs_path, label, category, species, split, identity, file_status, file_reason,
            file_path, face_index, face_box, face_keypoints, face_confidence, non_response) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [datasetId, sample.path, ...values]);
          sampleIds.push(info.lastInsertRowid);
          added += 1;
        }
      }
      appendCustody(this.sql, this.actor, 'ingest', { dataset: listing.root, source: listing.source, list: listPath, samples: listing.samples.length, added });
      return { datasetId, sampleIds };
    });
  }

  registerModel(model: ModelFiles): void {
    this.sql.transaction(() => {
      const known = this.sql.get('SELECT sha256 FROM models WHERE sha256 = ?', [model.sha256]);
      if (known) return;
      this.sql.run('INSERT INTO models (sha256, name, onnx_path, sidecar_json, registered_at) VALUES (?, ?, ?, ?, ?)',
        [model.sha256, model.sidecar.name, model.onnxPath, JSON.stringify(model.sidecar), new Date().toISOString()]);
      appendCustody(this.sql, this.actor, 'model', { sha256: model.sha256, name: model.sidecar.name, path: model.onnxPath });
    });
  }

  /** Sample ids (of those given) that already have a prediction from this model. */
  scoredSampleIds(modelSha256: string, sampleIds: number[]): Set<number> {
    const scored = new Set<number>();
    const wanted = new Set(sampleIds);
    for (const row of this.sql.all<{ sample_id: number }>('SELECT sample_id FROM predictions WHERE model_sha256 = ?', [modelSha256])) {
      if (wanted.has(row.sample_id)) scored.add(row.sample_id);
    }
    return scored;
  }

  /** Takes the workspace's scoring lock (one run writes at a time), closing runs left by dead processes. */
  lockForScoring(): ScoringLock {
    return acquireScoringLock(this.sql, this.actor);
  }

  startRun(run: RunStart): number {
    return this.sql.transaction(() => {
      const info = this.sql.run(
        `INSERT INTO runs (model_sha256, dataset_id, provider, provider_attempts, versions, batch_size, status, total, skipped, started_at, faces)
         VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
        [run.modelSha256, run.datasetId, run.provider, JSON.stringify(run.providerAttempts), JSON.stringify(run.versions), run.batchSize, run.total, run.skipped, new Date().toISOString(), run.faces ?? 'none']);
      appendCustody(this.sql, this.actor, 'run', {
        event: 'start', run: info.lastInsertRowid, model: run.modelSha256, provider: run.provider, total: run.total, skipped: run.skipped, faces: run.faces ?? 'none',
        datasetFile: run.datasetFile ?? null,
      });
      return info.lastInsertRowid;
    });
  }

  /**
   * Stores one batch's results atomically: a kill between batches loses nothing already returned. Routing is kept
   * as `summary` says, by default as common/routing/summary.ts's budget rule chooses for the model's size.
   * Returns each item's dominant expert as recorded (null for a failure or a dense model), in the items' order.
   */
  recordBatch(runId: number, modelSha256: string, layers: number[], experts: number, items: ScoredItem[], timing: { decodeMs: number; inferMs: number }, summary?: RoutingSummaryKind): (number | null)[] {
    return this.sql.transaction(() => {
      const now = new Date().toISOString();
      const dominantExperts: (number | null)[] = [];
      let scored = 0;
      let failed = 0;
      for (const item of items) {
        if (item.sha256) {
          this.sql.run('UPDATE samples SET sha256 = ?, size_bytes = ? WHERE id = ?', [item.sha256, item.sizeBytes ?? null, item.key]);
        }
        if (!item.ok) {
          dominantExperts.push(null);
          failed += 1;
          this.sql.run('INSERT INTO failures (run_id, sample_id, reason) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET reason = excluded.reason', [runId, item.key, item.reason]);
          continue;
        }
        scored += 1;
        // Dominant expert of the image tokens in the last MoE layer: a cheap filter key for the browser.
        const dominant = lastLayerDominantExpert(item.expertMass, experts);
        dominantExperts.push(dominant);
        this.sql.run(
          `INSERT INTO predictions (sample_id, model_sha256, run_id, sample_sha256, score, logits, dominant_expert, scored_at, domain_distance, in_domain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (sample_id, model_sha256) DO UPDATE SET run_id = excluded.run_id, sample_sha256 = excluded.sample_sha256, score = excluded.score,
             logits = excluded.logits, dominant_expert = excluded.dominant_expert, scored_at = excluded.scored_at,
             domain_distance = excluded.domain_distance, in_domain = excluded.in_domain`,
          [item.key, modelSha256, runId, item.sha256, item.score, JSON.stringify(item.logits), dominant, now,
            item.domain?.known ? item.domain.distance : null, item.domain?.known ? (item.domain.inDomain ? 1 : 0) : null]);
        const tokens = item.expertMass[0] ? item.expertMass[0].length / Math.max(1, experts) : 0;
        const kind = summary ?? defaultRoutingSummary(layers.length, tokens, experts);
        const insert = 'INSERT OR REPLACE INTO routing_summaries (sample_id, model_sha256, layer, tokens, experts, expert_mass_f16, dispatch_mass_f16) VALUES (?, ?, ?, ?, ?, ?, ?)';
        if (kind === 'dominant' && item.expertMass.length > 0) {
          // one packed row: the dominant expert per token of every layer (common/routing/summary.ts)
          this.sql.run(insert, [item.key, modelSha256, layers[0]!, tokens, experts, packDominant(item.expertMass, experts), null]);
        } else {
          item.expertMass.forEach((mass, index) => {
            const dispatch = item.dispatchMass?.[index];
            this.sql.run(insert, [item.key, modelSha256, layers[index]!, tokens, experts, new Uint8Array(mass.buffer, mass.byteOffset, mass.byteLength),
              dispatch ? new Uint8Array(dispatch.buffer, dispatch.byteOffset, dispatch.byteLength) : null]);
          });
        }
        if (item.embedding) storeEmbedding(this.sql, item.key, modelSha256, item.embedding);
      }
      this.sql.run('UPDATE runs SET scored = scored + ?, failed = failed + ?, decode_ms = decode_ms + ?, infer_ms = infer_ms + ? WHERE id = ?',
        [scored, failed, timing.decodeMs, timing.inferMs, runId]);
      return dominantExperts;
    });
  }

  finishRun(runId: number, status: 'completed' | 'cancelled' | 'failed', error?: string): RunRecord {
    return this.sql.transaction(() => {
      this.sql.run('UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?', [status, new Date().toISOString(), error ?? null, runId]);
      const run = this.run(runId)!;
      appendCustody(this.sql, this.actor, 'run', { event: status, run: runId, scored: run.scored, failed: run.failed, skipped: run.skipped });
      return run;
    });
  }

  run(runId: number): RunRecord | undefined {
    const row = this.sql.get<RunRow & Record<string, unknown>>('SELECT * FROM runs WHERE id = ?', [runId]);
    return row ? runFromRow(row) : undefined;
  }

  runFailures(runId: number): { path: string; reason: string }[] {
    return this.sql.all<{ path: string; reason: string }>(
      'SELECT s.path AS path, f.reason AS reason FROM failures f JOIN samples s ON s.id = f.sample_id WHERE f.run_id = ? ORDER BY s.path', [runId]);
  }

  /** Every model that has predictions here, newest first. */
  scoredModels(): { sha256: string; name: string; predictions: number }[] {
    // Counting through the (model_sha256, score) index; newest run first.
    return this.sql.all<{ sha256: string; name: string; predictions: number }>(
      `SELECT sha256, name, predictions FROM (
         SELECT m.sha256 AS sha256, m.name AS name,
                (SELECT COUNT(*) FROM predictions p WHERE p.model_sha256 = m.sha256) AS predictions,
                (SELECT MAX(id) FROM runs r WHERE r.model_sha256 = m.sha256) AS last_run
         FROM models m)
       WHERE predictions > 0 ORDER BY last_run DESC`);
  }

  scores(modelSha256: string): ScoredSample[] {
    type Row = { sample_id: number; path: string; abs_path: string; score: number; label: number; species: string; category: string; identity: string; split: string;
      face_index: number | null; face_box: string | null; domain_distance: number | null; in_domain: number | null };
    return this.sql.all<Row>(
      `SELECT s.id AS sample_id, s.path AS path, s.abs_path AS abs_path, p.score AS score, s.label AS label, s.species AS species,
              s.category AS category, s.identity AS identity, s.split AS split,
              s.face_index AS face_index, s.face_box AS face_box, p.domain_distance AS domain_distance, p.in_domain AS in_domain
       FROM predictions p JOIN samples s ON s.id = p.sample_id WHERE p.model_sha256 = ? ORDER BY s.id`, [modelSha256]).map((r) => ({
      sampleId: r.sample_id, path: r.path, absPath: r.abs_path, score: r.score, label: r.label, species: r.species, category: r.category,
      identity: r.identity, split: r.split, faceIndex: r.face_index, faceBox: jsonNumbers(r.face_box),
      domainDistance: r.domain_distance, inDomain: r.in_domain === null ? null : r.in_domain === 1,
    }));
  }

  /**
   * Samples of the datasets this model ran on that have no score from it: `reason` is the latest
   * failure recorded for the model (unreadable, not an image, no face…) or the file status; samples
   * never attempted (a run stopped early) have reason null.
   */
  unscored(modelSha256: string): UnscoredSample[] {
    type Row = { sample_id: number; path: string; label: number; species: string; category: string; identity: string; split: string; reason: string | null };
    return this.sql.all<Row>(
      `SELECT s.id AS sample_id, s.path AS path, s.label AS label, s.species AS species, s.category AS category,
              s.identity AS identity, s.split AS split,
              COALESCE((SELECT f.reason FROM failures f JOIN runs r ON r.id = f.run_id
                        WHERE f.sample_id = s.id AND r.model_sha256 = ? ORDER BY f.run_id DESC LIMIT 1),
                       CASE WHEN s.file_status <> 'ok' THEN COALESCE(s.file_reason, s.file_status) END) AS reason
       FROM samples s
       WHERE s.dataset_id IN (SELECT dataset_id FROM runs WHERE model_sha256 = ?)
         AND NOT EXISTS (SELECT 1 FROM predictions p WHERE p.sample_id = s.id AND p.model_sha256 = ?)
       ORDER BY s.id`, [modelSha256, modelSha256, modelSha256]).map((r) => ({
      sampleId: r.sample_id, path: r.path, label: r.label, species: r.species, category: r.category, identity: r.identity, split: r.split, reason: r.reason,
    }));
  }

  /** Runs `work` in one transaction: the repository functions it calls commit together or not at all. */
  transaction<T>(work: () => T): T {
    return this.sql.transaction(work);
  }

  /** Domain verdicts of the predictions a run made: scored, with a verdict, outside the domain. */
  runDomainCounts(runId: number): { scored: number; known: number; outside: number } {
    const row = this.sql.get<{ scored: number; known: number | null; outside: number | null }>(
      'SELECT COUNT(*) AS scored, SUM(in_domain IS NOT NULL) AS known, SUM(in_domain = 0) AS outside FROM predictions WHERE run_id = ?', [runId]);
    return { scored: row?.scored ?? 0, known: row?.known ?? 0, outside: row?.outside ?? 0 };
  }

  close(): void {
    detachConnection(this);
    this.sql.close();
  }
}
