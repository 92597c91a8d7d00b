// Saved thresholds: the operating point stored with its provenance, and applied again through the
// one operating-point action (criterion reset, rates following).
import { describe, expect, it } from 'vitest';
import { DECISION_RULE } from '../../common/metrics/decision';
import { cliIndex, demoTable, evaluatedStoreWith, fakeApi, until } from '../../test/support/workbench-store';

const table = demoTable();

async function evaluatedStore() {
  const client = fakeApi(table);
  return { store: await evaluatedStoreWith(table, client.api), client };
}

describe('saved thresholds', () => {
  it('saves a criterion threshold with its provenance and lists it', async () => {
    const { store, client } = await evaluatedStore();
    await store.getState().applyCriterion('eer');
    const s = await until(store, (x) => x.evalQuery?.threshold === x.threshold);
    await s.saveThreshold();
    const devHash = s.evalSources[0]!.summary!.splits.find((x) => x.split === 'dev')!.dataHash;
    const request = client.saveRequests[0] as { modelSha256: string; value: number; criterion: string; split: string; dataHash: string; provenance: string };
    expect(request).toMatchObject({ modelSha256: table.modelSha256, value: s.threshold, criterion: 'eer', split: 'dev', dataHash: devHash });
    const record = JSON.parse(request.provenance) as Record<string, unknown>;
    expect(record).toMatchObject({ criterion: 'eer', threshold: s.threshold, split: 'dev', decision: DECISION_RULE, evaluatedOn: { split: 'test', bpcer: s.evalQuery!.rates.bpcer } });
    expect(store.getState().savedThresholds.map((t) => [t.id, t.value, t.criterion])).toEqual([[1, s.threshold, 'eer']]);
    expect(store.getState().notice?.text).toContain('Saved threshold');
  });

  it('applying a saved threshold moves τ with the saved provenance; the select shows it is no longer recomputed', async () => {
    const { store } = await evaluatedStore();
    await store.getState().applyCriterion('bpcer20');
    await store.getState().saveThreshold();
    const saved = store.getState().savedThresholds[0]!;
    store.getState().setOperatingPoint(0.2);
    store.getState().setTab('case');
    store.getState().applySavedThreshold(saved);
    const s = store.getState();
    expect(s.threshold).toBe(saved.value);
    expect(s.thresholdProvenance).toMatchObject({ criterion: 'bpcer20', split: 'dev', dataHash: saved.dataHash });
    expect([s.evalCriterion, s.evalChosen]).toEqual(['fixed', null]);
    const after = await until(store, (x) => x.evalQuery?.threshold === saved.value);
    expect(after.evalQuery!.rates.apcerMax).toBe(cliIndex(table, 'test').ratesAt(saved.value).apcerMax);
  });
});
