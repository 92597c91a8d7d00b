// Read queries over runs and predictions: a run, its failures, the models that ran and those that scored, a
// model's scores and the samples it left unscored, a run's domain verdicts. Called through Workspace's read methods (ARCHITECTURE.md §7).
// Node side (workspace).
import type { SampleLabel } from '../../common/dataset/label.js';
import { runFromRow, type RunRecord, type RunRow } from './runs.js';
import type { Sql, SqlValue } from './sqlite.js';

/** A scored sample of one model, as `uad export-scores` writes it. */
export interface ScoredSample {
  sampleId: number;
  path: string;
  absPath: string;
  score: number;
  /** 1 attack, 0 bona fide, null questioned. */
  label: SampleLabel;
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
  /** The file on disk (a photograph's, for a face sample). */
  absPath: string;
  label: SampleLabel;
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

export function readRun(sql: Sql, runId: number): RunRecord | undefined {
  const row = sql.get<RunRow & Record<string, unknown>>('SELECT * FROM runs WHERE id = ?', [runId]);
  return row ? runFromRow(row) : undefined;
}

export function runFailures(sql: Sql, runId: number): { path: string; reason: string }[] {
  return sql.all<{ path: string; reason: string }>(
    'SELECT s.path AS path, f.reason AS reason FROM failures f JOIN samples s ON s.id = f.sample_id WHERE f.run_id = ? ORDER BY s.path', [runId]);
}

/** Each registered model with its count of predictions (kept per dataset by the schema's triggers) and its newest run. */
const MODEL_COUNTS = `SELECT m.sha256 AS sha256, m.name AS name,
       (SELECT COALESCE(SUM(c.predictions), 0) FROM prediction_counts c WHERE c.model_sha256 = m.sha256) AS predictions,
       (SELECT MAX(id) FROM runs r WHERE r.model_sha256 = m.sha256) AS last_run
     FROM models m`;

/** Every model that has predictions here, newest first. */
export function scoredModels(sql: Sql): { sha256: string; name: string; predictions: number }[] {
  return sql.all<{ sha256: string; name: string; predictions: number }>(
    `SELECT sha256, name, predictions FROM (${MODEL_COUNTS}) WHERE predictions > 0 ORDER BY last_run DESC`);
}

/** Every model that ran here, with its count of predictions (0 when it scored nothing, e.g. found no face), newest run first. */
export function ranModels(sql: Sql): { sha256: string; name: string; predictions: number }[] {
  return sql.all<{ sha256: string; name: string; predictions: number }>(
    `SELECT sha256, name, predictions FROM (${MODEL_COUNTS}) WHERE last_run IS NOT NULL ORDER BY last_run DESC`);
}

/** An optional `column = ?2` filter (after `keyword`) and the query's parameters: ?1 is always the model. */
function onlyWhere(modelSha256: string, keyword: 'WHERE' | 'AND', column: string, value: string | number | undefined): { clause: string; params: SqlValue[] } {
  return value === undefined ? { clause: '', params: [modelSha256] } : { clause: `${keyword} ${column} = ?2`, params: [modelSha256, value] };
}

/**
 * The model's scored samples in sample order, of every dataset or of one. The samples are read in their own order and
 * each one's prediction found by its key (CROSS JOIN keeps that loop order): going through the score index instead
 * fetched every row at random and sorted them all again (10⁶ samples: 12 s against 6).
 */
export function scores(sql: Sql, modelSha256: string, datasetId?: number): ScoredSample[] {
  type Row = { sample_id: number; path: string; abs_path: string; score: number; label: SampleLabel; species: string; category: string; identity: string; split: string;
    face_index: number | null; face_box: string | null; domain_distance: number | null; in_domain: number | null };
  const only = onlyWhere(modelSha256, 'WHERE', 's.dataset_id', datasetId);
  return sql.all<Row>(
    `SELECT s.id AS sample_id, s.path AS path, s.abs_path AS abs_path, p.score AS score, s.label AS label, s.species AS species,
            s.category AS category, s.identity AS identity, s.split AS split,
            s.face_index AS face_index, s.face_box AS face_box, p.domain_distance AS domain_distance, p.in_domain AS in_domain
     FROM samples s CROSS JOIN predictions p ON p.sample_id = s.id AND p.model_sha256 = ?1 ${only.clause} ORDER BY s.id`, only.params).map((r) => ({
    sampleId: r.sample_id, path: r.path, absPath: r.abs_path, score: r.score, label: r.label, species: r.species, category: r.category,
    identity: r.identity, split: r.split, faceIndex: r.face_index, faceBox: jsonNumbers(r.face_box),
    domainDistance: r.domain_distance, inDomain: r.in_domain === null ? null : r.in_domain === 1,
  }));
}

/** Datasets the model ran on where the kept counts show fewer of its predictions than samples (parameter ?1: the model). */
const GAP_DATASETS = `SELECT c.dataset_id FROM dataset_counts c LEFT JOIN prediction_counts pc ON pc.dataset_id = c.dataset_id AND pc.model_sha256 = ?1
  WHERE c.dataset_id IN (SELECT dataset_id FROM runs WHERE model_sha256 = ?1) AND c.samples > COALESCE(pc.predictions, 0)`;

/** An unscored sample's columns and why it has no score: the model's latest failure for it, else its file status (null: never attempted). */
const UNSCORED_COLUMNS = `s.id AS sample_id, s.path AS path, s.abs_path AS abs_path, s.label AS label, s.species AS species, s.category AS category,
  s.identity AS identity, s.split AS split,
  COALESCE((SELECT f.reason FROM failures f JOIN runs r ON r.id = f.run_id
            WHERE f.sample_id = s.id AND r.model_sha256 = ?1 ORDER BY f.run_id DESC LIMIT 1),
           CASE WHEN s.file_status <> 'ok' THEN COALESCE(s.file_reason, s.file_status) END) AS reason`;

const NOT_SCORED = 'NOT EXISTS (SELECT 1 FROM predictions p WHERE p.sample_id = s.id AND p.model_sha256 = ?1)';

type UnscoredRow = { sample_id: number; path: string; abs_path: string; label: SampleLabel; species: string; category: string; identity: string; split: string; reason: string | null };

const unscoredSample = (r: UnscoredRow): UnscoredSample => ({
  sampleId: r.sample_id, path: r.path, absPath: r.abs_path, label: r.label, species: r.species, category: r.category, identity: r.identity, split: r.split, reason: r.reason,
});

/**
 * Samples of the datasets this model ran on (or of one of them) that have no score from it: `reason` is the latest
 * failure recorded for the model (unreadable, not an image, no face…) or the file status; samples
 * never attempted (a run stopped early) have reason null. Only the datasets whose kept counts show
 * fewer predictions than samples are read (a model that scored everything: none).
 */
export function unscored(sql: Sql, modelSha256: string, datasetId?: number): UnscoredSample[] {
  const only = onlyWhere(modelSha256, 'AND', 's.dataset_id', datasetId);
  return sql.all<UnscoredRow>(
    `SELECT ${UNSCORED_COLUMNS} FROM samples s WHERE s.dataset_id IN (${GAP_DATASETS}) AND ${NOT_SCORED} ${only.clause} ORDER BY s.id`, only.params).map(unscoredSample);
}

/**
 * The model's non-responses — its unscored samples that have a reason, as `unscored` gives them — and how many of
 * its unscored samples were never attempted, without reading those: the candidates are the samples with a failure
 * of the model's runs or a file status not ok (schema 10's indexes), the total comes from the kept counts. A run of
 * 10⁶ samples stopped halfway: milliseconds, where listing every unscored sample took seconds. With `split`, only
 * that split's samples: the kept counts are per dataset, so its unscored samples are counted (not read) instead.
 */
export function nonResponses(sql: Sql, modelSha256: string, split?: string): { samples: UnscoredSample[]; neverAttempted: number } {
  const { clause: inSplit, params } = onlyWhere(modelSha256, 'AND', 's.split', split);
  const samples = sql.all<UnscoredRow>(
    `SELECT ${UNSCORED_COLUMNS} FROM samples s
     WHERE s.id IN (SELECT f.sample_id FROM failures f JOIN runs r ON r.id = f.run_id WHERE r.model_sha256 = ?1
                    UNION SELECT n.id FROM samples n WHERE n.file_status <> 'ok' AND n.dataset_id IN (${GAP_DATASETS}))
       AND s.dataset_id IN (${GAP_DATASETS}) AND ${NOT_SCORED} ${inSplit}
     ORDER BY s.id`, params).map(unscoredSample);
  const gaps = split === undefined
    ? sql.get<{ n: number }>(
      `SELECT COALESCE(SUM(c.samples - COALESCE(pc.predictions, 0)), 0) AS n FROM dataset_counts c
       LEFT JOIN prediction_counts pc ON pc.dataset_id = c.dataset_id AND pc.model_sha256 = ?1 WHERE c.dataset_id IN (${GAP_DATASETS})`, params)!.n
    : sql.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM samples s WHERE s.dataset_id IN (${GAP_DATASETS}) AND ${NOT_SCORED} ${inSplit}`, params)!.n;
  return { samples, neverAttempted: gaps - samples.length };
}

/** Domain verdicts of the predictions a run made: scored, with a verdict, outside the domain. */
export function runDomainCounts(sql: Sql, runId: number): { scored: number; known: number; outside: number } {
  const row = sql.get<{ scored: number; known: number | null; outside: number | null }>(
    'SELECT COUNT(*) AS scored, SUM(in_domain IS NOT NULL) AS known, SUM(in_domain = 0) AS outside FROM predictions WHERE run_id = ?', [runId]);
  return { scored: row?.scored ?? 0, known: row?.known ?? 0, outside: row?.outside ?? 0 };
}

