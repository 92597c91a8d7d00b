// The run slice's face cap: Score sends the typed cap with face detection (none with whole images), refuses a cap
// outside 1–1000 before asking the host; with several models listed, Score scores them all in one pass.
import { describe, expect, it } from 'vitest';
import type { UadApi } from '../../common/api';
import { demoTable, emptyStore, fakeApi, until, workspaceOf } from '../../test/support/workbench-store';

function recordingStore() {
  const starts: unknown[] = [];
  const base = fakeApi(demoTable()).api;
  const api = { ...base, run: { ...base.run, start: async (payload: unknown) => { starts.push(payload); return { ok: true, value: { runId: 1, total: 1 } }; } } } as unknown as UadApi;
  const store = emptyStore(api);
  store.setState({ models: { A: { sha256: 'a'.repeat(64), name: 'demo' } as never } });
  return { store, starts };
}

describe('the face cap of a run', () => {
  it('goes to run.start with face detection, and not with whole images', async () => {
    const { store, starts } = recordingStore();
    store.getState().setFacesChoice('detect');
    store.getState().setMaxFaces(1);
    await store.getState().startRun('/photos', 'A');
    store.getState().setFacesChoice('none');
    store.setState({ runStatus: 'idle' });
    await store.getState().startRun('/photos', 'A');
    expect(starts).toEqual([
      { datasetPath: '/photos', slot: 'A', faces: 'detect', maxFaces: 1 },
      { datasetPath: '/photos', slot: 'A', faces: 'none' },
    ]);
  });

  it.each([0, 1001, 2.5, Number.NaN])('a cap of %s is refused with the bounds before the host is asked', async (cap) => {
    const { store, starts } = recordingStore();
    store.getState().setFacesChoice('detect');
    store.getState().setMaxFaces(cap);
    await store.getState().startRun('/photos', 'A');
    expect(starts).toEqual([]);
    expect(store.getState().notice).toEqual({ kind: 'error', text: 'The face cap (faces kept per photograph) must be a whole number from 1 to 1000.' });
    expect(store.getState().runStatus).toBe('idle');
  });

});

describe('a run of several listed models', () => {
  it('sends every listed slot, the started one first, and keeps the browser on that model', async () => {
    const { store, starts } = recordingStore();
    store.setState({ models: { A: { sha256: 'a'.repeat(64), name: 'la-softmoe' }, C: { sha256: 'c'.repeat(64), name: 'dense' }, B: { sha256: 'b'.repeat(64), name: 'soft-moe' } } as never });
    store.getState().setFacesChoice('none');
    await store.getState().startRun('/photos', 'A');
    expect(starts).toEqual([{ datasetPath: '/photos', slot: 'A', slots: ['A', 'B', 'C'], faces: 'none' }]);
    expect(store.getState().notice?.text).toMatch(/3 models \(la-softmoe, soft-moe, dense\), each image decoded once/);
    expect(store.getState().browserModel).toBe('a'.repeat(64));
  });

  it('sends no list when one model is open', async () => {
    const { store, starts } = recordingStore();
    store.getState().setFacesChoice('none');
    await store.getState().startRun('/photos', 'A');
    expect(starts).toEqual([{ datasetPath: '/photos', slot: 'A', faces: 'none' }]);
  });
});

describe('a run that finishes before run.start answers', () => {
  it('leaves Score idle (everything skipped: the finish events come first)', async () => {
    const base = fakeApi(demoTable()).api;
    const finished = { runId: 7, modelSha256: 'a'.repeat(64), status: 'completed', scored: 0, failed: 0, skipped: 240, wallSeconds: 0 } as const;
    const api = { ...base, workspace: { ...base.workspace, summary: async () => ({ ok: true, value: null }) }, run: { ...base.run, start: async () => {
      store.getState().onRunFinished(finished);
      return { ok: true, value: { runId: 7, total: 240 } };
    } } } as unknown as UadApi;
    const store = emptyStore(api);
    store.setState({ models: { A: { sha256: 'a'.repeat(64), name: 'demo' } as never } });
    store.getState().setFacesChoice('none');
    await store.getState().startRun('/photos', 'A');
    expect(store.getState().runStatus).toBe('idle');
    expect(store.getState().lastFinished).toEqual(finished);
    expect(store.getState().notice?.text).toBe('Run 7 completed: 0 scored, 240 skipped, 0 failed');
  });
});

describe('the end of a run of several models', () => {
  it('says each model\'s summary and refreshes the workspace and the browser once, on the last finish', async () => {
    const table = demoTable();
    const base = fakeApi(table).api;
    let summaries = 0;
    let queries = 0;
    const api = {
      ...base,
      workspace: { ...base.workspace, summary: async () => { summaries++; return { ok: true, value: { ...workspaceOf(table), runs: [{ id: summaries }] } }; } },
      samples: { ...base.samples, query: async (query: never) => { queries++; return base.samples.query(query); } },
    } as unknown as UadApi;
    const store = emptyStore(api);
    store.setState({ runStatus: 'running', workspace: workspaceOf(table) });
    const finish = (runId: number, more?: boolean) => ({ runId, modelSha256: runId === 3 ? table.modelSha256! : String(runId).repeat(64), status: 'completed' as const, scored: 12, failed: 0, skipped: 0, wallSeconds: 1, ...(more ? { more } : {}) });
    store.getState().onRunFinished(finish(1, true));
    store.getState().onRunFinished(finish(2, true));
    expect(store.getState().runStatus).toBe('running');
    expect(store.getState().notice?.text).toBe('Run 2 completed: 12 scored, 0 skipped, 0 failed');
    expect([summaries, queries]).toEqual([0, 0]);
    store.getState().onRunFinished(finish(3));
    expect(store.getState().runStatus).toBe('idle');
    expect(store.getState().lastFinished?.runId).toBe(3);
    await until(store, (s) => s.workspace?.runs.length === 1 && s.browserPage !== null);
    expect([summaries, queries]).toEqual([1, 1]);
  });
});

