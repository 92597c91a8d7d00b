// UI benchmark (browser mode, chromium): a workspace of 100,000 and of 1,000,000 scored samples —
// workspace open (API call), sample-table transfer, first grid render, scrolling frame rate, memory.
import { expect, test } from '../../e2e/support/browser-host';
import { demoModel } from '../../e2e/support/demo';
import { makeLargeWorkspace } from '../../e2e/support/large-workspace';
import { openToFirstRow, rendererHeapMiB, scrollGrid } from './grid-measure';
import { atLeast, atMost, noTarget, processMemoryMiB, record } from './record';

const RENDER_TARGET_MS: Record<number, number> = { 100_000: 1000, 1_000_000: 2000 };
const SCROLL_TARGET_FPS = 50;

for (const samples of [100_000, 1_000_000]) {
  test(`${samples} samples: open, first grid render, scrolling, memory`, async ({ page, host }) => {
    const builtAt = Date.now();
    const workspace = await makeLargeWorkspace(samples, demoModel());
    const buildSeconds = (Date.now() - builtAt) / 1000;
    const open = await openToFirstRow(page, host, workspace, samples);
    const firstRenderMs = open.ms;
    const openCall = open.calls.find((c) => c.name === 'workspace/open');
    const tableCall = open.calls.filter((c) => c.name.startsWith('samples/')).sort((a, b) => b.bytes - a.bytes)[0];

    const rowsAtStart = await page.getByTestId('sample-row').count();
    const scroll = await scrollGrid(page, 2000);
    // Correctness only (how far it got depends on the frame rate): the virtualised grid painted new rows.
    expect(scroll.rowsSeen).toBeGreaterThan(rowsAtStart);

    const heapMiB = await rendererHeapMiB(page);
    const hostMemory = processMemoryMiB(host.process.pid!);

    record('grid', [
      { metric: 'first grid render (open click → rows painted)', samples, value: firstRenderMs, unit: 'ms', ...atMost(firstRenderMs, RENDER_TARGET_MS[samples]!) },
      { metric: 'workspace open (API call)', samples, value: openCall?.ms ?? NaN, unit: 'ms', ...noTarget },
      { metric: 'sample table transfer (API call)', samples, value: tableCall?.ms ?? NaN, unit: 'ms', ...noTarget, note: `${((tableCall?.bytes ?? NaN) / 2 ** 20).toFixed(1)} MiB as sent` },
      { metric: 'grid scrolling', samples, value: scroll.fps, unit: 'fps', ...atLeast(scroll.fps, SCROLL_TARGET_FPS), note: `p95 frame ${scroll.p95FrameMs.toFixed(1)} ms, ${scroll.rowsSeen} distinct rows painted` },
      { metric: 'renderer JS heap after render', samples, value: heapMiB, unit: 'MiB', ...noTarget },
      { metric: 'host process resident memory (peak)', samples, value: hostMemory?.peak ?? NaN, unit: 'MiB', ...noTarget, note: hostMemory ? `now ${hostMemory.rss.toFixed(0)} MiB` : 'no /proc' },
      { metric: 'synthetic workspace build (not a UI figure)', samples, value: buildSeconds, unit: 's', ...noTarget },
    ]);
  });
}
