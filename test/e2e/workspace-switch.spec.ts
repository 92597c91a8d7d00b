// e2e (browser mode, chromium): nothing crosses workspaces — fill every tab from workspace A (the scored demo:
// selection, inspector, neighbours, map, τ, evaluation, analytics, case form, dataset field, faces choice),
// switch to workspace B (a folder of questioned photographs scored by the CLI), and find nothing of A on any tab.
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './support/browser-host';
import { demoList, demoModel, repoRoot, scoredDemoWorkspace } from './support/demo';
import { exportScores, uad } from './support/uad-cli';

const QUESTIONED = 8;

/** A flat folder of demo photographs with no class folders (every one questioned), scored into a fresh workspace. */
function questionedWorkspace(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'uad-e2e-questioned-'));
  const lines = readFileSync(demoList('p1', 'test'), 'utf8').split('\n').filter(Boolean);
  const picked = [...lines.slice(0, QUESTIONED / 2), ...lines.slice(-QUESTIONED / 2)];
  picked.forEach((line, i) => copyFileSync(path.join(repoRoot, 'assets', 'demo', line.split(' ')[0]!), path.join(folder, `questioned-${String(i + 1).padStart(2, '0')}.jpg`)));
  return scoredDemoWorkspace([folder]);
}

test('switching workspace leaves nothing of the first on any tab', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  const workspaceA = scoredDemoWorkspace([demoList('p1', 'dev')]);
  const workspaceB = questionedWorkspace();
  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(workspaceA);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('notice')).toContainText('Workspace');
  await page.getByTestId('model-path').fill(demoModel());
  await page.getByTestId('model-open').click();
  await expect(page.getByTestId('provider-badge')).toHaveText(/CPU|CUDA|WEBGPU/);
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', '120');
  await expect(page.getByTestId('sample-row').first()).toContainText(/\d\.\d{4}/);

  // Workspace A on every tab: an inspected sample with its neighbours, the map, τ, the dataset field, faces.
  const row = page.getByTestId('sample-row').nth(3);
  const inspectedA = (await row.getAttribute('data-sample-id'))!;
  await row.click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-sample-id', inspectedA);
  await page.getByTestId('more-like-this-find').click();
  await expect(page.getByTestId('more-like-this-filter')).toBeVisible();
  await page.getByTestId('map-toggle').click();
  await expect(page.getByTestId('embedding-map')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await expect(page.getByTestId('embedding-map')).toHaveAttribute('data-points', '120');
  await page.getByTestId('browser-threshold').fill('0.37');
  await page.getByTestId('dataset-path').fill(demoList('p1', 'test'));
  await page.getByTestId('faces-toggle').selectOption('detect');
  await page.getByTestId('tab-evaluation').click();
  await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('metrics-threshold')).toHaveText('0.3700'); // τ in four significant digits (common/format/figures.ts)
  // The switch "decide out-of-domain samples by score": off by default, counting what `uad metrics` counts; turned on here.
  const cliA = JSON.parse(uad(['metrics', '--scores', exportScores(workspaceA, path.join(workspaceA, 'all.csv')), '--threshold', '0.37', '--json'])) as { out_of_domain: { samples: number } };
  const decide = page.getByTestId('decide-out-of-domain');
  await expect(decide).not.toBeChecked();
  await expect(page.getByTestId('decide-out-of-domain-switch')).toHaveAttribute('data-count', String(cliA.out_of_domain.samples));
  await decide.check();
  await expect(page.getByTestId('cert-panel')).toHaveAttribute('data-status', 'ready');
  if (cliA.out_of_domain.samples > 0) await expect(page.getByTestId('nonresponse-rates')).toContainText('decided by score, as the analyst chose');
  await page.getByTestId('tab-analytics').click();
  await expect(page.getByTestId('analytics-view')).toContainText('120 scored samples');
  await page.getByTestId('tab-case').click();
  await page.getByTestId('case-title').fill('Case of workspace A');
  await page.getByTestId('case-out-path').fill(path.join(workspaceA, 'case-a.zip'));
  await page.screenshot({ path: testInfo.outputPath('1-workspace-a.png') });

  // Switch to B from the case tab.
  await page.getByTestId('workspace-path').fill(workspaceB);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('notice')).toContainText(`${QUESTIONED} samples`);

  // Case file: an empty form, no samples of A.
  await expect(page.getByTestId('case-title')).toHaveValue('');
  await expect(page.getByTestId('case-out-path')).toHaveValue('');
  await expect(page.getByTestId('case-samples')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('case-view')).not.toContainText('workspace A');

  // Project bar: the dataset field and the faces choice are B's (empty, the model's choice).
  await expect(page.getByTestId('dataset-path')).toHaveValue('');
  await expect(page.getByTestId('faces-toggle')).toHaveValue('auto');

  // Samples: B's questioned photographs only, nothing inspected, the map of B, τ back at its default.
  await page.getByTestId('tab-samples').click();
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(QUESTIONED));
  await expect(page.getByTestId('sample-row')).toHaveCount(QUESTIONED);
  for (const text of await page.getByTestId('sample-row').allTextContents()) expect(text).toContain('questioned-');
  await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-status', 'idle');
  await expect(page.getByTestId('more-like-this')).toHaveCount(0);
  await expect(page.getByTestId('filter-only')).toHaveCount(0);
  await expect(page.getByTestId('browser-threshold')).toHaveValue('0.5');
  const map = page.getByTestId('embedding-map');
  await expect(map).toHaveAttribute('data-status', /ready|error/, { timeout: 120_000 });
  await expect(map).not.toHaveAttribute('data-points', '120');

  // Evaluation: nothing of A's scores or τ (B has no labelled sample to evaluate).
  await page.getByTestId('tab-evaluation').click();
  await expect(page.getByTestId('evaluation-empty')).toBeVisible();
  await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'false');
  await expect(page.getByTestId('metrics-threshold')).toHaveCount(0);
  // B's own model is listed, with nothing to evaluate; no source of A is ready.
  await expect(page.locator('[data-testid="eval-source"][data-status="ready"]')).toHaveCount(0);
  await expect(page.getByTestId('saved-threshold')).toHaveCount(0);
  await expect(page.getByTestId('decide-out-of-domain')).toHaveCount(0);

  // Analytics: B's scored samples.
  await page.getByTestId('tab-analytics').click();
  await expect(page.getByTestId('analytics-view')).toContainText(`${QUESTIONED} scored samples`);
  await page.screenshot({ path: testInfo.outputPath('2-workspace-b.png') });
});
