// The app's Score through a queue set in its settings: the `run` handlers over a real workspace, a real
// redis-server and a built `uad worker` process; the same bits as the app's local Score, each worker's progress
// in the progress events and the run summary, and the settings' checks. Skips where redis-server is missing.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventSink, RunFinished, RunProgress, RunResultRow, ScoringSettings } from '../../common/api.js';
import { shippedModel } from '../../test/support/models.js';
import { DEMO_LIST, QueueCli, snapshot, stop, tally } from '../../test/support/queue-cli.js';
import { freePort, REDIS_MISSING, redisServerBinary, TestRedis } from '../../test/support/redis.js';
import { redisClient } from '../queue/connection.js';
import { QUEUE_NAME } from '../queue/contract.js';
import { runHandlers } from './run-handlers.js';
import { WorkbenchSession } from './session.js';
import { SettingsStore } from './settings-store.js';

const available = redisServerBinary() !== null;
if (!available) console.warn(REDIS_MISSING);

const ctx = { transport: 'http' as const };
let cli: QueueCli;
let redis: TestRedis;
let work: string;

/** One Score through the handlers with these settings, into a fresh workspace; its events and summary. */
async function score(settings: ScoringSettings, dir: string): Promise<{ finished: RunFinished; progress: RunProgress[]; rows: RunResultRow[] }> {
  const session = new WorkbenchSession();
  const progress: RunProgress[] = [];
  const rows: RunResultRow[] = [];
  let resolveFinished!: (f: RunFinished) => void;
  const finished = new Promise<RunFinished>((resolve) => { resolveFinished = resolve; });
  const emit: EventSink = (namespace, name, payload) => {
    if (namespace !== 'run') return;
    if (name === 'onProgress') progress.push(payload as RunProgress);
    if (name === 'onResults') rows.push(...(payload as { rows: RunResultRow[] }).rows);
    if (name === 'onFinished') resolveFinished(payload as RunFinished);
  };
  const handlers = runHandlers(session, emit, new SettingsStore(null));
  try {
    expect(await handlers.saveSettings(settings, ctx)).toEqual({ ok: true, value: settings });
    session.openWorkspace(dir);
    await session.openModel(shippedModel(), 'A');
    const started = await handlers.start({ datasetPath: DEMO_LIST, slot: 'A' }, ctx);
    expect(started.ok, JSON.stringify(started)).toBe(true);
    return { finished: await finished, progress, rows };
  } finally {
    await session.dispose();
  }
}

/** A Score through the queue of `url` started in a fresh workspace; its finish, and its session to cancel and dispose. */
async function startQueued(url: string, dir: string) {
  const session = new WorkbenchSession();
  let resolveFinished!: (f: RunFinished) => void;
  const finished = new Promise<RunFinished>((resolve) => { resolveFinished = resolve; });
  const handlers = runHandlers(session, (namespace, name, payload) => {
    if (namespace === 'run' && name === 'onFinished') resolveFinished(payload as RunFinished);
  }, new SettingsStore(null));
  expect((await handlers.saveSettings({ queueUrl: url, jobSize: 16 }, ctx)).ok).toBe(true);
  session.openWorkspace(dir);
  await session.openModel(shippedModel(), 'A');
  const started = await handlers.start({ datasetPath: DEMO_LIST, slot: 'A' }, ctx);
  expect(started.ok, JSON.stringify(started)).toBe(true);
  return { session, handlers, finished, runId: started.ok ? started.value.runId : -1 };
}

describe('cancelling a queued Score whose Redis cannot be reached', () => {
  it('ends the run as cancelled with the reason, and the session disposes', async () => {
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-queue-away-'));
    const url = `redis://127.0.0.1:${port}/0`;
    const { session, handlers, finished, runId } = await startQueued(url, dir);
    expect(await handlers.cancel(undefined, ctx)).toEqual({ ok: true, value: true });
    const end = await finished;
    expect(end).toMatchObject({ runId, status: 'cancelled', scored: 0, error: expect.stringContaining(`Redis at redis://127.0.0.1:${port}/0 was never reached`) });
    expect(session.workspace!.run(runId)).toMatchObject({ status: 'cancelled', error: end.error });
    await session.dispose();
    expect(session.activeRun).toBeNull();
  }, 60_000);
});

describe.skipIf(!available)('cancelling a queued Score after its Redis went away', () => {
  it('ends the run as cancelled with the reason once its jobs were waiting, and the session disposes', async () => {
    const server = await TestRedis.start();
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-queue-gone-'));
    const url = `${server.url}/3`;
    const { session, handlers, finished, runId } = await startQueued(url, dir);
    // No worker: the run's jobs wait in Redis. Once they are there, Redis goes away under the running coordinator.
    const peek = redisClient(url);
    try {
      while (await peek.llen(`bull:${QUEUE_NAME}:wait`) < 4) await new Promise<void>((resolve) => setImmediate(resolve));
    } finally {
      peek.disconnect();
    }
    // The run's notices go to console.warn: cancel once it has seen Redis refuse it.
    const warn = console.warn;
    const refused = new Promise<void>((resolve) => {
      vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
        if (String(args[0]).includes('ECONNREFUSED')) resolve();
        warn(...args);
      });
    });
    await server.stop();
    await refused;
    vi.restoreAllMocks();
    expect(await handlers.cancel(undefined, ctx)).toEqual({ ok: true, value: true });
    const end = await finished;
    expect(end).toMatchObject({ runId, status: 'cancelled', scored: 0, error: expect.stringContaining(`Redis at ${url} went away`) });
    await session.dispose();
    expect(session.activeRun).toBeNull();
  }, 60_000);
});

describe.skipIf(!available)('the app\'s Score through the queue of its settings', () => {
  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'uad-app-queue-'));
    cli = await QueueCli.build();
    redis = await TestRedis.start();
  }, 240_000);

  afterAll(async () => {
    cli?.dispose();
    await redis?.stop();
  });

  it('scores through the workers when a queue is set: the same bits as local, each worker\'s progress shown', async () => {
    const local = await score({ queueUrl: '', jobSize: 64 }, path.join(work, 'local'));
    expect(local.finished).toMatchObject({ status: 'completed', scored: 56, failed: 0 });
    expect(local.finished.workers).toBeUndefined();

    const url = `${redis.url}/5`;
    const worker = await cli.startWorker(url);
    const queued = await score({ queueUrl: url, jobSize: 16 }, path.join(work, 'queued'));
    await stop(worker);
    expect(queued.finished, JSON.stringify(queued.finished)).toMatchObject({ status: 'completed', scored: 56, failed: 0, skipped: 0 });
    expect(tally(path.join(work, 'queued'))).toEqual({ rows: 56, samples: 56 });
    expect(snapshot(path.join(work, 'queued'))).toEqual(snapshot(path.join(work, 'local')));
    // The grid's stream: every sample once, with the score stored.
    expect(queued.rows.map((r) => r.sampleId).sort((a, b) => a - b)).toEqual(local.rows.map((r) => r.sampleId).sort((a, b) => a - b));
    expect(new Map(queued.rows.map((r) => [r.sampleId, r.score]))).toEqual(new Map(local.rows.map((r) => [r.sampleId, r.score])));
    // Each worker's share: in the summary, and in the progress once its first job was committed.
    expect(queued.finished.workers).toHaveLength(1);
    expect(queued.finished.workers![0]).toMatchObject({ provider: 'cpu', samples: 56, jobs: 4, failures: 0 });
    expect(queued.finished.workers![0]!.samplesPerSecond).toBeGreaterThan(0);
    expect(queued.progress.at(-1)!.workers?.[0]).toMatchObject({ id: queued.finished.workers![0]!.id, samples: 56 });
    expect(queued.progress.at(-1)!.provider).toBe('queue');
  }, 240_000);

  it('refuses a queue URL of the wrong form and a job size out of bounds; a saved setting survives a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-settings-'));
    const file = path.join(dir, 'settings.json');
    const handlers = runHandlers(new WorkbenchSession(), () => undefined, new SettingsStore(file));
    expect(await handlers.settings(undefined, ctx)).toEqual({ ok: true, value: { queueUrl: '', jobSize: 64 } });
    const http = await handlers.saveSettings({ queueUrl: 'http://redis.lab:6379', jobSize: 64 }, ctx);
    expect(http.ok ? null : http.error).toMatchObject({ code: 'bad-settings', message: expect.stringMatching(/redis:\/\/ or rediss:\/\//) });
    const size = await handlers.saveSettings({ queueUrl: '', jobSize: 5000 }, ctx);
    expect(size.ok).toBe(false);
    expect(await handlers.saveSettings({ queueUrl: ' rediss://uad:pw@redis.lab:6380/2 ', jobSize: 32 }, ctx)).toEqual({ ok: true, value: { queueUrl: 'rediss://uad:pw@redis.lab:6380/2', jobSize: 32 } });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ queueUrl: 'rediss://uad:pw@redis.lab:6380/2', jobSize: 32 });
    expect(new SettingsStore(file).get()).toEqual({ queueUrl: 'rediss://uad:pw@redis.lab:6380/2', jobSize: 32 });
  });
});
