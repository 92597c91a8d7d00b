// run.start with several slots through the host's handlers: one run per model, each model's events named by its
// SHA-256, the stored scores of single-slot runs bit for bit, a second start skipping everything; the refusals
// (same model twice, a queue with several models, sidecars that disagree on faces) and the contract's checks of
// `slots`. Real ONNX models from models/, the demo images, real SQLite workspaces.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers, EventSink, RunFinished, RunResultRow } from '../../common/api.js';
import type { ModelSlot } from '../../common/contract/model.js';
import { repoRoot, shippedModel } from '../../test/support/models.js';
import { listRuns } from '../workspace/runs.js';
import type { ScoredSample } from '../workspace/score-queries.js';
import type { Workspace } from '../workspace/workspace.js';
import { dispatch } from './dispatch.js';
import { runHandlers } from './run-handlers.js';
import { WorkbenchSession } from './session.js';
import { SettingsStore } from './settings-store.js';

const ctx = { transport: 'http' as const };
const DEMO_ROOT = path.join(repoRoot, 'assets', 'demo');
let list: string;
/** lasoftmoe-tiny's .onnx (same SHA-256) beside a sidecar that asks for face detection. */
let detectingCopy: string;

beforeAll(() => {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-slots-'));
  // 12 samples spread over the demo list (bona fide and attacks), as a protocol list of its own.
  const lines = readFileSync(path.join(DEMO_ROOT, 'SynthUAD-demo@p2.2_image_dev.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  list = path.join(dir, 'twelve.txt');
  writeFileSync(list, lines.filter((_, i) => i % 4 === 0).slice(0, 12).join('\n') + '\n');
  detectingCopy = path.join(dir, 'detecting.onnx');
  copyFileSync(shippedModel('lasoftmoe-tiny'), detectingCopy);
  const sidecar = JSON.parse(readFileSync(shippedModel('lasoftmoe-tiny').replace(/\.onnx$/, '.model.json'), 'utf8')) as { preprocessing: Record<string, unknown> };
  sidecar.preprocessing.face = { detect: true, detector: 'blazeface', margin: 0.2, canonical: [[0.34, 0.46], [0.66, 0.46], [0.5, 0.64], [0.5, 0.8]] };
  writeFileSync(path.join(dir, 'detecting.model.json'), JSON.stringify(sidecar));
});

let session: WorkbenchSession;
afterEach(async () => { await session?.dispose(); });

/** A session with these models in slots A and B and a fresh workspace open. */
async function sessionWith(a: string, b: string | null): Promise<WorkbenchSession> {
  session = new WorkbenchSession({ provider: 'cpu', intraOpThreads: 1 });
  session.openWorkspace(mkdtempSync(path.join(tmpdir(), 'uad-slots-ws-')));
  await session.openModel(a, 'A');
  if (b !== null) await session.openModel(b, 'B');
  return session;
}

const sha = (slot: ModelSlot) => session.engines.get(slot)!.model.sha256;

interface Scored { finished: RunFinished[]; results: { runId: number; modelSha256: string; rows: RunResultRow[] }[]; reply: { runId: number; total: number } }

/** One start through the handlers, waited to its end: its reply and every results and finished event. */
async function score(payload: { slot: ModelSlot; slots?: ModelSlot[]; faces?: 'detect' | 'none' }): Promise<Scored> {
  const finished: RunFinished[] = [];
  const results: Scored['results'] = [];
  const emit: EventSink = (namespace, name, event) => {
    if (namespace !== 'run') return;
    if (name === 'onResults') results.push(event as Scored['results'][number]);
    if (name === 'onFinished') finished.push(event as RunFinished);
  };
  const started = await runHandlers(session, emit, new SettingsStore(null)).start({ datasetPath: list, imageRoot: DEMO_ROOT, batchSize: 4, ...payload }, ctx);
  if (!started.ok) throw new Error(`${started.error.code}: ${started.error.message}`);
  // Every finished event is sent before the active run is cleared.
  await session.activeRun?.done;
  expect(session.activeRun).toBeNull();
  return { finished, results, reply: started.value };
}

/** A model's stored rows by sample path, less the workspace's own ids and paths. */
function stored(workspace: Workspace, modelSha256: string): Record<string, Omit<ScoredSample, 'sampleId' | 'absPath'>> {
  return Object.fromEntries(workspace.scores(modelSha256).map(({ sampleId: _id, absPath: _abs, ...row }) => [row.path, row]));
}

describe('run.start with several slots', () => {
  it('scores with every slot in one pass: one run per model, the events of each named, the scores of single-slot runs, and a second start skips all', async () => {
    await sessionWith(shippedModel('lasoftmoe-tiny'), shippedModel('dense-tiny'));
    const shas = [sha('A'), sha('B')];
    const together = await score({ slot: 'A', slots: ['A', 'B'] });
    const workspace = session.requireWorkspace();

    expect(together.finished.map((f) => [f.modelSha256, f.status, f.scored, f.failed, f.skipped, f.faces])).toEqual([
      [shas[0], 'completed', 12, 0, 0, 'none'],
      [shas[1], 'completed', 12, 0, 0, 'none'],
    ]);
    // Every finish but the pass's last says more follow: the app refreshes once, on the last.
    expect(together.finished.map((f) => f.more)).toEqual([true, undefined]);
    const runIds = together.finished.map((f) => f.runId);
    expect(together.reply).toEqual({ runId: runIds[0], total: 12 });
    // One run per model in the workspace, the ones the events name.
    expect(listRuns(workspace, { order: 'oldest' }).map((r) => [r.id, r.modelSha256, r.scored])).toEqual([[runIds[0], shas[0], 12], [runIds[1], shas[1], 12]]);
    expect(workspace.scoredModels().map((m) => [m.sha256, m.predictions]).sort()).toEqual(shas.map((s) => [s, 12]).sort());

    // Each results event names its run's model, and carries what was stored for it.
    for (const event of together.results) expect(event.modelSha256).toBe(shas[runIds.indexOf(event.runId)]);
    const byModel = shas.map((s) => stored(workspace, s));
    for (const [k, s] of shas.entries()) {
      const rows = together.results.filter((e) => e.modelSha256 === s).flatMap((e) => e.rows);
      expect(rows).toHaveLength(12);
      const storedById = new Map(workspace.scores(s).map((row) => [row.sampleId, row.score]));
      expect(new Map(rows.map((r) => [r.sampleId, r.score]))).toEqual(storedById);
      expect(Object.keys(byModel[k]!)).toHaveLength(12);
    }
    // The two models really differ: one model's outputs were not handed to the other.
    expect(Object.keys(byModel[0]!).some((p) => byModel[0]![p]!.score !== byModel[1]![p]!.score)).toBe(true);

    // A second start with the same slots: every sample already scored by each model, so each run skips all 12.
    const again = await score({ slot: 'A', slots: ['A', 'B'] });
    expect(again.finished.map((f) => [f.modelSha256, f.status, f.scored, f.failed, f.skipped])).toEqual([
      [shas[0], 'completed', 0, 0, 12],
      [shas[1], 'completed', 0, 0, 12],
    ]);
    expect(again.results.flatMap((e) => e.rows)).toEqual([]);
    expect(listRuns(workspace)).toHaveLength(4);
    expect(shas.map((s) => stored(workspace, s))).toEqual(byModel);

    // The same models one slot at a time, in a workspace of their own: the same stored rows, bit for bit.
    session.openWorkspace(mkdtempSync(path.join(tmpdir(), 'uad-slots-single-')));
    for (const [k, slot] of (['A', 'B'] as const).entries()) {
      const alone = await score({ slot });
      expect(alone.finished.map((f) => [f.modelSha256, f.scored, f.more])).toEqual([[shas[k], 12, undefined]]);
      expect(stored(session.requireWorkspace(), shas[k]!)).toEqual(byModel[k]);
    }
  }, 240_000);

  it('refuses two slots holding the same model, and names why', async () => {
    await sessionWith(shippedModel('lasoftmoe-tiny'), shippedModel('lasoftmoe-tiny'));
    const result = await runHandlers(session, () => undefined, new SettingsStore(null)).start({ datasetPath: list, imageRoot: DEMO_ROOT, slot: 'A', slots: ['A', 'B'] }, ctx);
    expect(result.ok ? null : result.error).toEqual({ code: 'same-model', message: expect.stringMatching(/same model \(same SHA-256\)/) });
    expect(session.activeRun).toBeNull();
    expect(listRuns(session.requireWorkspace())).toEqual([]);
  }, 60_000);

  it('refuses several slots while a queue is set, before reaching the queue', async () => {
    await sessionWith(shippedModel('lasoftmoe-tiny'), shippedModel('dense-tiny'));
    const handlers = runHandlers(session, () => undefined, new SettingsStore(null));
    // Nothing listens there: the refusal comes before any connection.
    expect((await handlers.saveSettings({ queueUrl: 'redis://127.0.0.1:1/0', jobSize: 16 }, ctx)).ok).toBe(true);
    const result = await handlers.start({ datasetPath: list, imageRoot: DEMO_ROOT, slot: 'A', slots: ['A', 'B'] }, ctx);
    expect(result.ok ? null : result.error).toEqual({ code: 'queue-one-model', message: expect.stringMatching(/queue takes one model/) });
    expect(session.activeRun).toBeNull();
    expect(listRuns(session.requireWorkspace())).toEqual([]);
  }, 60_000);

  it('refuses models whose sidecars disagree on face detection unless the start says detect or none', async () => {
    await sessionWith(detectingCopy, shippedModel('dense-tiny'));
    const result = await runHandlers(session, () => undefined, new SettingsStore(null)).start({ datasetPath: list, imageRoot: DEMO_ROOT, slot: 'A', slots: ['A', 'B'] }, ctx);
    expect(result.ok ? null : result.error).toEqual({
      code: 'faces-disagree',
      message: expect.stringMatching(/disagree on face detection \(lasoftmoe-tiny: detect, dense-tiny: none\); choose detect or none/),
    });
    expect(session.activeRun).toBeNull();
    expect(listRuns(session.requireWorkspace())).toEqual([]);

    // Saying which settles it: both models score the whole images.
    const chosen = await score({ slot: 'A', slots: ['A', 'B'], faces: 'none' });
    expect(chosen.finished.map((f) => [f.modelSha256, f.status, f.scored, f.faces])).toEqual([[sha('A'), 'completed', 12, 'none'], [sha('B'), 'completed', 12, 'none']]);
  }, 120_000);

  it('says which slot has no model', async () => {
    await sessionWith(shippedModel('lasoftmoe-tiny'), null);
    const result = await runHandlers(session, () => undefined, new SettingsStore(null)).start({ datasetPath: list, imageRoot: DEMO_ROOT, slot: 'A', slots: ['A', 'B'] }, ctx);
    expect(result.ok ? null : result.error).toEqual({ code: 'no-model', message: expect.stringMatching(/No model is open in slot B/) });
    expect(listRuns(session.requireWorkspace())).toEqual([]);
  }, 60_000);
});

describe('run.start slots through the contract', () => {
  it('refuses an empty list, a slot twice, an unknown slot and a non-list before the handler runs', async () => {
    session = new WorkbenchSession();
    const handlers = { run: runHandlers(session, () => undefined, new SettingsStore(null)) } as unknown as ApiHandlers;
    const base = { datasetPath: list, slot: 'A' };
    const cases: [unknown, RegExp][] = [
      [[], /'slots' must be a list of 1 to 6 of A, B, C, D, E, F/],
      [['A', 'A'], /'slots' names an item twice/],
      [['A', 'G'], /'slots' items must be one of A, B, C, D, E, F/],
      [['A', 'B', 'A'], /'slots' names an item twice/],
      [['A', 'B', 'C', 'D', 'E', 'F', 'A'], /'slots' must be a list of 1 to 6/],
      ['A', /'slots' must be a list of 1 to 6/],
      [{ 0: 'A', length: 1 }, /'slots' must be a list of 1 to 6/],
      [[null], /'slots' items must be one of A, B, C, D, E, F/],
    ];
    for (const [slots, message] of cases) {
      const result = await dispatch(handlers, 'run', 'start', { ...base, slots }, ctx);
      expect(result.ok ? null : result.error, JSON.stringify(slots)).toEqual({ code: 'invalid-argument', message: expect.stringMatching(message) });
    }
    // A good list reaches the handler (which wants a workspace first).
    const good = await dispatch(handlers, 'run', 'start', { ...base, slots: ['B', 'A'] }, ctx);
    expect(good.ok ? null : good.error.code).toBe('no-workspace');
  });
});
