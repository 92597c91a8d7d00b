// e2e (browser mode, chromium): the Evaluation tab's exact intervals, non-responses, attack classes,
// readiness checklist and leakage warning equal `uad metrics --json` on `uad export-scores` of the same
// run, and its "Evaluation report" export carries the same numbers.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from './support/browser-host';
import { demoList, repoRoot, scoredDemoWorkspace } from './support/demo';
import { exportScores, uad } from './support/uad-cli';

test.describe.configure({ mode: 'serial' });

interface Counted { rate: number; errors: number; attempts: number }
interface CliJson {
  threshold: number;
  apcer_ap: Counted & { species: string };
  apnrr: Counted;
  bpnrr: Counted;
  by_class: Record<string, { apcer_ap: (Counted & { species: string }) | null } | null>;
  profile: { requirements: { verdict: string; subject: string }[] };
  non_responses: { count: number };
  out_of_domain: { samples: number; decided_by_score: boolean };
}

let workspace: string;

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(240_000);
  // Demo lists copied beside a link to the demo images: the test list gains two missing files (non-responses),
  // the dev list gains copies of four images of a test identity (leakage between dev and test; one file is one
  // sample of one split in a workspace, so the copies sit under another folder).
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-cert-lists-'));
  symlinkSync(path.join(repoRoot, 'assets', 'demo', 'SynthUAD-demo'), path.join(dir, 'SynthUAD-demo'));
  const testLines = readFileSync(demoList('p1', 'test'), 'utf8').trim().split('\n');
  const devLines = readFileSync(demoList('p1', 'dev'), 'utf8').trim().split('\n');
  const missing = ['SynthUAD-demo/Data/spoof/africa/AF-1009/cloth-indoor/color/0999.jpg 1', 'SynthUAD-demo/Data/live/africa/AF-1009/real.rssdk/color/0999.jpg 0'];
  const testList = path.join(dir, 'Cert@p1_image_test.txt');
  const devList = path.join(dir, 'Cert@p1_image_dev.txt');
  writeFileSync(testList, `${[...testLines, ...missing].join('\n')}\n`);
  const copies = testLines.slice(0, 4).map((line) => {
    const [relative, label] = line.split(' ');
    const copy = relative.replace(/^SynthUAD-demo\//, 'Copies/');
    mkdirSync(path.dirname(path.join(dir, copy)), { recursive: true });
    copyFileSync(path.join(dir, relative), path.join(dir, copy));
    return `${copy} ${label}`;
  });
  writeFileSync(devList, `${[...devLines, ...copies].join('\n')}\n`);
  workspace = scoredDemoWorkspace([devList, testList]);
});

test('certification panel and report export equal the CLI', async ({ page, host }, testInfo) => {
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByTestId('workspace-open').click();
  await page.getByTestId('tab-evaluation').click();
  await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('eval-split').selectOption('test');
  await page.getByTestId('profile-select').selectOption('ibeta-level1');
  await expect(page.getByTestId('profile-requirement').first()).toBeVisible();

  const threshold = Number(await page.getByTestId('threshold-slider').getAttribute('data-threshold'));
  await expect(page.getByTestId('cert-panel')).toHaveAttribute('data-threshold', String(threshold));
  await expect(page.getByTestId('cert-panel')).toHaveAttribute('data-status', 'ready');
  const csv = exportScores(workspace, testInfo.outputPath('test.csv'), 'test');
  const cli = JSON.parse(uad(['metrics', '--scores', csv, '--threshold', String(threshold), '--profile', 'ibeta-level1', '--json'])) as CliJson;

  // Non-responses: the two missing files and every sample outside the model's domain (inconclusive, by default
  // not decided by score), counted in APNRR / BPNRR, excluded from the rates.
  expect(cli.out_of_domain.decided_by_score).toBe(false);
  const nonResponses = 2 + cli.out_of_domain.samples;
  expect(cli.non_responses.count).toBe(nonResponses);
  await expect(page.getByTestId('nonresponse-rates')).toHaveAttribute('data-count', String(nonResponses));
  await expect(page.getByTestId('cert-apnrr')).toContainText(`${cli.apnrr.errors} of ${cli.apnrr.attempts}:`);
  await expect(page.getByTestId('cert-bpnrr')).toContainText(`${cli.bpnrr.errors} of ${cli.bpnrr.attempts}:`);
  await expect(page.getByTestId('cert-apcer-ap')).toContainText(`${cli.apcer_ap.errors} of ${cli.apcer_ap.attempts}:`);
  await expect(page.getByTestId('nonresponse-rates')).toContainText(`exclude the ${nonResponses} non-responses`);

  // Presentation, adversarial and digital attacks each with their own APCER_AP.
  for (const cls of ['presentation', 'adversarial', 'digital']) {
    const ap = cli.by_class[cls]?.apcer_ap;
    expect(ap, cls).toBeTruthy();
    await expect(page.getByTestId('class-split').getByTestId(`class-${cls}-apcer-ap`)).toContainText(`${ap!.species}:`);
    await expect(page.getByTestId('class-split').getByTestId(`class-${cls}-apcer-ap`)).toContainText(`${ap!.errors} of ${ap!.attempts}:`);
  }

  // The checklist: one row per requirement, the CLI's verdicts in the CLI's order.
  const verdicts = await page.getByTestId('profile-requirement').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-verdict')));
  expect(verdicts).toEqual(cli.profile.requirements.map((r) => r.verdict));
  expect(verdicts.every((v) => v === 'pass' || v === 'fail' || v === 'insufficient')).toBe(true);

  // Leakage: four dev images belong to a test identity.
  await expect(page.getByTestId('leakage-warning')).toContainText(/1 identity is in both dev and test/);

  // The report export: the same numbers, offline.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-report').click()]);
  // Prepared in the bootstrap worker; once the download has started the button is ready again.
  await expect(page.getByTestId('export-report')).toHaveText('Evaluation report');
  await expect(page.getByTestId('export-report')).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('export-report')).toBeEnabled();
  await expect(page.getByTestId('export-report-error')).toHaveCount(0);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const report = await page.context().newPage();
  await report.goto(pathToFileURL(file).href);
  const value = async (key: string) => Number(await report.locator(`[data-key="${key}"]`).getAttribute('data-value'));
  expect(await value('threshold')).toBe(threshold);
  expect(await value('apcer_ap')).toBe(cli.apcer_ap.rate);
  expect(await value('apnrr')).toBe(cli.apnrr.rate);
  expect(await value('bpnrr')).toBe(cli.bpnrr.rate);
  await expect(report.locator('[data-count="apcer_ap"]')).toHaveText(`${cli.apcer_ap.errors} of ${cli.apcer_ap.attempts}`);
  const reportVerdicts = await report.locator('.profile-requirement').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-verdict')));
  expect(reportVerdicts).toEqual(verdicts);
  await expect(report.locator('#non-responses tr')).toHaveCount(1 + nonResponses); // a header row and one row per non-response
  await expect(report.locator('.leakage-warning')).toHaveCount(1);
});
