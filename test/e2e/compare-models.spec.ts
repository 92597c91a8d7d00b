// e2e (browser mode, chromium): two models compared, a third added and closed. The demo test list scored into one
// workspace by both demo models (the CLI), opened as A and B from the project bar's model list; B given its own τ by
// overlaying it in the evaluation; the browser's "A vs B" filters then keep exactly the rows a count from the
// exported scores (each model at its own τ) gives, the inspector's A | B fits its pane, and the Models tab overlays
// both models' curves with each τ on its curve. Screenshots of the project bar and the Models tab, light and dark.
import { expect, test } from './support/browser-host';
import { addModel, decisions, expectedCounts } from './support/compare';
import { demoList, demoModel, scoredDemoWorkspace } from './support/demo';
import { openApp, openWorkspace } from './support/open-app';

test('compare two models, filter where they part, add and close a third', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  const workspace = scoredDemoWorkspace([demoList('p1', 'test')], [demoModel(), demoModel('softmoe-tiny')]);

  await openApp(page, host.url);
  await openWorkspace(page, workspace);
  await expect(page.getByTestId('sample-grid')).not.toHaveAttribute('data-count', '0');
  await addModel(page, demoModel(), 'A');
  await expect(page.getByTestId('model-open')).toHaveText('Add');
  await addModel(page, demoModel('softmoe-tiny'), 'B');
  await expect(page.getByTestId('model-row-A')).toContainText('lasoftmoe-tiny');
  await expect(page.getByTestId('model-row-B')).toContainText('softmoe-tiny');
  await expect(page.getByTestId('model-tau-A')).toHaveText('τ 0.5000');
  await expect(page.getByTestId('model-tau-on-B')).toHaveText('no τ yet');

  // The Models tab loads every listed model's scores: both curves, only A with a τ so far.
  await page.getByTestId('tab-models').click();
  await expect(page.getByTestId('model-curves')).toHaveAttribute('data-series', 'AB', { timeout: 60_000 });
  await expect(page.getByTestId('models-roc').getByTestId('operating-marker')).toHaveCount(1);

  // B's own τ: overlaid in the evaluation, it is decided at its own EER (a fixed τ with nothing saved for it).
  await page.getByTestId('tab-evaluation').click();
  await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true');
  const sourceB = page.locator('[data-testid="eval-source"][data-source="softmoe-tiny"]');
  await expect(sourceB).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await sourceB.getByTestId('eval-compare').check();
  await expect(page.getByTestId('model-row-B')).not.toHaveAttribute('data-threshold', '');
  await expect(page.getByTestId('model-tau-on-B')).toContainText('EER');
  const tauA = Number(await page.getByTestId('model-row-A').getAttribute('data-threshold'));
  const tauB = Number(await page.getByTestId('model-row-B').getAttribute('data-threshold'));
  expect(tauA).toBe(0.5);
  expect(tauB).toBeGreaterThan(0);

  // Each τ a point on its own curve.
  await page.getByTestId('tab-models').click();
  for (const chart of ['models-roc', 'models-det']) {
    const markers = page.getByTestId(chart).getByTestId('operating-marker');
    await expect(markers).toHaveCount(2);
    expect(await markers.evaluateAll((ms) => ms.map((m) => Number(m.getAttribute('data-threshold'))))).toEqual([tauA, tauB]);
  }
  await expect(page.getByTestId('models-roc')).toContainText('A τ 0.5000');

  // The samples those filters keep are the ones a count from the exported scores keeps.
  const shaA = (await page.getByTestId('model-sha-A').textContent())!.trim();
  const shaB = (await page.getByTestId('model-sha-B').textContent())!.trim();
  const expected = expectedCounts(decisions(workspace, shaA.slice(0, 16), tauA), decisions(workspace, shaB.slice(0, 16), tauB));
  expect(expected.disagree).toBeGreaterThan(0);
  expect(expected.disagree).toBe(expected['only-a-wrong']! + expected['only-b-wrong']!);
  await page.getByTestId('tab-samples').click();
  for (const [kind, count] of Object.entries(expected)) {
    await page.getByTestId('filter-disagreement').selectOption(kind);
    await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(count));
  }

  // The inspector's A | B of a sample they disagree on fits the pane.
  await page.getByTestId('filter-disagreement').selectOption('disagree');
  await page.getByTestId('sample-row').first().dblclick();
  await page.getByTestId('compare-toggle').check();
  await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('compare-b')).toContainText('softmoe-tiny');
  await expect(page.getByTestId('compare-b').getByTestId('score-card')).not.toHaveAttribute('data-outcome', 'no-threshold');
  expect(await page.getByTestId('sample-inspector').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('compare-inspector.png') });

  // A third model joins the list in slot C and is closed again; A and B stay.
  await addModel(page, demoModel('dense-tiny'), 'C');
  await expect(page.getByTestId('model-row-C')).toContainText('dense-tiny');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByTestId('tab-models').click();
    await expect(page.getByTestId('model-card-C')).toBeVisible();
    await page.locator('.project-bar').screenshot({ path: testInfo.outputPath(`project-bar-${scheme}.png`) });
    await page.screenshot({ path: testInfo.outputPath(`models-${scheme}.png`) });
  }
  await page.getByTestId('model-remove-C').click();
  await expect(page.getByTestId('model-row-C')).toHaveCount(0);
  await expect(page.getByTestId('model-card-C')).toHaveCount(0);
  await expect(page.getByTestId('model-list').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('model-card-B')).toContainText('softmoe-tiny');
});
