// The `annotations` and `cases` handlers and validators over a real workspace without a model: payload
// checks before any handler runs, expected failures as data (no workspace, nothing to export, no model,
// second-examiner rule), and verify of a file that is not a case.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../common/api.js';
import { PayloadError } from '../../common/validate.js';
import { annotationsHandlers } from './annotations-handlers.js';
import { casesHandlers } from './cases-handlers.js';
import { WorkbenchSession } from './session.js';

const ctx = { transport: 'http' as const };
const operatingPoint = { threshold: 0.5, criterion: 'fixed', at: '2025-01-01T00:00:00.000Z' };
const exportRequest = (patch: Record<string, unknown> = {}) => ({ source: 'annotated', title: 't', examiner: 'e', evidence: 'hashes', operatingPoint, ...patch });

let session: WorkbenchSession;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'uad-case-h-'));
  session = new WorkbenchSession();
  session.openWorkspace(dir);
  session.workspace!.ingest({
    root: dir, source: 'folder', skipped: [], counts: { total: 1, bonaFide: 0, attack: 1, unusable: 0, bySpecies: {} },
    samples: [{ id: 0, path: 'attack/print/a.png', label: 1, category: 'physical', species: 'print', identity: '', split: '', sizeBytes: 1, status: 'ok' }],
  });
});
afterEach(async () => { await session.dispose(); });

describe('contract validators', () => {
  it('reject malformed export requests before a handler runs', () => {
    const validate = contract.cases.export.validate;
    expect(validate(exportRequest())).toMatchObject({ source: 'annotated', operatingPoint });
    expect(() => validate(exportRequest({ source: 'selection' }))).toThrow(/needs 'sampleIds'/);
    expect(() => validate(exportRequest({ source: 'selection', sampleIds: [1, 0] }))).toThrow(PayloadError);
    expect(() => validate(exportRequest({ operatingPoint: undefined }))).toThrow(/operatingPoint/);
    expect(() => validate(exportRequest({ operatingPoint: { ...operatingPoint, threshold: Number.NaN } }))).toThrow(/finite/);
    expect(() => validate(exportRequest({ evidence: 'some' }))).toThrow(/embed, hashes/);
    expect(() => validate(exportRequest({ extra: 1 }))).toThrow(/unknown field/);
  });

  it('reject overlong tags and unknown verdicts', () => {
    const validate = contract.annotations.add.validate;
    expect(() => validate({ sampleId: 1, verdict: 'fake', status: 'open' })).toThrow(/verdict/);
    expect(() => validate({ sampleId: 1, verdict: 'attack', status: 'open', tags: ['x'.repeat(65)] })).toThrow(/longer than 64/);
  });
});

describe('handlers', () => {
  it('annotate, list and bookmark; the second-examiner rule comes back as data with its code', async () => {
    const handlers = annotationsHandlers(session);
    const added = await handlers.add({ sampleId: 1, verdict: 'attack', attackSpecies: 'print', status: 'open' }, ctx);
    expect(added).toMatchObject({ ok: true, value: { sampleId: 1, verdict: 'attack', attackSpecies: 'print' } });
    expect(await handlers.add({ sampleId: 1, verdict: 'attack', status: 'verified' }, ctx)).toMatchObject({ ok: false, error: { code: 'needs-second-examiner' } });
    expect(await handlers.bookmark({ sampleId: 1, bookmarked: true }, ctx)).toEqual({ ok: true, value: [1] });
    const list = await handlers.list(undefined, ctx);
    expect(list).toMatchObject({ ok: true, value: { bookmarks: [1], speciesOptions: ['print'] } });
    expect(await handlers.history({ sampleId: 2 }, ctx)).toEqual({ ok: true, value: [] });
    expect(await handlers.add({ sampleId: 2, verdict: 'attack', status: 'open' }, ctx)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('tag: one bulk action over the selection comes back as the annotations written; bad payloads and unknown samples as data', async () => {
    const handlers = annotationsHandlers(session);
    const tagged = await handlers.tag(contract.annotations.tag.validate({ sampleIds: [1], tags: ['batch'] }), ctx);
    expect(tagged).toMatchObject({ ok: true, value: [{ sampleId: 1, verdict: 'inconclusive', tags: ['batch'] }] });
    expect((await handlers.list(undefined, ctx))).toMatchObject({ ok: true, value: { latest: [{ sampleId: 1, tags: ['batch'] }] } });
    expect(await handlers.tag({ sampleIds: [1, 5], tags: ['batch'] }, ctx)).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const validate = contract.annotations.tag.validate;
    expect(() => validate({ sampleIds: [], tags: ['x'] })).toThrow(/non-empty/);
    expect(() => validate({ sampleIds: [1, 0], tags: ['x'] })).toThrow(/positive integers/);
    expect(() => validate({ sampleIds: [1], tags: ['x'.repeat(65)] })).toThrow(/longer than 64/);
    expect(() => validate({ sampleIds: [1], tags: [], verdict: 'maybe' })).toThrow(/verdict/);
  });

  it('export fails as data: nothing to export, then no scored model', async () => {
    const handlers = casesHandlers(session);
    expect(await handlers.export(contract.cases.export.validate(exportRequest({ source: 'bookmarks' })), ctx)).toMatchObject({ ok: false, error: { code: 'empty' } });
    await annotationsHandlers(session).bookmark({ sampleId: 1, bookmarked: true }, ctx);
    expect(await handlers.export(contract.cases.export.validate(exportRequest({ source: 'bookmarks' })), ctx)).toMatchObject({ ok: false, error: { code: 'no-model' } });
  });

  it('verify reports a non-case file as rejected data; import needs a workspace', async () => {
    const file = path.join(dir, 'not-a-case.zip');
    writeFileSync(file, 'hello');
    const verified = await casesHandlers(session).verify({ path: file }, ctx);
    expect(verified).toMatchObject({ ok: true, value: { ok: false, problems: [{ code: 'corrupt' }] } });
    expect(await casesHandlers(new WorkbenchSession()).import({ path: file }, ctx)).toMatchObject({ ok: false, error: { code: 'no-workspace' } });
  });
});
