// `npm run bench:footprint -- --model M.onnx --data DIR [--inspect N] [--batch B]`: opens a model as the app does
// (WorkbenchSession), scores a dataset folder into a fresh workspace, inspects N samples through the samples.detail
// handler, and prints peak RSS of the whole process (VmHWM: main thread, inference worker and decoder) and the
// workspace's bytes per scored sample (file growth and per-table pages). Writes test/bench/results/footprint-<name>.json.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { listFolder } from '../../electron/dataset/folder-loader.js';
import { samplesHandlers } from '../../electron/services/samples-handlers.js';
import { WorkbenchSession } from '../../electron/services/session.js';
import { scoreDataset } from '../../electron/scoring/scoring-run.js';
import type { Workspace } from '../../electron/workspace/workspace.js';
import { checkpoint, pageBytesByTable } from '../../electron/workspace/storage.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({ options: { model: { type: 'string' }, data: { type: 'string' }, inspect: { type: 'string', default: '3' }, batch: { type: 'string', default: '8' } } });

function status(field: string): number {
  const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return line ? Number(line.split(/\s+/)[1]) * 1024 : 0; // kB → bytes
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function main(): Promise<void> {
  if (!args.model || !args.data) throw new Error('usage: npm run bench:footprint -- --model M.onnx --data DIR [--inspect N] [--batch B]');
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-footprint-'));
  const session = new WorkbenchSession();
  const stages: { stage: string; rssPeak: number; rssNow: number; seconds: number }[] = [];
  let t0 = performance.now();
  const mark = (stage: string) => {
    stages.push({ stage, rssPeak: status('VmHWM'), rssNow: status('VmRSS'), seconds: (performance.now() - t0) / 1000 });
    t0 = performance.now();
  };
  try {
    console.log(`load ${loadavg().map((v) => v.toFixed(2)).join(' ')} (1/5/15 min) at start`);
    mark('start');
    session.openWorkspace(dir);
    const info = await session.openModel(path.resolve(args.model), 'A');
    mark('model opened');
    const listing = await listFolder(path.resolve(args.data));
    if (!listing.ok) throw new Error(listing.error.message);
    const workspace = session.requireWorkspace();
    const engine = session.requireEngine('A');
    workspace.ingest(listing.value);
    workspace.registerModel(engine.model);
    const before = fileBytes(workspace);
    const pagesBefore = tablePages(workspace);
    const summary = await scoreDataset({ workspace, listing: listing.value, engine, batchSize: Number(args.batch) });
    mark(`scored ${summary.run.scored}`);
    const after = fileBytes(workspace);
    const pagesAfter = tablePages(workspace);
    const scored = summary.run.scored;
    const handlers = samplesHandlers(session);
    const ids = workspace.scores(summary.run.modelSha256).slice(0, Number(args.inspect)).map((r) => r.sampleId);
    let layersShown = 0;
    let payloadBytes = 0;
    for (const sampleId of ids) {
      const reply = await handlers.detail({ sampleId, slot: 'A' }, { emit: () => undefined } as never);
      if (!reply.ok) throw new Error(reply.error.message);
      layersShown = reply.value.layers.length;
      payloadBytes = JSON.stringify(reply.value).length;
    }
    mark(`inspected ${ids.length}`);
    const perTable = Object.fromEntries(Object.keys(pagesAfter).map((k) => [k, (pagesAfter[k]! - (pagesBefore[k] ?? 0)) / Math.max(1, scored)]));
    const routingPages = Object.entries(perTable).filter(([k]) => k.includes('routing_summaries')).reduce((s, [, v]) => s + v, 0);
    const result = {
      model: info.name, sha256: engine.model.sha256, size_bytes: engine.model.sizeBytes,
      layers: engine.sidecar.moe?.layers.length ?? 0, image_size: engine.sidecar.architecture.image_size,
      scored, failed: summary.run.failed, workspace_growth_bytes_per_sample: (after - before) / Math.max(1, scored),
      pages_bytes_per_sample_by_table: perTable, routing_bytes_per_sample: routingPages,
      inspected: ids.length, layers_shown: layersShown, detail_payload_bytes: payloadBytes,
      peak_rss_bytes: status('VmHWM'), stages, loadavg_end: loadavg(), measured_at: new Date().toISOString(),
    };
    console.log(`model ${info.name} (${(engine.model.sizeBytes / 1e6).toFixed(0)} MB, ${result.layers} MoE layers, ${result.image_size}²)`);
    for (const s of stages) console.log(`  ${s.stage.padEnd(16)} peak RSS ${mib(s.rssPeak).padStart(9)} · RSS now ${mib(s.rssNow).padStart(9)} · ${s.seconds.toFixed(1)} s`);
    console.log(`  workspace: ${(result.workspace_growth_bytes_per_sample / 1024).toFixed(2)} KiB per scored sample (file growth over ${scored} samples); ` +
      `pages per sample by table: ${Object.entries(perTable).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v.toFixed(0)} B`).join(', ')}`);
    console.log(`  inspect: ${layersShown} routing layers recomputed per sample; detail payload ${(payloadBytes / 2 ** 20).toFixed(2)} MiB (not stored)`);
    console.log(`  peak RSS of the process: ${mib(result.peak_rss_bytes)} · load ${loadavg().map((v) => v.toFixed(2)).join(' ')} at end`);
    const out = path.join(HERE, 'results', `footprint-${info.name}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`wrote ${path.relative(path.resolve(HERE, '..', '..'), out)}`);
  } finally {
    await session.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Size of the database file after a WAL checkpoint (so every committed page is in it). */
function fileBytes(workspace: Workspace): number {
  checkpoint(workspace);
  return statSync(workspace.file).size;
}

/** Bytes of SQLite pages per table and index (dbstat). */
function tablePages(workspace: Workspace): Record<string, number> {
  return pageBytesByTable(workspace);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  process.exitCode = 1;
});
