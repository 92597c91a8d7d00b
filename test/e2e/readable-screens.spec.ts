// e2e (browser mode, chromium): every tab and the help dialog, after the demo is scored and a sample inspected,
// in the light and the dark theme: no serious or critical accessibility violation (colour contrast included), and
// at 1280×720 and 1920×1080 no table row wider or narrower than its header, no clipped text without a full-text
// tooltip and nothing past the viewport's right edge; inside the charts (which axe does not read) text, curves and
// grid lines with enough contrast against the panel, and the map canvas in the theme's background. Each failure
// names its element. At 1280 px and wider the Evaluation tab's figures sit in columns and the inspector's expert names
// and class probabilities keep to one line.
import type { Page } from '@playwright/test';
import { expect, test } from './support/browser-host';
import { demoModel, scoredDemoWorkspace } from './support/demo';
import { axeProblems, besideProblems, chartContrastProblems, layoutProblems, wrappedTextProblems } from './support/screen-checks';

test.describe.configure({ mode: 'serial' });

let workspace: string;
test.beforeAll(({}, testInfo) => {
  testInfo.setTimeout(240_000);
  workspace = scoredDemoWorkspace();
});

const VIEWPORTS = [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }];

/** The screens a person meets, each reached from the scored, inspected workbench. */
const SCREENS: { name: string; open: (page: Page) => Promise<void>; close?: (page: Page) => Promise<void> }[] = [
  { name: 'samples + inspector', open: async (page) => {
    await page.getByTestId('tab-samples').click();
    await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-status', 'ready');
  } },
  { name: 'embedding map', open: async (page) => {
    await page.getByTestId('tab-samples').click();
    await page.getByTestId('map-toggle').click();
    await expect(page.getByTestId('embedding-map')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
    await expect(page.getByTestId('embedding-map')).not.toHaveAttribute('data-points', '0');
  }, close: async (page) => {
    await page.getByTestId('map-toggle').click();
    await expect(page.getByTestId('embedding-map')).toHaveCount(0);
  } },
  { name: 'evaluation', open: async (page) => {
    await page.getByTestId('tab-evaluation').click();
    await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true');
  } },
  { name: 'expert analytics', open: async (page) => {
    await page.getByTestId('tab-analytics').click();
    await expect(page.getByTestId('usage-matrix')).toBeVisible({ timeout: 60_000 });
  } },
  { name: 'models', open: async (page) => {
    await page.getByTestId('tab-models').click();
    await expect(page.getByTestId('model-card-A')).toContainText('SHA-256');
  } },
  { name: 'case file', open: async (page) => {
    await page.getByTestId('tab-case').click();
    await expect(page.getByTestId('case-view')).toBeVisible();
  } },
  { name: 'help dialog', open: async (page) => {
    await page.getByTestId('tab-samples').click();
    await page.getByTestId('sample-grid').focus();
    await page.keyboard.press('?');
    await expect(page.getByTestId('help-overlay')).toBeVisible();
  }, close: async (page) => {
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('help-overlay')).toHaveCount(0);
  } },
];

async function scoredAndInspected(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', '360');
  await page.getByTestId('model-path').fill(demoModel());
  await page.getByTestId('model-open').click();
  await expect(page.getByTestId('provider-badge')).toHaveText(/CPU|CUDA|WEBGPU/);
  await page.getByTestId('sample-row').nth(2).dblclick();
  await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-status', 'ready');
}

for (const theme of ['light', 'dark'] as const) {
  test(`every screen is readable in the ${theme} theme`, async ({ page, host }) => {
    test.setTimeout(300_000);
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize(VIEWPORTS[0]!);
    await scoredAndInspected(page, host.url);
    const problems: string[] = [];
    for (const screen of SCREENS) {
      await screen.open(page);
      problems.push(...await axeProblems(page, `${theme} ${screen.name}`));
      problems.push(...await chartContrastProblems(page, `${theme} ${screen.name}`));
      for (const viewport of VIEWPORTS) {
        await page.setViewportSize(viewport);
        problems.push(...await layoutProblems(page, `${theme} ${screen.name} ${viewport.width}×${viewport.height}`));
      }
      await page.setViewportSize(VIEWPORTS[0]!);
      await screen.close?.(page);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
}

test('wide screens use their width: the evaluation figures in columns, the inspector\'s names and probabilities on one line', async ({ page, host }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await scoredAndInspected(page, host.url);
  const problems: string[] = [];
  for (const viewport of [{ width: 1440, height: 900 }, ...VIEWPORTS]) {
    await page.setViewportSize(viewport);
    const at = `${viewport.width}×${viewport.height}`;
    await page.getByTestId('tab-samples').click();
    await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-status', 'ready');
    problems.push(...await wrappedTextProblems(page, '[data-testid="sample-inspector"] :is(.expert-name, .prompt-table td.num)', `inspector ${at}`));
    await page.getByTestId('tab-evaluation').click();
    await expect(page.getByTestId('cert-panel')).toHaveAttribute('data-status', 'ready');
    problems.push(...await besideProblems(page, 'metrics-panel', 'cert-panel', `evaluation ${at}`));
    // The report is one of the first things on the tab: above the fold, not under the figures.
    const report = await page.getByTestId('export-report').boundingBox();
    if (!report || report.y + report.height > viewport.height) problems.push(`evaluation ${at}: the Evaluation report button is not in view (${report ? `y ${Math.round(report.y)}` : 'absent'})`);
  }
  expect(problems, problems.join('\n')).toEqual([]);
});
