// The Evaluation view's switch "decide out-of-domain samples by score": off by default (samples outside the
// model's domain are non-responses, counted and said), on it decides them by score; it counts the samples it
// moves, and both ways the counted rates equal `uad metrics` on the same export (with and without
// --decide-out-of-domain-by-score), the basis and the metrics report record the choice.
import { describe, expect, it } from 'vitest';
import type { SampleTable, UadApi } from '../../common/api';
import { certificationRates, parseScoresCsv } from '../../common/metrics/index';
import { OUT_OF_DOMAIN_REASON } from '../../common/metrics/outcome';
import { demoTable, fakeApi, storeWith, until } from '../../test/support/workbench-store';
import { outOfDomainCount } from './evaluation-selectors';

/** The demo table with every seventh scored row of the test split outside the model's domain. */
function tableWithOutOfDomain(): { table: SampleTable; outside: number } {
  const table = demoTable();
  let outside = 0;
  table.inDomain = table.id.map((_, i) => {
    if (table.split[i] !== 'test' || table.score[i] === null || i % 7 !== 0) return 1;
    outside++;
    return 0;
  });
  return { table, outside };
}

/** `uad export-scores --split test` of the table with its in_domain column, as CSV text. */
function exportWithDomain(table: SampleTable): string {
  const lines = ['path,score,label,species,identity,in_domain'];
  table.id.forEach((_, i) => {
    if (table.score[i] === null || table.split[i] !== 'test') return;
    lines.push([table.path[i], table.score[i], table.label[i], table.species[i], table.identity[i], table.inDomain![i] === 0 ? 'false' : 'true'].join(','));
  });
  return `${lines.join('\n')}\n`;
}

function freshStore(table: SampleTable) {
  const base = fakeApi(table).api;
  return storeWith(table, { ...base, samples: { ...base.samples, unscored: async () => ({ ok: true, value: { samples: [], neverAttempted: 0 } }) } } as unknown as UadApi);
}

describe('decide out-of-domain samples by score', () => {
  it('is off by default: out-of-domain samples are non-responses, counted in the basis; on, they are decided by score as the CLI does', async () => {
    const { table, outside } = tableWithOutOfDomain();
    expect(outside).toBeGreaterThan(3);
    const store = freshStore(table);
    await store.getState().openEvaluation();
    await until(store, (s) => s.evalQuery !== null);
    store.getState().setOperatingPoint(0.55);
    expect(store.getState().evalSplit).toBe('test');
    expect(store.getState().evalDecideOutOfDomainByScore).toBe(false);
    expect(outOfDomainCount(store.getState())).toBe(outside);

    await store.getState().refreshCertification();
    const off = store.getState().cert.counted!;
    const cliOff = certificationRates(parseScoresCsv(exportWithDomain(table), 'test.csv'), 0.55);
    expect(off.nonResponses.filter((n) => n.reason === OUT_OF_DOMAIN_REASON)).toHaveLength(outside);
    expect([off.bpcer, off.all.apcerPooled, off.all.apnrr, off.bpnrr]).toEqual([cliOff.bpcer, cliOff.all.apcerPooled, cliOff.all.apnrr, cliOff.bpnrr]);
    expect(off.basis).toContain(`${outside} of the non-responses are outside the model's domain`);
    const reportOff = await store.getState().metricsReport();
    expect((reportOff!.provenance as Record<string, unknown>).outOfDomain).toEqual({ samples: outside, decidedByScore: false });

    await store.getState().setDecideOutOfDomainByScore(true);
    await until(store, (s) => s.evalSources[0]?.status === 'ready' && s.evalQuery !== null && s.evalQueryKey !== null);
    expect(outOfDomainCount(store.getState())).toBe(outside);
    await store.getState().refreshCertification();
    const on = store.getState().cert.counted!;
    const cliOn = certificationRates(parseScoresCsv(exportWithDomain(table), 'test.csv', { decideOutOfDomainByScore: true }), 0.55);
    expect(on.nonResponses).toEqual([]);
    expect(on.outOfDomain).toEqual({ samples: outside, decidedByScore: true });
    expect(on.outOfDomain).toEqual(cliOn.outOfDomain);
    expect([on.bpcer, on.all.apcerPooled]).toEqual([cliOn.bpcer, cliOn.all.apcerPooled]);
    expect(on.bpcer.attempts + on.all.apcerPooled!.attempts).toBe(off.bpcer.attempts + off.all.apcerPooled!.attempts + outside);
    expect(on.basis).toContain(`${outside} samples outside the model's domain are decided by score, as the analyst chose`);
    expect(on.basis).toBe(cliOn.basis);
    const reportOn = await store.getState().metricsReport();
    expect((reportOn!.provenance as Record<string, unknown>).outOfDomain).toEqual({ samples: outside, decidedByScore: true });
  });
});
