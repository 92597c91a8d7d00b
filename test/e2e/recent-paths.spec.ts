// e2e (browser mode, chromium): recent workspaces are kept by the host, so a second host on another port
// (another origin, with its own empty localStorage) still offers the workspace opened in the first.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, startHost, test } from './support/browser-host';

test('a workspace opened on one port is among the recent ones on a new port', async ({ page, host, browser }) => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'uad-e2e-recent-'));
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('notice')).toContainText('Workspace');

  const second = await startHost();
  const fresh = await browser.newContext();
  try {
    expect(second.port).not.toBe(host.port);
    const other = await fresh.newPage();
    await other.goto(second.url);
    await expect(other.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
    const options = other.locator('form.path-field', { has: other.getByTestId('workspace-path') }).locator('datalist option');
    await expect(options.first()).toHaveAttribute('value', workspace);
  } finally {
    await fresh.close();
    second.process.kill('SIGTERM');
  }
});
