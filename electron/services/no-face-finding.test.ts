// A finding on a photograph in which detection found no face, through the host's handlers: the analyst saves it
// on the unscored sample, exports the annotated samples as a case file and verifies it; the case gives the sample
// the outcome of common/metrics/outcome.ts (inconclusive, no face found) and no score — also when the model found no
// face in anything it ran on (the app and `uad export-case`). Real detector, real ONNX model, real workspace and zip.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contract, type EventSink, type RunFinished } from '../../common/api.js';
import { CASE_JSON, REPORT_HTML, type CaseFile } from '../../common/cases/case-types.js';
import { DEFAULT_DETECTOR_OPTIONS } from '../../common/faces/blazeface.js';
import { outcomeOf, outcomeText, reasonText, unscoredInput, NO_FACE_REASON } from '../../common/metrics/outcome.js';
import { runCli } from '../../test/support/cli.js';
import { repoRoot, shippedModel } from '../../test/support/models.js';
import { readZipSafely } from '../cases/zip-reader.js';
import { sampleRecords } from '../workspace/samples.js';
import { annotationsHandlers } from './annotations-handlers.js';
import { casesHandlers } from './cases-handlers.js';
import { runHandlers } from './run-handlers.js';
import { samplesHandlers } from './samples-handlers.js';
import { WorkbenchSession } from './session.js';
import { SettingsStore } from './settings-store.js';

const ctx = { transport: 'http' as const };
const CAT = 'chelsea.jpg';
const FACE = 'astronaut.jpg';
const sessions: WorkbenchSession[] = [];
afterAll(async () => { for (const s of sessions) await s.dispose(); });

/** A session whose model A scored these photographs with face detection, as the app does; the cat's sample id. */
async function scored(names: string[], expectScored: number): Promise<{ session: WorkbenchSession; catId: number }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'uad-no-face-finding-'));
  for (const name of names) copyFileSync(path.join(repoRoot, 'test', 'fixtures', 'photos', name), path.join(folder, name));
  const session = new WorkbenchSession();
  sessions.push(session);
  session.openWorkspace(mkdtempSync(path.join(tmpdir(), 'uad-no-face-finding-ws-')));
  await session.openModel(shippedModel(), 'A');
  let resolveFinished!: (f: RunFinished) => void;
  const finished = new Promise<RunFinished>((resolve) => { resolveFinished = resolve; });
  const emit: EventSink = (namespace, name, payload) => { if (namespace === 'run' && name === 'onFinished') resolveFinished(payload as RunFinished); };
  const started = await runHandlers(session, emit, new SettingsStore(null)).start({ datasetPath: folder, slot: 'A', faces: 'detect' }, ctx);
  expect(started.ok, JSON.stringify(started)).toBe(true);
  expect(await finished).toMatchObject({ status: 'completed', scored: expectScored });
  return { session, catId: sampleRecords(session.workspace!).find((s) => s.path === CAT)!.id };
}

/** Saves an inconclusive finding on the cat, exports the annotated samples and verifies the case; what it says. */
async function findingExported(session: WorkbenchSession, catId: number): Promise<{ caseFile: CaseFile; report: string }> {
  const annotations = annotationsHandlers(session);
  const saved = await annotations.add(contract.annotations.add.validate({ sampleId: catId, verdict: 'inconclusive', status: 'open', tags: ['no face'], note: 'a cat, not a person' }), ctx);
  expect(saved).toMatchObject({ ok: true, value: { sampleId: catId, verdict: 'inconclusive', tags: ['no face'], note: 'a cat, not a person' } });
  expect(await annotations.list(undefined, ctx)).toMatchObject({ ok: true, value: { latest: [{ sampleId: catId, verdict: 'inconclusive' }] } });

  const cases = casesHandlers(session);
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'uad-no-face-case-')), 'cat.zip');
  const exported = await cases.export(contract.cases.export.validate({
    source: 'annotated', title: 'The cat', examiner: 'examiner-a', evidence: 'embed', outPath: out,
    operatingPoint: { threshold: 0.5, criterion: 'fixed', at: '2025-01-01T00:00:00.000Z' },
  }), ctx);
  expect(exported.ok, JSON.stringify(exported)).toBe(true);
  expect(await cases.verify({ path: out }, ctx)).toMatchObject({ ok: true, value: { ok: true, problems: [] } });

  const read = await readZipSafely(out);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const file = (name: string) => read.entries.find((e) => e.name === name)!.data.toString('utf8');
  return { caseFile: JSON.parse(file(CASE_JSON)) as CaseFile, report: file(REPORT_HTML) };
}

/** The case states the cat as inconclusive, no face found, without a score, with the analyst's finding. */
function statesTheCat({ caseFile, report }: { caseFile: CaseFile; report: string }, catId: number): void {
  expect(caseFile.evidence.map((e) => [e.sampleId, e.path])).toEqual([[catId, CAT]]);
  const expected = outcomeOf({ score: null, threshold: 0.5, ...unscoredInput(NO_FACE_REASON) });
  const [result] = caseFile.results;
  expect(result).toMatchObject({
    sampleId: catId, score: null, decision: null, margin: null, logits: null,
    outcome: 'inconclusive', outcomeReason: reasonText(expected.reason!),
  });
  expect(result!.outcomeReason).toBe(`no face found (detector confidence below ${DEFAULT_DETECTOR_OPTIONS.minScore.toFixed(2)})`);
  expect(caseFile.annotations.map((a) => [a.sampleId, a.verdict, a.note])).toEqual([[catId, 'inconclusive', 'a cat, not a person']]);
  expect(report).toContain(outcomeText(expected));
  expect(report).not.toMatch(/data-outcome="(attack|bona fide)"/);
}

describe('a finding on a photograph without a face', () => {
  it('is saved on the unscored sample, exported with its inconclusive outcome and no score, and the case verifies', async () => {
    const { session, catId } = await scored([CAT, FACE], 1);
    // The sample is not scored: the detail is the no-face reason, not a score.
    expect(await samplesHandlers(session).detail({ sampleId: catId, slot: 'A' }, ctx)).toMatchObject({ ok: false, error: { code: 'no-face' } });
    statesTheCat(await findingExported(session, catId), catId);
  });

  it('is exported when the model found no face in anything it ran on', async () => {
    const { session, catId } = await scored([CAT], 0);
    expect(session.workspace!.scoredModels()).toEqual([]);
    statesTheCat(await findingExported(session, catId), catId);
    // `uad export-case` chooses the model the same way.
    const zip = path.join(mkdtempSync(path.join(tmpdir(), 'uad-no-face-cli-')), 'cat.zip');
    const cli = await runCli(['export-case', '--workspace', path.dirname(session.workspace!.file), '--annotated', '--examiner', 'cli-examiner', '--evidence', 'hashes', '--out', zip]);
    expect(cli.code, cli.stderr).toBe(0);
    const read = await readZipSafely(zip);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const caseFile = JSON.parse(read.entries.find((e) => e.name === CASE_JSON)!.data.toString('utf8')) as CaseFile;
    expect(caseFile.results).toMatchObject([{ sampleId: catId, score: null, outcome: 'inconclusive', outcomeReason: reasonText({ kind: 'no-face', minConfidence: DEFAULT_DETECTOR_OPTIONS.minScore }) }]);
  });
});
