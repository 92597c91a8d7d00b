// e2e (browser mode, chromium): explaining a sample — its nearest neighbours by embedding listed in the
// inspector and used as a grid filter — on a CLI-scored demo workspace with the demo model.
import type { Page } from '@playwright/test';
import { expect, test } from './support/browser-host';
import { demoList, demoModel, scoredDemoWorkspace } from './support/demo';

async function openScoredDemo(page: Page, url: string): Promise<void> {
  const workspace = scoredDemoWorkspace([demoList('p1', 'dev')]);
  await page.goto(url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('notice')).toContainText('Workspace');
  await page.getByTestId('model-path').fill(demoModel());
  await page.getByTestId('model-open').click();
  await expect(page.getByTestId('provider-badge')).toHaveText(/CPU|CUDA|WEBGPU/);
  await expect(page.getByTestId('sample-row').first()).toContainText(/\d\.\d{4}/);
}

async function inspectFirst(page: Page): Promise<string> {
  const row = page.getByTestId('sample-row').first();
  const id = (await row.getAttribute('data-sample-id'))!;
  await row.click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-status', 'ready');
  return id;
}

test('more like this lists the k nearest samples and filters the grid to them', async ({ page, host }) => {
  test.setTimeout(180_000);
  await openScoredDemo(page, host.url);
  const id = await inspectFirst(page);
  const strip = page.getByTestId('more-like-this');
  await page.getByTestId('more-like-this-k').selectOption('5');
  await page.getByTestId('more-like-this-find').click();
  await expect(strip).toHaveAttribute('data-status', 'ready');
  await expect(strip).toHaveAttribute('data-count', '5');
  const neighbours = strip.locator('.neighbour');
  await expect(neighbours).toHaveCount(5);
  const ids = await neighbours.evaluateAll((els) => els.map((e) => e.getAttribute('data-sample-id')));
  expect(ids).not.toContain(id);
  // Similarities are listed best first.
  const sims = (await neighbours.locator('.mono').allTextContents()).map((t) => Number(t.replace('cos ', '')));
  expect([...sims].sort((a, b) => b - a)).toEqual(sims);

  await page.getByTestId('more-like-this-filter').click();
  await expect(page.getByTestId('filter-only')).toHaveAttribute('data-count', '6');
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', '6');
  const shown = await page.getByTestId('sample-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-sample-id')));
  expect(new Set(shown)).toEqual(new Set([id, ...ids]));
  await page.getByTestId('filter-only').getByRole('button').click();
  await expect(page.getByTestId('filter-only')).toHaveCount(0);
});
