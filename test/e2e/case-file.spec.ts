// e2e (browser mode, chromium): the case-file flow — open a CLI-scored demo workspace and the demo model,
// record findings on three samples (menus, triage keys, Ctrl+Enter), export a case, verify it in the UI
// and with `uad verify-case` (signed by this profile's key), see a forged re-hashed copy called not
// authentic and a damaged copy rejected, import it, and read the HTML report offline.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/browser-host';
import { demoList, demoModel, repoRoot, scoredDemoWorkspace } from './support/demo';
import { exportCase, verifyCaseInApp } from './support/case-export';

async function inspectRow(page: Page, row: Locator): Promise<string> {
  const id = (await row.getAttribute('data-sample-id'))!;
  await row.click();
  await page.keyboard.press('Enter');
  const inspector = page.getByTestId('sample-inspector');
  await expect(inspector).toHaveAttribute('data-sample-id', id);
  await expect(inspector).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('annotation-panel')).toHaveAttribute('data-sample-id', id);
  return id;
}

const historyOf = (page: Page) => page.getByTestId('annotation-history').getByRole('listitem');

test('annotate three samples, export the case, verify it and read the report', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  const workspace = scoredDemoWorkspace([demoList('p1', 'dev')]);
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('notice')).toContainText('Workspace');
  await page.getByTestId('model-path').fill(demoModel());
  await page.getByTestId('model-open').click();
  await expect(page.getByTestId('provider-badge')).toHaveText(/CPU|CUDA|WEBGPU/);
  const rows = page.getByTestId('sample-row');
  await expect(rows.first()).toContainText(/\d\.\d{4}/);

  // 1: the menus and the save button.
  const first = await inspectRow(page, rows.nth(0));
  await page.getByTestId('annotate-author').fill('Examiner One');
  await page.getByTestId('annotate-verdict').selectOption('bona-fide');
  await page.getByTestId('annotate-note').fill('Even skin texture, no print or screen artefacts.');
  await page.getByTestId('annotate-save').click();
  await expect(historyOf(page)).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('1-annotated-in-inspector.png') });

  // 2: triage keys — 'a' for attack, then Ctrl+Enter from the note; then a second entry (history grows).
  await inspectRow(page, rows.nth(1));
  await page.keyboard.press('a');
  await expect(page.getByTestId('annotate-verdict')).toHaveValue('attack');
  await page.getByTestId('annotate-note').fill('Moiré over the cheeks.');
  await page.getByTestId('annotate-note').press('Control+Enter');
  await expect(historyOf(page)).toHaveCount(1);
  await page.getByTestId('annotate-status').selectOption('reviewed');
  await page.getByTestId('annotate-save').click();
  await expect(historyOf(page)).toHaveCount(2);
  await page.getByTestId('annotate-bookmark').click();
  await expect(page.getByTestId('annotate-bookmark')).toHaveAttribute('aria-pressed', 'true');

  // 3: 'i' for inconclusive, saved with Ctrl+Enter from the sample browser.
  await inspectRow(page, rows.nth(2));
  await page.keyboard.press('i');
  await page.keyboard.press('Control+Enter');
  await expect(historyOf(page)).toHaveCount(1);
  await expect(historyOf(page).first()).toContainText('inconclusive');

  // Back on the first sample the history is still there (saved in the workspace, not in the page).
  await inspectRow(page, page.locator(`[data-testid="sample-row"][data-sample-id="${first}"]`));
  await expect(historyOf(page)).toHaveCount(1);
  await expect(historyOf(page).first()).toContainText('Examiner One');

  // Export every annotated sample with the evidence files embedded.
  await page.getByTestId('tab-case').click();
  await expect(page.getByTestId('case-samples')).toHaveAttribute('data-count', '3');
  const { zip, manifest } = await exportCase(page, 'Demo case: three findings');
  expect(zip.startsWith(path.join(workspace, 'cases'))).toBe(true);

  // Verify in the UI (the path is prefilled), then with the CLI.
  await verifyCaseInApp(page);
  await expect(page.getByTestId('case-signer')).toHaveAttribute('data-status', 'trusted');
  await expect(page.getByTestId('case-signer')).toContainText('Signed by a trusted key: this profile\'s own key');
  await expect(page.getByTestId('case-verification')).toContainText('This workspace recorded exporting exactly this case');
  await page.getByTestId('case-verification').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('2-case-exported-and-verified.png') });
  const env = { ...process.env, UAD_KEYS_DIR: host.keysDir };
  const uad = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron', 'cli', 'index.ts'), ...args], { cwd: repoRoot, encoding: 'utf8', env });
  const cli = uad('verify-case', zip, '--expect-manifest', manifest, '--workspace', workspace);
  expect(cli.status, cli.stderr).toBe(0);
  expect(cli.stdout).toContain('3 sample(s), 4 annotation(s)');
  expect(cli.stdout).toContain('SIGNED by a trusted key');

  // A forged copy (verdicts flipped, report re-rendered, manifest and its hash recomputed, signature
  // dropped) keeps every hash consistent, yet neither the UI nor the CLI calls it authentic.
  const forged = zip.replace(/\.zip$/, '-forged.zip');
  const forge = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test', 'support', 'forge-case.ts'), zip, forged, 'drop-signature'], { cwd: repoRoot, encoding: 'utf8' });
  expect(forge.status, forge.stderr).toBe(0);
  await page.getByTestId('case-verify-path').fill(forged);
  await page.getByTestId('case-verify').click();
  await expect(page.getByTestId('case-verification')).toHaveAttribute('data-authentic', 'false');
  await expect(page.getByTestId('case-signer')).toHaveAttribute('data-status', 'unsigned');
  await expect(page.getByTestId('case-verdict')).toContainText('not authentic');
  await page.screenshot({ path: testInfo.outputPath('2b-forged-copy-not-authentic.png') });
  const forgedCli = uad('verify-case', forged);
  expect(forgedCli.status).toBe(3);
  expect(forgedCli.stderr).toContain('NOT AUTHENTIC');

  // A damaged copy is rejected with reasons, in the UI and by the CLI (non-zero exit).
  const damaged = zip.replace(/\.zip$/, '-damaged.zip');
  copyFileSync(zip, damaged);
  const bytes = readFileSync(damaged);
  bytes[30 + 'case.json'.length + 10] ^= 0xff; // inside case.json, the first entry's data
  writeFileSync(damaged, bytes);
  await page.getByTestId('case-verify-path').fill(damaged);
  await page.getByTestId('case-verify').click();
  await expect(page.getByTestId('case-verification')).toHaveAttribute('data-ok', 'false');
  await expect(page.getByTestId('case-problems').getByRole('listitem').first()).toBeVisible();
  await page.getByTestId('case-verification').scrollIntoViewIfNeeded();
  expect(uad('verify-case', damaged).status).toBe(1);
  await page.screenshot({ path: testInfo.outputPath('3-damaged-copy-rejected.png') });

  // Import the good case: verified, unpacked into the workspace folder.
  await page.getByTestId('case-verify-path').fill(zip);
  await page.getByTestId('case-import').click();
  const folder = (await page.getByTestId('case-import-folder').getAttribute('data-folder'))!;

  // The report opens from the unpacked folder as a plain offline page, every image loaded.
  await page.goto(pathToFileURL(path.join(folder, 'report.html')).href);
  await expect(page.locator('h1')).toHaveText('Demo case: three findings');
  await expect(page.locator('section.sample')).toHaveCount(3);
  await expect(page.locator('.limitations')).toContainText('not proof');
  await expect.poll(() => page.locator('img').evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0))).toBe(true);
  expect(await page.locator('img').count()).toBeGreaterThanOrEqual(3 * 3);
  await page.screenshot({ path: testInfo.outputPath('4-case-report.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: testInfo.outputPath('5-case-report-print.png') });
  await page.pdf({ path: testInfo.outputPath('6-case-report.pdf'), format: 'A4' });
});
