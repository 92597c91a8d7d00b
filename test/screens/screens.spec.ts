// The README's pictures: the start screen, then every tab after the demo is scored and a sample inspected, written to
// docs/screens/<name>.png in the light theme at 1440×900 (`npm run screenshots`). UAD_SCREENS_DARK=DIR writes the dark
// theme's too, to DIR.
import type { Page } from '@playwright/test';
import path from 'node:path';
import { expect, test } from '../e2e/support/browser-host';
import { demoModel, repoRoot, scoredDemoWorkspace } from '../e2e/support/demo';

const SIZE = { width: 1440, height: 900 };

async function shoot(page: Page, theme: 'light' | 'dark', url: string, workspace: string, folder: string): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await page.setViewportSize(SIZE);
  const file = (name: string) => path.join(folder, `${name}.png`);
  await page.goto(url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.screenshot({ path: file('start') });
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('sample-grid')).not.toHaveAttribute('data-count', '0');
  await page.getByTestId('model-path').fill(demoModel());
  await page.getByTestId('model-open').click();
  await expect(page.getByTestId('provider-badge')).toHaveText(/CPU|CUDA|WEBGPU/);
  await page.getByTestId('sample-row').nth(2).dblclick();
  await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-status', 'ready');
  await page.screenshot({ path: file('samples') });
  await page.getByTestId('map-toggle').click();
  await expect(page.getByTestId('embedding-map')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await page.screenshot({ path: file('map') });
  await page.getByTestId('map-toggle').click();
  await page.getByTestId('tab-evaluation').click();
  await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('bootstrap-status')).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await page.screenshot({ path: file('evaluation') });
  await page.getByTestId('tab-analytics').click();
  await expect(page.getByTestId('specialisation-nmi')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await page.screenshot({ path: file('analytics') });
  await page.getByTestId('tab-models').click();
  await expect(page.getByTestId('model-card-A')).toContainText('SHA-256');
  await page.screenshot({ path: file('models') });
  await page.getByTestId('tab-case').click();
  await expect(page.getByTestId('case-view')).toBeVisible();
  await page.screenshot({ path: file('case') });
  await page.getByTestId('tab-samples').click();
  await page.getByTestId('sample-grid').focus();
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-glossary')).toBeVisible();
  await page.screenshot({ path: file('help') });
}

test('pictures of every screen', async ({ page, host }) => {
  const workspace = scoredDemoWorkspace();
  await shoot(page, 'light', host.url, workspace, path.join(repoRoot, 'docs', 'screens'));
  const dark = process.env.UAD_SCREENS_DARK;
  if (dark) await shoot(page, 'dark', host.url, workspace, path.resolve(dark));
});
