// Schema 7 (questioned samples): a workspace written at schema 6 opens, keeps every sample, label,
// prediction and annotation, and then accepts a sample without ground truth (label NULL) but no other label.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionOf } from './connection.js';
import { sampleRecords } from './samples.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { Sql } from './sqlite.js';
import { Workspace, WORKSPACE_FILE } from './workspace.js';

const open: Workspace[] = [];
afterEach(() => { for (const w of open.splice(0)) w.close(); });

/** A workspace file as schema 6 left it: one dataset, a bona fide and an attack sample, a prediction and a finding. */
function schemaSixWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-schema6-'));
  const sql = new Sql(path.join(dir, WORKSPACE_FILE));
  sql.exec('PRAGMA foreign_keys = ON');
  sql.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((x) => x.version <= 6)) sql.exec(m.sql);
  sql.run("INSERT INTO meta (key, value) VALUES ('schema_version', '6')");
  sql.run("INSERT INTO datasets (id, root, source, list_path, opened_at) VALUES (1, '/data', 'folder', '', 't')");
  sql.run("INSERT INTO samples (id, dataset_id, path, abs_path, label, category, species, file_status) VALUES (1, 1, 'live/a.jpg', '/data/live/a.jpg', 0, 'bona-fide', 'bona-fide', 'ok')");
  sql.run("INSERT INTO samples (id, dataset_id, path, abs_path, label, category, species, file_status, face_index) VALUES (2, 1, 'attack/print/b.jpg', '/data/attack/print/b.jpg', 1, 'attack', 'print', 'ok', 1)");
  sql.run("INSERT INTO models (sha256, name, onnx_path, sidecar_json, registered_at) VALUES ('m', 'demo', '/m.onnx', '{}', 't')");
  sql.run("INSERT INTO runs (id, model_sha256, dataset_id, provider, provider_attempts, versions, batch_size, status, total, started_at) VALUES (1, 'm', 1, 'cpu', '[]', '{}', 8, 'completed', 2, 't')");
  sql.run("INSERT INTO predictions (sample_id, model_sha256, run_id, sample_sha256, score, logits, scored_at, domain_distance, in_domain) VALUES (2, 'm', 1, 'h', 0.75, '[]', 't', 0.5, 1)");
  sql.run("INSERT INTO annotations (sample_id, author, created_at, verdict) VALUES (2, 'examiner', 't', 'attack')");
  sql.close();
  return dir;
}

describe('schema 7: questioned samples', () => {
  it('upgrades a schema 6 workspace keeping every row and reference', () => {
    const workspace = Workspace.open(schemaSixWorkspace());
    open.push(workspace);
    expect(workspace.schemaVersion()).toBe(SCHEMA_VERSION);
    const samples = sampleRecords(workspace);
    expect(samples.map((s) => [s.id, s.path, s.label, s.species, s.face?.index ?? null])).toEqual([
      [1, 'live/a.jpg', 0, 'bona-fide', null], [2, 'attack/print/b.jpg', 1, 'print', 1],
    ]);
    const sql = connectionOf(workspace);
    expect(sql.get('SELECT score, in_domain FROM predictions WHERE sample_id = 2')).toEqual({ score: 0.75, in_domain: 1 });
    expect(sql.all('PRAGMA foreign_key_check')).toEqual([]);
    expect(sql.get<{ foreign_keys: number }>('PRAGMA foreign_keys')?.foreign_keys).toBe(1);
    // The append-only findings survive, their triggers too.
    expect(() => sql.run("UPDATE annotations SET verdict = 'x'")).toThrow(/append-only/);
    // References still hold: a prediction for a sample that does not exist is refused.
    expect(() => sql.run("INSERT INTO predictions (sample_id, model_sha256, run_id, sample_sha256, score, logits, scored_at) VALUES (99, 'm', 1, 'h', 0.1, '[]', 't')")).toThrow();
  });

  it('accepts a questioned sample (label NULL) and still refuses any other label', () => {
    const workspace = Workspace.open(schemaSixWorkspace());
    open.push(workspace);
    const sql = connectionOf(workspace);
    sql.run("INSERT INTO samples (dataset_id, path, abs_path, label, category, species, file_status) VALUES (1, 'q.jpg', '/data/q.jpg', NULL, 'questioned', 'questioned', 'ok')");
    expect(sampleRecords(workspace).find((s) => s.path === 'q.jpg')?.label).toBeNull();
    expect(() => sql.run("INSERT INTO samples (dataset_id, path, abs_path, label, category, species, file_status) VALUES (1, 'r.jpg', '/data/r.jpg', 2, 'x', 'x', 'ok')")).toThrow(/CHECK/);
  });
});
