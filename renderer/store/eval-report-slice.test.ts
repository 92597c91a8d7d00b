// The evaluation report and navigation slice: the metrics report at the operating point equals the CLI
// path's `metrics --json`; a rate opens its samples in the browser (workspace runs only).
import { describe, expect, it } from 'vitest';
import { evaluateScores, metricsReportJson } from '../../common/metrics/index';
import { cliIndex, demoTable, emptyStore, evaluatedStoreWith, exportCsv, fakeApi, until, workers } from '../../test/support/workbench-store';

const table = demoTable();

const evaluatedStore = () => evaluatedStoreWith(table);

describe('evaluation report and navigation', () => {
  it('the report at τ carries the CLI`s numbers for the evaluated split and the operating point`s provenance', async () => {
    const store = await evaluatedStore();
    store.getState().setOperatingPoint(0.37);
    await until(store, (s) => s.evalQuery?.threshold === 0.37);
    const report = (await store.getState().metricsReport())!;
    const cli = metricsReportJson(evaluateScores({ scores: cliIndex(table, 'test'), scoresDescription: 'test.csv', criterion: { kind: 'fixed', threshold: 0.37 } }));
    for (const key of ['threshold', 'apcer_max', 'apcer_pooled', 'bpcer', 'acer', 'hter', 'acc', 'auc', 'eer'] as const) expect(report[key]).toBe(cli[key]);
    expect(report.provenance).toMatchObject({ criterion: 'fixed', split: 'test', model: table.modelSha256, chosen: null });
    expect(report.split).toBe('test');
  });

  it('nothing to report before anything is evaluated', async () => {
    expect(await emptyStore(fakeApi(table).api).getState().metricsReport()).toBeNull();
  });

  it('a rate opens the Samples tab on the evaluated split with the filter asked for', async () => {
    const store = await evaluatedStore();
    await store.getState().showSamplesWhere({ label: 'attack', error: 'false-accept' });
    const s = store.getState();
    expect(s.tab).toBe('samples');
    expect(s.filter).toMatchObject({ label: 'attack', error: 'false-accept', split: 'test', scored: 'scored', species: [] });
    expect(s.browserPage?.modelSha256).toBe(table.modelSha256);
  });

  it('scores from a file have no samples to open: the browser stays as it was, with a notice', async () => {
    workers.reset();
    const store = emptyStore(fakeApi(table).api);
    await store.getState().addScoresFile(new File([exportCsv(table, 'test')], 'other.csv'));
    await store.getState().showSamplesWhere({ label: 'attack' });
    expect(store.getState().tab).toBe('samples');
    expect(store.getState().filter.label).toBe('all');
    expect(store.getState().notice?.text).toContain('outside the workspace');
  });
});
