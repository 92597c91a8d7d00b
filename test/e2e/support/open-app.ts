// The first steps of most e2e flows: the browser-mode app loaded, a workspace opened through the project bar, a
// model loaded into slot A.
import type { Page } from '@playwright/test';
import { expect } from './browser-host';
import { demoModel } from './demo';

/** Loads the app and waits until it is ready. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
}

/** Opens (or creates) the workspace in `folder` through the project bar; the notice says so. */
export async function openWorkspace(page: Page, folder: string): Promise<void> {
  await page.getByTestId('workspace-path').fill(folder);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('notice')).toContainText('Workspace');
}

/** Loads a model through the project bar's Model field; its provider badge shows. */
export async function openModel(page: Page, model = demoModel()): Promise<void> {
  await page.getByTestId('model-path').fill(model);
  await page.getByTestId('model-open').click();
  await expect(page.getByTestId('provider-badge')).toHaveText(/CPU|CUDA|WEBGPU/);
}
