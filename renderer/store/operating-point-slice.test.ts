// The operating-point slice and its store-level sync: one action moves τ (by hand or by a criterion),
// the criterion and provenance follow it, and the rates follow it on any tab, equal to the CLI path's.
import { describe, expect, it } from 'vitest';
import { chooseThreshold, parseCriterion } from '../../common/metrics/index';
import { cliIndex, demoTable, evaluatedStoreWith, until, workers } from '../../test/support/workbench-store';

const table = demoTable();

const evaluatedStore = () => evaluatedStoreWith(table);


describe('operating point', () => {
  it('opens with test evaluated and dev for criteria, the rates at the initial τ', async () => {
    const store = await evaluatedStore();
    const s = store.getState();
    expect([s.evalSplit, s.evalSourceSplit, s.threshold]).toEqual(['test', 'dev', 0.5]);
    expect(s.evalQuery!.rates.bpcer).toBe(cliIndex(table, 'test').ratesAt(0.5).bpcer);
  });

  it('a hand-set τ is fixed, names the evaluated split and its data hash, and resets a criterion', async () => {
    const store = await evaluatedStore();
    await store.getState().applyCriterion('eer');
    expect(store.getState().evalCriterion).toBe('eer');
    expect(store.getState().evalChosen).not.toBeNull();
    store.getState().setOperatingPoint(0.42);
    const s = store.getState();
    expect(s.threshold).toBe(0.42);
    expect(s.evalCriterion).toBe('fixed');
    expect(s.evalChosen).toBeNull();
    const testHash = s.evalSources[0]!.summary!.splits.find((x) => x.split === 'test')!.dataHash;
    expect(s.thresholdProvenance).toMatchObject({ criterion: 'fixed', split: 'test', dataHash: testHash });
    expect(Date.parse(s.thresholdProvenance.at)).not.toBeNaN();
  });

  it('ignores a τ that is not a finite number', async () => {
    const store = await evaluatedStore();
    store.getState().setOperatingPoint(0.3);
    for (const bad of [NaN, Infinity, -Infinity]) store.getState().setOperatingPoint(bad);
    expect(store.getState().threshold).toBe(0.3);
  });

  it('a criterion chosen on dev gives the CLI`s `--dev --criterion` threshold and records where it came from', async () => {
    const store = await evaluatedStore();
    await store.getState().applyCriterion('bpcer100');
    const expected = chooseThreshold(cliIndex(table, 'dev'), parseCriterion('bpcer100'), 'dev').threshold;
    const s = store.getState();
    expect(s.threshold).toBe(expected);
    expect(s.evalCriterion).toBe('bpcer100');
    expect(s.evalChosen!.threshold).toBe(expected);
    const devHash = s.evalSources[0]!.summary!.splits.find((x) => x.split === 'dev')!.dataHash;
    expect(s.thresholdProvenance).toMatchObject({ criterion: 'bpcer100', split: 'dev', dataHash: devHash });
    const after = await until(store, (x) => x.evalQuery?.threshold === expected);
    expect(after.evalQuery!.rates.bpcer).toBe(cliIndex(table, 'test').ratesAt(expected).bpcer);
  });

  it('rates and confusion counts follow τ while another tab shows (no view subscribes), equal to the CLI path at τ', async () => {
    const store = await evaluatedStore();
    store.getState().setTab('samples');
    const reference = cliIndex(table, 'test');
    for (const threshold of [0.3, 0.61, 0.9]) {
      store.getState().setOperatingPoint(threshold);
      const s = await until(store, (x) => x.evalQuery?.threshold === threshold);
      const rates = reference.ratesAt(threshold);
      expect(s.evalQuery!.rates).toMatchObject({ apcerMax: rates.apcerMax, apcerPooled: rates.apcerPooled, bpcer: rates.bpcer, acer: rates.acer, hter: rates.hter });
      expect(s.evalQuery!.confusion.calledAttack.reduce((a, b) => a + b, 0)).toBe(rates.bonaFideCalledAttack + (reference.attackCount - rates.attacksCalledBonaFide));
    }
  });

  it('a new evaluated split is queried at once, at the current τ', async () => {
    const store = await evaluatedStore();
    store.getState().setOperatingPoint(0.55);
    store.getState().setEvalSplit('dev');
    const s = await until(store, (x) => x.evalQuery?.split === 'dev' && x.evalQuery.threshold === 0.55);
    expect(s.evalQuery!.rates.bpcer).toBe(cliIndex(table, 'dev').ratesAt(0.55).bpcer);
  });

  it('openEvaluation with the runs already loaded still answers for the current τ', async () => {
    const store = await evaluatedStore();
    store.setState({ evalQuery: null, evalQueryKey: null });
    const queries = workers.current.interactive.requests.filter((k) => k === 'query').length;
    await store.getState().openEvaluation();
    const s = await until(store, (x) => x.evalQuery !== null);
    expect(s.evalQuery!.threshold).toBe(s.threshold);
    expect(workers.current.interactive.requests.filter((k) => k === 'query').length).toBe(queries + 1);
    expect(workers.current.interactive.requests.filter((k) => k === 'loadColumns')).toHaveLength(1);
  });
});
