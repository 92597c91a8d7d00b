// e2e (browser mode, chromium): routing specialisation in Expert analytics — two demo models scored into one
// workspace by the CLI, opened as A and B; the NMI table lists both models' MoE layers with the permutation
// baseline, the share tables are coloured by lift, and the usage matrix carries its lift over uniform.
import { expect, test } from './support/browser-host';
import { demoList, demoModel, scoredDemoWorkspace } from './support/demo';
import { openApp, openModel, openWorkspace } from './support/open-app';

test('specialisation NMI for two compared models', async ({ page, host }, testInfo) => {
  test.setTimeout(240_000);
  const workspace = scoredDemoWorkspace([demoList('p1', 'test')], [demoModel(), demoModel('softmoe-tiny')]);

  await openApp(page, host.url);
  await openWorkspace(page, workspace);
  await openModel(page);
  await page.getByTestId('tab-models').click();
  await page.getByTestId('model-b-path').fill(demoModel('softmoe-tiny'));
  await page.getByTestId('model-b-open').click();
  await expect(page.getByTestId('model-card-B')).toContainText('softmoe-tiny');

  await page.getByTestId('tab-analytics').click();
  const panel = page.getByTestId('specialisation-nmi');
  await expect(panel).toHaveAttribute('data-models', '2');
  for (const slot of ['A', 'B']) {
    for (const layer of [0, 1]) {
      const row = page.getByTestId(`specialisation-row-${slot}-${layer}`);
      await expect(row).toContainText(slot === 'A' ? 'lasoftmoe-tiny' : 'softmoe-tiny');
      const nmis = await row.locator('[data-nmi]').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-nmi'))));
      expect(nmis).toHaveLength(2); // species and class
      for (const nmi of nmis) {
        expect(nmi).toBeGreaterThanOrEqual(0);
        expect(nmi).toBeLessThanOrEqual(1);
      }
    }
    await expect(page.getByTestId(`specialisation-shares-${slot}`)).toContainText('×');
  }
  // Usage matrix: every cell shows its lift over uniform; a row's lifts average to 1 (its masses sum to 1).
  const lifts = await page.getByTestId('usage-matrix').locator('tbody tr:has([data-lift])').first().locator('[data-lift]')
    .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-lift'))));
  expect(lifts).toHaveLength(4);
  expect(lifts.reduce((a, b) => a + b, 0) / lifts.length).toBeCloseTo(1, 2);
  await page.screenshot({ path: testInfo.outputPath('specialisation.png'), fullPage: true });
});
