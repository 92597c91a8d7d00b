// `uad worker --queue redis://… --models DIR [--root NAME=DIR …] [--provider cpu|cuda] [--concurrency N]`:
// takes scoring jobs from the queue (BullMQ on Redis) until stopped, and reports itself in Redis while it runs.
// Node side (CLI); the job itself is electron/queue/job-runner.ts, the messages electron/queue/contract.ts.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { KNOWN_PROVIDERS, type ProviderName } from '../onnx/providers.js';
import { appVersion } from '../base/paths.js';
import { escapeForDisplay as shown, jsonForDisplay } from '../../common/display-text.js';
import { ContractError, parseScoringJob, QUEUE_NAME, WORKER_KEY_PREFIX, type ScoringResult } from '../queue/contract.js';
import { hangUp, queueConnection, QueueUrlError, redactedUrl, redisClient } from '../queue/connection.js';
import { JobRunner, modelCatalog, parseRoots } from '../queue/job-runner.js';

const USAGE = 'usage: uad worker --queue redis://[user:password@]host:port[/db] --models <dir> [--root NAME=DIR …] [--provider cpu|cuda|webgpu] [--concurrency N] [--lock-ms MS] [--stalled-ms MS] [--json]\n\n'
  + 'Takes scoring jobs from the queue until stopped (SIGINT/SIGTERM finish the jobs in hand). rediss:// connects over TLS (NODE_EXTRA_CA_CERTS adds a private CA).\n'
  + '--models: folder of .onnx files with their sidecars; a job names its model by SHA-256 and only an identical file scores it.\n'
  + '--root NAME=DIR: where this machine holds the dataset the coordinator calls NAME (the last folder name of its dataset root); no file outside DIR is ever read.\n'
  + '--lock-ms / --stalled-ms: how long a job stays locked without renewal and how often stalled jobs are looked for (BullMQ lockDuration, stalledInterval).\n'
  + '--concurrency N: jobs scored at once (default 1). --json: one JSON object per line on stdout for each event (start, ready, job started, done or failed, stop) instead of sentences on stderr.\n\n'
  + 'examples:\n'
  + '  uad worker --queue redis://uad:PASSWORD@redis.lab:6379/0 --models /srv/uad/models --root SynthUAD=/mnt/data/SynthUAD\n'
  + '  uad worker --queue rediss://uad:PASSWORD@redis.lab:6380/0 --models models/ --root demo=assets/demo --provider cuda --json\n\n'
  + 'exit status: 0 stopped, 1 cannot start (queue, models, roots), 2 bad usage';

/** How long the self-report lives in Redis without a refresh. */
const REPORT_TTL_S = 30;

function positiveInt(value: string | undefined, fallback: number, name: string, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new QueueUrlError(`--${name} must be an integer from 1 to ${max}, got '${value}'`);
  return n;
}

export async function runWorkerCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        queue: { type: 'string' }, models: { type: 'string' }, root: { type: 'string', multiple: true }, provider: { type: 'string' },
        concurrency: { type: 'string' }, 'lock-ms': { type: 'string' }, 'stalled-ms': { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    console.error(`uad worker: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) { console.log(USAGE); return 0; }
  const json = values.json === true;
  /** One event: a sentence on stderr, or with --json one JSON object per line on stdout. */
  const log = (text: string, event: Record<string, unknown>): void => {
    if (json) console.log(jsonForDisplay({ ...event, at: new Date().toISOString() }));
    else if (text !== '') console.error(text);
  };
  if (!values.queue || !values.models) {
    console.error(`uad worker: need --queue and --models\n${USAGE}`);
    return 2;
  }
  if (values.provider !== undefined && !KNOWN_PROVIDERS.includes(values.provider as ProviderName)) {
    console.error(`uad worker: --provider must be one of ${KNOWN_PROVIDERS.join(', ')}`);
    return 2;
  }
  let concurrency, lockDuration, stalledInterval, roots;
  try {
    queueConnection(values.queue);
    concurrency = positiveInt(values.concurrency, 1, 'concurrency', 64);
    lockDuration = positiveInt(values['lock-ms'], 30_000, 'lock-ms', 3_600_000);
    stalledInterval = positiveInt(values['stalled-ms'], 30_000, 'stalled-ms', 3_600_000);
    roots = parseRoots(values.root ?? []);
  } catch (err) {
    console.error(`uad worker: ${(err as Error).message}`);
    return 2;
  }
  let models;
  try {
    models = await modelCatalog(values.models);
  } catch (err) {
    console.error(`uad worker: cannot read --models ${shown(values.models)}: ${(err as Error).message}`);
    return 1;
  }
  if (models.length === 0) {
    console.error(`uad worker: no .onnx model in ${shown(values.models)}`);
    return 1;
  }

  const host = hostname();
  const id = `${host}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const runner = new JobRunner(models, roots, { id, host }, values.provider as ProviderName | undefined, values.models);
  const stats = { jobs: 0, samples: 0, failures: 0, refused: 0 };
  let lastError: string | null = null;
  // The worker's commands go through a client of its own, which stop() can end at once while Redis is away
  // (BullMQ's close waits for Redis to answer, ARCHITECTURE.md §13); BullMQ adds its blocking connection.
  const main = redisClient(values.queue, (err) => { lastError = err.message; });

  const worker = new Worker(QUEUE_NAME, async (job: Job): Promise<ScoringResult> => {
    let payload;
    try {
      payload = parseScoringJob(job.data);
    } catch (err) {
      stats.refused += 1;
      // A malformed job is never retried: no worker would read it differently.
      if (err instanceof ContractError) throw new UnrecoverableError(`malformed job refused by ${host}: ${err.message}`);
      throw err;
    }
    const result = await runner.run(payload);
    stats.jobs += 1;
    stats.samples += result.items.length;
    stats.failures += result.items.filter((i) => !i.ok).length;
    return result;
  }, { connection: main, concurrency, lockDuration, stalledInterval, maxStalledCount: 3, autorun: false });

  worker.on('active', (job) => log(`job ${shown(job.id ?? '?')} started`, { event: 'job-started', job: job.id ?? null }));
  worker.on('completed', (job) => { if (json) log('', { event: 'job-done', job: job.id ?? null }); });
  worker.on('failed', (job, err) => log(`job ${shown(job?.id ?? '?')} failed: ${shown(err.message)}`, { event: 'job-failed', job: job?.id ?? null, reason: err.message }));
  worker.on('error', (err) => log(`queue: ${shown(err.message)}`, { event: 'queue-error', reason: err.message }));

  const client = redisClient(values.queue);
  const report = async () => {
    const body = {
      id, host, provider: runner.identity().provider, gpu: runner.active?.device ?? null, version: appVersion(), pid: process.pid,
      models: models.map((m) => ({ name: m.name, sha256: m.sha256 })), roots: [...roots.keys()], concurrency, ...stats, at: new Date().toISOString(),
    };
    await client.set(`${WORKER_KEY_PREFIX}${id}`, JSON.stringify(body), 'EX', REPORT_TTL_S);
  };
  const timer = setInterval(() => { report().catch(() => undefined); }, (REPORT_TTL_S * 1000) / 3);

  let stopping: Promise<void> | null = null;
  /** Set when the worker stopped with Redis away: Redis's last error (the jobs in hand stay in Redis until their lock runs out). */
  let away: string | null = null;
  let ready = false;
  const awayText = () => `Redis at ${redactedUrl(values.queue!)} was ${ready ? 'away' : 'never reached'}${away ? ` (${away})` : ''}`;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(timer);
      // Jobs in hand finish while Redis is there; with Redis away nothing could be handed back, so the
      // connections end at once (and do so if Redis goes away while the jobs in hand finish).
      const end = () => {
        away ??= lastError ?? 'no answer';
        hangUp(main);
        hangUp(client);
      };
      if (main.status !== 'ready' || client.status !== 'ready') end();
      else { main.once('close', end); client.once('close', end); }
      await worker.close();
      await client.del(`${WORKER_KEY_PREFIX}${id}`).catch(() => undefined);
      main.off('close', end);
      client.off('close', end);
      hangUp(client);
      hangUp(main);
      await runner.close();
    })();
    return stopping;
  };
  const onSignal = () => { log('stopping after the jobs in hand…', { event: 'stopping' }); void stop(); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  log(`worker ${id} on ${shown(redactedUrl(values.queue))}: ${models.length} model(s) (${models.map((m) => `${shown(m.name)} ${m.sha256.slice(0, 12)}…`).join(', ')}); roots ${[...roots.entries()].map(([n, d]) => `${shown(n)}=${shown(d)}`).join(', ') || 'none'}; concurrency ${concurrency}`,
    { event: 'start', id, queue: redactedUrl(values.queue), models: models.map((m) => ({ name: m.name, sha256: m.sha256 })), roots: Object.fromEntries(roots), concurrency });
  try {
    await worker.waitUntilReady();
    ready = true;
    await report();
    log(`worker ${id} ready`, { event: 'ready', id });
    await worker.run();
  } catch (err) {
    await stop();
    console.error(`uad worker: ${shown(away ? `stopped: ${awayText()}` : (err as Error).message)}`);
    return 1;
  }
  await stop();
  log(`worker ${id} stopped${away ? `: ${awayText()}; its jobs in hand go to another worker once their lock runs out` : ''}`, { event: 'stopped', id, ...stats, ...(away ? { reason: awayText() } : {}) });
  return 0;
}
