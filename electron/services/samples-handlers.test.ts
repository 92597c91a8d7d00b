// The `samples` detail handler honours a photograph's no-face status: the cat photograph (detection finds no
// face) is never scored unless the analyst asks for the whole image, and that request is in custody before the
// score exists. Real detector, real ONNX model, real workspace.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSingleImage } from '../dataset/single-image.js';
import { FaceDetector } from '../faces/detector.js';
import { expandFaces } from '../faces/expand.js';
import { custodyEntries } from '../workspace/custody.js';
import { repoRoot, shippedModel } from '../../test/support/models.js';
import { explainHandlers } from './explain-handlers.js';
import { samplesHandlers } from './samples-handlers.js';
import { WorkbenchSession } from './session.js';

const photo = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'photos', name);

let session: WorkbenchSession;
let catId: number;
let faceId: number;

beforeAll(async () => {
  session = new WorkbenchSession();
  session.openWorkspace(mkdtempSync(path.join(tmpdir(), 'uad-samples-h-')));
  const detector = await FaceDetector.open(['cpu']);
  try {
    for (const name of ['chelsea.jpg', 'grace_hopper.jpg']) {
      const single = await openSingleImage(photo(name));
      if (!single.ok) throw new Error(single.error.message);
      const { sampleIds } = session.workspace!.ingest((await expandFaces(single.value, detector)).listing);
      if (name === 'chelsea.jpg') catId = sampleIds[0]!;
      else faceId = sampleIds[0]!;
    }
  } finally {
    await detector.close();
  }
  await session.openModel(shippedModel(), 'A');
}, 120_000);
afterAll(async () => { await session.dispose(); });

const ctx = { transport: 'http' as const };
const wholeImageEntries = () => custodyEntries(session.workspace!, 'score-whole-image');

describe('samples.detail and a photograph without a face', () => {
  it('refuses to score it, with the reason of common/metrics/outcome.ts, and logs nothing', async () => {
    const result = await samplesHandlers(session).detail({ sampleId: catId, slot: 'A' }, ctx);
    expect(result).toEqual({ ok: false, error: { code: 'no-face', message: 'No face found (detector confidence below 0.70)' } });
    expect(wholeImageEntries()).toEqual([]);
  }, 60_000);

  it('scores the whole image at the analyst\'s request, recorded in custody before the view, and marks the result', async () => {
    const result = await samplesHandlers(session).detail({ sampleId: catId, slot: 'A', wholeImage: true }, ctx);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.wholeImageAtRequest).toEqual({ minConfidence: 0.7 });
    expect(result.value.face).toBeUndefined();
    expect(Number.isFinite(result.value.score)).toBe(true);
    const requests = wholeImageEntries();
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]!.detail)).toMatchObject({ sample: catId, path: 'chelsea.jpg', model: session.engines.get('A')!.model.sha256, reason: 'no face found' });
    const view = custodyEntries(session.workspace!, 'view').find((e) => (JSON.parse(e.detail) as { sample: number }).sample === catId)!;
    expect(view.seq).toBeGreaterThan(requests[0]!.seq);
  }, 60_000);

  it('scores a face as before, never as a whole-image request', async () => {
    const before = wholeImageEntries().length;
    const result = await samplesHandlers(session).detail({ sampleId: faceId, slot: 'A', wholeImage: true }, ctx);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.face?.index).toBe(1);
    expect(result.value.wholeImageAtRequest).toBeUndefined();
    expect(wholeImageEntries()).toHaveLength(before);
  }, 60_000);

  it('refuses occlusion and perturbation probes of it', async () => {
    const explain = explainHandlers(session, () => undefined);
    const refusal = { ok: false, error: { code: 'no-face', message: 'No face found (detector confidence below 0.70)' } };
    expect(await explain.occlusion({ sampleId: catId, slot: 'A', grid: '7x7' }, ctx)).toEqual(refusal);
    expect(await explain.perturbation({ sampleId: catId, slot: 'A' }, ctx)).toEqual(refusal);
  }, 60_000);
});

describe('samples.evidence', () => {
  it('describes the file behind a sample: the photograph of a face, hashed now beside the recorded hash', async () => {
    const result = await samplesHandlers(session).evidence({ sampleId: faceId }, ctx);
    if (!result.ok) throw new Error(result.error.message);
    const bytes = readFileSync(photo('grace_hopper.jpg'));
    expect(result.value).toMatchObject({
      sampleId: faceId, path: 'grace_hopper.jpg', sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length,
      format: 'jpeg', width: 512, height: 600, exif: null, exifNote: 'no EXIF',
    });
    expect(await samplesHandlers(session).evidence({ sampleId: 9999 }, ctx)).toEqual({ ok: false, error: { code: 'not-found', message: 'No sample 9999 in this workspace.' } });
  });
});
