// e2e (browser mode, chromium): the evaluation tab's scores CSV field checks a typed path on the host (a
// missing file, a folder, an empty file and a CSV without a scores header each named with the reason), then
// loads a real scores CSV by path; its rates are those of `uad metrics --json` on the same file.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './support/browser-host';
import { cliMetrics, percentText } from './support/uad-cli';

/** Deterministic scores: two attack species and bona fide, with a few of each on the wrong side. */
function scoresCsv(file: string): string {
  const lines = ['score,label,species'];
  for (let i = 0; i < 60; i++) lines.push(`${i < 4 ? 0.2 + i / 100 : 0.55 + (i % 40) / 100},1,${i % 2 === 0 ? 'print' : 'replay'}`);
  for (let i = 0; i < 80; i++) lines.push(`${i < 3 ? 0.7 + i / 100 : (i % 50) / 100},0,`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('a typed scores CSV path is checked on the host, then loads into the evaluation', async ({ page, host }, testInfo) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-scores-path-'));
  const testCsv = scoresCsv(path.join(dir, 'test.csv'));
  const devCsv = path.join(dir, 'dev.csv');
  writeFileSync(devCsv, '');
  const trainCsv = path.join(dir, 'train.csv');
  writeFileSync(trainCsv, 'image,probability\na.png,0.9\n');
  const folder = path.join(dir, 'folder.csv');
  mkdirSync(folder);
  const missing = path.join(dir, 'gone.csv');

  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('tab-evaluation').click();
  await expect(page.getByTestId('evaluation-empty')).toBeVisible();
  await expect(page.getByTestId('scores-browse')).toHaveCount(0); // no native dialogs in browser mode
  await expect(page.getByTestId('scores-file-button')).toBeVisible(); // the upload stays

  const field = page.getByTestId('scores-path');
  const error = page.getByTestId('scores-path-error');
  await field.fill(missing);
  await expect(error).toHaveText(`${missing} does not exist.`);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill(folder);
  await expect(error).toHaveText(`${folder} is a folder, not a scores CSV (.csv).`);
  await field.fill(devCsv);
  await expect(error).toHaveText(`${devCsv} is empty.`);
  await field.fill(trainCsv);
  await expect(error).toHaveText(`${trainCsv} is not a scores CSV (.csv): line 1: header lacks columns 'score' and 'label'; expected 'score,label[,species][,identity][,class][,path][,status]', found 'image,probability'`);

  await page.screenshot({ path: testInfo.outputPath('scores-path-error.png') });

  await field.fill(testCsv);
  await expect(error).toHaveCount(0);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('scores-open').click();
  await expect(page.locator('[data-testid="eval-source"][data-source="test.csv"]')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true');
  const cli = cliMetrics(['--scores', testCsv]);
  await expect(page.getByTestId('metric-auc')).toContainText(percentText(cli.auc));
  await expect(page.getByTestId('metric-eer')).toContainText(percentText(cli.eer));
});
