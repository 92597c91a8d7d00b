// The app's Score with a face cap (run.start maxFaces): the contract takes an integer from 1 to 1000, and a cap
// of 1 on the photograph of three men keeps its best face only and says so in the run summary, as `uad score
// --max-faces` does. Real detector, real ONNX model, real workspace.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract, type EventSink, type RunFinished } from '../../common/api.js';
import { cappedFacesText } from '../../common/faces/face-cap.js';
import { PayloadError } from '../../common/validate.js';
import { repoRoot, shippedModel } from '../../test/support/models.js';
import { sampleRecords } from '../workspace/samples.js';
import { runHandlers } from './run-handlers.js';
import { WorkbenchSession } from './session.js';
import { SettingsStore } from './settings-store.js';

const ctx = { transport: 'http' as const };
let session: WorkbenchSession;
afterEach(async () => { await session?.dispose(); });

/** Scores a folder holding the photograph of three men, with face detection and the given cap; the run's summary. */
async function scoreGroupPhoto(maxFaces?: number): Promise<RunFinished> {
  const folder = mkdtempSync(path.join(tmpdir(), 'uad-face-cap-'));
  copyFileSync(path.join(repoRoot, 'test', 'fixtures', 'photos', 'qt-logo.jpg'), path.join(folder, 'qt-logo.jpg'));
  session = new WorkbenchSession();
  session.openWorkspace(mkdtempSync(path.join(tmpdir(), 'uad-face-cap-ws-')));
  await session.openModel(shippedModel(), 'A');
  let resolveFinished!: (f: RunFinished) => void;
  const finished = new Promise<RunFinished>((resolve) => { resolveFinished = resolve; });
  const emit: EventSink = (namespace, name, payload) => { if (namespace === 'run' && name === 'onFinished') resolveFinished(payload as RunFinished); };
  const started = await runHandlers(session, emit, new SettingsStore(null)).start({ datasetPath: folder, slot: 'A', faces: 'detect', ...(maxFaces ? { maxFaces } : {}) }, ctx);
  expect(started.ok, JSON.stringify(started)).toBe(true);
  return finished;
}

describe('run.start maxFaces', () => {
  it('the contract takes an integer face cap from 1 to 1000, or none', () => {
    const start = contract.run.start.validate;
    const payload = (extra: object) => ({ datasetPath: '/data', slot: 'A', ...extra });
    for (const bad of [0, -1, 1001, 2.5, Number.NaN, '3']) expect(() => start(payload({ maxFaces: bad })), String(bad)).toThrow(PayloadError);
    for (const good of [1, 20, 1000]) expect(start(payload({ maxFaces: good }))).toMatchObject({ maxFaces: good });
    expect(start(payload({}))).not.toHaveProperty('maxFaces');
  });

  it('a cap of 1 keeps the best face of a photograph with three and reports the cap in the summary', async () => {
    const finished = await scoreGroupPhoto(1);
    expect(finished).toMatchObject({ status: 'completed', scored: 1, faces: 'detect', maxFaces: 1, facesCapped: [{ path: 'qt-logo.jpg', kept: 1, found: 3 }] });
    expect(sampleRecords(session.workspace!).map((s) => s.path)).toEqual(['qt-logo.jpg#face1']);
    expect(cappedFacesText(finished.facesCapped![0]!, 'the face cap')).toBe('1 of 3 faces kept; raise the face cap');
  });

  it('without a cap the default keeps all three faces and reports nothing capped', async () => {
    const finished = await scoreGroupPhoto();
    expect(finished).toMatchObject({ status: 'completed', scored: 3, maxFaces: 20 });
    expect(finished.facesCapped).toBeUndefined();
  });
});
