// e2e (browser mode, chromium): a 100,000-sample workspace opens into the virtualised grid — the count is
// whole, only a window of rows is in the DOM, and scrolling reaches the last sample; a filter made as soon as the
// first row is painted ends at the whole table's count, any partial answer before it said so plainly. Speed:
// npm run bench:ui and bench:scale.
import { expect, test } from './support/browser-host';
import { demoModel } from './support/demo';
import { makeLargeWorkspace } from './support/large-workspace';

const SAMPLES = 100_000;
/** The label filter's count: every species but bona fide is an attack (support/large-workspace.ts), 7 of every 8. */
const ATTACKS = SAMPLES - SAMPLES / 8;

let made: Promise<string> | null = null;
/** The workspace, made once for the tests here. */
const largeWorkspace = (): Promise<string> => (made ??= makeLargeWorkspace(SAMPLES, demoModel()));

test('100,000 samples: the grid holds them all and reaches the last one', async ({ page, host }) => {
  test.setTimeout(300_000);
  const workspace = await largeWorkspace();
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(SAMPLES), { timeout: 120_000 });
  const rows = page.getByTestId('sample-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(500); // virtualised: a window of rows, not 100,000 nodes

  // Scroll step by step to the end: the rows painted on the way are distinct samples, the last one is there.
  const seen = await page.evaluate(async () => {
    const body = document.querySelector<HTMLElement>('.sample-body')!;
    const ids = new Set<string>();
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let k = 0; k < 60; k++) {
      body.scrollTop += 2400;
      await frame();
      document.querySelectorAll('[data-testid="sample-row"]').forEach((r) => ids.add(r.getAttribute('data-sample-id')!));
    }
    return ids.size;
  });
  expect(seen).toBeGreaterThan(1000);
  // End selects the last row and scrolls it into view, 100,000 rows down.
  await page.getByTestId('sample-grid').focus();
  await page.keyboard.press('End');
  const last = page.locator('[data-testid="sample-row"][aria-selected="true"]');
  await expect(last).toBeVisible();
  expect(await last.evaluate((row) => (row as HTMLElement).offsetTop)).toBeGreaterThan(0);
  expect(await page.locator('.sample-body').evaluate((b) => b.scrollTop + b.clientHeight >= b.scrollHeight - 64)).toBe(true);
});

test('100,000 samples: a filter made at once is answered, partly while the host reads, then over every sample', async ({ page, host }) => {
  test.setTimeout(300_000);
  const workspace = await largeWorkspace();
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  // Every status the page shows is kept, however briefly it stays.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __statuses: string[] }).__statuses = seen;
    new MutationObserver(() => document.querySelectorAll('[data-testid="reading-status"]').forEach((s) => seen.push(s.textContent ?? ''))).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('sample-row').first()).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('filter-label').selectOption('attack');
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(ATTACKS), { timeout: 120_000 });
  await expect(page.getByTestId('reading-status')).toHaveCount(0);
  const statuses = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
  for (const status of statuses) expect(status).toMatch(/^Filtering the first [\d\u202f]+ of 100\u202f000 samples — reading the rest…$/);
  await expect(page.getByTestId('sample-row').first()).toHaveAttribute('data-sample-id', /\d+/);
});
