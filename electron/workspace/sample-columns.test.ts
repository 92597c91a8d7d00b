// The column table read a chunk at a time is the table read row by row, value for value: ids with gaps,
// questioned labels, unscored samples, scores to the last bit (-0, subnormal, infinite, 0.1 + 0.2), strings with
// commas, quotes, new lines, NUL and non-ASCII, in any chunk size and read across other reads; and the id-order
// windows read from SQLite before it is whole (a seek from a known row) are its rows, with ids dense or with gaps.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionOf } from './connection.js';
import { SampleTableReader } from './sample-columns.js';
import { EMPTY_FILTER, type SampleTable } from '../../common/contract/samples.js';
import { decodeSampleTable, encodeSampleTable } from '../../common/contract/sample-table-codec.js';
import { SampleQueries } from '../services/sample-query.js';
import { sampleTable, sampleTableWindow } from './samples.js';
import { Workspace } from './workspace.js';

const open: Workspace[] = [];
afterEach(() => { for (const w of open.splice(0)) w.close(); });

const SCORES = [0.1 + 0.2, -0, 5e-324, 1 / 3, Infinity, -Infinity, 1, 0, 0.123456789012345678, null, 1e-300];
const TEXTS = ['a,b', 'say "x"', 'line\nnext', 'nul\u0000in', 'élan 😀', '', '[1, 2]', 'null', '\\', ' '];

function workspaceWithSamples(n: number): { workspace: Workspace; model: string } {
  const workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-columns-')));
  open.push(workspace);
  const sql = connectionOf(workspace);
  const model = 'cd'.repeat(32);
  sql.run("INSERT INTO datasets (id, root, source, list_path, opened_at) VALUES (1, '/d', 'folder', '', 't'), (2, '/e', 'folder', '', 't')");
  sql.run("INSERT INTO models (sha256, name, onnx_path, sidecar_json, registered_at) VALUES (?, 'm', '/m.onnx', '{}', 't')", [model]);
  sql.run("INSERT INTO runs (id, model_sha256, dataset_id, provider, provider_attempts, versions, batch_size, status, total, started_at) VALUES (1, ?, 1, 'cpu', '[]', '{}', 8, 'completed', 1, 't')", [model]);
  sql.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = 3 * i + (i % 2) + 1;
      const text = TEXTS[i % TEXTS.length]!;
      sql.run(`INSERT INTO samples (id, dataset_id, path, abs_path, label, category, species, split, identity, file_status, non_response)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ok', ?)`, [id, 1 + (i % 2), `${text}/${i}.jpg`, `/d/${i}.jpg`, [0, 1, null][i % 3]!, text, TEXTS[(i * 7) % TEXTS.length]!,
        ['dev', 'test', text][i % 3]!, `ID-${i % 5}`, i % 4 === 0 ? text : null]);
      const score = SCORES[i % SCORES.length]!;
      if (score !== null && i % 5 !== 2) {
        sql.run(`INSERT INTO predictions (sample_id, model_sha256, run_id, sample_sha256, score, logits, dominant_expert, scored_at, domain_distance, in_domain)
          VALUES (?, ?, 1, 'h', ?, '[]', ?, 't', ?, ?)`, [id, model, score, i % 6 === 0 ? null : i % 4, i % 7 === 0 ? null : score * 3, [0, 1, null][i % 3]!]);
      }
    }
  });
  return { workspace, model };
}

describe('SampleTableReader', () => {
  it('reads the table that sampleTable reads, in any chunk size', () => {
    const { workspace, model } = workspaceWithSamples(137);
    const rows = sampleTable(workspace, model);
    expect(rows.score.some((s) => Object.is(s, -0) || s === Infinity)).toBe(true);
    for (const chunk of [1, 10, 136, 137, 1000]) {
      const reader = new SampleTableReader(workspace, model);
      let steps = 0;
      while (!reader.step(chunk)) steps += 1;
      expect(steps).toBe(Math.floor(137 / chunk));
      expect(reader.table()).toStrictEqual(rows);
    }
    // Another model (no predictions) and none at all read every sample unscored.
    expect(new SampleTableReader(workspace, 'ef'.repeat(32)).table()).toStrictEqual(sampleTable(workspace, 'ef'.repeat(32)));
    expect(new SampleTableReader(workspace, null).table()).toStrictEqual(sampleTable(workspace, null));
  });

  it('holds the samples read so far as the first rows of the table', () => {
    const { workspace, model } = workspaceWithSamples(50);
    const rows = sampleTable(workspace, model);
    const reader = new SampleTableReader(workspace, model);
    expect(reader.readSoFar().rows).toBe(0);
    reader.step(20);
    reader.step(20);
    const { table, rows: read } = reader.readSoFar();
    expect(read).toBe(40);
    for (const key of ['id', 'path', 'label', 'species', 'score', 'inDomain', 'nonResponse'] as const) expect(table[key]!.slice(0, 40)).toStrictEqual(rows[key]!.slice(0, 40));
    expect(reader.done).toBe(false);
    expect(reader.step(20)).toBe(true);
    expect(reader.readSoFar()).toStrictEqual({ table: rows, rows: 50 });
  });

  it('reads an empty workspace as an empty table', () => {
    const workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-columns-')));
    open.push(workspace);
    expect(new SampleTableReader(workspace, null).table()).toStrictEqual(sampleTable(workspace, null));
  });
});

describe('id-order windows before the table is read', () => {
  it('are the table`s rows from any anchor, at any offset, in any order of asking, with ids dense or with gaps', () => {
    const { workspace, model } = workspaceWithSamples(230);
    const table = sampleTable(workspace, model);
    /** Every column of rows [from, to) of a table, as a window crosses. */
    const slice = (t: SampleTable, from: number, to: number) => decodeSampleTable(encodeSampleTable(Object.fromEntries(Object.entries(t)
      .map(([key, value]) => [key, Array.isArray(value) ? value.slice(from, to) : value])) as unknown as SampleTable));
    const rows = (from: number, to: number) => slice(table, from, to);
    for (const [row, id] of [[0, -Infinity], [10, table.id[9]!], [57, table.id[56]!]] as const) {
      for (const offset of [57, 100, 229, 230, 300]) {
        expect(decodeSampleTable(encodeSampleTable(sampleTableWindow(workspace, model, offset, 20, { row, id }))), `${offset} from ${row}`).toEqual(rows(offset, offset + 20));
      }
    }
    expect(() => sampleTableWindow(workspace, model, 5, 20, { row: 10, id: table.id[9]! })).toThrow(RangeError);
    for (const dense of [false, true]) {
      if (dense) {
        // The same samples renumbered 1000, 1001, …: no gaps (their scores go with the old ids).
        connectionOf(workspace).run('DELETE FROM predictions');
        connectionOf(workspace).exec(`CREATE TEMP TABLE renumbered AS SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS k FROM samples;
          UPDATE samples SET id = 999 + (SELECT k FROM renumbered r WHERE r.id = samples.id)`);
      }
      const now = sampleTable(workspace, model);
      const queries = new SampleQueries(() => false);
      for (const offset of [120, 0, 40, 60, 199, 200, 17, 229, 230, 500, 61]) {
        const window = queries.query(workspace, { filter: EMPTY_FILTER, sort: { key: 'id', descending: false }, threshold: 0.5, offset, limit: 20 }, () => model);
        expect(decodeSampleTable(window.rows), `${dense ? 'dense' : 'gaps'} at ${offset}`).toEqual(slice(now, offset, offset + 20));
      }
    }
  });
});
