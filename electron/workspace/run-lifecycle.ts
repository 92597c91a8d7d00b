// A scoring run's life in the workspace: started, its batches recorded as they commit, finished; each step one
// transaction with its custody entry. Called through Workspace's run methods (ARCHITECTURE.md §7). Node side (workspace).
import { storedRouting, type RoutingSummaryKind } from '../../common/routing/summary.js';
import { appendCustody } from './custody.js';
import { storeEmbeddings } from './embeddings.js';
import type { RunRecord } from './runs.js';
import type { ScoredItem } from './scored-item.js';
import { readRun } from './score-queries.js';
import type { Sql, SqlValue } from './sqlite.js';

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

export function startRun(sql: Sql, actor: string, run: RunStart): number {
  return sql.transaction(() => {
    const info = sql.run(
      `INSERT INTO runs (model_sha256, dataset_id, provider, provider_attempts, versions, batch_size, status, total, skipped, started_at, faces)
       VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
      [run.modelSha256, run.datasetId, run.provider, JSON.stringify(run.providerAttempts), JSON.stringify(run.versions), run.batchSize, run.total, run.skipped, new Date().toISOString(), run.faces ?? 'none']);
    appendCustody(sql, actor, 'run', {
      event: 'start', run: info.lastInsertRowid, model: run.modelSha256, provider: run.provider, total: run.total, skipped: run.skipped, faces: run.faces ?? 'none',
      datasetFile: run.datasetFile ?? null,
    });
    return info.lastInsertRowid;
  });
}

/**
 * Stores one batch's results atomically: a kill between batches loses nothing already returned. Routing is kept
 * as `summary` says, by default as common/routing/summary.ts's budget rule chooses for the model's size. Each table
 * takes the batch's rows in a few multi-row statements (Sql.runRows), in the items' order.
 * Returns each item's dominant expert as recorded (null for a failure or a dense model), in the items' order.
 */
export function recordBatch(sql: Sql, runId: number, modelSha256: string, layers: number[], experts: number, items: ScoredItem[], timing: { decodeMs: number; inferMs: number }, summary?: RoutingSummaryKind): (number | null)[] {
  return sql.transaction(() => {
    const now = new Date().toISOString();
    const dominantExperts: (number | null)[] = [];
    const files = new Map<number, [string, number | null]>();
    const failures: SqlValue[] = [];
    const predictions: SqlValue[] = [];
    const routingRows: SqlValue[] = [];
    const embeddings: { sampleId: number; f16: Uint16Array }[] = [];
    for (const item of items) {
      if (item.sha256) {
        files.delete(item.key); // a sample listed twice in a batch keeps its last hash, as one update per item would
        files.set(item.key, [item.sha256, item.sizeBytes ?? null]);
      }
      if (!item.ok) {
        dominantExperts.push(null);
        failures.push(runId, item.key, item.reason);
        continue;
      }
      // Computed by the inference worker when it scored the item; the same rule here for items from elsewhere.
      const routing = item.routing && (summary === undefined || summary === item.routing.kind)
        ? item.routing : storedRouting(item.expertMass, item.dispatchMass, layers, experts, summary);
      dominantExperts.push(routing.dominant);
      predictions.push(item.key, modelSha256, runId, item.sha256, item.score, JSON.stringify(item.logits), routing.dominant, now,
        item.domain?.known ? item.domain.distance : null, item.domain?.known ? (item.domain.inDomain ? 1 : 0) : null);
      for (const row of routing.rows) routingRows.push(item.key, modelSha256, row.layer, routing.tokens, experts, row.expertMassF16, row.dispatchMassF16);
      if (item.embedding) embeddings.push({ sampleId: item.key, f16: item.embedding });
    }
    sql.runRows('WITH file (id, sha256, size_bytes) AS (', 3, [...files].flatMap(([key, [sha256, size]]) => [key, sha256, size]),
      ') UPDATE samples SET sha256 = file.sha256, size_bytes = file.size_bytes FROM file WHERE samples.id = file.id');
    sql.runRows('INSERT INTO failures (run_id, sample_id, reason)', 3, failures, 'ON CONFLICT DO UPDATE SET reason = excluded.reason');
    sql.runRows('INSERT INTO predictions (sample_id, model_sha256, run_id, sample_sha256, score, logits, dominant_expert, scored_at, domain_distance, in_domain)', 10, predictions,
      `ON CONFLICT (sample_id, model_sha256) DO UPDATE SET run_id = excluded.run_id, sample_sha256 = excluded.sample_sha256, score = excluded.score,
         logits = excluded.logits, dominant_expert = excluded.dominant_expert, scored_at = excluded.scored_at,
         domain_distance = excluded.domain_distance, in_domain = excluded.in_domain`);
    sql.runRows('INSERT OR REPLACE INTO routing_summaries (sample_id, model_sha256, layer, tokens, experts, expert_mass_f16, dispatch_mass_f16)', 7, routingRows);
    storeEmbeddings(sql, modelSha256, embeddings);
    sql.run('UPDATE runs SET scored = scored + ?, failed = failed + ?, decode_ms = decode_ms + ?, infer_ms = infer_ms + ? WHERE id = ?',
      [predictions.length / 10, failures.length / 3, timing.decodeMs, timing.inferMs, runId]);
    return dominantExperts;
  });
}

export function finishRun(sql: Sql, actor: string, runId: number, status: 'completed' | 'cancelled' | 'failed', error?: string): RunRecord {
  return sql.transaction(() => {
    sql.run('UPDATE runs SET status = ?, finished_at = ?, error = ? WHERE id = ?', [status, new Date().toISOString(), error ?? null, runId]);
    const run = readRun(sql, runId)!;
    appendCustody(sql, actor, 'run', { event: status, run: runId, scored: run.scored, failed: run.failed, skipped: run.skipped });
    return run;
  });
}

/** Sample ids looked up per query, by the predictions' key (sample, model). */
const LOOKUP_CHUNK = 500;

/**
 * Sample ids (of those given) that already have a prediction from this model. The ids are looked up by the
 * predictions' key, LOOKUP_CHUNK at a time, unless the model's kept count of predictions is under a quarter of them:
 * then reading all its predictions costs less. (A copy of a 10⁶-sample workspace holding 500 000 predictions of the
 * model: 10⁶ ids looked up in 0.85 s, where reading its predictions took 1.9 s; one id: under 1 ms against 1.5 s.)
 */
export function scoredSampleIds(sql: Sql, modelSha256: string, sampleIds: number[]): Set<number> {
  const scored = new Set<number>();
  const predictions = sql.get<{ n: number }>('SELECT COALESCE(SUM(predictions), 0) AS n FROM prediction_counts WHERE model_sha256 = ?', [modelSha256])!.n;
  if (predictions === 0 || sampleIds.length === 0) return scored;
  if (predictions * 4 < sampleIds.length) {
    const wanted = new Set(sampleIds);
    for (const row of sql.all<{ sample_id: number }>('SELECT sample_id FROM predictions WHERE model_sha256 = ?', [modelSha256])) {
      if (wanted.has(row.sample_id)) scored.add(row.sample_id);
    }
    return scored;
  }
  for (let i = 0; i < sampleIds.length; i += LOOKUP_CHUNK) {
    const part = sampleIds.slice(i, i + LOOKUP_CHUNK);
    const rows = sql.all<{ sample_id: number }>(
      `SELECT sample_id FROM predictions WHERE model_sha256 = ? AND sample_id IN (${part.map(() => '?').join(', ')})`, [modelSha256, ...part]);
    for (const row of rows) scored.add(row.sample_id);
  }
  return scored;
}

