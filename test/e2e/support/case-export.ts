// Exporting a case file from the Case file tab (title and examiner filled in), and verifying the exported case in
// the app: the steps every case flow in the e2e suite shares.
import type { Page } from '@playwright/test';
import { expect } from './browser-host';

/** Fills the title and examiner, exports, and returns the written zip and its manifest hash. */
export async function exportCase(page: Page, title: string, examiner = 'Examiner One'): Promise<{ zip: string; manifest: string }> {
  await page.getByTestId('case-title').fill(title);
  await page.getByTestId('case-examiner').fill(examiner);
  await page.getByTestId('export-case').click();
  const exported = page.getByTestId('case-export-result');
  await expect(exported).toBeVisible({ timeout: 60_000 });
  return { zip: (await exported.getAttribute('data-path'))!, manifest: (await exported.getAttribute('data-manifest'))! };
}

/** Verifies the case in the verify field (prefilled with the last export) in the app: intact and authentic. */
export async function verifyCaseInApp(page: Page): Promise<void> {
  await page.getByTestId('case-verify').click();
  await expect(page.getByTestId('case-verification')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('case-verification')).toHaveAttribute('data-authentic', 'true');
}
