// Schema 9 (counts kept by triggers): samples per dataset and predictions per model and dataset always equal a scan
// of every row — after an upgrade from schema 8, a listing ingested again, a sample scored again, a failure, a
// prediction or sample removed or moved — and the summaries, model lists and unscored samples read from them equal
// what the scans find. Real SQLite workspace in a temp folder. Node side.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetListing } from '../../common/dataset/types.js';
import { recordRun as score, taggedModel as model } from '../../test/support/recorded-runs.js';
import { connectionOf } from './connection.js';
import { datasetSummaries, sampleCount } from './samples.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { Sql } from './sqlite.js';
import { Workspace, WORKSPACE_FILE } from './workspace.js';

const open: Workspace[] = [];
afterEach(() => { for (const w of open.splice(0)) w.close(); });

function listing(root: string, count: number, from = 0): DatasetListing {
  const samples = Array.from({ length: count }, (_, k) => ({
    id: k, path: `live/img-${from + k}.png`, label: 0 as const, category: 'bona-fide' as const, species: 'live', identity: '', split: '', sizeBytes: 1, status: 'ok' as const,
  }));
  return { root, source: 'folder', samples, skipped: [], counts: { total: count, bonaFide: count, attack: 0, unusable: 0, bySpecies: {} } };
}

/** The kept counts, and what a scan of every row finds (groups of 0 left out of both). */
function counts(workspace: Workspace) {
  const sql = connectionOf(workspace);
  const rows = (q: string) => sql.allRaw(q).map((r) => r.join(' '));
  return {
    kept: {
      datasets: rows('SELECT dataset_id, samples FROM dataset_counts WHERE samples <> 0 ORDER BY 1'),
      predictions: rows('SELECT model_sha256, dataset_id, predictions FROM prediction_counts WHERE predictions <> 0 ORDER BY 1, 2'),
    },
    scanned: {
      datasets: rows('SELECT dataset_id, COUNT(*) FROM samples GROUP BY 1 ORDER BY 1'),
      predictions: rows('SELECT p.model_sha256, s.dataset_id, COUNT(*) FROM predictions p JOIN samples s ON s.id = p.sample_id GROUP BY 1, 2 ORDER BY 1, 2'),
    },
  };
}

function expectCountsKept(workspace: Workspace): void {
  const { kept, scanned } = counts(workspace);
  expect(kept).toEqual(scanned);
  const sql = connectionOf(workspace);
  expect(sampleCount(workspace)).toBe(sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM samples')!.n);
  expect(datasetSummaries(workspace).map((d) => [d.id, d.samples])).toEqual(
    sql.allRaw('SELECT d.id, COUNT(s.id) FROM datasets d LEFT JOIN samples s ON s.dataset_id = d.id GROUP BY d.id ORDER BY d.id'));
  const scannedModels = new Map(sql.allRaw('SELECT m.sha256, (SELECT COUNT(*) FROM predictions p WHERE p.model_sha256 = m.sha256) FROM models m').map((r) => [r[0], r[1]]));
  for (const m of workspace.ranModels()) expect(m.predictions).toBe(scannedModels.get(m.sha256));
  expect(workspace.scoredModels().map((m) => m.sha256).sort()).toEqual([...scannedModels].filter(([, n]) => (n as number) > 0).map(([sha]) => sha).sort());
}

/** The unscored samples as a scan of every sample of the model's datasets finds them. */
function unscoredByScan(workspace: Workspace, sha256: string): [number, string | null][] {
  return connectionOf(workspace).allRaw(
    `SELECT s.id, (SELECT f.reason FROM failures f JOIN runs r ON r.id = f.run_id WHERE f.sample_id = s.id AND r.model_sha256 = ?1 ORDER BY f.run_id DESC LIMIT 1)
     FROM samples s WHERE s.dataset_id IN (SELECT dataset_id FROM runs WHERE model_sha256 = ?1)
       AND NOT EXISTS (SELECT 1 FROM predictions p WHERE p.sample_id = s.id AND p.model_sha256 = ?1) ORDER BY s.id`, [sha256]) as [number, string | null][];
}

describe('schema 9: counts kept by triggers', () => {
  it('keeps every count equal to a scan through ingest, scoring again, failures, removals and moves', () => {
    const workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-counts-')));
    open.push(workspace);
    expectCountsKept(workspace);
    const a = workspace.ingest(listing('/a', 30));
    const b = workspace.ingest(listing('/b', 12));
    expectCountsKept(workspace);
    // the same listing again, and one that overlaps it: only new paths are counted
    expect(workspace.ingest(listing('/a', 30)).sampleIds).toEqual(a.sampleIds);
    const a2 = workspace.ingest(listing('/a', 10, 25));
    expect(sampleCount(workspace)).toBe(30 + 12 + 5);
    expectCountsKept(workspace);

    const [m1, m2] = [model('1'), model('2')];
    score(workspace, m1, a.datasetId, a.sampleIds.slice(0, 20), a.sampleIds.slice(20, 22));
    score(workspace, m2, b.datasetId, b.sampleIds);
    expectCountsKept(workspace);
    // scored again (an upsert that updates): not counted twice
    score(workspace, m1, a.datasetId, a.sampleIds.slice(10, 25));
    score(workspace, m1, a.datasetId, a2.sampleIds);
    expectCountsKept(workspace);
    expect(workspace.ranModels().find((m) => m.sha256 === m1.sha256)!.predictions).toBe(25 + 10); // img-25…34: 5 listed before, 5 new

    const sql = connectionOf(workspace);
    sql.run('DELETE FROM predictions WHERE sample_id = ? AND model_sha256 = ?', [a.sampleIds[0]!, m1.sha256]);
    sql.run('DELETE FROM routing_summaries WHERE sample_id = ?', [b.sampleIds[11]!]);
    sql.run('DELETE FROM predictions WHERE sample_id = ?', [b.sampleIds[11]!]);
    sql.run('DELETE FROM samples WHERE id = ?', [b.sampleIds[11]!]);
    expectCountsKept(workspace);
    sql.run('UPDATE samples SET dataset_id = ? WHERE id = ?', [b.datasetId, a.sampleIds[20]!]);
    sql.run('UPDATE predictions SET model_sha256 = ? WHERE sample_id = ? AND model_sha256 = ?', [m2.sha256, a.sampleIds[23]!, m1.sha256]);
    expectCountsKept(workspace);
    // a prediction of a sample that does not exist is refused by its foreign key, and counts nowhere
    expect(() => sql.run("INSERT INTO predictions (sample_id, model_sha256, run_id, sample_sha256, score, logits, scored_at) VALUES (99999, ?, 1, 'x', 0.5, '[]', 't')", [m1.sha256]))
      .toThrow(/FOREIGN KEY/);
    expectCountsKept(workspace);
  });

  it('lists the unscored samples a scan finds, none for a model that scored all of its datasets', () => {
    const workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-counts-')));
    open.push(workspace);
    const a = workspace.ingest(listing('/a', 40));
    const b = workspace.ingest(listing('/b', 16));
    const [m1, m2] = [model('1'), model('2')];
    score(workspace, m1, a.datasetId, a.sampleIds.slice(0, 30), a.sampleIds.slice(30, 33));
    score(workspace, m1, b.datasetId, b.sampleIds);
    score(workspace, m2, a.datasetId, a.sampleIds);
    const unscored1 = workspace.unscored(m1.sha256);
    expect(unscored1.map((u) => [u.sampleId, u.reason])).toEqual(unscoredByScan(workspace, m1.sha256));
    expect(unscored1).toHaveLength(10);
    expect(unscored1.filter((u) => u.reason === 'cannot decode')).toHaveLength(3);
    expect(workspace.unscored(m2.sha256)).toEqual([]);
    expect(unscoredByScan(workspace, m2.sha256)).toEqual([]);
    expectCountsKept(workspace);
  });

  it('upgrades a schema 8 workspace with its counts filled from its rows', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-schema8-'));
    const sql = new Sql(path.join(dir, WORKSPACE_FILE));
    sql.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    for (const m of MIGRATIONS.filter((x) => x.version <= 8)) sql.exec(m.sql);
    sql.run("INSERT INTO meta (key, value) VALUES ('schema_version', '8')");
    sql.run("INSERT INTO datasets (id, root, source, list_path, opened_at) VALUES (1, '/a', 'folder', '', 't'), (2, '/b', 'folder', '', 't'), (3, '/empty', 'folder', '', 't')");
    for (let i = 1; i <= 9; i++) {
      sql.run("INSERT INTO samples (id, dataset_id, path, abs_path, label, category, species, file_status) VALUES (?, ?, ?, ?, 0, 'c', 'live', 'ok')", [i, i <= 6 ? 1 : 2, `s${i}.jpg`, `/s${i}.jpg`]);
    }
    for (const tag of ['1', '2']) sql.run("INSERT INTO models (sha256, name, onnx_path, sidecar_json, registered_at) VALUES (?, ?, '/m', '{}', 't')", [tag.repeat(64), tag]);
    sql.run("INSERT INTO runs (id, model_sha256, dataset_id, provider, provider_attempts, versions, batch_size, status, total, started_at) VALUES (1, ?, 1, 'cpu', '[]', '{}', 8, 'completed', 6, 't'), (2, ?, 2, 'cpu', '[]', '{}', 8, 'completed', 3, 't')",
      ['1'.repeat(64), '2'.repeat(64)]);
    for (const [sample, tag, run] of [[1, '1', 1], [2, '1', 1], [3, '1', 1], [7, '2', 2], [8, '2', 2], [9, '2', 2]] as const) {
      sql.run("INSERT INTO predictions (sample_id, model_sha256, run_id, sample_sha256, score, logits, scored_at) VALUES (?, ?, ?, 'x', 0.5, '[]', 't')", [sample, tag.repeat(64), run]);
    }
    sql.close();
    const workspace = Workspace.open(dir);
    open.push(workspace);
    expect(workspace.schemaVersion()).toBe(SCHEMA_VERSION);
    expectCountsKept(workspace);
    expect(datasetSummaries(workspace).map((d) => d.samples)).toEqual([6, 3, 0]);
    expect(workspace.unscored('1'.repeat(64)).map((u) => u.sampleId)).toEqual([4, 5, 6]);
    expect(workspace.unscored('2'.repeat(64))).toEqual([]);
  });
});
