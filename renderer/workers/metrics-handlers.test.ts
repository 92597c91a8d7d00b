// The metrics worker's certify and evaluationReport handlers: a request message (structured-cloned, as
// postMessage does) gives the counted rates, profile verdicts and report page that common/metrics (and
// common/report) give when called directly on the same data.
import { describe, expect, it } from 'vitest';
import { builtinProfile, certificationRates, evaluateProfile, fullEvaluation, identityLeakage, parseScoresCsv, type NonResponse } from '../../common/metrics/index';
import { evaluationReportHtml, type ReportProvenance } from '../../common/report/evaluation-report';
import { demoTable, exportCsv } from '../../test/support/workbench-store';
import { tableToColumns } from '../lib/table-columns';
import { MetricsEngine } from './metrics-engine';
import { handleRequest, metricsHandlers } from './metrics-handlers';
import { copyColumns, type CertifyOutput, type WorkerRequest } from './metrics-protocol';

/** A scores file with classes, species, identities and non-responses (what `uad metrics` reads). */
const CSV = [
  'path,score,label,species,class,identity,status',
  ...Array.from({ length: 240 }, (_, i) => {
    const label = i % 4 === 0 ? 0 : 1;
    const species = label === 0 ? '' : ['print', 'replay', 'fgsm', 'simswap'][i % 3 === 0 ? 3 : i % 2 === 0 ? 2 : i % 5 === 0 ? 1 : 0];
    const cls = label === 0 ? '' : species === 'fgsm' ? '2' : species === 'simswap' ? '3' : '1';
    const score = ((i * 37) % 100) / 100;
    return `s/${i}.jpg,${score},${label},${species},${cls},id-${i % 23},ok`;
  }),
  's/broken-1.jpg,,1,print,1,id-1,unreadable',
  's/broken-2.jpg,,0,,,id-2,no-face',
].join('\n');

/** Sends `input` through the message path: cloned in, handled, cloned out. */
async function certify(engine: MetricsEngine, input: WorkerRequest<'certify'>['input']) {
  const request: WorkerRequest<'certify'> = { id: 7, kind: 'certify', input };
  const reply = structuredClone(await handleRequest(metricsHandlers(engine), structuredClone(request)));
  expect(reply.id).toBe(7);
  return reply;
}

describe('metrics worker: certify', () => {
  it('equals certificationRates + evaluateProfile on the parsed scores file, at several thresholds', async () => {
    const engine = new MetricsEngine();
    await engine.loadCsv({ sourceId: 'f', name: 'scores.csv', file: new Blob([CSV]) });
    const parsed = parseScoresCsv(CSV, 'scores.csv');
    const nonResponses: NonResponse[] = [...parsed.nonResponses];
    expect(nonResponses).toHaveLength(2);
    for (const [threshold, id] of [[0.25, 'fido-biometric-pad'], [0.5, 'ibeta-level1'], [0.71, 'nist-800-63a-4']] as const) {
      const profile = builtinProfile(id)!;
      const direct = certificationRates(parsed, threshold);
      const reply = await certify(engine, { sourceId: 'f', split: 'all', threshold, nonResponses, profile });
      expect(reply.ok).toBe(true);
      const value = (reply as { value: CertifyOutput }).value;
      expect(value.counted).toEqual(direct);
      expect(value.profile).toEqual(evaluateProfile(profile, direct));
      expect(value.counted.byClass.map((c) => c.attackClass)).toEqual(['presentation', 'adversarial', 'digital']);
      expect(value.counted.all.apnrr).toMatchObject({ errors: 1 });
    }
  });

  it('counts a workspace split as the CLI counts its `export-scores --split` file, without a profile', async () => {
    const table = demoTable();
    const engine = new MetricsEngine();
    await engine.loadColumns({ sourceId: 'm', name: 'model', columns: tableToColumns(table) });
    const direct = certificationRates(parseScoresCsv(exportCsv(table, 'test'), 'test.csv'), 0.55);
    const reply = await certify(engine, { sourceId: 'm', split: 'test', threshold: 0.55, nonResponses: [], profile: null });
    expect(reply).toMatchObject({ ok: true, value: { profile: null } });
    const counted = (reply as { value: CertifyOutput }).value.counted;
    expect(counted.all).toEqual(direct.all);
    expect(counted.bpcer).toEqual(direct.bpcer);
    expect(counted.bpcer20).toEqual(direct.bpcer20);
  });

  it('answers an error, not a throw, for a source it does not hold or a bad threshold', async () => {
    const engine = new MetricsEngine();
    expect(await certify(engine, { sourceId: 'nope', split: 'all', threshold: 0.5, nonResponses: [], profile: null })).toEqual({ id: 7, ok: false, error: "no scores loaded for 'nope'" });
    await engine.loadCsv({ sourceId: 'f', name: 'scores.csv', file: new Blob([CSV]) });
    expect(await certify(engine, { sourceId: 'f', split: 'all', threshold: Number.NaN, nonResponses: [], profile: null })).toMatchObject({ ok: false, error: expect.stringMatching(/threshold must be finite/) });
  });
});

/** Sends an evaluationReport request through the message path: cloned in, handled, cloned out. */
async function reportOf(engine: MetricsEngine, input: WorkerRequest<'evaluationReport'>['input']) {
  const request: WorkerRequest<'evaluationReport'> = { id: 9, kind: 'evaluationReport', input };
  const reply = structuredClone(await handleRequest(metricsHandlers(engine), structuredClone(request)));
  expect(reply.id).toBe(9);
  return reply;
}

const provenance = (description: string): ReportProvenance => ({
  generatedAt: '2026-01-02T03:04:05.000Z',
  generator: 'UAD Workbench (Evaluation tab)',
  scores: { description, scoreLabelSha256: 'c'.repeat(64) },
  model: { name: 'model', sha256: 'a'.repeat(64) },
  thresholdOrigin: 'set by hand in the Evaluation tab (2026-01-02T03:04:05.000Z)',
});

describe('metrics worker: evaluationReport (the bootstrap worker, which keeps columns without an index)', () => {
  it('is the page of fullEvaluation on the parsed scores file, byte for byte, bootstrap by identity included', async () => {
    const engine = new MetricsEngine();
    const loader = new MetricsEngine();
    const { columns } = await loader.loadCsv({ sourceId: 'f', name: 'scores.csv', file: new Blob([CSV]) });
    engine.keepColumns({ sourceId: 'f', columns: copyColumns(columns) });
    const parsed = parseScoresCsv(CSV, 'scores.csv');
    const leakage = identityLeakage([{ split: 'dev', identities: ['id-1', 'id-2'] }, { split: 'test', identities: ['id-2', 'id-3'] }]);
    const bootstrap = { replicates: 40, seed: 3, resample: 'identity' as const };
    const profile = builtinProfile('ibeta-level1')!;
    const nonResponses = columns.nonResponses!;
    const reply = await reportOf(engine, { sourceId: 'f', split: 'all', threshold: 0.5, description: 'scores.csv', nonResponses, profile, bootstrap, leakage, provenance: provenance('scores.csv') });
    expect(reply.ok).toBe(true);
    const page = (reply as { value: Blob }).value;
    expect(page.type).toBe('text/html');
    const html = await page.text();
    const direct = fullEvaluation({ scores: { data: parsed, description: 'scores.csv' }, criterion: { kind: 'fixed', threshold: 0.5 }, profile, bootstrap });
    expect(direct.bootstrap?.resample).toBe('identity');
    expect(direct.counted.nonResponses).toHaveLength(2);
    expect(html).toBe(evaluationReportHtml({ ...direct, leakage }, provenance('scores.csv')));
    expect(html).toContain('leakage-warning');
  });

  it('reports a workspace split as `uad report` reports its `export-scores --split` file, without a profile', async () => {
    const table = demoTable();
    const engine = new MetricsEngine();
    engine.keepColumns({ sourceId: 'm', columns: tableToColumns(table) });
    const bootstrap = { replicates: 30, seed: 0, resample: 'sample' as const };
    const reply = await reportOf(engine, { sourceId: 'm', split: 'test', threshold: 0.55, description: 'model, split test', nonResponses: [], profile: null, bootstrap, leakage: null, provenance: provenance('model, split test') });
    const direct = fullEvaluation({ scores: { data: parseScoresCsv(exportCsv(table, 'test'), 'test.csv'), description: 'model, split test' }, criterion: { kind: 'fixed', threshold: 0.55 }, bootstrap });
    expect(reply).toMatchObject({ id: 9, ok: true });
    expect(await (reply as { value: Blob }).value.text()).toBe(evaluationReportHtml({ ...direct, leakage: null }, provenance('model, split test')));
  });

  it('answers an error, not a throw, for a source it does not hold or a bad threshold', async () => {
    const engine = new MetricsEngine();
    const input = { sourceId: 'nope', split: 'all', threshold: 0.5, description: 'x', nonResponses: [], profile: null, bootstrap: { replicates: 10, seed: 0, resample: 'sample' as const }, leakage: null, provenance: provenance('x') };
    expect(await reportOf(engine, input)).toEqual({ id: 9, ok: false, error: "no scores loaded for 'nope'" });
    engine.keepColumns({ sourceId: 'm', columns: tableToColumns(demoTable()) });
    expect(await reportOf(engine, { ...input, sourceId: 'm', split: 'test', threshold: Number.POSITIVE_INFINITY })).toMatchObject({ ok: false, error: expect.stringMatching(/threshold/) });
  });
});
