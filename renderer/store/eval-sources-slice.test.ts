// The evaluation sources slice: runs loaded from the workspace or a scores file, primary and overlays,
// split choices, and the state it owns (columns, counters) per store rather than per module.
import { describe, expect, it } from 'vitest';
import type { UadApi } from '../../common/api';
import { chooseThreshold, parseCriterion } from '../../common/metrics/index';
import { cliIndex, demoTable, emptyStore, exportCsv, fakeApi, storeWith, until, workers } from '../../test/support/workbench-store';

const table = demoTable();
const csvFile = (name: string, split = 'test') => new File([exportCsv(table, split)], name, { type: 'text/csv' });

const freshStore = (api?: UadApi) => storeWith(table, api);

describe('evaluation sources', () => {
  it('loads the workspace model as primary: test evaluated, dev for criteria, its columns kept in state', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    const s = store.getState();
    expect(s.evalSources.map((x) => [x.id, x.kind, x.status])).toEqual([[`model:${table.modelSha256}`, 'model', 'ready']]);
    expect(s.evalPrimaryId).toBe(`model:${table.modelSha256}`);
    expect([s.evalSplit, s.evalSourceSplit]).toEqual(['test', 'dev']);
    const columns = s.evalColumns[`model:${table.modelSha256}`]!;
    expect(columns.scores.length).toBe(table.score.filter((x) => x !== null).length);
    expect(s.evalLoadedFrom).toEqual({ workspaceFile: '/ws/workspace.sqlite', finishedRun: null });
  });

  it('asks the host for the whole table once when a view wants it at the same time, and not again once it is held', async () => {
    const base = fakeApi(table).api;
    let lists = 0;
    const api = { ...base, samples: { ...base.samples, list: async (request: { modelSha256?: string }) => { lists++; return base.samples.list(request); } } } as unknown as UadApi;
    const store = freshStore(api);
    // The Evaluation tab: its model source and the certification panel's split check (the whole table) at once.
    await Promise.all([store.getState().openEvaluation(), store.getState().ensureSampleTable(table.modelSha256!)]);
    expect(lists).toBe(1);
    expect(store.getState().table?.id).toEqual(table.id);
    const columns = store.getState().evalColumns[`model:${table.modelSha256}`]!;
    expect(columns.scores.length).toBe(table.score.filter((x) => x !== null).length);
    // Held now: a source added again under this model reads it, the host is not asked.
    store.getState().removeEvalSource(`model:${table.modelSha256}`);
    await store.getState().addModelSource(table.modelSha256!, 'again');
    expect(lists).toBe(1);
    expect(store.getState().evalColumns[`model:${table.modelSha256}`]!.scores).toEqual(columns.scores);
  });

  it('holds the browser model\'s table read for the evaluation, so a view asking for it afterwards asks nothing', async () => {
    const base = fakeApi(table).api;
    let lists = 0;
    const api = { ...base, samples: { ...base.samples, list: async (request: { modelSha256?: string }) => { lists++; return base.samples.list(request); } } } as unknown as UadApi;
    // The browser's model named, or (no model open) the one the host answered the browser's rows with.
    for (const shown of [{ browserModel: table.modelSha256! }, { browserModel: undefined }]) {
      lists = 0;
      const store = freshStore(api);
      store.setState(shown);
      await store.getState().loadBrowserRows(0, 10);
      await store.getState().openEvaluation();
      expect(lists).toBe(1);
      await store.getState().ensureSampleTable(table.modelSha256!); // the certification panel, mounted once the scores are ready
      expect(lists).toBe(1);
      expect(store.getState().table?.id).toEqual(table.id);
    }
  });

  it('opening again without a change reloads nothing', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    await store.getState().openEvaluation();
    expect(workers.current.interactive.requests.filter((k) => k === 'loadColumns')).toHaveLength(1);
  });

  it('numbers scores files per store: two stores share no counter and no columns', async () => {
    const first = freshStore();
    const second = emptyStore(fakeApi(table).api);
    await first.getState().addScoresFile(csvFile('a.csv'));
    await first.getState().addScoresFile(csvFile('b.csv'));
    expect(first.getState().evalSources.map((x) => x.id)).toEqual(['file:1:a.csv', 'file:2:b.csv']);
    expect(Object.keys(first.getState().evalColumns)).toEqual(['file:1:a.csv', 'file:2:b.csv']);
    expect(second.getState().evalFilesAdded).toBe(0);
    expect(second.getState().evalColumns).toEqual({});
    await second.getState().addScoresFile(csvFile('c.csv'));
    expect(second.getState().evalSources.map((x) => x.id)).toEqual(['file:1:c.csv']);
  });

  it('a scores file without splits is evaluated whole; an overlay joins the comparison', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    await store.getState().addScoresFile(csvFile('other.csv'));
    expect(store.getState().evalPrimaryId).toBe(`model:${table.modelSha256}`);
    store.getState().toggleEvalCompare('file:1:other.csv');
    const s = await until(store, (x) => x.evalQuery?.comparison.length === 2);
    // The overlay at its own τ (no saved τ: its own EER), never at the primary's fixed τ.
    const own = chooseThreshold(cliIndex(table, 'test'), parseCriterion('eer'), 'other.csv').threshold;
    expect(s.evalQuery!.comparison[1]!.threshold).toBe(own);
    expect(s.evalQuery!.comparison[1]!.rates!.bpcer).toBe(cliIndex(table, 'test').ratesAt(own).bpcer);
  });

  it('removing the primary promotes the next ready run and forgets the removed one`s columns', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    await store.getState().addScoresFile(csvFile('other.csv'));
    store.getState().removeEvalSource(`model:${table.modelSha256}`);
    await until(store, (x) => x.evalPrimaryId === 'file:1:other.csv');
    const s = await until(store, (x) => x.evalQuery?.split === 'all');
    expect(Object.keys(s.evalColumns)).toEqual(['file:1:other.csv']);
    expect(s.evalQuery!.rates.bpcer).toBe(cliIndex(table, 'test').ratesAt(s.threshold).bpcer);
    store.getState().removeEvalSource('file:1:other.csv');
    expect(store.getState()).toMatchObject({ evalPrimaryId: null, evalQuery: null, evalSources: [] });
  });

  it('a scores CSV by path is read on the host and loaded as a file; a refused path is a notice, not a source', async () => {
    const text = exportCsv(table, 'test');
    const asked: string[] = [];
    const base = fakeApi(table).api;
    const store = freshStore({ ...base, app: { ...base.app, readScoresCsv: async ({ path }) => {
      asked.push(path);
      return path === '/s/test.csv' ? { ok: true, value: { name: 'test.csv', text } } : { ok: false, error: { code: 'invalid-argument', message: `${path} does not exist.` } };
    } } });
    await store.getState().addScoresPath('/s/gone.csv');
    expect(store.getState().evalSources).toEqual([]);
    expect(store.getState().notice?.text).toBe('Cannot evaluate /s/gone.csv: /s/gone.csv does not exist.');
    await store.getState().addScoresPath('/s/test.csv');
    expect(asked).toEqual(['/s/gone.csv', '/s/test.csv']);
    const s = await until(store, (x) => x.evalQuery?.split === 'all');
    expect(s.evalSources.map((x) => [x.id, x.status])).toEqual([['file:1:test.csv', 'ready']]);
    expect(s.evalQuery!.rates.bpcer).toBe(cliIndex(table, 'test').ratesAt(s.threshold).bpcer);
  });

  it('a file the parser refuses is marked with its error and a notice, and never becomes primary', async () => {
    const store = freshStore();
    await store.getState().addScoresFile(new File(['score,label\n0.5,1\nnan,0\n'], 'bad.csv'));
    const [source] = store.getState().evalSources;
    expect(source).toMatchObject({ status: 'error', id: 'file:1:bad.csv' });
    expect(source!.error).toContain('bad.csv:3');
    expect(store.getState().notice?.text).toContain('Cannot evaluate bad.csv');
    expect(store.getState().evalPrimaryId).toBeNull();
  });
});
