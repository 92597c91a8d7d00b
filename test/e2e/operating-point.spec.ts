// e2e (browser mode, chromium): one operating point everywhere. τ is moved from every control that can
// move it (browser τ field, slider, numeric entry, curve click, criterion, saved threshold, case form),
// then read on every other tab; each readout equals `uad metrics --json` at that τ on the same split.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/browser-host';
import { scoredDemoWorkspace } from './support/demo';
import { cliMetrics, exportScores, percentText, type CliMetrics } from './support/uad-cli';
import { formatThreshold } from '../../common/format/figures';

let workspace: string;
let testCsv: string;
let devCsv: string;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  workspace = scoredDemoWorkspace();
  testCsv = exportScores(workspace, path.join(workspace, 'test-scores.csv'), 'test');
  devCsv = exportScores(workspace, path.join(workspace, 'dev-scores.csv'), 'dev');
});

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** The store's threshold, exactly (the slider carries it unrounded). */
async function viewThreshold(page: Page): Promise<number> {
  await page.getByTestId('tab-evaluation').click();
  return Number(await page.getByTestId('threshold-slider').getAttribute('data-threshold'));
}

/** Evaluation tab: the τ, the criterion and the rates panel. */
async function expectPanelAt(page: Page, cli: CliMetrics, criterion: string): Promise<void> {
  await page.getByTestId('tab-evaluation').click();
  await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('threshold-slider')).toHaveAttribute('data-threshold', String(cli.threshold));
  await expect(page.getByTestId('metrics-panel')).toHaveAttribute('data-threshold', String(cli.threshold));
  await expect(page.getByTestId('metrics-threshold')).toHaveText(formatThreshold(cli.threshold));
  await expect(page.getByTestId('metric-apcer-max')).toHaveText(percentText(cli.apcer_max));
  await expect(page.getByTestId('metric-apcer-pooled')).toHaveText(percentText(cli.apcer_pooled));
  await expect(page.getByTestId('metric-bpcer')).toHaveText(percentText(cli.bpcer));
  await expect(page.getByTestId('metric-acer')).toHaveText(percentText(cli.acer));
  await expect(page.getByTestId('metric-hter')).toHaveText(percentText(cli.hter));
  await expect(page.getByTestId('metric-acc')).toHaveText(percentText(cli.acc));
  await expect(page.getByTestId('criterion-select')).toHaveValue(criterion);
}

/** Evaluation tab: the rates panel, both curve markers and the confusion cells. */
async function expectEvaluationAt(page: Page, cli: CliMetrics, criterion: string): Promise<void> {
  await expectPanelAt(page, cli, criterion);
  for (const chart of ['roc-chart', 'det-chart']) {
    const marker = page.getByTestId(chart).locator('[data-testid="operating-marker"][data-primary="true"]');
    await expect(marker).toHaveAttribute('data-threshold', String(cli.threshold));
    await expect(marker).toHaveAttribute('data-bpcer', String(cli.bpcer));
    await expect(marker).toHaveAttribute('data-apcer-pooled', String(cli.apcer_pooled));
  }
  const cells = page.getByTestId('confusion-cell');
  const expected = cli.confusion.rows.flatMap((row, r) => [[row, 'bona-fide', cli.confusion.called_bona_fide[r]], [row, 'attack', cli.confusion.called_attack[r]]]);
  await expect.poll(() => cells.evaluateAll((buttons) => buttons.map((b) => [b.getAttribute('data-row'), b.getAttribute('data-decision'), Number(b.textContent)]))).toEqual(expected);
}

/** Samples tab: the decision column, counted through the browser's filters on the evaluated split. */
async function expectBrowserAt(page: Page, cli: CliMetrics): Promise<void> {
  await page.getByTestId('tab-samples').click();
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByTestId('browser-threshold')).toHaveValue(String(Number(cli.threshold.toFixed(4))));
  await page.getByTestId('filter-split').selectOption('test');
  // The split lists every sample: those decided and those outside the model's domain (inconclusive).
  const outside = cli.out_of_domain?.decided_by_score === false ? cli.out_of_domain.samples : 0;
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(cli.counts.samples + outside));
  await page.getByTestId('filter-decision').selectOption('inconclusive');
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(outside));
  await page.getByTestId('filter-decision').selectOption('attack');
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(sum(cli.confusion.called_attack)));
  await page.getByTestId('filter-label').selectOption('bona-fide');
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(cli.confusion.called_attack[0]));
  // Every bona fide sample listed as called attack reads so in its decision cell.
  for (const text of await page.getByTestId('sample-row').allInnerTexts()) expect(text).toContain('attack (FR)');
  await page.getByTestId('filter-label').selectOption('attack');
  await page.getByTestId('filter-decision').selectOption('bona-fide');
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(sum(cli.confusion.called_bona_fide.slice(1))));
  for (const text of await page.getByTestId('sample-row').allInnerTexts()) expect(text).toContain('bona fide (FA)');
  await page.getByRole('button', { name: 'Clear' }).click();
}

/** Case tab: the operating point the case file would record. */
async function expectCaseAt(page: Page, cli: CliMetrics, criterion: string): Promise<void> {
  await page.getByTestId('tab-case').click();
  const point = page.getByTestId('case-operating-point');
  await expect(point).toHaveAttribute('data-threshold', String(cli.threshold));
  await expect(point).toContainText(`τ = ${formatThreshold(cli.threshold)}`);
  await expect(point).toContainText(criterion);
}

/** Every readout on every tab equals the CLI at `threshold` on the test split. */
async function expectEverywhere(page: Page, cli: CliMetrics, criterion = 'fixed'): Promise<void> {
  await expectEvaluationAt(page, cli, criterion);
  await expectBrowserAt(page, cli);
  await expectCaseAt(page, cli, criterion);
}

const atThreshold = (threshold: number): CliMetrics => cliMetrics(['--scores', testCsv, '--threshold', String(threshold)]);

test('τ moved from each control is the τ of every view, with the CLI rates there', async ({ page, host }) => {
  test.setTimeout(300_000);
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', '360');
  await page.getByTestId('tab-evaluation').click();
  await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('eval-split')).toHaveValue('test');
  await expect(page.getByTestId('criterion-split')).toHaveValue('dev');

  // A criterion first, so that later hand-set thresholds must reset it to 'fixed'.
  await page.getByTestId('criterion-select').selectOption('bpcer100');
  const chosen = cliMetrics(['--scores', testCsv, '--dev', devCsv, '--criterion', 'bpcer100']);
  await expectPanelAt(page, chosen, 'bpcer100');

  // Browser τ field (Samples tab).
  await page.getByTestId('tab-samples').click();
  await page.getByTestId('browser-threshold').fill('0.3');
  await expectEverywhere(page, atThreshold(0.3));

  // Slider (Evaluation tab).
  await page.getByTestId('tab-evaluation').click();
  await page.getByTestId('threshold-slider').fill('0.7');
  await expectEverywhere(page, atThreshold(await viewThreshold(page)));

  // Numeric entry (Evaluation tab).
  await page.getByTestId('tab-evaluation').click();
  await page.getByTestId('threshold-input').fill('0.45');
  await page.getByTestId('threshold-input').press('Enter');
  await expectEverywhere(page, atThreshold(0.45));

  // Save this operating point, to use it again below.
  await page.getByTestId('tab-evaluation').click();
  await page.getByTestId('threshold-save').click();
  await expect(page.getByTestId('saved-threshold')).toHaveCount(1);

  // Curve click (ROC, Evaluation tab): the nearest curve vertex's threshold.
  const before = await viewThreshold(page);
  const roc = page.getByTestId('roc-chart').getByTestId('curve-pick');
  const box = (await roc.boundingBox())!;
  await roc.click({ position: { x: box.width * 0.3, y: box.height * 0.5 } });
  await expect.poll(() => viewThreshold(page)).not.toBe(before);
  await expectEverywhere(page, atThreshold(await viewThreshold(page)));

  // Saved threshold (Evaluation tab): back to 0.45, with the saved provenance.
  await page.getByTestId('tab-evaluation').click();
  await page.getByTestId('saved-threshold').first().getByRole('button', { name: 'Use' }).click();
  await expectEverywhere(page, atThreshold(0.45));

  // Criterion again, then the case form's τ entry (Case tab) resets it.
  await page.getByTestId('tab-evaluation').click();
  await page.getByTestId('criterion-select').selectOption('bpcer100');
  await expectEverywhere(page, chosen, 'bpcer100');
  await page.getByTestId('tab-case').click();
  await page.getByTestId('case-threshold').fill('0.55');
  await page.getByTestId('case-threshold').press('Enter');
  await expectEverywhere(page, atThreshold(0.55));
});
