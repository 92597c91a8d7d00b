// e2e (browser mode, chromium): path fields without native dialogs check what is typed: a missing dataset,
// a missing case file, a model that is not ONNX and a case export into a missing folder each show the
// problem inline; existing paths of the right kind are accepted (the message goes away).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './support/browser-host';
import { demoModel } from './support/demo';
import { makeSmallDataset } from './support/make-dataset';

test('typed paths are checked inline against the disk in browser mode', async ({ page, host }) => {
  const dataset = await makeSmallDataset();
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-paths-'));
  const caseZip = path.join(dir, 'case.zip');
  writeFileSync(caseZip, 'not yet verified');
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('host-mode')).toContainText('browser mode');
  await expect(page.getByTestId('dataset-browse')).toHaveCount(0);

  const missing = path.join(dataset.root, 'no-such-folder');
  await page.getByTestId('dataset-path').fill(missing);
  await expect(page.getByTestId('dataset-path-error')).toHaveText(`${missing} does not exist.`);
  await expect(page.getByTestId('dataset-path')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('dataset-path').fill(dataset.root);
  await expect(page.getByTestId('dataset-path-error')).toHaveCount(0);
  await page.getByTestId('dataset-open').click();
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(dataset.expected.length));

  await page.getByTestId('model-path').fill(caseZip);
  await expect(page.getByTestId('model-path-error')).toHaveText(`${caseZip} is not an ONNX model (.onnx).`);
  await page.getByTestId('model-path').fill(demoModel());
  await expect(page.getByTestId('model-path-error')).toHaveCount(0);

  await page.getByTestId('tab-case').click();
  const gone = path.join(dir, 'gone.zip');
  await page.getByTestId('case-verify-path').fill(gone);
  await expect(page.getByTestId('case-verify-path-error')).toHaveText(`${gone} does not exist.`);
  await page.getByTestId('case-verify-path').fill(caseZip);
  await expect(page.getByTestId('case-verify-path-error')).toHaveCount(0);

  const intoMissing = path.join(dir, 'missing', 'out.zip');
  await page.getByTestId('case-out-path').fill(intoMissing);
  await expect(page.getByTestId('case-out-path-error')).toHaveText(`The folder that would hold ${intoMissing} does not exist.`);
  await page.getByTestId('case-out-path').fill(dir);
  await expect(page.getByTestId('case-out-path-error')).toHaveText(`${dir} is a folder, not a file to write.`);
  await page.getByTestId('case-out-path').fill(path.join(dir, 'out.zip'));
  await expect(page.getByTestId('case-out-path-error')).toHaveCount(0);
});
