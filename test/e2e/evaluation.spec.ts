// e2e (browser mode, chromium): the evaluation view over a CLI-scored workspace. Its numbers equal
// `uad metrics` on `uad export-scores` of the same run; BPCER100 chosen on dev; jump to the false accepts;
// curve clicks, linked confusion cells, comparison overlay and exports.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/browser-host';
import { scoredDemoWorkspace } from './support/demo';
import { cliMetrics, exportScores, percentText, uad, type CliMetrics } from './support/uad-cli';

test.describe.configure({ mode: 'serial' });

let workspace: string;
let testCsv: string;
let devCsv: string;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  workspace = scoredDemoWorkspace();
  testCsv = exportScores(workspace, path.join(workspace, 'test-scores.csv'), 'test');
  devCsv = exportScores(workspace, path.join(workspace, 'dev-scores.csv'), 'dev');
});

async function openEvaluation(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', '360');
  await page.getByTestId('tab-evaluation').click();
  await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true');
}

/** The view's threshold, exactly (the slider carries it unrounded). */
async function viewThreshold(page: Page): Promise<number> {
  return Number(await page.getByTestId('threshold-slider').getAttribute('data-threshold'));
}

/** Waits until the rates shown belong to `threshold`, then checks every number against the CLI's. */
async function expectRatesEqual(page: Page, threshold: number, cli: CliMetrics): Promise<void> {
  await expect(page.getByTestId('metrics-panel')).toHaveAttribute('data-threshold', String(threshold));
  await expect(page.getByTestId('metric-apcer-max')).toHaveText(percentText(cli.apcer_max));
  await expect(page.getByTestId('metric-apcer-pooled')).toHaveText(percentText(cli.apcer_pooled));
  await expect(page.getByTestId('metric-bpcer')).toHaveText(percentText(cli.bpcer));
  await expect(page.getByTestId('metric-acer')).toHaveText(percentText(cli.acer));
  await expect(page.getByTestId('metric-hter')).toHaveText(percentText(cli.hter));
  await expect(page.getByTestId('metric-acc')).toHaveText(percentText(cli.acc));
  await expect(page.getByTestId('metric-auc')).toHaveText(percentText(cli.auc));
  await expect(page.getByTestId('metric-eer')).toHaveText(percentText(cli.eer));
  const cells = page.getByTestId('confusion-cell');
  const shown = await cells.evaluateAll((buttons) => buttons.map((b) => [b.getAttribute('data-row'), b.getAttribute('data-decision'), Number(b.textContent)]));
  const expected = cli.confusion.rows.flatMap((row, r) => [[row, 'bona-fide', cli.confusion.called_bona_fide[r]], [row, 'attack', cli.confusion.called_attack[r]]]);
  expect(shown).toEqual(expected);
}

test('slider, CLI parity at the same threshold, BPCER100 from dev, saved provenance, jump to the false accepts', async ({ page, host }, testInfo) => {
  await openEvaluation(page, host.url);
  await expect(page.getByTestId('eval-split')).toHaveValue('test');
  await expect(page.getByTestId('criterion-split')).toHaveValue('dev');
  await expect(page.getByTestId('roc-chart').locator('.recharts-line')).toHaveCount(1);
  await expect(page.getByTestId('det-chart').locator('.recharts-line')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('evaluation-overview.png') });

  // Move the slider to the median of the test scores that leave the slider room on both sides (a confident
  // model puts most attack scores in the top slider step): the numbers change, and equal the CLI's there.
  const scores = readFileSync(testCsv, 'utf8').trim().split('\n').slice(1).map((line) => Number(line.split(',')[1]))
    .filter((score) => score > 0.01 && score < 0.99).sort((a, b) => a - b);
  expect(scores.length).toBeGreaterThan(10);
  const bpcerBefore = await page.getByTestId('metric-bpcer').textContent();
  const slider = page.getByTestId('threshold-slider');
  await slider.fill(String(scores[Math.floor(scores.length / 2)]));
  await expect(page.getByTestId('metric-bpcer')).not.toHaveText(bpcerBefore ?? '');
  const moved = await viewThreshold(page);
  await expectRatesEqual(page, moved, cliMetrics(['--scores', testCsv, '--threshold', String(moved)]));
  await expect(page.getByTestId('criterion-select')).toHaveValue('fixed');
  // Keyboard: one step right moves the threshold by one slider step and the rates follow.
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  const stepped = await viewThreshold(page);
  expect(stepped).toBeGreaterThan(moved);
  await expectRatesEqual(page, stepped, cliMetrics(['--scores', testCsv, '--threshold', String(stepped)]));
  // Numeric entry.
  await page.getByTestId('threshold-input').fill('0.6');
  await page.getByTestId('threshold-input').press('Enter');
  await expectRatesEqual(page, 0.6, cliMetrics(['--scores', testCsv, '--threshold', '0.6']));
  await expect(page.getByTestId('bootstrap-status')).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('metric-bpcer-ci')).toContainText('95 % CI');

  // BPCER100 chosen on dev and applied to test: the CLI's `--dev` threshold and its test rates.
  await page.getByTestId('criterion-select').selectOption('bpcer100');
  const cli = cliMetrics(['--scores', testCsv, '--dev', devCsv, '--criterion', 'bpcer100']);
  await expect(page.getByTestId('threshold-slider')).toHaveAttribute('data-threshold', String(cli.threshold));
  await expectRatesEqual(page, cli.threshold, cli);
  await expect(page.getByTestId('threshold-provenance')).toContainText('BPCER100 (APCER ≤ 1 %) chosen on dev');
  await page.screenshot({ path: testInfo.outputPath('evaluation-bpcer100.png') });

  // Saving stores the threshold with its provenance in the workspace.
  await page.getByTestId('threshold-save').click();
  await expect(page.getByTestId('notice')).toContainText('Saved threshold');
  await expect(page.getByTestId('saved-threshold')).toHaveCount(1);
  await expect(page.getByTestId('saved-threshold').first()).toContainText('BPCER100');
  await expect(page.getByTestId('saved-threshold').first()).toContainText('dev');

  // Jump to the false accepts: the browser lists exactly the test attacks called bona fide.
  const falseAccepts = cli.confusion.called_bona_fide.slice(1).reduce((a, b) => a + b, 0);
  await expect(page.getByTestId('show-false-accepts')).toContainText(`(${falseAccepts})`);
  await page.getByTestId('show-false-accepts').click();
  await expect(page.getByTestId('tab-samples')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('filter-error')).toHaveValue('false-accept');
  await expect(page.getByTestId('filter-split')).toHaveValue('test');
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(falseAccepts));
  const rows = page.getByTestId('sample-row');
  await expect(rows).toHaveCount(falseAccepts);
  for (const text of await rows.allInnerTexts()) {
    expect(text).toContain('attack');
    expect(text).toContain('bona fide (FA)');
  }
  await page.screenshot({ path: testInfo.outputPath('false-accepts-in-browser.png') });
});

test('curve click, linked confusion cell, comparison overlay of a second run, CSV run parity and exports', async ({ page, host }, testInfo) => {
  await openEvaluation(page, host.url);

  // Clicking the ROC plot picks the nearest operating point: a fixed threshold the rates follow.
  const before = await viewThreshold(page);
  const roc = page.getByTestId('roc-chart').getByTestId('curve-pick');
  const box = (await roc.boundingBox())!;
  await roc.click({ position: { x: box.width * 0.3, y: box.height * 0.5 } });
  await expect.poll(() => viewThreshold(page)).not.toBe(before);
  const picked = await viewThreshold(page);
  await expectRatesEqual(page, picked, cliMetrics(['--scores', testCsv, '--threshold', String(picked)]));

  // A confusion cell opens exactly those samples in the browser.
  const cell = page.locator('[data-testid="confusion-cell"][data-decision="attack"]:not([disabled])').nth(1);
  const species = (await cell.getAttribute('data-row'))!;
  const count = (await cell.textContent())!;
  await cell.click();
  await expect(page.getByTestId('tab-samples')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('filter-species')).toHaveValue(species);
  await expect(page.getByTestId('filter-decision')).toHaveValue('attack');
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', count);
  await page.getByTestId('tab-evaluation').click();

  // A second run (another system's scores on the same split, from a CSV file) overlaid and compared.
  const lines = readFileSync(testCsv, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const scoreAt = header.indexOf('score');
  const labelAt = header.indexOf('label');
  const other = [lines[0], ...lines.slice(1).map((line) => {
    const fields = line.split(',');
    // A better system: attacks pushed up, bona fide down, deterministically.
    fields[scoreAt] = String(Number(fields[scoreAt]) + (fields[labelAt] === '1' ? 0.08 : -0.05));
    return fields.join(',');
  })].join('\n');
  const otherCsv = path.join(workspace, 'other-system.csv');
  writeFileSync(otherCsv, `${other}\n`);
  await page.getByTestId('scores-file').setInputFiles(otherCsv);
  await expect(page.locator('[data-testid="eval-source"][data-source="other-system.csv"]')).toHaveAttribute('data-status', 'ready');
  await page.locator('[data-testid="eval-source"][data-source="other-system.csv"]').getByTestId('eval-compare').check();
  await expect(page.getByTestId('comparison-row')).toHaveCount(2);
  await expect(page.getByTestId('roc-chart').locator('.recharts-line')).toHaveCount(2);
  await expect(page.getByTestId('det-chart').locator('.recharts-line')).toHaveCount(2);
  const otherCli = cliMetrics(['--scores', otherCsv, '--threshold', String(picked)]);
  await expect(page.locator('[data-testid="comparison-row"][data-source="other-system.csv"]')).toContainText(percentText(otherCli.auc));
  // The overlay is decided at its own τ (no saved τ: its own EER), never at the primary's fixed τ.
  const otherRow = page.locator('[data-testid="comparison-row"][data-source="other-system.csv"]');
  await expect(otherRow.getByTestId('comparison-threshold')).toContainText('EER on its all');
  const otherThreshold = Number(await otherRow.getByTestId('comparison-threshold').getAttribute('data-threshold'));
  expect(otherThreshold).toBe(cliMetrics(['--scores', otherCsv, '--criterion', 'eer']).threshold);
  await expect(otherRow).toContainText(percentText(cliMetrics(['--scores', otherCsv, '--threshold', String(otherThreshold)]).bpcer));
  // The paired comparison (primary A against the overlay B, each at its own τ) equals `uad compare --json` on the
  // same exported scores with those τ and the tab's bootstrap settings (1000 replicates by sample, seed 0).
  const paired = page.getByTestId('paired-comparison');
  await expect(paired).toHaveAttribute('data-status', 'ready');
  const primaryThreshold = Number(await page.getByTestId('comparison-threshold').first().getAttribute('data-threshold'));
  expect(primaryThreshold).toBe(picked);
  const compared = JSON.parse(uad(['compare', testCsv, otherCsv, '--json', '--threshold-a', String(picked), '--threshold-b', String(otherThreshold), '--bootstrap', '1000', '--seed', '0', '--by', 'sample'])) as { pairs: Record<string, unknown>[] };
  const expected = compared.pairs[0]!;
  await expect(paired.getByTestId('paired-n')).toHaveAttribute('data-n', String(expected.n));
  const shownValues = await paired.getByTestId('paired-value').evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-key')!, Number(c.getAttribute('data-value'))] as const));
  expect(shownValues.length).toBeGreaterThan(20);
  const at = (key: string): unknown => key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown>)[part], expected);
  for (const [key, value] of shownValues) expect([key, value]).toEqual([key, at(key)]);
  await expect(paired.getByTestId('paired-readings')).toContainText((expected.reading as string[])[0]!);
  await page.getByTestId('comparison-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('evaluation-comparison.png') });

  // Exports: chart SVG and PNG, metrics JSON (the CLI's numbers) and CSV.
  const save = async (testId: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    const file = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(file);
    return readFileSync(file);
  };
  const svg = (await save('export-svg-roc-chart')).toString('utf8');
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('ROC');
  expect(svg).not.toContain('curve-pick');
  const png = await save('export-png-det-chart');
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const json = JSON.parse((await save('export-metrics-json')).toString('utf8')) as CliMetrics & { data_hash: string; comparison: unknown[] };
  const cliHere = cliMetrics(['--scores', testCsv, '--threshold', String(picked)]);
  for (const key of ['auc', 'eer', 'apcer_max', 'apcer_pooled', 'bpcer', 'acer', 'hter', 'acc', 'threshold'] as const) expect(json[key]).toBe(cliHere[key]);
  expect(json.data_hash).toMatch(/^[0-9a-f]{64}$/);
  expect(json.comparison).toHaveLength(2);
  const csv = (await save('export-metrics-csv')).toString('utf8');
  expect(csv.split('\n')[0]).toBe('group,name,value,ci_lower,ci_upper,note');
  expect(csv).toContain(`rates,bpcer,${cliHere.bpcer}`);

  // The CSV run as primary: its own numbers equal the CLI's on that file.
  await page.locator('[data-testid="eval-source"][data-source="other-system.csv"]').getByRole('radio').check();
  await expect(page.getByTestId('eval-split')).toHaveValue('all');
  await expectRatesEqual(page, picked, otherCli);
  await page.screenshot({ path: testInfo.outputPath('evaluation-csv-run.png') });
});
