// Schema 8 (the browser's choices read by index): a workspace written at schema 7 opens and keeps every row;
// the species and split choices and the attack species of the verdict picker are what a scan of every row
// finds (DISTINCT), values with no ground truth, empty, non-ASCII or differing only in case included.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attackSpeciesOptions } from './annotations.js';
import { connectionOf } from './connection.js';
import { sampleColumnValues, sampleRecords } from './samples.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import { Sql } from './sqlite.js';
import { Workspace, WORKSPACE_FILE } from './workspace.js';

const open: Workspace[] = [];
afterEach(() => { for (const w of open.splice(0)) w.close(); });

const ROWS: [number | null, string, string][] = [
  [0, 'bona-fide', 'train'], [1, 'print', 'dev'], [1, 'Print', 'dev'], [1, '', 'test'], [null, 'questioned', ''], [1, 'mask', 'train'],
  [0, 'print', 'dev'], [1, 'ÉLAN', 'tést'], [1, 'élan', 'test'], [null, 'print', 'dev'], [1, 'print', 'dev'], [1, '😀', '😀'], [1, '\uffff', 'z'],
];

/** A workspace file as schema 7 left it, with the samples above. */
function schemaSevenWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-schema7-'));
  const sql = new Sql(path.join(dir, WORKSPACE_FILE));
  sql.exec('CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((x) => x.version <= 7)) sql.exec(m.sql);
  sql.run("INSERT INTO meta (key, value) VALUES ('schema_version', '7')");
  sql.run("INSERT INTO datasets (id, root, source, list_path, opened_at) VALUES (1, '/data', 'folder', '', 't')");
  ROWS.forEach(([label, species, split], i) => sql.run(
    "INSERT INTO samples (id, dataset_id, path, abs_path, label, category, species, split, file_status) VALUES (?, 1, ?, ?, ?, 'c', ?, ?, 'ok')",
    [i + 1, `s${i}.jpg`, `/data/s${i}.jpg`, label, species, split]));
  sql.close();
  return dir;
}

describe('schema 8: the browser`s choices by index', () => {
  it('upgrades a schema 7 workspace keeping every sample, and reads the choices a full scan finds', () => {
    const workspace = Workspace.open(schemaSevenWorkspace());
    open.push(workspace);
    expect(workspace.schemaVersion()).toBe(SCHEMA_VERSION);
    expect(sampleRecords(workspace).map((s) => [s.label, s.species, s.split])).toEqual(ROWS);
    const sql = connectionOf(workspace);
    const scan = (q: string): string[] => sql.allRaw(q).map((r) => r[0] as string);
    expect(sampleColumnValues(workspace)).toEqual({
      species: scan('SELECT DISTINCT species FROM samples').sort(), split: scan('SELECT DISTINCT split FROM samples').sort(),
    });
    expect(attackSpeciesOptions(workspace)).toEqual(scan("SELECT DISTINCT species FROM samples WHERE label = 1 AND species <> '' ORDER BY species"));
    expect(attackSpeciesOptions(workspace)).toEqual(['Print', 'mask', 'print', 'ÉLAN', 'élan', '\uffff', '😀']);
    // Each choice is one seek through an index, not a scan of the table.
    const plan = (q: string): string => sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${q}`).map((r) => r.detail).join('; ');
    expect(plan("SELECT MIN(species) FROM samples WHERE label = 1 AND species > 'a'")).toMatch(/samples_by_label_species/);
    expect(plan("SELECT MIN(split) FROM samples WHERE TRUE AND split > 'a'")).toMatch(/samples_by_split/);
  });

  it('reads no choices from an empty workspace', () => {
    const workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-empty-')));
    open.push(workspace);
    expect(sampleColumnValues(workspace)).toEqual({ species: [], split: [] });
    expect(attackSpeciesOptions(workspace)).toEqual([]);
  });
});
