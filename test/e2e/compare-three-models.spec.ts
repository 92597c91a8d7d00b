// e2e (browser mode, chromium): three models compared from nothing, as a new user does it. A fresh workspace, the
// three demo models added to the project bar's list, the demo test list listed and Score pressed once ("Score with
// 3 models": one pass, one run per model); every model then holds a score for every sample (the host's workspace
// summary, the Models tab's overlay). The Evaluation tab's paired comparison decides each overlay at its own τ (the
// one its project-bar row shows, never A's), its exact tests those of `uad compare --intersect` at the same τ; the browser's "A vs B" filters keep the rows a count from each model's
// exported scores at its own τ gives; Score pressed again scores nothing (every sample skipped, for every model).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunInfo, WorkspaceSummary } from '../../common/contract/workspace';
import { expect, hostCall, test, type RunningHost } from './support/browser-host';
import { addModel, decisions, expectedCounts } from './support/compare';
import { demoList, demoModel } from './support/demo';
import { uad } from './support/uad-cli';

const MODELS = [['A', 'lasoftmoe-tiny'], ['B', 'softmoe-tiny'], ['C', 'dense-tiny']] as const;

async function summary(host: RunningHost): Promise<WorkspaceSummary> {
  const answer = await hostCall<WorkspaceSummary | null>(host, 'workspace', 'summary');
  if (!answer.ok || answer.value === null) throw new Error(`no workspace summary: ${JSON.stringify(answer)}`);
  return answer.value;
}

/** The finished runs of the workspace, oldest first. */
async function finishedRuns(host: RunningHost): Promise<RunInfo[]> {
  return (await summary(host)).runs.filter((r) => r.status !== 'running').sort((a, b) => a.id - b.id);
}

test('a new user scores three models in one pass, browses where A and B part and reads the paired comparison', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  const list = demoList('p1', 'test');
  const workspace = mkdtempSync(path.join(tmpdir(), 'uad-e2e-ws-three-'));

  await page.goto(host.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await page.getByTestId('workspace-path').fill(workspace);
  await page.getByTestId('workspace-open').click();
  await expect(page.getByTestId('workspace-close')).toBeVisible();
  for (const [slot, name] of MODELS) {
    await addModel(page, demoModel(name), slot);
    await expect(page.getByTestId(`model-row-${slot}`)).toContainText(name);
  }
  await expect(page.getByTestId('model-list').locator('li')).toHaveCount(3);

  await page.getByTestId('dataset-path').fill(list);
  await page.getByTestId('dataset-open').click();
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', '240', { timeout: 60_000 });
  expect((await summary(host)).runs).toEqual([]);

  // Score, pressed once: one run per model, every sample scored by each.
  const score = page.getByTestId('run-start');
  await expect(score).toHaveText('Score with 3 models');
  await score.click();
  await expect.poll(async () => (await finishedRuns(host)).length, { timeout: 240_000 }).toBe(3);
  await expect(page.getByTestId('run-progress')).toHaveAttribute('data-state', 'completed');
  await expect(score).toBeEnabled();
  const first = await finishedRuns(host);
  const scoredBy = new Map((await summary(host)).models.map((m) => [m.name, m]));
  for (const [, name] of MODELS) {
    const model = scoredBy.get(name)!;
    expect(model.predictions).toBe(240);
    expect(first.find((r) => r.modelSha256 === model.sha256)).toMatchObject({ status: 'completed', total: 240, scored: 240, skipped: 0, failed: 0 });
  }
  await page.getByTestId('tab-models').click();
  await expect(page.getByTestId('model-curves')).toHaveAttribute('data-series', 'ABC', { timeout: 60_000 });
  await expect(page.getByTestId('model-curves')).toContainText('3 of 3 with scores in this workspace');

  // The paired comparison: A against each overlay, each at its own τ, the one its project-bar row shows.
  await page.getByTestId('tab-evaluation').click();
  await expect(page.getByTestId('evaluation-view')).toHaveAttribute('data-ready', 'true');
  for (const [, name] of MODELS.slice(1)) {
    const source = page.locator(`[data-testid="eval-source"][data-source="${name}"]`);
    await expect(source).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
    await source.getByTestId('eval-compare').check();
  }
  const paired = page.getByTestId('paired-comparison');
  await expect(paired).toHaveAttribute('data-status', 'ready', { timeout: 60_000 });
  await expect(paired.getByTestId('paired-pair')).toHaveCount(2);
  const tau = async (slot: string) => Number(await page.getByTestId(`model-row-${slot}`).getAttribute('data-threshold'));
  await expect(page.getByTestId('model-row-B')).not.toHaveAttribute('data-threshold', '');
  await expect(page.getByTestId('model-row-C')).not.toHaveAttribute('data-threshold', '');
  const tauA = await tau('A');
  const sha = (name: string) => scoredBy.get(name)!.sha256.slice(0, 16);
  for (const [slot, name] of MODELS.slice(1)) {
    const pair = paired.locator(`[data-testid="paired-pair"][data-b="${name}"]`);
    await expect(pair).toHaveAttribute('data-a', 'lasoftmoe-tiny');
    const shown = [Number(await pair.getAttribute('data-threshold-a')), Number(await pair.getAttribute('data-threshold-b'))];
    expect(shown).toEqual([tauA, await tau(slot)]);
    expect(shown[1]).not.toBe(shown[0]);
    await expect(page.getByTestId(`model-tau-on-${slot}`)).toContainText('EER');
    // Its exact tests (McNemar, DeLong) are `uad compare`'s on the workspace at those two τ.
    const cli = (JSON.parse(uad(['compare', '--workspace', workspace, '--model', sha('lasoftmoe-tiny'), '--model', sha(name),
      '--threshold-a', String(shown[0]), '--threshold-b', String(shown[1]), '--intersect', '--json'])) as { pairs: Record<string, unknown>[] }).pairs[0]!;
    await expect(pair.getByTestId('paired-n')).toHaveAttribute('data-n', String(cli.n));
    const exact = (await pair.getByTestId('paired-value').evaluateAll((cells) => cells.map((c) => [c.getAttribute('data-key')!, Number(c.getAttribute('data-value'))] as const)))
      .filter(([key]) => key.startsWith('mcnemar.') || key.startsWith('delong.'));
    expect(exact).toHaveLength(12);
    const at = (key: string): unknown => key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown>)[part], cli);
    // Counts exactly; p-values and AUCs to 1e-12 (the browser's V8 and Node's may round a last digit apart).
    for (const [key, value] of exact) {
      if (key.endsWith('.b01') || key.endsWith('.b10')) expect([key, value]).toEqual([key, at(key)]);
      else expect(Math.abs(value - (at(key) as number)), key).toBeLessThan(1e-12);
    }
  }
  await page.screenshot({ path: testInfo.outputPath('paired-comparison.png'), fullPage: true });

  // The disagreement filters keep the rows a count from each model's exported scores at its own τ keeps.
  const expected = expectedCounts(decisions(workspace, sha('lasoftmoe-tiny'), tauA), decisions(workspace, sha('softmoe-tiny'), await tau('B')));
  expect(expected.disagree).toBeGreaterThan(0);
  await page.getByTestId('tab-samples').click();
  for (const [kind, count] of Object.entries(expected)) {
    await page.getByTestId('filter-disagreement').selectOption(kind);
    await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', String(count));
  }

  // Score again: nothing new for any model, every sample skipped.
  await score.click();
  await expect.poll(async () => (await finishedRuns(host)).length, { timeout: 120_000 }).toBe(6);
  await expect(page.getByTestId('run-progress')).toHaveAttribute('data-state', 'completed');
  await expect(page.getByTestId('run-progress')).toContainText('0 failed · 240 already scored');
  await expect(page.getByTestId('notice')).toContainText('0 scored, 240 skipped, 0 failed');
  const again = (await finishedRuns(host)).slice(3);
  expect(again.map((r) => [r.status, r.scored, r.skipped, r.failed])).toEqual(Array(3).fill(['completed', 0, 240, 0]));
  expect(new Set(again.map((r) => r.modelSha256))).toEqual(new Set(first.map((r) => r.modelSha256)));
  expect((await summary(host)).models.map((m) => m.predictions)).toEqual([240, 240, 240]);
});
