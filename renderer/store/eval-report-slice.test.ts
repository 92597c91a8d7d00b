// The evaluation report and navigation slice: the metrics report at the operating point equals the CLI
// path's `metrics --json`; a rate opens its samples in the browser (workspace runs only).
import { describe, expect, it, vi } from 'vitest';
import type { UadApi } from '../../common/api';
import { evaluateScores, metricsReportJson } from '../../common/metrics/index';
import { cliIndex, demoTable, evaluatedStoreWith, exportCsv, fakeApi, until, workers } from '../../test/support/workbench-store';
import { createWorkbenchStore } from './index';

const mocks = vi.hoisted(() => ({ api: null as UadApi | null }));
vi.mock('../bridge/client', () => ({ api: () => mocks.api }));
vi.mock('../workers/metrics-client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../workers/metrics-client')>();
  const harness = await import('../../test/support/workbench-store');
  return { ...actual, metricsWorkers: () => harness.workers.current, restartBootstrapWorker: () => harness.workers.current.bootstrap };
});

const table = demoTable();

const evaluatedStore = () => evaluatedStoreWith(createWorkbenchStore, table, mocks);

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
    mocks.api = fakeApi(table).api;
    expect(await createWorkbenchStore().getState().metricsReport()).toBeNull();
  });

  it('a rate opens the Samples tab on the evaluated split with the filter asked for', async () => {
    const store = await evaluatedStore();
    await store.getState().showSamplesWhere({ label: 'attack', error: 'false-accept' });
    const s = store.getState();
    expect(s.tab).toBe('samples');
    expect(s.filter).toMatchObject({ label: 'attack', error: 'false-accept', split: 'test', scored: 'scored', species: [] });
    expect(s.table?.modelSha256).toBe(table.modelSha256);
  });

  it('scores from a file have no samples to open: the browser stays as it was, with a notice', async () => {
    mocks.api = fakeApi(table).api;
    workers.reset();
    const store = createWorkbenchStore();
    await store.getState().addScoresFile(new File([exportCsv(table, 'test')], 'other.csv'));
    await store.getState().showSamplesWhere({ label: 'attack' });
    expect(store.getState().tab).toBe('samples');
    expect(store.getState().filter.label).toBe('all');
    expect(store.getState().notice?.text).toContain('outside the workspace');
  });
});
