// Queued scoring against a real redis-server and real `uad worker` processes (the CLI as built for users):
// the same bits as a local run with a worker killed mid-job, a coordinator killed and restarted, Redis
// restarted mid-run, every refusal (model hash, path outside the root, malformed job) in the run's failures,
// and the same bits over rediss:// (TLS with a private CA). Skips with a message where redis-server (or, for
// TLS, openssl or redis-server's TLS support) is not installed.
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, shippedModel } from '../../test/support/models.js';
import { DEMO_LIST, DEMO_ROOT, finish, LOCK, QueueCli, snapshot, stop, tally } from '../../test/support/queue-cli.js';
import { freePort, REDIS_MISSING, redisServerBinary, TestRedis } from '../../test/support/redis.js';
import { makeCertificates, OPENSSL_MISSING, opensslAvailable } from '../../test/support/tls-certs.js';
import { openDataset } from '../dataset/open-dataset.js';
import { jobId, QUEUE_NAME } from './contract.js';
import { queuedRunKey, readFinishedJob } from './coordinator.js';
import { loadModelFiles } from '../onnx/model-files.js';
import { listRuns } from '../workspace/runs.js';
import { Workspace } from '../workspace/workspace.js';

const available = redisServerBinary() !== null;
if (!available) console.warn(REDIS_MISSING);

let cli: QueueCli;
let redis: TestRedis;

describe.skipIf(!available)('queued scoring through Redis', () => {
  let local: Record<string, string>;
  let localCsv: string;
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'uad-cluster-'));
    cli = await QueueCli.build();
    redis = await TestRedis.start(['--user', 'default', 'on', 'nopass', '~*', '&*', '+@all', '--user', 'uad', 'on', '>s3cret', '~*', '&*', '+@all']);
    const localRun = await finish(cli.run(['score', DEMO_LIST, '--model', shippedModel(), '--workspace', path.join(work, 'local'), '--progress', 'none']));
    expect(localRun.code, localRun.stderr).toBe(0);
    local = snapshot(path.join(work, 'local'));
    expect((await finish(cli.run(['export-scores', '--workspace', path.join(work, 'local'), '--out', path.join(work, 'local.csv')]))).code).toBe(0);
    localCsv = readFileSync(path.join(work, 'local.csv'), 'utf8');
  }, 240_000);

  afterAll(async () => {
    cli?.dispose();
    await redis?.stop();
  });

  /** A queued `uad score` into workspace `name` on Redis database `db`, killed with SIGKILL once a job or more is committed; its worker keeps running. */
  async function coordinatorKilledMidRun(db: number, name: string) {
    const url = `${redis.url}/${db}`;
    const ws = path.join(work, name);
    const args = ['score', DEMO_LIST, '--model', shippedModel(), '--workspace', ws, '--queue', url, '--job-size', '8', '--progress', 'lines'];
    const first = cli.run(args);
    const worker = await cli.startWorker(url);
    await first.waitFor(/progress done=(8|16|24|32|40)\b/);
    first.child.kill('SIGKILL');
    await first.exited;
    return { url, ws, args, worker };
  }

  it('3 workers, one killed with SIGKILL mid-job: every sample scored once, the same bits as a local run', async () => {
    const url = `${redis.url}/1`;
    const workers = [await cli.startWorker(url), await cli.startWorker(url), await cli.startWorker(url)];
    const coordinator = cli.run(['score', DEMO_LIST, '--model', shippedModel(), '--workspace', path.join(work, 'queued'), '--queue', url, '--job-size', '8', '--progress', 'lines']);
    // The first worker to take a job dies holding it; BullMQ's stalled check hands the job to another.
    const victim = await Promise.race(workers.map((w) => w.waitFor(/job \S+ started/).then(() => w)));
    victim.child.kill('SIGKILL');
    const result = await finish(coordinator);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toMatch(/completed: 56 scored, 0 already scored by this model, 0 failed/);
    expect(tally(path.join(work, 'queued'))).toEqual({ rows: 56, samples: 56 });
    expect(snapshot(path.join(work, 'queued'))).toEqual(local);
    expect((await finish(cli.run(['export-scores', '--workspace', path.join(work, 'queued'), '--out', path.join(work, 'queued.csv')]))).code).toBe(0);
    expect(readFileSync(path.join(work, 'queued.csv'), 'utf8')).toBe(localCsv);
    expect(result.stderr).toMatch(/worker \S+ \(\S+, cpu\): \d+ samples/);
    const queue = new Queue(QUEUE_NAME, { connection: { url } });
    expect(await queue.getJobCounts('completed', 'failed', 'wait', 'active')).toEqual({ completed: 0, failed: 0, wait: 0, active: 0 });
    await queue.close();
    await Promise.all(workers.filter((w) => w !== victim).map(stop));
  }, 180_000);

  it('a coordinator killed mid-run and started again resumes: finished jobs collected, only the rest enqueued', async () => {
    const { ws, args, worker } = await coordinatorKilledMidRun(2, 'resume');
    const committed = tally(ws).rows;
    expect(committed).toBeGreaterThan(0);
    expect(committed).toBeLessThan(56);
    const again = await finish(cli.run([...args.slice(0, -1), 'none']));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`${56 - committed} scored, ${committed} already scored by this model, 0 failed`);
    const jobsLeft = 7 - committed / 8;
    const [, enqueued, resumed] = again.stdout.match(/\((\d+) jobs enqueued, (\d+) resumed\)/)!.map(Number);
    expect(enqueued! + resumed!).toBe(jobsLeft);
    expect(tally(ws)).toEqual({ rows: 56, samples: 56 });
    expect(snapshot(ws)).toEqual(local);
    await stop(worker);
  }, 180_000);

  it('a completed job whose results were committed but which was left in Redis (coordinator died in between) is removed on resume', async () => {
    const { url, ws, args, worker } = await coordinatorKilledMidRun(7, 'leftover');
    // The worker finishes every job the dead coordinator enqueued; they stay in Redis, completed and uncommitted.
    const queue = new Queue(QUEUE_NAME, { connection: { url } });
    const deadline = Date.now() + 120_000;
    for (;;) {
      const counts = await queue.getJobCounts('wait', 'active', 'delayed');
      if (counts.wait + counts.active + counts.delayed === 0) break;
      if (Date.now() > deadline) throw new Error(`the worker did not finish: ${JSON.stringify(counts)}`);
    }
    await stop(worker);
    const completed = await queue.getRanges(['completed'], 0, -1, true);
    expect(completed.length).toBeGreaterThan(0);
    // One of them is committed the way the coordinator commits a collected job, and then left where it is.
    const job = (await queue.getJob(completed[0]!))!;
    const workspace = Workspace.open(ws);
    try {
      const model = await loadModelFiles(shippedModel());
      const chunkKeys = new Set((job.data as { items: { key: number }[] }).items.map((i) => i.key));
      const { items, result } = readFinishedJob(job.data, job.returnvalue, chunkKeys, { layers: model.sidecar.moe?.layers ?? [], experts: model.sidecar.moe?.experts ?? 0 });
      const runId = workspace.startRun({ modelSha256: model.sha256, datasetId: listRuns(workspace, { limit: 1 })[0]!.datasetId, provider: 'queue', providerAttempts: [], versions: {}, batchSize: 8, total: items.length, skipped: 0, faces: 'none', datasetFile: null });
      workspace.recordBatch(runId, model.sha256, model.sidecar.moe?.layers ?? [], model.sidecar.moe?.experts ?? 0, items, result);
      workspace.finishRun(runId, 'completed');
    } finally {
      workspace.close();
    }
    const again = await finish(cli.run([...args.slice(0, -1), 'none']));
    expect(again.code, again.stderr).toBe(0);
    expect(tally(ws)).toEqual({ rows: 56, samples: 56 });
    expect(snapshot(ws)).toEqual(local);
    expect(await queue.getJobCounts('completed', 'failed', 'wait', 'active')).toEqual({ completed: 0, failed: 0, wait: 0, active: 0 });
    expect(again.stderr).toMatch(/removed 1 completed job\(s\) of this run left in Redis/);
    await queue.close();
  }, 180_000);

  it('jobs follow the local run\'s batches: a job size below the batch size is rounded up to a whole batch, the same bits', async () => {
    const url = `${redis.url}/8`;
    const ws = path.join(work, 'job-size-1');
    const worker = await cli.startWorker(url);
    const result = await finish(cli.run(['score', DEMO_LIST, '--model', shippedModel(), '--workspace', ws, '--queue', url, '--job-size', '1', '--json']));
    await stop(worker);
    expect(result.code, result.stderr).toBe(0);
    expect(snapshot(ws)).toEqual(local);
    const report = JSON.parse(result.stdout) as { run: { scored: number }; queue: { jobSize: number; enqueued: number } };
    expect(report.queue).toMatchObject({ jobSize: 8, enqueued: 7 });
  }, 180_000);

  it('a sample refused by a worker leaves only its own batch smaller: every other batch is the local run\'s, the same bits', async () => {
    const url = `${redis.url}/9`;
    const listing = await openDataset(DEMO_LIST);
    if (!listing.ok) throw new Error(listing.error.message);
    const samples = listing.value.samples.map((s) => ({ path: s.path, file: s.file ?? s.path }));
    // The worker's copy of the demo set: the same files, except the first of every job of 4 (2 batches of 2), which differs.
    const copy = path.join(work, 'shifted-copy', 'demo');
    const refused = new Set<string>();
    const mates = new Set<string>();
    samples.forEach((s, i) => {
      mkdirSync(path.dirname(path.join(copy, s.file)), { recursive: true });
      if (i % 4 === 0) {
        copyFileSync(path.join(DEMO_ROOT, samples[i + 1]!.file), path.join(copy, s.file));
        refused.add(s.path);
        mates.add(samples[i + 1]!.path);
      } else linkSync(path.join(DEMO_ROOT, s.file), path.join(copy, s.file));
    });
    const localRun = await finish(cli.run(['score', DEMO_LIST, '--model', shippedModel(), '--workspace', path.join(work, 'local-batch-2'), '--batch', '2', '--progress', 'none']));
    expect(localRun.code, localRun.stderr).toBe(0);
    const onCopy = cli.run(['worker', '--queue', url, '--models', path.join(repoRoot, 'models'), '--root', `demo=${copy}`, ...LOCK]);
    await onCopy.waitFor(/ready/);
    const ws = path.join(work, 'shifted');
    const result = await finish(cli.run(['score', DEMO_LIST, '--model', shippedModel(), '--workspace', ws, '--queue', url, '--job-size', '4', '--batch', '2', '--json']));
    await stop(onCopy);
    const report = JSON.parse(result.stdout) as { run: { scored: number; failed: number }; failures: { path: string; reason: string }[] };
    expect(report.run).toMatchObject({ scored: 56 - refused.size, failed: refused.size });
    for (const f of report.failures) {
      expect(refused.has(f.path)).toBe(true);
      expect(f.reason).toMatch(/file differs on .*SHA-256/);
    }
    const reference = snapshot(path.join(work, 'local-batch-2'));
    const queued = snapshot(ws);
    const others = Object.keys(reference).filter((p) => !refused.has(p) && !mates.has(p));
    expect(others.length).toBe(56 - 2 * refused.size);
    expect(Object.fromEntries(others.map((p) => [p, queued[p]]))).toEqual(Object.fromEntries(others.map((p) => [p, reference[p]])));
  }, 240_000);

  it('Redis restarted mid-run (AOF on): workers and coordinator reconnect and finish with every sample once', async () => {
    const url = `${redis.url}/3`;
    const ws = path.join(work, 'redis-restart');
    const worker = await cli.startWorker(url);
    const coordinator = cli.run(['score', DEMO_LIST, '--model', shippedModel(), '--workspace', ws, '--queue', url, '--job-size', '8', '--progress', 'lines']);
    await coordinator.waitFor(/progress done=(8|16|24|32|40)\b/);
    await redis.restart();
    const result = await finish(coordinator);
    expect(result.code, result.stderr).toBe(0);
    expect(tally(ws)).toEqual({ rows: 56, samples: 56 });
    expect(snapshot(ws)).toEqual(local);
    await stop(worker);
  }, 180_000);

  it('a worker stopped (SIGINT) while Redis cannot be reached exits at once and says why', async () => {
    const url = `redis://127.0.0.1:${await freePort()}/0`;
    const worker = cli.run(['worker', '--queue', url, '--models', path.join(repoRoot, 'models'), '--root', `demo=${DEMO_ROOT}`]);
    await worker.waitFor(/ECONNREFUSED/);
    worker.child.kill('SIGINT');
    const result = await finish(worker);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`uad worker: stopped: Redis at ${url} was never reached (connect ECONNREFUSED`);
  }, 60_000);

  it('a worker stopped (SIGINT) after its Redis went away exits at once and says why', async () => {
    const gone = await TestRedis.start();
    const worker = await cli.startWorker(`${gone.url}/0`);
    await gone.stop();
    await worker.waitFor(/ECONNREFUSED/);
    worker.child.kill('SIGINT');
    const result = await finish(worker);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`stopped: Redis at ${gone.url}/0 was away \\(connect ECONNREFUSED[^)]*\\); its jobs in hand go to another worker`));
  }, 60_000);

  it('over rediss:// (TLS, a private CA trusted through NODE_EXTRA_CA_CERTS): the same bits as a local run', async (ctx) => {
    if (!opensslAvailable()) {
      console.warn(OPENSSL_MISSING);
      ctx.skip();
    }
    const certs = makeCertificates();
    let secure: TestRedis;
    try {
      secure = await TestRedis.start([], { cert: certs.serverCert, key: certs.serverKey, ca: certs.caCert });
    } catch (err) {
      if (!/tls/i.test((err as Error).message)) throw err;
      console.warn(`redis-server cannot listen on TLS here, the TLS queue test is skipped: ${(err as Error).message.split('\n').slice(0, 3).join(' ')}`);
      ctx.skip();
      return;
    }
    try {
      const url = `${secure.url}/0`;
      expect(url).toMatch(/^rediss:\/\/127\.0\.0\.1:\d+\/0$/);
      const trust = { NODE_EXTRA_CA_CERTS: certs.caCert };
      const worker = await cli.startWorker(url, [], trust);
      const ws = path.join(work, 'tls');
      const result = await finish(cli.run(['score', DEMO_LIST, '--model', shippedModel(), '--workspace', ws, '--queue', url, '--job-size', '16', '--progress', 'none'], trust));
      await stop(worker);
      expect(result.code, result.stderr + result.stdout).toBe(0);
      expect(result.stdout).toMatch(/completed: 56 scored, 0 already scored by this model, 0 failed/);
      expect(tally(ws)).toEqual({ rows: 56, samples: 56 });
      expect(snapshot(ws)).toEqual(local);
    } finally {
      await secure.stop();
      rmSync(certs.dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('refusals are the run\'s failures with their reasons: other model file, path leaving the root, malformed job (ACL user)', async () => {
    const url = `redis://uad:s3cret@127.0.0.1:${redis.port}/4`;
    const data = path.join(work, 'refusals-data');
    const names = ['live/a.jpg', 'live/b.jpg', 'live/c.jpg', 'attack/print/d.jpg', 'attack/print/e.jpg', 'attack/print/f.jpg'];
    for (const [i, name] of names.entries()) {
      mkdirSync(path.dirname(path.join(data, name)), { recursive: true });
      await sharp({ create: { width: 48, height: 48, channels: 3, background: { r: 40 * i, g: 120, b: 90 } } }).jpeg().toFile(path.join(data, name));
    }
    const listing = await openDataset(data);
    if (!listing.ok) throw new Error(listing.error.message);
    const order = listing.value.samples.map((s) => s.path);
    // The worker's copy: hard links (inside its root), except the last sample, a link to an identical file outside it.
    const copy = path.join(work, 'refusals-copy', 'refusals-data');
    const outside = path.join(work, 'outside.jpg');
    for (const p of order) {
      mkdirSync(path.dirname(path.join(copy, p)), { recursive: true });
      if (p === order.at(-1)) {
        copyFileSync(path.join(data, p), outside);
        symlinkSync(outside, path.join(copy, p));
      } else linkSync(path.join(data, p), path.join(copy, p));
    }
    // A malformed job already sits at the id of the run's first chunk (the coordinator's add leaves it be).
    const ws = path.join(work, 'refusals');
    const modelSha = createHash('sha256').update(readFileSync(shippedModel())).digest('hex');
    const run = queuedRunKey({ workspaceFile: path.join(ws, 'workspace.sqlite'), modelSha256: modelSha, root: data, source: 'folder', listPath: null, jobSize: 2, batchSize: 2, faces: 'none' });
    const queue = new Queue(QUEUE_NAME, { connection: { url } });
    await queue.add('score', { v: 1, run, chunk: 0, model: { sha256: modelSha, name: 'x' }, root: 'refusals-data', batchSize: 8, items: [{ key: 1, path: 'live/a.jpg', sha256: 'f'.repeat(64) }], extra: 'field' }, { jobId: jobId(run, 0) });
    // Jobs of one batch of 2 (a job is cut on the local run's batch boundaries).
    const coordinator = cli.run(['score', data, '--model', shippedModel(), '--workspace', ws, '--queue', url, '--job-size', '2', '--batch', '2', '--json']);
    // The worker starts once the coordinator has taken the waiting job as its own chunk and enqueued the other two.
    const deadline = Date.now() + 60_000;
    while ((await queue.getWaitingCount()) < 3) {
      if (Date.now() > deadline) throw new Error(`the coordinator enqueued nothing:\n${coordinator.stderr()}`);
    }
    await queue.close();
    const worker = await cli.startWorker(url, ['--root', `refusals-data=${copy}`]);
    const result = await finish(coordinator);
    await stop(worker);
    const report = JSON.parse(result.stdout) as { run: { scored: number; failed: number }; failures: { path: string; reason: string }[] };
    const reasons = Object.fromEntries(report.failures.map((f) => [f.path, f.reason]));
    expect(reasons[order[0]!]).toMatch(/job refused: malformed job refused by .*unknown field 'extra'/);
    expect(reasons[order[1]!]).toMatch(/malformed job refused/);
    expect(reasons[order.at(-1)!]).toMatch(/outside the mapped root/);
    expect(report.run).toMatchObject({ scored: 3, failed: 3 });

    // A worker whose folder holds another model file is refused by hash; with one try the samples fail with its reason.
    const otherModels = path.join(work, 'other-models');
    mkdirSync(otherModels);
    for (const f of ['dense-tiny.onnx', 'dense-tiny.model.json']) copyFileSync(path.join(repoRoot, 'models', f), path.join(otherModels, f));
    writeFileSync(path.join(otherModels, 'README'), 'not a model');
    const wrong = cli.run(['worker', '--queue', url, '--models', otherModels, '--root', `refusals-data=${copy}`, ...LOCK]);
    await wrong.waitFor(/ready/);
    const refused = await finish(cli.run(['score', data, '--model', shippedModel(), '--workspace', path.join(work, 'refusals-model'), '--queue', url, '--job-size', '8', '--attempts', '1', '--json']));
    await stop(wrong);
    const byHash = JSON.parse(refused.stdout) as { run: { scored: number; failed: number }; failures: { reason: string }[] };
    expect(byHash.run).toMatchObject({ scored: 0, failed: 6 });
    for (const f of byHash.failures) expect(f.reason).toMatch(/no model with SHA-256 .* \(has: dense-tiny /);
  }, 180_000);
});
