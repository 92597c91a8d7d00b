// e2e (browser mode, chromium): the one-image check. A photograph with a face, then the cat photograph, are
// checked by path into the open workspace: a result card per face (outcome, score, domain verdict, aligned crop,
// routing map); the cat gets one card that says no face was found and is never scored. Both land in the grid
// as questioned samples; the cat's row and inspector give the reason, the inspector shows the evidence details
// and scores the whole image only when asked. With no workspace open the check says which scratch workspace it
// made. A dropped image in browser mode says where to type its path.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './support/browser-host';
import { demoModel } from './support/demo';

const photo = (name: string) => path.resolve('test/fixtures/photos', name);
const NO_FACE = 'No face found (detector confidence below 0.70)';

test('check one photograph with a face and one without into the open workspace', async ({ page, host }) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(mkdtempSync(path.join(tmpdir(), 'uad-ui-check-ws-')));
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('notice')).toContainText('Workspace');
  await page.getByTestId('model-path').fill(demoModel());
  await page.getByTestId('model-open').click();
  await expect(page.getByTestId('provider-badge')).toHaveText(/CPU|CUDA|WEBGPU/);

  await page.getByTestId('check-path').fill(photo('grace_hopper.jpg'));
  await page.getByTestId('check-run').click();
  const cards = page.getByTestId('check-card');
  await expect(cards).toHaveCount(1, { timeout: 60_000 });
  const face = cards.first();
  await expect(face).toHaveAttribute('data-outcome', /^(attack|bona fide|inconclusive)$/);
  await expect(face).toContainText('face 1');
  await expect(face.getByTestId('check-card-outcome')).toHaveText(/^(Attack|Bona fide|Inconclusive — outside this model's domain .*)$/);
  await expect(face.getByTestId('check-card-score')).toHaveText(/^score \d\.\d{4} · τ /);
  await expect(face.getByTestId('check-card-domain')).toHaveText(/(inside|outside) the model's domain · distance \d+\.\d\d of limit \d+\.\d\d/);
  await expect(face.getByTestId('check-card-crop')).toContainText('aligned face crop');
  await expect(face.getByTestId('check-card-routing').locator('canvas, svg').first()).toBeVisible();
  await expect(page.getByTestId('notice')).toContainText('as a questioned sample');

  await page.getByTestId('check-path').fill(photo('chelsea.jpg'));
  await page.getByTestId('check-run').click();
  await expect(page.getByTestId('check-result')).toContainText('chelsea.jpg');
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toHaveAttribute('data-outcome', 'inconclusive');
  await expect(cards.first().getByTestId('check-card-outcome')).toHaveText(`Inconclusive — ${NO_FACE.charAt(0).toLowerCase()}${NO_FACE.slice(1)}`);
  await expect(cards.first().getByTestId('check-card-score')).toHaveCount(0);

  // Both are questioned samples of the workspace; the cat's row gives the reason instead of a decision.
  const rows = page.getByTestId('sample-row');
  await expect(rows.filter({ hasText: 'grace_hopper.jpg#face1' })).toContainText('questioned');
  const cat = rows.filter({ hasText: 'chelsea.jpg' });
  await expect(cat).toContainText('questioned');
  await expect(cat.locator('[data-outcome="inconclusive"]')).toHaveText(NO_FACE);

  // No face, no score in the inspector: the reason, the evidence details, and the whole image only on request.
  await cat.dblclick();
  const inspector = page.getByTestId('sample-inspector');
  await expect(page.getByTestId('inspector-no-face')).toContainText(NO_FACE);
  await expect(inspector.getByTestId('score-card')).toHaveCount(0);
  await expect(page.getByTestId('evidence-sha256')).toHaveText('2c0357a57121a80b7145db42b093f743c9a0405e33f9e48fd102319a6ce3af89');
  await expect(page.getByTestId('evidence-pixels')).toHaveText('451×300');
  await expect(page.getByTestId('evidence-format')).toHaveText('jpeg');
  await expect(page.getByTestId('evidence-exif')).toHaveText('no EXIF');
  await page.getByTestId('score-whole-image').click();
  await expect(inspector.getByTestId('whole-image-note')).toHaveText('Whole image, scored at the analyst\'s request');
  await expect(inspector.getByTestId('inspector-decision')).toHaveText('INCONCLUSIVE');
  await expect(inspector.getByTestId('inspector-outcome-reason')).toContainText('no face found (detector confidence below 0.70)');
});

test('with no workspace open, the check lands in a new scratch workspace and says so', async ({ page, host }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('model-path').fill(demoModel());
  await page.getByTestId('model-open').click();
  await expect(page.getByTestId('provider-badge')).toHaveText(/CPU|CUDA|WEBGPU/);
  await page.getByTestId('check-path').fill(photo('grace_hopper.jpg'));
  await page.getByTestId('check-run').click();
  await expect(page.getByTestId('check-card')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.getByTestId('notice')).toContainText('no workspace was open, so it is in a new scratch workspace at ');
  await expect(page.getByTestId('check-result')).toContainText('scratch-workspaces');
  await expect(page.getByTestId('sample-row').filter({ hasText: 'grace_hopper.jpg#face1' })).toHaveCount(1);
});

test('an image dropped in browser mode says where to type its path', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['x'], 'IMG_0042.jpg'));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('notice')).toHaveText('Dropped images are checked in the desktop app; in the browser, type or paste the image\'s path under "Check one image".');
});
