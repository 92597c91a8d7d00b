// e2e (browser mode, chromium): a 100,000-sample workspace opens into the virtualised grid — the count is
// whole, only a window of rows is in the DOM, and scrolling reaches the last sample. Speed: npm run bench:ui.
import { expect, test } from './support/browser-host';
import { demoModel } from './support/demo';
import { makeLargeWorkspace } from './support/large-workspace';

const SAMPLES = 100_000;

test('100,000 samples: the grid holds them all and reaches the last one', async ({ page, host }) => {
  test.setTimeout(300_000);
  const workspace = await makeLargeWorkspace(SAMPLES, demoModel());
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
