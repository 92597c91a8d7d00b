// UI part of `npm run bench:scale` (browser mode, chromium): each cached workspace scripts/bench-scale.mjs names
// (UAD_SCALE_WORKSPACES) opened to its first painted row; the largest also scrolled continuously, then filtered,
// sorted and searched to the first painted row of each answer, with the host's resident memory and the renderer's
// JS heap after it all, the host's resident memory after each stage and the renderer's longest task in each; then
// the largest opened afresh and filtered at once after its first painted row, before the host has read its whole
// table: to the first painted (partial) row and to the final rows; then its Evaluation tab opened, the evaluation
// report exported and the metrics downloaded as CSV, with the renderer's longest task in each; last, the largest opened from a cold disk (the OS's page
// cache dropped first, where this user may: root on Linux). Writes its figures to UAD_SCALE_OUT; skipped when
// `npm run bench:ui` runs the folder.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test } from '../../e2e/support/browser-host';
import { apiCalls, changeToFinalRows, changeToFirstRow, longestTask, openToFirstRow, rendererHeapMiB, scrollGrid, watchLongTasks } from './grid-measure';
import { processMemoryMiB } from './record';

const workspaces = JSON.parse(process.env['UAD_SCALE_WORKSPACES'] ?? '[]') as { samples: number; dir: string }[];
const out = process.env['UAD_SCALE_OUT'] ?? '';
const largest = Math.max(0, ...workspaces.map((w) => w.samples));
const SCROLL_MS = 4000;
const figures: Record<string, unknown>[] = [];

test.skip(workspaces.length === 0 || out === '', 'run by npm run bench:scale, which builds the workspaces');
test.describe.configure({ mode: 'serial' });
test.afterAll(() => { if (out) writeFileSync(out, `${JSON.stringify(figures, null, 2)}\n`); });

for (const { samples, dir } of workspaces) {
  test(`${samples} samples: open${samples === largest ? ', scroll, filter, sort, search, memory' : ''}`, async ({ page, host }) => {
    await watchLongTasks(page);
    const open = await openToFirstRow(page, host, dir, samples);
    // The renderer's longest task in each stage: a stall the user would feel.
    const stall = { open: await longestTask(page), scroll: 0, change: 0 };
    if (samples !== largest) {
      figures.push({ samples, open, stall });
      return;
    }
    const hostRss = () => processMemoryMiB(host.process.pid!) ?? { rss: NaN, peak: NaN };
    const memory = { open: hostRss(), scroll: hostRss(), change: hostRss() };
    const rowsAtStart = await page.getByTestId('sample-row').count();
    const scroll = await scrollGrid(page, SCROLL_MS);
    // Correctness only: the virtualised grid painted rows beyond its first screen.
    expect(scroll.rowsSeen).toBeGreaterThan(rowsAtStart);
    memory.scroll = hostRss();
    stall.scroll = await longestTask(page);

    const filter = await changeToFirstRow(page, () => page.getByTestId('filter-label').selectOption('attack'));
    const sort = await changeToFirstRow(page, () => page.getByTestId('sort-key').selectOption('score:desc'));
    const search = await changeToFirstRow(page, () => page.getByTestId('filter-search').fill('subject-000012'));
    // Each answer is a subset of the one before: the label filter keeps 7 of every 8, the search ten subjects' frames of those.
    expect(filter.after.count).toBeLessThan(samples);
    expect(search.after.count).toBeLessThan(filter.after.count);

    memory.change = hostRss();
    stall.change = await longestTask(page);
    const heapMiB = await rendererHeapMiB(page);
    figures.push({ samples, open, scroll, filter, sort, search, heapMiB, memory, stall });
  });
}

test(`${largest} samples: a filter made at once after the first painted row, to its first (partial) and final rows`, async ({ page, host }) => {
  const largestWorkspace = workspaces.find((w) => w.samples === largest);
  test.skip(!largestWorkspace, 'no workspace');
  await openToFirstRow(page, host, largestWorkspace!.dir, largest);
  const early = await changeToFinalRows(page, () => page.getByTestId('filter-label').selectOption('attack'));
  // Correctness only: the final answer keeps fewer than every sample, and at least as many as the partial one.
  expect(early.final.after.count).toBeLessThan(largest);
  expect(early.final.after.count).toBeGreaterThanOrEqual(early.first.after.count);
  const figure = figures.find((f) => f['samples'] === largest);
  if (figure) figure['early'] = early;
  else figures.push({ samples: largest, early });
});

test(`${largest} samples: the Evaluation tab of the workspace's model, its report export and metrics CSV, with the renderer's longest task`, async ({ page, host }, testInfo) => {
  const largestWorkspace = workspaces.find((w) => w.samples === largest);
  test.skip(!largestWorkspace, 'no workspace');
  await watchLongTasks(page);
  await openToFirstRow(page, host, largestWorkspace!.dir, largest);
  await longestTask(page); // from here on
  const origin = await page.evaluate(() => { performance.clearResourceTimings(); return performance.now(); });
  const t0 = Date.now();
  await page.getByTestId('tab-evaluation').click();
  await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true', { timeout: 600_000 });
  const button = page.getByTestId('export-report');
  await expect(button).toBeEnabled({ timeout: 600_000 });
  const evaluationMs = Date.now() - t0;
  const calls = await apiCalls(page, origin);
  const stallEvaluation = await longestTask(page);
  const t1 = Date.now();
  const download = page.waitForEvent('download', { timeout: 600_000 });
  await button.click();
  const saved = await download;
  const exportMs = Date.now() - t1;
  const out = testInfo.outputPath(saved.suggestedFilename());
  await saved.saveAs(out);
  // Correctness only: the download is the evaluation report, at the τ the tab shows.
  const html = readFileSync(out, 'utf8');
  expect(html).toContain('<h1>Evaluation report</h1>');
  expect(html).toContain(`data-key="threshold" data-value="${await page.getByTestId('threshold-slider').inputValue()}"`);
  const stallExport = await longestTask(page);
  // The metrics download (CSV) of the same tab: click → download.
  const t2 = Date.now();
  const metricsDownload = page.waitForEvent('download', { timeout: 600_000 });
  await page.getByTestId('export-metrics-csv').click();
  const metrics = await metricsDownload;
  const metricsExportMs = Date.now() - t2;
  const metricsOut = testInfo.outputPath(metrics.suggestedFilename());
  await metrics.saveAs(metricsOut);
  // Correctness only: a CSV of the metrics, with a header row and rows under it.
  expect(readFileSync(metricsOut, 'utf8').trim().split('\n').length).toBeGreaterThan(1);
  const evaluation = { evaluationMs, calls, exportMs, metricsExportMs, stall: { evaluation: stallEvaluation, export: stallExport, metricsExport: await longestTask(page) } };
  const figure = figures.find((f) => f['samples'] === largest);
  if (figure) figure['evaluation'] = evaluation;
  else figures.push({ samples: largest, evaluation });
});

/** Drops the OS's page cache (written pages synced first); why not, where this user may not. */
function dropPageCache(): string | null {
  spawnSync('sync');
  try {
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return null;
  } catch (err) {
    return `the page cache cannot be dropped here (${(err as NodeJS.ErrnoException).code ?? String(err)}; root on Linux can)`;
  }
}

test(`${largest} samples: opened from a cold disk, to its first painted row`, async ({ page, host }) => {
  const largestWorkspace = workspaces.find((w) => w.samples === largest);
  test.skip(!largestWorkspace, 'no workspace');
  const figure = figures.find((f) => f['samples'] === largest) ?? (figures.push({ samples: largest }), figures[figures.length - 1]!);
  const notDropped = dropPageCache();
  if (notDropped) {
    figure['cold'] = { skipped: notDropped };
    return;
  }
  await watchLongTasks(page);
  const open = await openToFirstRow(page, host, largestWorkspace!.dir, largest);
  figure['cold'] = { ...open, stall: await longestTask(page) };
});
