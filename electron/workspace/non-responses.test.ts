// A model's non-responses read from its failures and the files not ok (schema 10's indexes) and its never-attempted
// count from the kept counts are exactly what listing every unscored sample finds: latest failure of the model's runs
// first, another model's failures ignored, datasets the model never ran on left out, questioned samples kept as such
// (also through the `samples.unscored` handler). Real SQLite workspace in a temp folder. Node side.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SampleLabel } from '../../common/dataset/label.js';
import type { DatasetListing } from '../../common/dataset/types.js';
import { encodeFloat16 } from '../../common/routing/float16.js';
import { parseSidecar } from '../../common/model/sidecar.js';
import type { ModelFiles } from '../onnx/model-files.js';
import { samplesHandlers } from '../services/samples-handlers.js';
import { WorkbenchSession } from '../services/session.js';
import { connectionOf } from './connection.js';
import type { ScoredItem } from './scored-item.js';
import { Workspace } from './workspace.js';

const sessions: WorkbenchSession[] = [];
afterEach(async () => { for (const s of sessions.splice(0)) await s.dispose(); });

function model(tag: string): ModelFiles {
  const base = JSON.parse(readFileSync('models/lasoftmoe-tiny.model.json', 'utf8')) as Record<string, unknown>;
  return { onnxPath: `/${tag}.onnx`, sidecarPath: `/${tag}.model.json`, sidecar: parseSidecar({ ...base, name: tag, sha256: undefined }), sha256: tag.repeat(64).slice(0, 64), sizeBytes: 1 };
}

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

/** One run of `m` on `datasetId`: `keys` scored, `failed` failing with `reason`. */
function run(workspace: Workspace, m: ModelFiles, datasetId: number, keys: number[], failed: number[], reason: string): void {
  workspace.registerModel(m);
  const layers = m.sidecar.moe!.layers;
  const experts = m.sidecar.moe!.experts;
  const mass = layers.map(() => encodeFloat16(new Float32Array(4 * experts).fill(1 / experts)));
  const runId = workspace.startRun({ modelSha256: m.sha256, datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: 8, total: keys.length + failed.length, skipped: 0 });
  const items: ScoredItem[] = [
    ...keys.map((key): ScoredItem => ({ key, ok: true, sha256: 'a'.repeat(64), sizeBytes: 1, score: 0.4, logits: [0.6, 0.4], expertMass: mass })),
    ...failed.map((key): ScoredItem => ({ key, ok: false, reason })),
  ];
  workspace.recordBatch(runId, m.sha256, layers, experts, items, { decodeMs: 1, inferMs: 1 });
  workspace.finishRun(runId, 'cancelled');
}

function expectSameAsListing(workspace: Workspace, sha256: string): void {
  const all = workspace.unscored(sha256);
  const found = workspace.nonResponses(sha256);
  expect(found.samples).toEqual(all.filter((u) => u.reason !== null));
  expect(found.neverAttempted).toBe(all.filter((u) => u.reason === null).length);
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
    run(workspace, m1, a.datasetId, readable(a.sampleIds.slice(0, 20)), a.sampleIds.slice(20, 26), 'cannot decode');
    run(workspace, m1, a.datasetId, [], a.sampleIds.slice(24, 28), 'no face');
    run(workspace, m1, b.datasetId, b.sampleIds, [], '');
    // m2: failures on /a and /c only; m3: ran on /c and scored every sample (a file not ok included)
    run(workspace, m2, a.datasetId, [], a.sampleIds.slice(0, 10), 'too small');
    run(workspace, m2, c.datasetId, [], c.sampleIds.slice(0, 3), 'unreadable');
    run(workspace, m3, c.datasetId, c.sampleIds, [], '');

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
    run(workspace, m1, a.datasetId, a.sampleIds.slice(0, 10), a.sampleIds.slice(10, 20), 'cannot decode');
    const answer = await samplesHandlers(session).unscored({ modelSha256: m1.sha256 }, { transport: 'http' });
    if (!answer.ok) throw new Error(answer.error.message);
    const expected = workspace.unscored(m1.sha256).filter((u) => u.reason !== null);
    expect(answer.value.samples.map((u) => [u.path, u.label, u.reason])).toEqual(expected.map((u) => [u.path, u.label, u.reason]));
    expect(answer.value.samples.filter((u) => u.label === null).length).toBeGreaterThan(0);
    expect(answer.value.neverAttempted).toBe(workspace.unscored(m1.sha256).length - expected.length);
  });
});
