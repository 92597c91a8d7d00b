// e2e (browser mode, chromium): score a folder of real photographs with face detection chosen in the UI
// (faces-toggle): one row per face, the cat photograph as a non-response, the run's domain summary; the
// inspector shows the photograph with the face box and keypoints beside the aligned crop, and a domain badge.
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './support/browser-host';
import { openApp, openModel, openWorkspace } from './support/open-app';

test('photographs: detect faces, inspect the box, the aligned crop and the domain badge', async ({ page, host }, testInfo) => {
  test.setTimeout(180_000);
  const root = mkdtempSync(path.join(tmpdir(), 'uad-ui-faces-'));
  mkdirSync(path.join(root, 'live'));
  for (const photo of ['astronaut.jpg', 'camera.jpg', 'chelsea.jpg']) copyFileSync(path.join('test/fixtures/photos', photo), path.join(root, 'live', photo));

  await openApp(page, host.url);
  await openWorkspace(page, mkdtempSync(path.join(tmpdir(), 'uad-ui-faces-ws-')));
  await openModel(page);

  await page.getByTestId('faces-toggle').selectOption('detect');
  await page.getByTestId('dataset-path').fill(root);
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-progress')).toHaveAttribute('data-state', 'completed', { timeout: 120_000 });
  // two faces scored; their domain verdicts come from the demo model's statistics
  await expect(page.getByTestId('run-domain-summary')).toHaveText(/^\d of 2 faces are outside the model's domain$/);

  const rows = page.getByTestId('sample-row');
  await expect(rows.filter({ hasText: 'astronaut.jpg#face1' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'camera.jpg#face1' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'chelsea.jpg' })).toHaveCount(1); // listed, not scored: no face found
  // the grid's domain column and filter agree with the run summary
  await expect(rows.locator('[data-in-domain]')).toHaveCount(2);
  const outside = Number((await page.getByTestId('run-domain-summary').textContent())!.split(' ')[0]);
  await page.getByTestId('filter-domain').selectOption('out');
  await expect(rows).toHaveCount(outside);
  await page.getByTestId('filter-domain').selectOption('in');
  await expect(rows).toHaveCount(2 - outside);
  await page.getByTestId('filter-domain').selectOption('all');

  await rows.filter({ hasText: 'astronaut.jpg#face1' }).dblclick();
  const inspector = page.getByTestId('sample-inspector');
  await expect(inspector).toHaveAttribute('data-status', 'ready');
  const box = page.getByTestId('face-box');
  await expect(box).toBeVisible();
  await expect(box).toHaveAttribute('data-face-index', '1');
  await expect(box.locator('circle')).toHaveCount(6);
  await expect(page.getByTestId('aligned-crop')).toContainText('aligned face crop');
  const badge = page.getByTestId('domain-badge');
  await expect(badge).toHaveAttribute('data-in-domain', /^(true|false)$/);
  await expect(badge).toContainText('distance');
  await page.screenshot({ path: testInfo.outputPath('faces-inspector.png') });
});
