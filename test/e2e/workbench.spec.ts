// e2e (browser mode, chromium): the analyst's core flow — open a workspace and the demo model, score the
// demo dataset while results stream in, filter to false accepts, inspect a sample, switch layer and
// expert and see the heatmap change, navigate by keyboard. Screenshots of each view are test artefacts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/browser-host';
import { demoList, demoModel } from './support/demo';

const heatmapPixels = (page: Page) => page.getByTestId('routing-heatmap').evaluate((c) => (c as HTMLCanvasElement).toDataURL());
const renderKey = (page: Page) => page.getByTestId('routing-heatmap').getAttribute('data-render-key');

test('score, stream, filter, inspect and navigate', async ({ page, host }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');

  await page.getByTestId('workspace-path').fill(mkdtempSync(path.join(tmpdir(), 'uad-ui-ws-')));
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('notice')).toContainText('Workspace');
  await page.getByTestId('model-path').fill(demoModel());
  await page.getByTestId('model-open').click();
  await expect(page.getByTestId('provider-badge')).toHaveText(/CPU|CUDA|WEBGPU/);

  // Score the demo test list; rows gain scores while the run is still going.
  await page.getByTestId('dataset-path').fill(demoList('p1', 'test'));
  await page.getByTestId('run-start').click();
  const progress = page.getByTestId('run-progress');
  await expect(progress).toHaveAttribute('data-state', 'running');
  await page.waitForFunction(() => {
    const bar = document.querySelector('[data-testid="run-progress"]');
    const done = Number(bar?.getAttribute('data-done'));
    const total = Number(bar?.getAttribute('data-total'));
    const scoredRows = [...document.querySelectorAll('[data-testid="sample-row"] .num')].filter((cell) => /\d\.\d{4}/.test(cell.textContent ?? '')).length;
    return bar?.getAttribute('data-state') === 'running' && done > 0 && done < total && scoredRows > 0;
  }, null, { timeout: 120_000 });
  await page.screenshot({ path: testInfo.outputPath('1-run-streaming.png') });
  await expect(progress).toHaveAttribute('data-state', 'completed', { timeout: 180_000 });
  const total = Number(await progress.getAttribute('data-total'));
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(total));

  // False accepts at a strict threshold: every row left is an attack the model called bona fide.
  await page.getByTestId('browser-threshold').fill('0.99');
  await page.getByTestId('filter-error').selectOption('false-accept');
  const rows = page.getByTestId('sample-row');
  await expect(rows.first()).toBeVisible();
  const count = Number(await page.getByTestId('sample-grid').getAttribute('data-count'));
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(total);
  for (const row of await rows.all()) {
    await expect(row).toContainText('attack');
    await expect(row).toContainText('bona fide (FA)');
  }
  await page.screenshot({ path: testInfo.outputPath('2-false-accepts.png') });

  // Inspect the first false accept with the keyboard.
  await page.getByTestId('sample-grid').focus();
  await page.keyboard.press('ArrowDown');
  const firstId = await rows.first().getAttribute('data-sample-id');
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  const inspector = page.getByTestId('sample-inspector');
  await expect(inspector).toHaveAttribute('data-status', 'ready');
  await expect(inspector).toHaveAttribute('data-sample-id', firstId!);
  await expect(page.getByTestId('inspector-decision')).toHaveText('BONA FIDE');
  await expect(page.getByTestId('routing-legend')).toBeVisible();
  await expect(page.getByTestId('cls-routing')).toBeVisible();
  await expect.poll(() => renderKey(page)).not.toBeNull();
  const before = await heatmapPixels(page);
  await page.screenshot({ path: testInfo.outputPath('3-inspector.png') });

  // The map opens at the last MoE layer; another layer and another expert change the drawn map.
  const keyBefore = await renderKey(page);
  const layerCount = await page.getByTestId('layer-select').locator('option').count();
  expect(layerCount).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('layer-select')).toHaveValue(String(layerCount - 1));
  await page.getByTestId('layer-select').selectOption({ index: 0 });
  await expect.poll(() => renderKey(page)).not.toBe(keyBefore);
  const afterLayer = await heatmapPixels(page);
  expect(afterLayer).not.toBe(before);
  const keyLayer = await renderKey(page);
  await page.getByTestId('expert-select').selectOption('1');
  await expect.poll(() => renderKey(page)).not.toBe(keyLayer);
  expect(await heatmapPixels(page)).not.toBe(afterLayer);
  await page.getByTestId('mode-select').selectOption('argmax');
  await expect(page.getByTestId('routing-legend')).toContainText('expert 0');
  await page.screenshot({ path: testInfo.outputPath('4-inspector-argmax.png') });

  // Keyboard: next sample, help overlay.
  await page.getByTestId('sample-grid').focus();
  await page.keyboard.press('ArrowDown');
  if (count > 1) await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toContainText('inspect the selected sample');
  await page.screenshot({ path: testInfo.outputPath('5-help.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);

  // Grid view: thumbnails of the same filtered rows.
  await page.getByTestId('view-grid').click();
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(count));
  await expect(rows.first().locator('img')).toBeVisible();
  // Every cell in view gets its thumbnail.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="sample-row"]')].every((cell) => cell.querySelector('img')));
  await page.screenshot({ path: testInfo.outputPath('6-grid.png') });
  await page.getByTestId('view-table').click();

  // A second model in slot B: the same sample side by side under both.
  await page.getByTestId('tab-models').click();
  await page.getByTestId('model-b-path').fill(demoModel('softmoe-tiny'));
  await page.getByTestId('model-b-open').click();
  await expect(page.getByTestId('model-card-B')).toContainText('softmax');
  await page.getByTestId('tab-samples').click();
  await page.getByTestId('compare-toggle').check();
  await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('compare-b')).toContainText('softmoe-tiny');
  await expect.poll(() => page.getByTestId('routing-heatmap-b').getAttribute('data-render-key')).not.toBeNull();
  // Each model judged at its own τ, said which: B has no scores or saved τ here, so no decision at A's τ.
  await expect(page.getByTestId('compare-b').getByTestId('score-card')).toHaveAttribute('data-outcome', 'no-threshold');
  await expect(page.getByTestId('compare-b').getByTestId('score-card-threshold')).toContainText('no τ of its own');
  await expect(page.getByTestId('sample-inspector').getByTestId('score-card-threshold').first()).toContainText('the operating point');
  // Both halves fit the pane: nothing in the inspector scrolls sideways at 1280 px.
  expect(await page.getByTestId('sample-inspector').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('7-compare.png') });

  await page.getByTestId('tab-analytics').click();
  await expect(page.getByTestId('usage-matrix')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('8-analytics.png'), fullPage: true });
  await page.getByTestId('tab-models').click();
  await expect(page.getByTestId('model-card-A')).toContainText('SHA-256');
  // Both models' sidecars in one table: the fields they differ on marked, the ones they share not.
  const diff = page.getByTestId('model-diff');
  await expect(diff.locator('[data-testid="model-diff-row"][data-field="moe.weighting"]')).toHaveAttribute('data-differs', 'true');
  await expect(diff.locator('[data-testid="model-diff-row"][data-field="moe.weighting"]')).toContainText('linear');
  await expect(diff.locator('[data-testid="model-diff-row"][data-field="moe.experts"]')).toHaveAttribute('data-differs', 'false');
  await expect(diff.locator('[data-testid="model-diff-row"][data-field="architecture.variant"]')).toHaveAttribute('data-differs', 'true');
  // Every P1 figure of the sidecar is shown (a key the card does not know would read '—').
  await expect(page.getByTestId('model-metrics-A-p1')).toContainText('%');
  await expect(page.getByTestId('model-metrics-A-p1')).not.toContainText('—');
  await page.screenshot({ path: testInfo.outputPath('9-models.png') });
});
