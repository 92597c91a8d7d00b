// The certification slice: counted rates, non-responses, profile verdicts and leakage at the operating
// point equal what the CLI path computes from `uad export-scores` of the same table; bad profile files are
// refused; the report export runs once at a time on the bootstrap worker and the report helper, shows its state
// and progress, and can be cancelled.
import { describe, expect, it, vi } from 'vitest';
import type { UadApi, UnscoredSample } from '../../common/api';
import { builtinProfile, certificationRates, evaluateProfile, parseScoresCsv } from '../../common/metrics/index';
import { demoTable, exportCsv, fakeApi, storeWith, until, workers } from '../../test/support/workbench-store';

const table = demoTable();
const unscored: UnscoredSample[] = [
  { path: 'test/print/broken.jpg', label: 1, category: '1', species: 'print', identity: 'id-900', split: 'test', reason: 'unreadable' },
  { path: 'test/live/dark.jpg', label: 0, category: 'bona-fide', species: 'bona-fide', identity: 'id-901', split: 'test', reason: 'no face found' },
  { path: 'dev/live/other.jpg', label: 0, category: 'bona-fide', species: 'bona-fide', identity: 'id-902', split: 'dev', reason: 'unreadable' },
];

function freshStore() {
  const base = fakeApi(table).api;
  return storeWith(table, { ...base, samples: { ...base.samples, unscored: async () => ({ ok: true, value: { samples: unscored, neverAttempted: 0 } }) } } as unknown as UadApi);
}

describe('certification slice', () => {
  it('counts the split at the operating point as the CLI does, non-responses of that split included', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    store.getState().setOperatingPoint(0.55);
    store.getState().setCertProfile('nist-800-63a-4');
    await store.getState().refreshCertification();
    const cert = store.getState().cert;
    expect(cert.error).toBeNull();
    const [, ...rows] = exportCsv(table, 'test').trimEnd().split('\n');
    const csv = ['path,score,label,species,identity,status', ...rows.map((row) => `${row},ok`),
      'test/print/broken.jpg,,1,print,id-900,unreadable', 'test/live/dark.jpg,,0,,id-901,no face found'].join('\n');
    const cli = certificationRates(parseScoresCsv(csv, 'test.csv'), 0.55);
    expect(cert.counted?.all.apcerAp).toEqual(cli.all.apcerAp);
    expect(cert.counted?.bpcer).toEqual(cli.bpcer);
    expect(cert.counted?.all.apnrr).toMatchObject({ errors: 1, attempts: cli.all.apcerPooled!.attempts + 1 });
    expect(cert.counted?.bpnrr).toEqual(cli.bpnrr);
    expect(cert.counted?.nonResponses.map((n) => n.reason)).toEqual(['unreadable', 'no face found']);
    expect(cert.profile?.results.map((r) => r.verdict)).toEqual(evaluateProfile(builtinProfile('nist-800-63a-4')!, cli).results.map((r) => r.verdict));
    // demoTable draws identities id-0…id-40 for both splits: every test identity is also in dev.
    expect(cert.leakage?.warnings).toHaveLength(1);
    expect(cert.leakage?.pairs[0]).toMatchObject({ splitA: 'dev', splitB: 'test' });
  });

  it('counts a loaded but unscored train list in the leakage check (the workspace table, not only scored rows)', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    const withTrain = { ...table, id: [...table.id, 9001], datasetId: [...table.datasetId, 2], path: [...table.path, 'train/live/t.jpg'], label: [...table.label, 0],
      category: [...table.category, 'bona-fide'], species: [...table.species, 'bona-fide'], split: [...table.split, 'train'], identity: [...table.identity, 'id-7'],
      fileStatus: [...table.fileStatus, 'ok'], score: [...table.score, null], dominantExpert: [...table.dominantExpert, null] };
    await store.getState().refreshCertification();
    expect(store.getState().cert.leakage?.pairs.map((p) => [p.splitA, p.splitB])).toEqual([['dev', 'test']]);
    store.setState({ table: withTrain }); // the browser's table arrives later: the check follows it
    await store.getState().refreshCertification();
    expect(store.getState().cert.leakage?.pairs.map((p) => [p.splitA, p.splitB, p.shared])).toEqual([['train', 'dev', 1], ['train', 'test', 1], ['dev', 'test', 41]]);
  });

  it('counts in the metrics worker, marks the held rates as recounting, and drops a recount the operating point has left', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    const engine = workers.current.interactive.engine;
    const count = engine.certify.bind(engine);
    const sent: number[] = [];
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    // The first recount is held in the worker until the operating point has moved on.
    engine.certify = ((input) => { sent.push(input.threshold); return sent.length === 1 ? gate.then(() => count(input)) : count(input); }) as typeof engine.certify;
    const shown: number[] = [];
    store.subscribe((state, before) => { if (state.cert.counted !== before.cert.counted && state.cert.counted) shown.push(state.cert.counted.threshold); });

    store.getState().setOperatingPoint(0.3);
    const first = store.getState().refreshCertification();
    await vi.waitFor(() => expect(sent).toEqual([0.3]));
    expect(store.getState().cert.status).toBe('computing');
    store.getState().setOperatingPoint(0.45);
    const dropped = store.getState().refreshCertification(); // superseded before it is sent
    store.getState().setOperatingPoint(0.6);
    const last = store.getState().refreshCertification();
    release();
    await Promise.all([first, dropped, last]);

    expect(sent).toEqual([0.3, 0.6]);
    expect(shown).toEqual([0.6]);
    expect(store.getState().cert).toMatchObject({ status: 'ready', error: null });
    expect(store.getState().cert.counted).toEqual(certificationRates({ ...parseScoresCsv(exportCsv(table, 'test'), 'test.csv'), nonResponses: store.getState().cert.counted!.nonResponses }, 0.6));
    expect(workers.current.interactive.requests.filter((kind) => kind === 'certify')).toHaveLength(2);
  });

  it('refuses a profile file without a source and keeps the shipped profiles', async () => {
    const store = freshStore();
    const file = new File([JSON.stringify({ id: 'x', name: 'x', status: 'indicative, not a certification', requirements: [] })], 'x.json');
    await store.getState().addUserProfile(file);
    expect(store.getState().certUserProfiles).toEqual([]);
    expect(store.getState().certProfileId).toBe('');
    expect(store.getState().notice?.text).toMatch(/Cannot use x\.json as a profile: x\.json: 'operating_point' must be a non-empty string/);
  });

  it('prepares the report in the bootstrap worker, once at a time, marked as preparing, and downloads its page', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    store.getState().setOperatingPoint(0.55);
    store.getState().setCertProfile('ibeta-level1');
    const engine = workers.current.bootstrap.engine;
    const write = engine.evaluationReport.bind(engine);
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const thresholds: number[] = [];
    engine.evaluationReport = ((input: Parameters<typeof write>[0]) => { thresholds.push(input.threshold); return gate.then(() => write(input)); }) as unknown as typeof engine.evaluationReport;

    const first = store.getState().exportEvaluationReport();
    expect(store.getState().certReport).toEqual({ status: 'preparing', error: null });
    const second = store.getState().exportEvaluationReport(); // a second click while it runs
    expect(second).toBe(first);
    await vi.waitFor(() => expect(thresholds).toEqual([0.55]));
    expect(workers.downloads).toHaveLength(0);
    release();
    await Promise.all([first, second]);

    expect(thresholds).toEqual([0.55]);
    expect(workers.current.bootstrap.requests.filter((kind) => kind === 'evaluationReport')).toHaveLength(1);
    expect(workers.current.interactive.requests).not.toContain('evaluationReport');
    expect(store.getState().certReport).toEqual({ status: 'idle', error: null });
    expect(workers.downloads.map((d) => d.name)).toEqual(['evaluation-report-test.html']);
    expect(store.getState().notice).toEqual({ kind: 'info', text: 'Evaluation report saved as evaluation-report-test.html (your downloads folder).' });
    const html = await workers.downloads[0]!.blob.text();
    expect(html).toContain('Evaluation report');
    expect(html).toContain('data-key="threshold" data-value="0.55"');
    expect(html).toContain('class="profile-requirement');
    expect(html).toContain('41 identities are in both dev and test');
    expect(html).not.toContain('Comparison of models'); // one model evaluated: no comparison section

    // Once finished, a new click prepares a new report.
    await store.getState().exportEvaluationReport();
    expect(workers.downloads).toHaveLength(2);
  });

  it('splits the report\'s bootstrap between the bootstrap worker and the report helper, with progress, into the page one worker alone writes', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    store.getState().setOperatingPoint(0.55);
    store.getState().setBootstrap({ replicates: 101, seed: 9 });
    const engine = workers.current.bootstrap.engine;
    const write = engine.evaluationReport.bind(engine);
    const inputs: Parameters<typeof write>[0][] = [];
    engine.evaluationReport = ((input: Parameters<typeof write>[0]) => { inputs.push(input); return write(input); }) as unknown as typeof engine.evaluationReport;
    const progress: (number | undefined)[] = [];
    const unsubscribe = store.subscribe((state) => { if (state.certReportProgress) progress.push(state.certReportProgress.done); });
    await store.getState().exportEvaluationReport();
    unsubscribe();

    expect(workers.current.bootstrap.requests.filter((kind) => kind === 'bootstrapStream')).toHaveLength(1);
    expect(workers.current.reportHelper.requests.filter((kind) => kind === 'bootstrapStream')).toHaveLength(1);
    expect(workers.current.interactive.requests).not.toContain('bootstrapStream');
    expect(inputs).toHaveLength(1);
    expect(inputs[0]!.bootstrapStreams?.map((x) => x.stream).sort()).toEqual([0, 1]);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((done) => done !== undefined && done > 0 && done < 101)).toBe(true);
    expect(store.getState().certReportProgress).toBeNull();
    // The same seed run whole in one worker writes the same page, intervals included.
    const { bootstrapStreams: _streams, ...whole } = inputs[0]!;
    const alone = await write(whole);
    expect(await workers.downloads[0]!.blob.text()).toBe(await alone.text());
    expect(await alone.text()).toContain('bootstrap');
  });

  it('cancels a report under way: nothing downloaded, no error, both of its workers replaced, and a new export runs', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    const before = workers.current.restarts;
    const job = store.getState().exportEvaluationReport();
    expect(store.getState().certReport.status).toBe('preparing');
    store.getState().cancelEvaluationReport();
    expect(store.getState().certReport).toEqual({ status: 'idle', error: null });
    await job;
    expect(workers.downloads).toHaveLength(0);
    expect(store.getState().certReport).toEqual({ status: 'idle', error: null });
    expect(store.getState().notice).toBeNull();
    expect(workers.current.restarts).toBe(before + 1);
    expect(workers.current.helperRestarts).toBe(1);
    expect(workers.current.bootstrap.requests).not.toContain('evaluationReport');
    const again = store.getState().exportEvaluationReport();
    expect(again).not.toBe(job);
    await again;
    expect(workers.downloads.map((d) => d.name)).toHaveLength(1);
  });

  it('with a second run evaluated, the report carries the paired comparison shown on the tab, each at its own τ', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    store.getState().setBootstrap({ replicates: 40 });
    await store.getState().addScoresFile(new File([exportCsv(table, 'test')], 'other.csv', { type: 'text/csv' }));
    store.getState().toggleEvalCompare('file:1:other.csv');
    const s = await until(store, (x) => x.evalPaired.status === 'ready' && x.evalPaired.pairs.length === 1);
    const [pair] = s.evalPaired.pairs;
    expect([pair!.a, pair!.b, pair!.onlyA, pair!.onlyB]).toEqual([s.evalSources[0]!.name, 'other.csv', 0, 0]);
    expect(pair!.comparison.thresholdA).toBe(s.threshold);
    expect(workers.current.bootstrap.requests).toContain('paired'); // off the slider's worker
    expect(workers.current.interactive.requests).not.toContain('paired');
    expect(pair!.comparison.thresholdB).toBe(s.evalQuery!.comparison[1]!.threshold);
    await store.getState().exportEvaluationReport();
    const html = await workers.downloads.at(-1)!.blob.text();
    expect(html).toContain('Comparison of models');
    expect(html).toContain('EER on its all (no saved τ)');
    for (const reading of pair!.comparison.readings) expect(html).toContain(reading.replace(/'/g, '&#39;'));
  });

  it('shows why the report failed, and lets it be asked again', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    const engine = workers.current.bootstrap.engine;
    const write = engine.evaluationReport.bind(engine);
    engine.evaluationReport = () => { throw new Error('out of memory'); };
    await store.getState().exportEvaluationReport();
    expect(store.getState().certReport).toEqual({ status: 'error', error: 'Cannot write the evaluation report: out of memory' });
    expect(store.getState().notice?.text).toBe('Cannot write the evaluation report: out of memory');
    expect(workers.downloads).toHaveLength(0);
    engine.evaluationReport = write;
    await store.getState().exportEvaluationReport();
    expect(store.getState().certReport.status).toBe('idle');
    expect(workers.downloads).toHaveLength(1);
  });

  it('never abandons a report for a newer bootstrap: while one is prepared, bootstraps queue instead of replacing the worker', async () => {
    const store = freshStore();
    await store.getState().openEvaluation();
    const engine = workers.current.bootstrap.engine;
    const [write, resample] = [engine.evaluationReport.bind(engine), engine.bootstrap.bind(engine)];
    let releaseReport = (): void => undefined;
    const reportGate = new Promise<void>((resolve) => { releaseReport = resolve; });
    engine.evaluationReport = ((input: Parameters<typeof write>[0]) => reportGate.then(() => write(input))) as unknown as typeof engine.evaluationReport;
    const bootstraps: number[] = [];
    // Every bootstrap is held until the end, so each newer one finds the previous still running.
    let releaseBootstraps = (): void => undefined;
    const bootstrapGate = new Promise<void>((resolve) => { releaseBootstraps = resolve; });
    engine.bootstrap = ((input: Parameters<typeof resample>[0]) => { bootstraps.push(input.threshold); return bootstrapGate.then(() => resample(input)); }) as unknown as typeof engine.bootstrap;

    store.getState().setOperatingPoint(0.3);
    await vi.waitFor(() => expect(bootstraps).toContain(0.3), { timeout: 5000 });
    const report = store.getState().exportEvaluationReport();
    store.getState().setOperatingPoint(0.4);
    await vi.waitFor(() => expect(bootstraps).toContain(0.4), { timeout: 5000 });
    expect(workers.current.restarts).toBe(0); // the 0.3 bootstrap was left to finish: the report shares its worker
    releaseReport();
    await report;
    expect(store.getState().certReport.status).toBe('idle');
    store.getState().setOperatingPoint(0.65);
    await vi.waitFor(() => expect(bootstraps).toContain(0.65), { timeout: 5000 });
    expect(workers.current.restarts).toBe(1); // no report under way: a stale bootstrap is abandoned as before
    releaseBootstraps();
    await until(store, (state) => state.evalCi.status === 'ready');
    expect(store.getState().evalCi.key).toContain('0.65');
  });
});
