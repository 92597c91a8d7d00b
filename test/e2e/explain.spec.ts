// e2e (browser mode, chromium): explaining a sample — its nearest neighbours by embedding listed in the
// inspector and used as a grid filter; occlusion and perturbation probes run, drawn and exported into a
// case file that `uad verify-case` accepts — on a CLI-scored demo workspace with the demo model.
import type { Page } from '@playwright/test';
import type { CaseFile } from '../../common/cases/case-types';
import { readZipSafely } from '../../electron/cases/zip-reader';
import { expect, test } from './support/browser-host';
import { demoList, scoredDemoWorkspace } from './support/demo';
import { exportCase } from './support/case-export';
import { openApp, openModel, openWorkspace } from './support/open-app';
import { uad } from './support/uad-cli';

async function openScoredDemo(page: Page, url: string): Promise<void> {
  const workspace = scoredDemoWorkspace([demoList('p1', 'dev')]);
  await openApp(page, url);
  await openWorkspace(page, workspace);
  await openModel(page);
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

test('occlusion and perturbation probes render and export into a verifiable case file', async ({ page, host }, testInfo) => {
  test.setTimeout(240_000);
  await openScoredDemo(page, host.url);
  const id = await inspectFirst(page);

  // Occlusion on the coarse 7×7 grid, then on the token grid (14×14 for the demo model).
  await page.getByTestId('occlusion-grid').selectOption('7x7');
  await page.getByTestId('occlusion-run').click();
  await expect(page.getByTestId('occlusion-map')).toHaveAttribute('data-render-key', /^occlusion:7x7:/, { timeout: 60_000 });
  await expect(page.getByTestId('occlusion-routing-beside')).toHaveAttribute('data-render-key', /^beside:/);
  await page.getByTestId('occlusion-grid').selectOption('tokens');
  await expect(page.getByTestId('occlusion-map')).toHaveCount(0);
  await page.getByTestId('occlusion-run').click();
  await expect(page.getByTestId('occlusion-map')).toHaveAttribute('data-render-key', /^occlusion:14x14:/, { timeout: 60_000 });
  // The routing maps' controls drive it too.
  await expect(page.getByTestId('occlusion-map')).toHaveAttribute('data-render-key', /per-image/);
  await page.getByTestId('range-mode').selectOption('fixed');
  await expect(page.getByTestId('occlusion-map')).toHaveAttribute('data-render-key', /fixed/);

  // Perturbation ladders: one row per family, with where the decision flips.
  const probe = page.getByTestId('perturbation-probe');
  await page.getByTestId('perturbation-run').click();
  await expect(probe).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(probe).toHaveAttribute('data-families', '7');
  await expect(page.getByTestId('perturbation-flips').locator('tbody tr')).toHaveCount(7);
  await expect(probe.locator('.recharts-line')).toHaveCount(7);
  await page.getByTestId('occlusion-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('probes-in-inspector.png'), fullPage: true });

  // Saved with the sample: inspecting it again shows them without running anything.
  await page.getByTestId('sample-row').nth(1).click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sample-inspector')).not.toHaveAttribute('data-sample-id', id);
  await expect(probe).toHaveAttribute('data-status', 'idle');
  await page.locator(`[data-testid="sample-row"][data-sample-id="${id}"]`).click();
  await page.keyboard.press('Enter');
  await expect(probe).toHaveAttribute('data-status', 'ready');

  // Export a case holding the sample, then verify it with the CLI.
  await page.getByTestId('annotate-bookmark').click();
  await expect(page.getByTestId('annotate-bookmark')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('tab-case').click();
  await page.getByTestId('case-source-bookmarks').check();
  const { zip } = await exportCase(page, 'Probed sample');
  expect(uad(['verify-case', zip])).toContain('1 sample(s)');
  const read = await readZipSafely(zip);
  if (!read.ok) throw new Error('unreadable case');
  const caseFile = JSON.parse(read.entries.find((e) => e.name === 'case.json')!.data.toString()) as CaseFile;
  const result = caseFile.results.find((r) => String(r.sampleId) === id)!;
  expect(result.probes!.map((p) => p.kind).sort()).toEqual(['occlusion-7x7', 'occlusion-tokens', 'perturbation']);
  expect(result.overlays.filter((o) => o.kind === 'occlusion')).toHaveLength(2);
  expect(result.overlays.filter((o) => o.kind === 'perturbation')).toHaveLength(1);
});

test('the embedding map draws every scored sample, and a lasso or a box on it filters the grid', async ({ page, host }, testInfo) => {
  test.setTimeout(240_000);
  await openScoredDemo(page, host.url);
  const total = Number(await page.getByTestId('sample-grid').getAttribute('data-count'));
  await page.getByTestId('map-toggle').click();
  const map = page.getByTestId('embedding-map');
  await expect(map).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(map).toHaveAttribute('data-points', String(total));
  const canvas = page.getByTestId('embedding-map-canvas');
  const box = (await canvas.boundingBox())!;

  // Lasso around the whole map: every sample is selected.
  await page.getByTestId('map-tool-lasso').click();
  const corners: [number, number][] = [[3, 3], [box.width - 3, 3], [box.width - 3, box.height - 3], [3, box.height - 3], [3, 4]];
  await page.mouse.move(box.x + corners[0]![0], box.y + corners[0]![1]);
  await page.mouse.down();
  for (const [x, y] of corners.slice(1)) await page.mouse.move(box.x + x, box.y + y, { steps: 5 });
  await page.mouse.up();
  await expect(map).toHaveAttribute('data-selected', String(total));
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(total));

  // A box over the left half: some samples, not all; the grid lists exactly those.
  await page.getByTestId('map-tool-box').click();
  await page.mouse.move(box.x + 2, box.y + 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 2, { steps: 5 });
  await page.mouse.up();
  const selected = Number(await map.getAttribute('data-selected'));
  expect(selected).toBeGreaterThan(0);
  expect(selected).toBeLessThan(total);
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(selected));
  await expect(page.getByTestId('filter-only')).toHaveAttribute('data-count', String(selected));

  // Colour by species; inspecting a listed sample highlights it on the map.
  await page.getByTestId('map-colour').selectOption('species');
  await page.getByTestId('sample-row').first().click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-status', 'ready');
  await expect(page.locator('.map-inspected-label')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('embedding-map.png') });

  // Reopening uses the workspace cache.
  await page.getByTestId('map-toggle').click();
  await page.getByTestId('map-toggle').click();
  await expect(map).toHaveAttribute('data-points', String(total));
});
