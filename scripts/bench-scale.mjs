// `npm run bench:scale`: builds if stale; builds or reuses the cached 10⁵- and 10⁶-sample workspaces and measures
// ingest and the report (test/bench/scale.bench.ts), then opens them in Debian's chromium against browser mode
// (test/bench/ui/scale-browser.bench.ts): first painted row, scrolling, filter/sort/search, host and renderer memory,
// a filter made at once after the first painted row (before the host has read the whole table) to its first
// (partial) and final rows, the largest's Evaluation tab and report export with the renderer's longest task, and the
// largest opened from a cold disk (page cache dropped; root only).
// Writes test/bench/results/scale.json and prints measured against target, naming the stage that holds a missed one.
// UAD_SCALE_SIZES=20000,100000 runs smaller sizes (the larger stands in for 10⁶; the JSON names the sizes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineOf, markdownTable } from './bench-table.mjs';
import { buildIfStale } from './build-if-stale.mjs';
import { findChromium } from './find-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = path.join(root, 'test', 'bench', 'results');
const hostFile = path.join(results, 'scale-host.json');
const browserFile = path.join(results, 'scale-browser.json');
const chromium = findChromium();
if (!chromium) {
  console.error('bench:scale: no chromium found. Install it with `sudo apt-get install -y chromium` or set UAD_CHROMIUM=/path/to/chromium.');
  process.exit(1);
}
if (!buildIfStale()) process.exit(1);
mkdirSync(results, { recursive: true });
for (const file of [hostFile, browserFile]) rmSync(file, { force: true });

const started = new Date();
const loadBefore = os.loadavg();
const hostRun = spawnSync('npx', ['tsx', 'test/bench/scale.bench.ts'], { cwd: root, stdio: 'inherit' });
if (hostRun.status !== 0 || !existsSync(hostFile)) {
  console.error('bench:scale: the workspaces or the host figures failed (see above).');
  process.exit(1);
}
const host = JSON.parse(readFileSync(hostFile, 'utf8'));
const browserRun = spawnSync('npx', ['playwright', 'test', '-c', 'test/bench/ui/playwright.config.ts', 'scale-browser.bench.ts'], {
  cwd: root, stdio: 'inherit',
  env: { ...process.env, UAD_CHROMIUM: chromium, UAD_SCALE_WORKSPACES: JSON.stringify(host.workspaces), UAD_SCALE_OUT: browserFile },
});
const browser = existsSync(browserFile) ? JSON.parse(readFileSync(browserFile, 'utf8')) : [];
const small = browser.find((b) => b.samples === host.sizes.small);
const large = browser.find((b) => b.samples === host.sizes.large);

const ms = (v) => `${Math.round(v)} ms`;
/**
 * The stage of a timed step that holds most of it: the host call answered within it that overlapped it longest
 * (one sent before the step, e.g. a scroll's window, holds the host too), or the renderer when more of the step
 * lies outside every call.
 */
function holder(step) {
  const spans = step.calls.filter((c) => c.end <= step.ms + 1)
    .map((c) => ({ ...c, from: Math.max(0, c.start), to: Math.min(step.ms, c.end) })).sort((a, b) => a.from - b.from);
  let covered = 0;
  let reach = 0;
  for (const { from, to } of spans) {
    if (to > reach) covered += to - Math.max(from, reach);
    reach = Math.max(reach, to);
  }
  const longest = [...spans].sort((a, b) => (b.to - b.from) - (a.to - a.from))[0];
  const outside = step.ms - covered;
  if (!longest || outside > longest.to - longest.from) return `the renderer: ${ms(outside)} of ${ms(step.ms)} outside the host calls`;
  const before = longest.start < 0 ? `, sent ${ms(-longest.start)} before the step` : '';
  return `host call ${longest.name}: ${ms(longest.to - longest.from)} of ${ms(step.ms)} (${(longest.bytes / 1024).toFixed(0)} KiB${before})`;
}
const changes = large ? [['filter', large.filter], ['sort', large.sort], ['search', large.search]] : [];
const slowest = changes.reduce((worst, change) => (worst === null || change[1].ms > worst[1].ms ? change : worst), null);
/** Host RSS after each stage (MiB): the stage that added most is the one that holds it. */
const memory = large ? [['open', large.memory.open], ['scroll', large.memory.scroll], ['filter, sort and search', large.memory.change]] : [];
const memoryStage = memory.map(([name, m], k) => ({ name, rss: m.rss, added: m.rss - (k === 0 ? 0 : memory[k - 1][1].rss) })).sort((a, b) => b.added - a.added)[0];
const ingest = host.ingest;

const METRICS = [
  { key: 'first_render_ms_1e5', value: small?.open.ms, unit: 'ms', at: host.sizes.small, most: 500, stage: () => holder(small.open) },
  { key: 'first_render_ms_1e6', value: large?.open.ms, unit: 'ms', at: host.sizes.large, most: 1000, stage: () => holder(large.open) },
  { key: 'first_render_cold_ms_1e6', value: large?.cold?.ms, unit: 'ms', at: host.sizes.large, most: 1000, stage: () => `from a cold disk: ${holder(large.cold)}` },
  {
    key: 'scroll_fps_1e6', value: large?.scroll.fps, unit: 'fps', at: host.sizes.large, least: 50,
    stage: () => `the renderer's frames: p95 ${large.scroll.p95FrameMs.toFixed(1)} ms, longest ${large.scroll.maxFrameMs.toFixed(1)} ms`,
  },
  {
    key: 'scroll_blank_ms_1e6', value: large?.scroll.blankMs, unit: 'ms', at: host.sizes.large, most: 1000,
    stage: () => `the host's windows: ${large.scroll.calls.length} answered during the scroll, the slowest ${ms(Math.max(0, ...large.scroll.calls.map((c) => c.ms)))} (${large.scroll.calls.map((c) => c.name).filter((n, k, all) => all.indexOf(n) === k).join(', ')}); ${large.scroll.rowsSeen} distinct rows painted`,
  },
  { key: 'filter_ms_1e6', value: slowest?.[1].ms, unit: 'ms', at: host.sizes.large, most: 300, stage: () => `${slowest[0]}, ${holder(slowest[1])}` },
  { key: 'sort_ms_1e6', value: large?.sort.ms, unit: 'ms', at: host.sizes.large, most: 300, stage: () => holder(large.sort) },
  { key: 'search_ms_1e6', value: large?.search.ms, unit: 'ms', at: host.sizes.large, most: 300, stage: () => holder(large.search) },
  {
    key: 'early_filter_first_ms_1e6', value: large?.early?.first.ms, unit: 'ms', at: host.sizes.large, most: 1000,
    stage: () => `${large.early.first.partial ? `partial over ${large.early.first.partial.read} of ${large.early.first.partial.total} samples` : 'the whole table'}, ${holder(large.early.first)}`,
  },
  { key: 'early_filter_final_ms_1e6', value: large?.early?.final.ms, unit: 'ms', at: host.sizes.large, stage: () => holder(large.early.final) },
  { key: 'host_rss_mib_1e6', value: large?.memory.change.rss, unit: 'MiB', at: host.sizes.large, most: 400, stage: () => `host process after ${memoryStage.name}: +${memoryStage.added.toFixed(0)} MiB there (peak ${large.memory.change.peak.toFixed(0)} MiB)` },
  {
    key: 'renderer_stall_ms_1e6', value: large ? Math.max(large.stall.open, large.stall.scroll, large.stall.change) : undefined, unit: 'ms', at: host.sizes.large, most: 1000,
    stage: () => `the renderer's longest task: open ${ms(large.stall.open)}, scroll ${ms(large.stall.scroll)}, filter/sort/search ${ms(large.stall.change)}`,
  },
  { key: 'renderer_heap_mib_1e6', value: large?.heapMiB, unit: 'MiB', at: host.sizes.large },
  {
    key: 'ingest_samples_per_s', value: ingest?.samplesPerS, unit: 'samples/s', at: host.sizes.large, least: 20000,
    stage: () => `recording scores (recordBatch): ${Math.round(ingest.samplesPerS)} samples/s; registering the listing: ${Math.round(ingest.listingPerS)} samples/s`,
  },
  { key: 'report_s_1e6', value: host.report.seconds ?? undefined, unit: 's', at: host.sizes.large, most: 15, stage: () => `uad report on ${host.sizes.large} scores` },
  {
    key: 'evaluation_open_ms_1e6', value: large?.evaluation?.evaluationMs, unit: 'ms', at: host.sizes.large,
    stage: () => `host calls: ${large.evaluation.calls.map((c) => `${c.name} ${ms(c.ms)}`).join(', ')}`,
  },
  { key: 'evaluation_report_export_s_1e6', value: large?.evaluation ? large.evaluation.exportMs / 1000 : undefined, unit: 's', at: host.sizes.large, most: 15, stage: () => 'the report on the metrics workers (bootstrap intervals included)' },
  { key: 'evaluation_metrics_csv_s_1e6', value: large?.evaluation?.metricsExportMs !== undefined ? large.evaluation.metricsExportMs / 1000 : undefined, unit: 's', at: host.sizes.large, most: 15, stage: () => 'the metrics on the metrics workers' },
  {
    key: 'evaluation_stall_ms_1e6', value: large?.evaluation ? Math.max(large.evaluation.stall.evaluation, large.evaluation.stall.export, large.evaluation.stall.metricsExport ?? 0) : undefined, unit: 'ms', at: host.sizes.large, most: 1000,
    stage: () => `the renderer's longest task: Evaluation tab ${ms(large.evaluation.stall.evaluation)}, report export ${ms(large.evaluation.stall.export)}, metrics CSV ${ms(large.evaluation.stall.metricsExport ?? 0)}`,
  },
];
const rows = METRICS.map((m) => {
  const measured = Number.isFinite(m.value);
  const target = m.most !== undefined ? `≤ ${m.most}` : m.least !== undefined ? `≥ ${m.least}` : '';
  const met = !measured || target === '' ? null : m.most !== undefined ? m.value <= m.most : m.value >= m.least;
  return { ...m, measured, target, met, holder: met === false ? m.stage() : null };
});

const reasons = {};
if (!ingest) reasons.ingest_samples_per_s = 'workspaces reused from the cache: delete .cache/bench-scale to measure ingest';
if (host.report.seconds === null) reasons.report_s_1e6 = host.report.reason;
if (large?.cold?.skipped) reasons.first_render_cold_ms_1e6 = large.cold.skipped;
if (browserRun.status !== 0) for (const r of rows) if (!r.measured && !reasons[r.key]) reasons[r.key] = 'the browser part did not finish (see its output)';
const machine = machineOf(chromium, loadBefore);
const result = {
  sizes: host.sizes,
  ...Object.fromEntries(rows.map((r) => [r.key, r.measured ? +r.value.toFixed(r.value >= 100 ? 0 : 2) : null])),
  listing_ingest_samples_per_s: ingest ? Math.round(ingest.listingPerS) : null,
  target: Object.fromEntries(rows.filter((r) => r.target).map((r) => [r.key, r.target])),
  met: Object.fromEntries(rows.filter((r) => r.met !== null).map((r) => [r.key, r.met])),
  stage: Object.fromEntries(rows.filter((r) => r.holder).map((r) => [r.key, r.holder])),
  reason: reasons,
  detail: { host, browser },
  machine,
  load: { before: machine.loadAverageBefore, after: machine.loadAverageAfter },
  startedAt: started.toISOString(),
  complete: browserRun.status === 0,
};
writeFileSync(path.join(results, 'scale.json.tmp'), `${JSON.stringify(result, null, 2)}\n`);
renameSync(path.join(results, 'scale.json.tmp'), path.join(results, 'scale.json'));

const format = (v) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(1));
console.log(`\nScale benchmark, ${started.toISOString()}: sizes ${host.sizes.small} and ${host.sizes.large}; ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, ${machine.chromium}, load ${machine.loadAverageBefore.join(' ')} → ${machine.loadAverageAfter.join(' ')}`);
console.log(markdownTable([
  ['metric', 'samples', 'measured', 'target', '', 'stage that holds it'],
  ...rows.map((r) => [r.key, r.at.toLocaleString('en-US'), r.measured ? `${format(r.value)} ${r.unit}` : `n/a${reasons[r.key] ? ` (${reasons[r.key]})` : ''}`, r.target, r.met === null ? '' : r.met ? 'PASS' : 'MISS', r.holder ?? '']),
]));
console.log(`\nwritten: ${path.relative(root, path.join(results, 'scale.json'))}`);
if (browserRun.status !== 0) {
  console.error('bench:scale: the browser part did not finish (see above); the table holds what was measured.');
  process.exit(1);
}
