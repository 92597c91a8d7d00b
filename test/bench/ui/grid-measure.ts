// The sample grid's measurements for the UI benchmarks (browser mode, chromium): a workspace opened from its path
// to the first painted row, a filter, sort or search to the first painted row of its answer (and, made before the
// host has read the whole table, to its final rows), the grid scrolled
// continuously with its frames counted (frame-counter.ts), the host calls made meanwhile, the renderer's JS heap.
// Shared by grid.bench.ts and scale.bench.ts.
import { expect, type Page } from '@playwright/test';
import type { RunningHost } from '../../e2e/support/browser-host';
import { startCounting, stopCounting, type FrameStats } from './frame-counter';

/**
 * One host call seen by the page: the method (`samples/query`), when it was sent and answered (ms from the step's
 * start), its time and the bytes it returned. A call still on its way is not seen.
 */
export interface ApiCall { name: string; start: number; end: number; ms: number; bytes: number }

/** What the grid shows: its row count and the first painted row's sample id (null while none is painted). */
export interface GridState { count: number; firstId: string | null }

/** A timed step: ms from the action to the first painted row of its answer, and the host calls in between. */
export interface TimedStep { ms: number; calls: ApiCall[] }

/** Clears the page's resource timings and returns its clock, the origin of a timed step. */
const mark = (page: Page): Promise<number> => page.evaluate(() => { performance.clearResourceTimings(); return performance.now(); });

/** The host calls answered since the last mark, `origin` its clock. */
export function apiCalls(page: Page, origin: number): Promise<ApiCall[]> {
  return page.evaluate((origin) => performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/api/call/'))
    .map((e) => ({
      name: new URL(e.name).pathname.replace('/api/call/', ''), start: e.startTime - origin, end: (e as PerformanceResourceTiming).responseEnd - origin,
      ms: e.duration, bytes: (e as PerformanceResourceTiming).encodedBodySize,
    })), origin);
}

export function gridState(page: Page): Promise<GridState> {
  return page.evaluate(() => ({
    count: Number(document.querySelector('[data-testid="sample-grid"]')?.getAttribute('data-count') ?? 0),
    firstId: document.querySelector('[data-testid="sample-row"]')?.getAttribute('data-sample-id') ?? null,
  }));
}

/** Loads the app, opens `workspace` from the path field and times the click to the first painted row of its `samples` rows. */
export async function openToFirstRow(page: Page, host: RunningHost, workspace: string, samples: number): Promise<TimedStep> {
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(workspace);
  const started = await mark(page);
  await page.getByTestId('workspace-open').click();
  await page.waitForFunction((n) => {
    const grid = document.querySelector('[data-testid="sample-grid"]');
    return grid?.getAttribute('data-count') === String(n) && document.querySelectorAll('[data-testid="sample-row"]').length > 0;
  }, samples, { timeout: 600_000, polling: 'raf' });
  const ms = (await page.evaluate(() => performance.now())) - started;
  return { ms, calls: await apiCalls(page, started) };
}

/** Waits for rows painted whose count or first row differs from `before` (the answer to a change). */
function untilNewAnswer(page: Page, before: GridState): Promise<unknown> {
  return page.waitForFunction(({ count, firstId }) => {
    const shownCount = document.querySelector('[data-testid="sample-grid"]')?.getAttribute('data-count');
    const first = document.querySelector('[data-testid="sample-row"]')?.getAttribute('data-sample-id');
    return first !== undefined && (shownCount !== String(count) || first !== firstId);
  }, before, { timeout: 600_000, polling: 'raf' });
}

/**
 * Runs `act` (a filter, sort or search made in the UI) and times it to the first painted row of the new answer:
 * rows painted whose count or first row differs from what was shown before. `act` must change one of them.
 */
export async function changeToFirstRow(page: Page, act: () => Promise<unknown>): Promise<TimedStep & { after: GridState }> {
  const before = await gridState(page);
  const started = await mark(page);
  await act();
  await untilNewAnswer(page, before);
  const ms = (await page.evaluate(() => performance.now())) - started;
  return { ms, calls: await apiCalls(page, started), after: await gridState(page) };
}

/**
 * Runs `act` (a filter made as soon as the workspace's first row is painted) and times it, from the action, to the
 * first painted row of its answer (`first`: a partial one while the host still reads the table, with the part it
 * covered) and to the final rows (`final`: painted with no partial status left).
 */
export async function changeToFinalRows(page: Page, act: () => Promise<unknown>): Promise<{
  first: TimedStep & { after: GridState; partial: { read: number; total: number } | null }; final: TimedStep & { after: GridState };
}> {
  const before = await gridState(page);
  const started = await mark(page);
  await act();
  await untilNewAnswer(page, before);
  const firstMs = (await page.evaluate(() => performance.now())) - started;
  const firstCalls = await apiCalls(page, started);
  const partial = await page.evaluate(() => {
    const status = document.querySelector('[data-testid="reading-status"]');
    return status ? { read: Number(status.getAttribute('data-read')), total: Number(status.getAttribute('data-total')) } : null;
  });
  const firstState = await gridState(page);
  await page.waitForFunction(() => document.querySelector('[data-testid="reading-status"]') === null && document.querySelector('[data-testid="sample-row"]') !== null,
    undefined, { timeout: 600_000, polling: 'raf' });
  const finalMs = (await page.evaluate(() => performance.now())) - started;
  return {
    first: { ms: firstMs, calls: firstCalls, after: firstState, partial },
    final: { ms: finalMs, calls: await apiCalls(page, started), after: await gridState(page) },
  };
}

/**
 * The grid scrolled down by `stepPx` every animation frame for `ms`: its frames, how many distinct rows were painted,
 * and the longest time rows in view stayed unpainted (their window not yet answered), the stall a user sees.
 */
export async function scrollGrid(page: Page, ms: number, stepPx = 240): Promise<FrameStats & { rowsSeen: number; blankMs: number; calls: ApiCall[] }> {
  const origin = await mark(page);
  await startCounting(page);
  const seen = await page.evaluate(async ({ ms, stepPx }) => {
    const body = document.querySelector<HTMLElement>('.sample-body')!;
    const rows = new Set<string>();
    let blankSince: number | null = null;
    let blankMs = 0;
    const start = performance.now();
    await new Promise<void>((resolve) => {
      const step = (now: number) => {
        const top = body.scrollTop;
        const bottom = top + body.clientHeight;
        const blank = [...body.querySelectorAll<HTMLElement>('.sample-row.pending')].some((r) => r.offsetTop < bottom && r.offsetTop + r.offsetHeight > top);
        if (blank && blankSince === null) blankSince = now;
        if (!blank && blankSince !== null) { blankMs = Math.max(blankMs, now - blankSince); blankSince = null; }
        document.querySelectorAll('[data-testid="sample-row"]').forEach((r) => rows.add(r.getAttribute('data-sample-id')!));
        body.scrollTop += stepPx;
        if (now - start < ms) requestAnimationFrame(step);
        else {
          if (blankSince !== null) blankMs = Math.max(blankMs, now - blankSince);
          resolve();
        }
      };
      requestAnimationFrame(step);
    });
    return { rowsSeen: rows.size, blankMs };
  }, { ms, stepPx });
  const frames = await stopCounting(page);
  return { ...frames, ...seen, calls: await apiCalls(page, origin) };
}

/** The renderer's used JS heap now, in MiB (chromium's DevTools protocol). */
export async function rendererHeapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 2 ** 20;
}

/** From the next page load on, the page keeps the renderer's long tasks (main thread busy over 50 ms). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
    new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest renderer task (ms) since the last call, or since the page loaded; 0 when none took over 50 ms. */
export function longestTask(page: Page): Promise<number> {
  return page.evaluate(() => {
    const tasks = (window as unknown as { __longTasks: number[] }).__longTasks;
    const longest = Math.max(0, ...tasks);
    tasks.length = 0;
    return longest;
  });
}
