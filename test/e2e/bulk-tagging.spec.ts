// e2e (browser mode, chromium): findings in the browser — select three rows with a click and a shift-click,
// tag them in one bulk action, filter the browser by the tag and see exactly those three rows with their
// verdict and tag; the workspace's custody log holds one bulk entry naming the three samples.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDataset } from '../../electron/dataset/open-dataset';
import { custodyEntries } from '../../electron/workspace/custody';
import { Workspace } from '../../electron/workspace/workspace';
import { expect, test } from './support/browser-host';
import { demoList } from './support/demo';

/** A workspace holding the demo dev list as listed (no scores are needed to record findings). */
async function listedWorkspace(): Promise<{ dir: string; samples: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-e2e-bulk-'));
  const listing = await openDataset(demoList('p1', 'dev'));
  if (!listing.ok) throw new Error(listing.error.message);
  const workspace = Workspace.open(dir, 'e2e');
  workspace.ingest(listing.value);
  workspace.close();
  return { dir, samples: listing.value.samples.length };
}

test('shift-click three rows, tag them at once, filter by the tag: three rows and one custody entry', async ({ page, host }) => {
  const { dir, samples } = await listedWorkspace();
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(dir);
  await page.getByTestId('workspace-open').click();
  const grid = page.getByTestId('sample-grid');
  await expect(grid).toHaveAttribute('data-count', String(samples));

  const rows = page.getByTestId('sample-row');
  await rows.nth(1).click();
  await rows.nth(3).click({ modifiers: ['Shift'] });
  const bar = page.getByTestId('selection-bar');
  await expect(bar).toHaveAttribute('data-count', '3');
  const ids = await Promise.all([1, 2, 3].map(async (n) => Number(await rows.nth(n).getAttribute('data-sample-id'))));
  for (const n of [1, 2, 3]) await expect(rows.nth(n)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'false');

  await page.getByTestId('bulk-tags').fill('batch-7');
  await page.getByTestId('bulk-apply').click();
  await expect(page.getByTestId('notice')).toContainText('3 samples tagged batch-7');

  await page.getByTestId('filter-tag').selectOption('batch-7');
  await expect(grid).toHaveAttribute('data-count', '3');
  await expect(rows).toHaveCount(3);
  expect(await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-sample-id'))))).toEqual(ids);
  for (const n of [0, 1, 2]) {
    await expect(rows.nth(n).locator('[data-tags]')).toHaveText('batch-7');
    await expect(rows.nth(n).locator('[data-verdict]')).toHaveText('inconclusive');
  }

  const workspace = Workspace.openExisting(dir, { readOnly: true });
  try {
    const bulk = custodyEntries(workspace, 'annotate').map((e) => JSON.parse(e.detail) as { event?: string; samples?: number[] }).filter((d) => d.event === 'bulk-tag');
    expect(bulk).toHaveLength(1);
    expect(bulk[0]!.samples).toEqual(ids);
  } finally {
    workspace.close();
  }
});
