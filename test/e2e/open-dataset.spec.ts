// e2e (browser mode, chromium): open a dataset folder or a list created on disk and see its samples (and
// the lines that did not become samples) listed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './support/browser-host';
import { makeSmallDataset } from './support/make-dataset';

test('opens a dataset folder and lists its samples from disk', async ({ page, host }, testInfo) => {
  const dataset = await makeSmallDataset();
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('host-mode')).toContainText('browser mode');

  await page.getByTestId('dataset-path').fill(dataset.root);
  await page.getByTestId('dataset-open').click();

  const grid = page.getByTestId('sample-grid');
  await expect(grid).toHaveAttribute('data-count', String(dataset.expected.length));
  const rows = page.getByTestId('sample-row');
  await expect(rows).toHaveCount(dataset.expected.length);
  for (const [index, expected] of dataset.expected.entries()) {
    const row = rows.nth(index);
    await expect(row).toContainText(expected.path);
    await expect(row).toContainText(expected.label);
    await expect(row).toContainText(expected.species);
    await expect(row).toContainText(expected.usable ? 'ok' : 'not-an-image');
  }
  await expect(page.getByTestId('notice')).toContainText('5 samples (2 bona fide, 3 attack, 1 unusable)');
  await page.screenshot({ path: testInfo.outputPath('dataset-listed.png') });
});

test('a folder that does not exist gives a clear error and keeps the app usable', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('dataset-path').fill('/no/such/folder/anywhere');
  await page.getByTestId('dataset-open').click();
  await expect(page.getByTestId('notice')).toHaveAttribute('data-kind', 'error');
  await expect(page.getByTestId('notice')).toContainText('Nothing found at /no/such/folder/anywhere');
  await expect(page.getByTestId('dataset-open')).toBeEnabled();
});

test('the page refuses to work without the launch token', async ({ page, host }) => {
  const response = await page.goto(`http://127.0.0.1:${host.port}/`);
  expect(response?.status()).toBe(401);
});

test('the launch token leaves the address and history once the page has read it; calls still carry it', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  expect(await page.evaluate(() => window.location.href)).toBe(`http://127.0.0.1:${host.port}/`);
  expect(page.url()).not.toContain(host.token);
  await page.getByTestId('dataset-path').fill('/no/such/folder/anywhere');
  await page.getByTestId('dataset-open').click();
  await expect(page.getByTestId('notice')).toContainText('Nothing found at /no/such/folder/anywhere');
});

test('a protocol list with typos: every line that is not a sample is listed with its number and reason', async ({ page, host }) => {
  const dataset = await makeSmallDataset();
  const list = path.join(dataset.root, 'typos_test.txt');
  writeFileSync(list, ['live/subject-01.png 0', 'attack/print/subject-01.jpg l', '#live/subject-02.jpg 0', 'attack/replay/subject-02.png 1'].join('\n'));
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('dataset-path').fill(list);
  await page.getByTestId('dataset-open').click();
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', '2');
  await expect(page.getByTestId('notice')).toContainText('2 lines skipped');
  const skipped = page.getByTestId('skipped-lines');
  await expect(skipped).toHaveAttribute('data-count', '2');
  await skipped.locator('summary').click();
  await expect(skipped.locator('li[data-line="2"]')).toContainText('label "l" is not an integer');
  await expect(skipped.locator('li[data-line="3"]')).toContainText("starts with '#'");
});
