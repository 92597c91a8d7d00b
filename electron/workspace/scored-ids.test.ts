// Which of a run's sample ids a model already scored (what a run skips on resume, a one-image check's run included): looked
// up by key in chunks, or read from all the model's predictions when it has few, the answer is the same as the
// model's scores restricted to those ids — other models ignored, ids of no sample ignored. Real SQLite workspace in a
// temp folder. Node side.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetListing } from '../../common/dataset/types.js';
import { recordRun, taggedModel as model } from '../../test/support/recorded-runs.js';
import { Workspace } from './workspace.js';

const open: Workspace[] = [];
afterEach(() => { for (const w of open.splice(0)) w.close(); });

function listing(root: string, count: number): DatasetListing {
  const samples = Array.from({ length: count }, (_, k) => ({
    id: k, path: `live/img-${k}.png`, label: 0 as const, category: 'bona-fide' as const, species: 'live', identity: '', split: '', sizeBytes: 1, status: 'ok' as const,
  }));
  return { root, source: 'folder', samples, skipped: [], counts: { total: count, bonaFide: count, attack: 0, unusable: 0, bySpecies: {} } };
}

/** The model's scores restricted to `ids`: what scoredSampleIds must answer. */
function expected(workspace: Workspace, sha256: string, ids: number[]): number[] {
  const wanted = new Set(ids);
  return workspace.scores(sha256).map((s) => s.sampleId).filter((id) => wanted.has(id)).sort((a, b) => a - b);
}

describe('scoredSampleIds', () => {
  it('answers the model`s scores among the ids given, by key lookups or by reading a few predictions', () => {
    const workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-scored-ids-')));
    open.push(workspace);
    const a = workspace.ingest(listing('/a', 1300));
    const b = workspace.ingest(listing('/b', 40));
    const [many, few, other, none] = [model('1'), model('2'), model('3'), model('4')];
    recordRun(workspace, many, a.datasetId, a.sampleIds.filter((_, k) => k % 3 === 0)); // 434 predictions: key lookups for 1 300 ids
    recordRun(workspace, few, a.datasetId, a.sampleIds.slice(0, 5)); // 5 predictions: fewer than a quarter of the ids, read whole
    recordRun(workspace, few, b.datasetId, b.sampleIds.slice(10, 20));
    recordRun(workspace, other, a.datasetId, a.sampleIds.filter((_, k) => k % 3 !== 0));
    workspace.registerModel(none);

    const missing = [a.sampleIds.at(-1)! + b.sampleIds.length + 1000, -1];
    const idSets = [a.sampleIds, [...b.sampleIds, ...a.sampleIds], a.sampleIds.slice(0, 1), a.sampleIds.slice(1, 2), [...a.sampleIds.slice(600, 700), ...missing], [], b.sampleIds];
    for (const m of [many, few, other, none]) {
      for (const ids of idSets) {
        expect([...workspace.scoredSampleIds(m.sha256, ids)].sort((x, y) => x - y), `${m.sidecar.name} × ${ids.length} ids`).toEqual(expected(workspace, m.sha256, ids));
      }
    }
    expect(workspace.scoredSampleIds(many.sha256, a.sampleIds).size).toBe(434);
    expect(workspace.scoredSampleIds(few.sha256, [...b.sampleIds, ...a.sampleIds]).size).toBe(15);
  });
});
