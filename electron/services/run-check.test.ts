// The one-image check (run.check): an image with a face gives one scored face, the cat photograph one unscored
// result with the no-face reason, both as questioned samples of the open workspace; with no workspace open the
// image lands in a new scratch workspace under the user's data folder, named in the reply. Real detector,
// real ONNX model, real workspaces.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleRecord } from '../workspace/samples.js';
import { repoRoot, shippedModel } from '../../test/support/models.js';
import { SettingsStore } from './settings-store.js';
import { runHandlers } from './run-handlers.js';
import { WorkbenchSession } from './session.js';

const ctx = { transport: 'http' as const };
const photo = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'photos', name);

let session: WorkbenchSession;
let userData: string;
const saved = process.env.UAD_USER_DATA;
beforeEach(async () => {
  userData = mkdtempSync(path.join(tmpdir(), 'uad-check-home-'));
  process.env.UAD_USER_DATA = userData;
  session = new WorkbenchSession();
  await session.openModel(shippedModel(), 'A');
});
afterEach(async () => {
  await session.dispose();
  if (saved === undefined) delete process.env.UAD_USER_DATA;
  else process.env.UAD_USER_DATA = saved;
});

describe('run.check', () => {
  it('scores each face of an image into the open workspace as a questioned sample; a photograph without a face is not scored', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-check-ws-'));
    session.openWorkspace(dir);
    const run = runHandlers(session, () => undefined, new SettingsStore(null));
    const face = await run.check({ path: photo('grace_hopper.jpg'), slot: 'A' }, ctx);
    if (!face.ok) throw new Error(face.error.message);
    expect(face.value).toMatchObject({ scratchWorkspace: null, modelSha256: session.engines.get('A')!.model.sha256, minConfidence: 0.7 });
    expect(face.value.faces).toHaveLength(1);
    const [first] = face.value.faces;
    expect(first).toMatchObject({ faceIndex: 1, reason: null });
    expect(first!.score).toBeGreaterThanOrEqual(0);
    expect(first!.faceBox).toHaveLength(4);
    expect(sampleRecord(session.workspace!, first!.sampleId)).toMatchObject({ path: 'grace_hopper.jpg#face1', label: null });

    const cat = await run.check({ path: photo('chelsea.jpg'), slot: 'A' }, ctx);
    if (!cat.ok) throw new Error(cat.error.message);
    expect(cat.value.faces).toEqual([{ sampleId: expect.any(Number) as number, faceIndex: null, faceBox: null, score: null, domainDistance: null, inDomain: null, reason: 'no face found' }]);
    expect(sampleRecord(session.workspace!, cat.value.faces[0]!.sampleId)).toMatchObject({ path: 'chelsea.jpg', label: null, nonResponse: 'no face found' });
    expect(cat.value.workspace.samples).toBe(2);
  });

  it('creates a scratch workspace when none is open, and says where', async () => {
    const result = await runHandlers(session, () => undefined, new SettingsStore(null)).check({ path: photo('grace_hopper.jpg'), slot: 'A' }, ctx);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.scratchWorkspace).toMatch(new RegExp(`^${userData.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/scratch-workspaces/check-`));
    expect(session.workspace).not.toBeNull();
    expect(result.value.workspace.samples).toBe(1);
  });

  it('says why an unreadable image cannot be checked', async () => {
    session.openWorkspace(mkdtempSync(path.join(tmpdir(), 'uad-check-ws-')));
    const result = await runHandlers(session, () => undefined, new SettingsStore(null)).check({ path: photo('SOURCES.md'), slot: 'A' }, ctx);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.faces).toHaveLength(1);
    expect(result.value.faces[0]!.score).toBeNull();
    expect(result.value.faces[0]!.reason).toMatch(/not an image|not a|unsupported|format/i);
  });
});
