// e2e (browser mode, chromium): 1,000,000 scores loaded as a CSV into the evaluation view; the rates follow
// the threshold slider (keyboard and mouse) and equal the CLI's on the same file, the certification
// panel's counts too; bootstrap intervals arrive. Correctness only; the slider's frame rate is measured by npm run bench:ui.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/browser-host';
import { writeMillionScores } from './support/million-scores';
import { cliMetrics, percentText } from './support/uad-cli';

const SAMPLES = 1_000_000;

/** Counts the distinct thresholds the metrics panel showed while `action` ran. */
async function thresholdsShownDuring(page: Page, action: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const panel = document.querySelector('[data-testid="metrics-panel"]')!;
    const seen = new Set<string>();
    const observer = new MutationObserver(() => seen.add(panel.getAttribute('data-threshold') ?? ''));
    observer.observe(panel, { attributes: true, attributeFilter: ['data-threshold'] });
    (window as unknown as { __seen: { seen: Set<string>; observer: MutationObserver } }).__seen = { seen, observer };
  });
  await action();
  return page.evaluate(() => {
    const { seen, observer } = (window as unknown as { __seen: { seen: Set<string>; observer: MutationObserver } }).__seen;
    observer.disconnect();
    return seen.size;
  });
}

test('1,000,000 scores: the rates follow the slider and equal the CLI', async ({ page, host }) => {
  test.setTimeout(600_000);
  const folder = mkdtempSync(path.join(tmpdir(), 'uad-e2e-1m-'));
  const file = path.join(folder, 'scores-1m.csv');
  await writeMillionScores(file, SAMPLES);
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
    await page.getByTestId('tab-evaluation').click();
    await page.getByTestId('scores-file').setInputFiles(file);
    await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true', { timeout: 300_000 });
    await expect(page.getByTestId('metrics-panel')).not.toHaveAttribute('data-threshold', '', { timeout: 120_000 });
    await expect(page.getByTestId('eval-split')).toContainText(`all (${SAMPLES})`);

    const slider = page.getByTestId('threshold-slider');
    await slider.fill('0.3');
    await expect(page.getByTestId('metrics-panel')).toHaveAttribute('data-threshold', '0.3');
    await slider.focus();
    const byKeyboard = await thresholdsShownDuring(page, async () => {
      for (let k = 0; k < 150; k++) {
        await page.keyboard.press('ArrowRight');
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      }
    });
    expect(byKeyboard).toBeGreaterThanOrEqual(20); // the rates really followed the key presses

    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * Number(await slider.inputValue()), y);
    await page.mouse.down();
    const byMouse = await thresholdsShownDuring(page, () => page.mouse.move(box.x + box.width * 0.95, y, { steps: 300 }));
    await page.mouse.up();
    expect(byMouse).toBeGreaterThanOrEqual(20);

    // After the drag: the rates at the final threshold equal the CLI's on the same file; the intervals arrive.
    const threshold = Number(await slider.getAttribute('data-threshold'));
    await expect(page.getByTestId('metrics-panel')).toHaveAttribute('data-threshold', String(threshold));
    const cli = cliMetrics(['--scores', file, '--threshold', String(threshold)]);
    for (const [testId, value] of [['metric-apcer-max', cli.apcer_max], ['metric-bpcer', cli.bpcer], ['metric-acer', cli.acer], ['metric-auc', cli.auc], ['metric-eer', cli.eer]] as const) {
      await expect(page.getByTestId(testId)).toHaveText(percentText(value));
    }
    // The certification panel's counts (recounted in the metrics worker once the slider rests) are the CLI's too.
    const cert = page.getByTestId('cert-panel');
    await expect(cert).toHaveAttribute('data-threshold', String(threshold), { timeout: 120_000 });
    await expect(cert).toHaveAttribute('data-status', 'ready');
    await expect(page.getByTestId('cert-pending')).toHaveCount(0);
    expect(cli.apcer_ap).toBeTruthy();
    await expect(page.getByTestId('cert-apcer-ap')).toContainText(`${cli.apcer_ap!.errors} of ${cli.apcer_ap!.attempts}:`);
    await expect(page.getByTestId('class-split')).toBeVisible();
    await expect(page.getByTestId('bootstrap-status')).toHaveAttribute('data-status', 'ready', { timeout: 300_000 });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
