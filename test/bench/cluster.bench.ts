// `npm run bench:cluster`: the demo set repeated to ≥ 5 000 samples (UAD_BENCH_CLUSTER_SAMPLES to change),
// scored by a local `uad score` and through a real redis-server with 1 and 2 local `uad worker` processes;
// writes test/bench/results/cluster.json (images/s, the queue's overhead per image = end-to-end time minus the
// workers' compute time, the coordinator's committed results/s with its time per stage, job size, machine and load).
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_JOB_SIZE } from '../../electron/queue/contract.js';
import { repoRoot, shippedModel } from '../support/models.js';
import { REDIS_MISSING, redisServerBinary, TestRedis } from '../support/redis.js';

const TARGET = Number(process.env.UAD_BENCH_CLUSTER_SAMPLES ?? 5000);
const DEMO_LIST = path.join(repoRoot, 'assets', 'demo', 'SynthUAD-demo@p1_image_test.txt');
/** docs/benchmarks/cluster.md: the coordinator's target. */
const COORDINATOR_TARGET = 20_000;

interface QueueReport {
  computeMs: number;
  commitMs: number;
  committed: number;
  stages: { fetchMs: number; readMs: number; routingMs: number; recordMs: number; removeMs: number; reportMs: number };
}

/** The coordinator's time per stage in µs per committed result, and the results/s of the workspace commit and of all stages. */
function coordinatorFigures(queue: QueueReport) {
  const per = (ms: number) => (ms * 1000) / Math.max(1, queue.committed);
  const { fetchMs, readMs, routingMs, recordMs, removeMs, reportMs } = queue.stages;
  const allMs = fetchMs + readMs + recordMs + removeMs + reportMs;
  return {
    committed: queue.committed,
    results_per_s_record: queue.committed / Math.max(1e-6, recordMs / 1000),
    results_per_s_all_stages: queue.committed / Math.max(1e-6, allMs / 1000),
    us_per_result: { fetch: per(fetchMs), read: per(readMs), routing_check_within_read: per(routingMs), record: per(recordMs), remove: per(removeMs), report: per(reportMs), all: per(allMs) },
  };
}

function printCoordinator(label: string, queue: QueueReport): void {
  const f = coordinatorFigures(queue);
  const us = f.us_per_result;
  console.log(`coordinator, ${label}: ${f.committed} results; µs per result: fetch ${us.fetch.toFixed(1)} · read ${us.read.toFixed(1)} (routing check ${us.routing_check_within_read.toFixed(1)}) · record ${us.record.toFixed(1)} · remove ${us.remove.toFixed(1)} · report ${us.report.toFixed(1)} · all ${us.all.toFixed(1)}`);
  console.log(`coordinator, ${label}: ${f.results_per_s_record.toFixed(0)} results/s committed (workspace transaction), ${f.results_per_s_all_stages.toFixed(0)} results/s over all stages; target ≥ ${COORDINATOR_TARGET}`);
}

interface Done { code: number | null; stdout: string; stderr: string }

function run(cliDir: string, args: string[], children: Set<ChildProcess>): { child: ChildProcess; done: Promise<Done>; ready: Promise<void> } {
  const child = spawn(process.execPath, [path.join(cliDir, 'cli.js'), ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => { markReady = resolve; });
  child.stdout!.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { stderr += c.toString(); if (/ ready\n/.test(stderr)) markReady(); });
  const done = new Promise<Done>((resolve) => child.on('close', (code) => { children.delete(child); resolve({ code, stdout, stderr }); }));
  return { child, done, ready };
}

/**
 * The demo list repeated into a temporary root until it has ≥ TARGET lines, each repeat a copy of its own (a listing
 * keeps one sample per file: hard links to one file are one sample).
 */
function repeatedList(dir: string): string {
  const lines = readFileSync(DEMO_LIST, 'utf8').split('\n').filter((l) => l.trim().length > 0);
  const out: string[] = [];
  for (let rep = 0; out.length < TARGET; rep++) {
    for (const line of lines) {
      const [rel, label] = line.trim().split(/\s+/);
      const target = path.join(dir, `r${rep}`, rel!);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(path.dirname(DEMO_LIST), rel!), target);
      out.push(`r${rep}/${rel} ${label}`);
    }
  }
  const list = path.join(dir, 'bench_test.txt');
  writeFileSync(list, out.join('\n') + '\n');
  return list;
}

async function main(): Promise<void> {
  if (!redisServerBinary()) {
    console.log(REDIS_MISSING);
    return;
  }
  const children = new Set<ChildProcess>();
  const work = mkdtempSync(path.join(tmpdir(), 'uad-bench-cluster-'));
  const cliDir = mkdtempSync(path.join(repoRoot, 'node_modules', '.uad-bench-cli-'));
  const redis = await TestRedis.start();
  try {
    const built = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'build-cli.mjs'), '--out', cliDir], { cwd: repoRoot, stdio: 'inherit' });
    if (await new Promise((resolve) => built.on('close', resolve)) !== 0) throw new Error('CLI build failed');
    const data = path.join(work, 'data');
    const list = repeatedList(data);
    const samples = readFileSync(list, 'utf8').trim().split('\n').length;
    const loadAtStart = loadavg();
    console.log(`${samples} samples; load ${loadAtStart.map((v) => v.toFixed(2)).join(' ')}`);

    const local = await run(cliDir, ['score', list, '--model', shippedModel(), '--workspace', path.join(work, 'ws-local'), '--json'], children).done;
    if (local.code !== 0) throw new Error(`local run failed:\n${local.stderr}`);
    const localWall = (JSON.parse(local.stdout) as { wallSeconds: number }).wallSeconds;
    console.log(`local: ${(samples / localWall).toFixed(1)} img/s`);

    const queued = async (workers: number, db: number) => {
      const url = `${redis.url}/${db}`;
      const started = Array.from({ length: workers }, () => run(cliDir, ['worker', '--queue', url, '--models', path.join(repoRoot, 'models'), '--root', `data=${data}`], children));
      await Promise.all(started.map((w) => w.ready));
      const result = await run(cliDir, ['score', list, '--model', shippedModel(), '--workspace', path.join(work, `ws-queued-${workers}`), '--queue', url, '--json'], children).done;
      for (const w of started) w.child.kill('SIGTERM');
      await Promise.all(started.map((w) => w.done));
      if (result.code !== 0) throw new Error(`queued run (${workers} workers) failed:\n${result.stderr}`);
      const report = JSON.parse(result.stdout) as { wallSeconds: number; run: { scored: number }; queue: QueueReport };
      if (report.run.scored !== samples) throw new Error(`queued run scored ${report.run.scored} of ${samples}`);
      console.log(`queued, ${workers} worker(s): ${(samples / report.wallSeconds).toFixed(1)} img/s`);
      printCoordinator(`${workers} worker(s)`, report.queue);
      return report;
    };
    const one = await queued(1, 1);
    const two = await queued(2, 2);
    const result = {
      local_images_per_s: samples / localWall,
      queued_images_per_s_1: samples / one.wallSeconds,
      queued_images_per_s_2: samples / two.wallSeconds,
      // One worker with concurrency 1 computes serially: whatever the end-to-end time adds is the queue's.
      queue_overhead_ms_per_image: (one.wallSeconds * 1000 - one.queue.computeMs) / samples,
      coordinator_results_per_s: samples / Math.max(1e-6, one.queue.commitMs / 1000),
      coordinator_target_results_per_s: COORDINATOR_TARGET,
      coordinator_1: coordinatorFigures(one.queue),
      coordinator_2: coordinatorFigures(two.queue),
      job_size: DEFAULT_JOB_SIZE,
      samples,
      machine: `${cpus()[0]?.model ?? 'unknown CPU'} · ${cpus().length} logical CPUs`,
      load: { start: loadAtStart, end: loadavg() },
    };
    const out = path.join(repoRoot, 'test', 'bench', 'results');
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'cluster.json'), JSON.stringify(result, null, 2) + '\n');
    console.log(JSON.stringify(result, null, 2));
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await redis.stop();
    rmSync(cliDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
