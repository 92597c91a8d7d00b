// A model's non-responses read from its failures and the files not ok (schema 10's indexes) and its never-attempted
// count from the kept counts are exactly what listing every unscored sample finds: latest failure of the model's runs
// first, another model's failures ignored, datasets the model never ran on left out, questioned samples kept as such
// (also through the `samples.unscored` handler), all samples or one split's. Real SQLite workspace in a temp folder. Node side.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SampleLabel } from '../../common/dataset/label.js';
import type { DatasetListing } from '../../common/dataset/types.js';
import { recordRun, taggedModel as model } from '../../test/support/recorded-runs.js';
import { samplesHandlers } from '../services/samples-handlers.js';
import { WorkbenchSession } from '../services/session.js';
import { connectionOf } from './connection.js';
import { Workspace } from './workspace.js';

const sessions: WorkbenchSession[] = [];
afterEach(async () => { for (const s of sessions.splice(0)) await s.dispose(); });

/** `count` samples under `root`: every 5th questioned, every 7th an attack, every 6th a file not ok (missing). */
function listing(root: string, count: number): DatasetListing {
  const samples = Array.from({ length: count }, (_, k) => {
    const label: SampleLabel = k % 5 === 4 ? null : k % 7 === 3 ? 1 : 0;
    return {
      id: k, path: `img-${k}.png`, label, category: label === 1 ? 'physical' as const : label === null ? 'questioned' as const : 'bona-fide' as const, species: label === 1 ? 'print' : 'live', identity: `ID-${k % 3}`,
      split: ['train', 'dev', 'test'][k % 3]!, sizeBytes: 1, status: k % 6 === 5 ? 'missing' as const : 'ok' as const, ...(k % 6 === 5 ? { reason: 'file not found' } : {}),
    };
  });
  return { root, source: 'folder', samples, skipped: [], counts: { total: count, bonaFide: 0, attack: 0, unusable: 0, bySpecies: {} } };
}

/** The same as listing every unscored sample: all of them, and each split's (a split no sample has included). */
function expectSameAsListing(workspace: Workspace, sha256: string): void {
  for (const split of [undefined, 'train', 'dev', 'test', 'none']) {
    const all = workspace.unscored(sha256).filter((u) => split === undefined || u.split === split);
    const found = workspace.nonResponses(sha256, split);
    expect(found.samples).toEqual(all.filter((u) => u.reason !== null));
    expect(found.neverAttempted).toBe(all.filter((u) => u.reason === null).length);
  }
}

describe('a model`s non-responses', () => {
  it('are the unscored samples with a reason, and the rest is counted as never attempted', () => {
    const session = new WorkbenchSession();
    sessions.push(session);
    session.openWorkspace(mkdtempSync(path.join(tmpdir(), 'uad-nonresp-')));
    const workspace = session.workspace!;
    const a = workspace.ingest(listing('/a', 60));
    const b = workspace.ingest(listing('/b', 24));
    const c = workspace.ingest(listing('/c', 12));
    const [m1, m2, m3] = [model('1'), model('2'), model('3')];
    const readable = (ids: number[]) => ids.filter((_, k) => k % 6 !== 5);
    // m1: part of /a scored, some failing in two runs (the later reason stands), then stopped; all of /b scored
    recordRun(workspace, m1, a.datasetId, readable(a.sampleIds.slice(0, 20)), a.sampleIds.slice(20, 26), 'cannot decode', 'cancelled');
    recordRun(workspace, m1, a.datasetId, [], a.sampleIds.slice(24, 28), 'no face', 'cancelled');
    recordRun(workspace, m1, b.datasetId, b.sampleIds, [], '', 'cancelled');
    // m2: failures on /a and /c only; m3: ran on /c and scored every sample (a file not ok included)
    recordRun(workspace, m2, a.datasetId, [], a.sampleIds.slice(0, 10), 'too small', 'cancelled');
    recordRun(workspace, m2, c.datasetId, [], c.sampleIds.slice(0, 3), 'unreadable', 'cancelled');
    recordRun(workspace, m3, c.datasetId, c.sampleIds, [], '', 'cancelled');

    for (const m of [m1, m2, m3, model('4')]) expectSameAsListing(workspace, m.sha256);
    const m1Found = workspace.nonResponses(m1.sha256);
    const byId = new Map(m1Found.samples.map((u) => [u.sampleId, u.reason]));
    expect(byId.get(a.sampleIds[21]!)).toBe('cannot decode');
    expect(byId.get(a.sampleIds[25]!)).toBe('no face'); // failed in both runs: the later one's reason
    expect(byId.get(a.sampleIds[41]!)).toBe('file not found'); // never attempted, but its file is not ok
    expect(byId.has(a.sampleIds[30]!)).toBe(false); // never attempted, file ok: counted, not listed
    expect(m1Found.samples.some((u) => u.label === null)).toBe(true);
    expect(m1Found.samples.every((u) => !b.sampleIds.includes(u.sampleId))).toBe(true);
    expect(workspace.nonResponses(m3.sha256)).toEqual({ samples: [], neverAttempted: 0 });

    const indexes = connectionOf(workspace).allRaw("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('failures_by_sample', 'samples_not_ok') ORDER BY name");
    expect(indexes).toEqual([['failures_by_sample'], ['samples_not_ok']]);
  });

  it('reach the browser through samples.unscored with their labels as recorded, questioned ones included', async () => {
    const session = new WorkbenchSession();
    sessions.push(session);
    session.openWorkspace(mkdtempSync(path.join(tmpdir(), 'uad-nonresp-')));
    const workspace = session.workspace!;
    const a = workspace.ingest(listing('/a', 30));
    const m1 = model('1');
    recordRun(workspace, m1, a.datasetId, a.sampleIds.slice(0, 10), a.sampleIds.slice(10, 20), 'cannot decode', 'cancelled');
    const answer = await samplesHandlers(session).unscored({ modelSha256: m1.sha256 }, { transport: 'http' });
    if (!answer.ok) throw new Error(answer.error.message);
    const expected = workspace.unscored(m1.sha256).filter((u) => u.reason !== null);
    expect(answer.value.samples.map((u) => [u.path, u.label, u.reason])).toEqual(expected.map((u) => [u.path, u.label, u.reason]));
    expect(answer.value.samples.filter((u) => u.label === null).length).toBeGreaterThan(0);
    expect(answer.value.neverAttempted).toBe(workspace.unscored(m1.sha256).length - expected.length);
  });
});
