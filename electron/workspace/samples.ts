// Samples of a workspace as records: the browser's column table, one sample's record (file, hashes,
// labels, face), datasets and counts. Repository functions over samples and datasets. Node side (workspace).
import type { SampleTable } from '../../common/contract/samples.js';
import type { SampleLabel } from '../../common/dataset/label.js';
import { connectionOf } from './connection.js';
import type { Workspace } from './workspace.js';

export interface SampleRecord {
  id: number;
  datasetId: number;
  path: string;
  absPath: string;
  /** SHA-256 recorded when it was first read (scored); null before. */
  sha256: string | null;
  sizeBytes: number | null;
  /** 1 attack, 0 bona fide, null questioned. */
  label: SampleLabel;
  category: string;
  species: string;
  split: string;
  identity: string;
  fileStatus: string;
  /** Why the pipeline gives this usable file no score (e.g. "no face found": detection found none), else null. */
  nonResponse: string | null;
  /** A face of a photograph (face detection on), else null. */
  face: { index: number; box: number[] | null; keypoints: [number, number][] | null; confidence: number | null; filePath: string | null } | null;
}

interface SampleRow {
  id: number; dataset_id: number; path: string; abs_path: string; sha256: string | null; size_bytes: number | null; label: SampleLabel; category: string;
  species: string; split: string; identity: string; file_status: string; file_path: string | null; face_index: number | null; face_box: string | null;
  face_keypoints: string | null; face_confidence: number | null; non_response: string | null;
}

const COLUMNS = 'id, dataset_id, path, abs_path, sha256, size_bytes, label, category, species, split, identity, file_status, file_path, face_index, face_box, face_keypoints, face_confidence, non_response';

function json<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

function fromRow(r: SampleRow): SampleRecord {
  return {
    id: r.id, datasetId: r.dataset_id, path: r.path, absPath: r.abs_path, sha256: r.sha256, sizeBytes: r.size_bytes, label: r.label,
    category: r.category, species: r.species, split: r.split, identity: r.identity, fileStatus: r.file_status, nonResponse: r.non_response,
    face: r.face_index === null ? null : {
      index: r.face_index, box: json<number[]>(r.face_box), keypoints: json<[number, number][]>(r.face_keypoints), confidence: r.face_confidence, filePath: r.file_path,
    },
  };
}

/** One sample, or null when it is not in this workspace. */
export function sampleRecord(workspace: Workspace, sampleId: number): SampleRecord | null {
  const row = connectionOf(workspace).get<SampleRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM samples WHERE id = ?`, [sampleId]);
  return row ? fromRow(row) : null;
}

/** Every sample in id order. */
export function sampleRecords(workspace: Workspace): SampleRecord[] {
  return connectionOf(workspace).all<SampleRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM samples ORDER BY id`).map(fromRow);
}

export function sampleCount(workspace: Workspace): number {
  return connectionOf(workspace).get<{ n: number }>('SELECT COALESCE(SUM(samples), 0) AS n FROM dataset_counts')!.n;
}

/** Datasets registered, with their sample counts, in the order they were added. */
export function datasetSummaries(workspace: Workspace): { id: number; root: string; source: string; listPath: string; samples: number }[] {
  return connectionOf(workspace).all<{ id: number; root: string; source: string; list_path: string; samples: number }>(
    'SELECT d.id AS id, d.root AS root, d.source AS source, d.list_path AS list_path, COALESCE(c.samples, 0) AS samples FROM datasets d LEFT JOIN dataset_counts c ON c.dataset_id = d.id ORDER BY d.id',
  ).map((d) => ({ id: d.id, root: d.root, source: d.source, listPath: d.list_path, samples: d.samples }));
}

const TABLE_COLUMNS = `SELECT s.id, s.dataset_id, s.path, s.label, s.category, s.species, s.split, s.identity, s.file_status, p.score, p.dominant_expert, p.in_domain, p.domain_distance, s.non_response
     FROM samples s LEFT JOIN predictions p ON p.sample_id = s.id AND p.model_sha256 = ?`;

/** Raw rows of TABLE_COLUMNS → the column table. */
function tableOfRows(rows: unknown[][], modelSha256: string | null): SampleTable {
  const n = rows.length;
  const table: SampleTable = {
    modelSha256, id: new Array(n), datasetId: new Array(n), path: new Array(n), label: new Array(n), category: new Array(n), species: new Array(n),
    split: new Array(n), identity: new Array(n), fileStatus: new Array(n), score: new Array(n), dominantExpert: new Array(n),
    inDomain: new Array(n), domainDistance: new Array(n), nonResponse: new Array(n),
  };
  for (let i = 0; i < n; i++) {
    const row = rows[i]!;
    table.id[i] = row[0] as number;
    table.datasetId[i] = row[1] as number;
    table.path[i] = row[2] as string;
    table.label[i] = row[3] as SampleLabel;
    table.category[i] = row[4] as string;
    table.species[i] = row[5] as string;
    table.split[i] = row[6] as string;
    table.identity[i] = row[7] as string;
    table.fileStatus[i] = row[8] as string;
    table.score[i] = (row[9] as number | null) ?? null;
    table.dominantExpert[i] = (row[10] as number | null) ?? null;
    table.inDomain![i] = (row[11] as number | null) ?? null;
    table.domainDistance![i] = (row[12] as number | null) ?? null;
    table.nonResponse![i] = (row[13] as string | null) ?? null;
  }
  return table;
}

/**
 * The browser's table: every sample with its score and dominant expert under `modelSha256` (null: no
 * scores). Read as raw rows (no per-row objects), the cost that dominates at 10⁵ samples.
 */
export function sampleTable(workspace: Workspace, modelSha256: string | null): SampleTable {
  return tableOfRows(connectionOf(workspace).allRaw(`${TABLE_COLUMNS} ORDER BY s.id`, [modelSha256 ?? '']), modelSha256);
}

/** A row of sampleTable in id order and its id: rows before `row` have ids at most `id` (row 0 with id -Infinity: the start). */
export interface IdAnchor {
  readonly row: number;
  readonly id: number;
}

/**
 * Rows [offset, offset + limit) of sampleTable in id order, read by the primary key without the rest of the
 * table: a seek to just after `from` (an anchor at or before `offset`), skipping only the rows between them.
 */
export function sampleTableWindow(workspace: Workspace, modelSha256: string | null, offset: number, limit: number, from: IdAnchor = { row: 0, id: -Infinity }): SampleTable {
  if (from.row > offset) throw new RangeError(`an anchor at row ${from.row} is past the window at ${offset}`);
  return tableOfRows(connectionOf(workspace).allRaw(`${TABLE_COLUMNS} WHERE s.id > ? ORDER BY s.id LIMIT ? OFFSET ?`,
    [modelSha256 ?? '', from.id, limit, offset - from.row]), modelSha256);
}

/** The smallest and largest sample id (null without samples): two seeks on the primary key (one aggregate each: together they would scan). */
export function sampleIdRange(workspace: Workspace): { min: number; max: number } | null {
  const row = connectionOf(workspace).get<{ min: number | null; max: number | null }>('SELECT (SELECT MIN(id) FROM samples) AS min, (SELECT MAX(id) FROM samples) AS max')!;
  return row.min === null || row.max === null ? null : { min: row.min, max: row.max };
}

/**
 * The distinct values of an indexed text column (`where`, a condition on the index's leading columns, narrows
 * them), in the index's order: one index seek per value, O(distinct · log n) instead of a scan of every row.
 */
export function distinctIndexed(workspace: Workspace, column: 'species' | 'split', where = 'TRUE', from: string | null = null): string[] {
  const after = from === null ? '' : ` AND ${column} > ?`;
  const params = from === null ? [] : [from];
  return connectionOf(workspace).allRaw(
    `WITH RECURSIVE v(x) AS (
       SELECT (SELECT MIN(${column}) FROM samples WHERE ${where}${after})
       UNION ALL SELECT (SELECT MIN(${column}) FROM samples WHERE ${where} AND ${column} > v.x) FROM v WHERE v.x IS NOT NULL)
     SELECT x FROM v WHERE x IS NOT NULL`, params).map((row) => row[0] as string);
}

/** Every value of the species and split columns, sorted: the browser filter's choices (indexes of schema 1 and 8). */
export function sampleColumnValues(workspace: Workspace): { species: string[]; split: string[] } {
  return { species: distinctIndexed(workspace, 'species').sort(), split: distinctIndexed(workspace, 'split').sort() };
}

/** Changes whenever the workspace may have changed (a write here or a commit by another process): the key of cached reads. */
export function workspaceVersion(workspace: Workspace): string {
  return connectionOf(workspace).version();
}
