// e2e (chromium): the HTML written by `uad report` opens offline and shows exactly the numbers of
// `uad metrics --json` on the same files: rates, exact intervals, profile verdicts, non-responses, leakage.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { uad } from './support/uad-cli';

interface Counted { rate: number; errors: number; attempts: number; ci: { low: number; high: number } }

/** Deterministic hand-made scores: species × attacks with a share misclassified, bona fide, non-responses. */
function scoresFile(dir: string, name: string, identityPrefix: string): string {
  const lines = ['path,score,label,species,identity,class,status'];
  const species: [string, string, number, number][] = [['print', 'presentation', 40, 3], ['replay', 'presentation', 25, 0], ['pgd', 'adversarial', 30, 6], ['simswap', 'digital', 20, 2]];
  for (const [name_, cls, n, wrong] of species) {
    for (let i = 0; i < n; i++) lines.push(`${cls}/${name_}/${i}.png,${i < wrong ? 0.1 + i / 100 : 0.6 + (i % 37) / 100},1,${name_},${identityPrefix}${i % 9},${cls},ok`);
  }
  for (let i = 0; i < 60; i++) lines.push(`live/${i}.png,${i < 5 ? 0.7 + i / 100 : (i % 41) / 100},0,,${identityPrefix}${i % 9},,ok`);
  lines.push('presentation/print/broken.png,,1,print,x1,presentation,unreadable', 'live/dark.png,,0,,x2,,no-face', 'live/skip.png,,0,,x3,,skipped');
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('uad report: offline HTML with the numbers of uad metrics --json', async ({ page }) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-report-'));
  const testCsv = scoresFile(dir, 'test.csv', 'T');
  const devCsv = scoresFile(dir, 'dev.csv', 'T'); // same identities: a leak to warn about
  const out = path.join(dir, 'report.html');
  const args = ['--scores', testCsv, '--dev', devCsv, '--criterion', 'bpcer20', '--profile', 'ibeta-level1'];
  uad(['report', ...args, '--out', out, '--bootstrap', '200']);
  const cli = JSON.parse(uad(['metrics', ...args, '--json'])) as Record<string, unknown> & {
    threshold: number; auc: number; eer: number; ci: Record<string, { low: number; high: number }>;
    profile: { requirements: { verdict: string; subject: string }[] }; non_responses: { count: number }; leakage: { warnings: string[] };
    counted_rates: { acer: number; hter: number; bpcer: Counted; all_attacks: { apcer_pooled: Counted } };
  };

  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(out).href);
  await expect(page.locator('h1')).toHaveText('Evaluation report');
  expect(requests).toEqual([pathToFileURL(out).href]); // nothing fetched besides the page itself

  const value = async (key: string) => Number(await page.locator(`[data-key="${key}"]`).getAttribute('data-value'));
  expect(await value('threshold')).toBe(cli.threshold);
  expect(await value('auc')).toBe(cli.auc);
  expect(await value('eer')).toBe(cli.eer);
  expect(await value('acer')).toBe(cli.counted_rates.acer);
  expect(await value('hter')).toBe(cli.counted_rates.hter);
  for (const key of ['apcer_ap', 'apnrr', 'bpnrr', 'bpcer20', 'bpcer100'] as const) {
    const counted = cli[key] as Counted;
    expect(await value(key), key).toBe(counted.rate);
    await expect(page.locator(`[data-count="${key}"]`)).toHaveText(`${counted.errors} of ${counted.attempts}`);
    const ci = page.locator(`[data-ci="${key}"]`);
    expect([Number(await ci.getAttribute('data-low')), Number(await ci.getAttribute('data-high'))], key).toEqual([cli.ci[key].low, cli.ci[key].high]);
  }
  expect(await value('bpcer')).toBe(cli.counted_rates.bpcer.rate);
  expect(await value('apcer_pooled')).toBe(cli.counted_rates.all_attacks.apcer_pooled.rate);
  await expect(page.locator('[data-count="apnrr"]')).toHaveText('1 of 116') // 115 scored attacks + 1 unreadable;
  await expect(page.locator('[data-count="bpnrr"]')).toHaveText('2 of 62');

  const verdicts = await page.locator('.profile-requirement').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-verdict')));
  expect(verdicts).toEqual(cli.profile.requirements.map((r) => r.verdict));
  expect(verdicts).toContain('fail');
  await expect(page.locator('#non-responses tr')).toHaveCount(1 + cli.non_responses.count);
  await expect(page.locator('.leakage-warning')).toHaveCount(cli.leakage.warnings.length);
  await expect(page.locator('#classes')).toContainText('Digital edits / injection');
  await expect(page.locator('svg.det polyline')).toHaveCount(5); // all attacks + 4 species

  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});
