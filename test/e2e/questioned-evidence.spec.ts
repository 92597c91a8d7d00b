// e2e (browser mode, chromium): the questioned-evidence path of a new analyst, end to end. A folder of unlabelled
// photographs (three with a face, a group of three under a face cap of two, the cat without) is scored with face
// detection: one questioned row per face kept, the capped photograph named in the run summary,
// each inconclusive with its reason, the cat not scored (in the grid and in the inspector); one more photograph
// goes through the one-image check; a finding recorded on the cat is shown in its row and the findings filters,
// listed in the case and exported as a case file (inconclusive, no face found, no score), verified in the app and by
// `uad verify-case`. Then Close workspace leaves the no-workspace screen, the demo opens, and nothing of the
// photographs is on any tab.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CASE_JSON, REPORT_HTML, type CaseFile } from '../../common/cases/case-types';
import { readZipSafely } from '../../electron/cases/zip-reader';
import { expect, test } from './support/browser-host';
import { exportCase, verifyCaseInApp } from './support/case-export';
import { openApp, openModel, openWorkspace } from './support/open-app';
import { uad } from './support/uad-cli';

const FACES = ['astronaut.jpg', 'camera.jpg', 'grace_hopper.jpg'];
const NO_FACE_PHOTO = 'chelsea.jpg';
/** Three men: with a face cap of 2 only the best two become samples, and the run says so. */
const GROUP = 'qt-logo.jpg';
const CHECKED = 'flower_hat.jpg';
const NO_FACE = 'No face found (detector confidence below 0.70)';
/** The same reason as a case file states it (reasonText). */
const NO_FACE_WORDS = 'no face found (detector confidence below 0.70)';
/** Every name of the first workspace's evidence: none may show on the demo's tabs. */
const EVIDENCE_NAMES = [...FACES, NO_FACE_PHOTO, GROUP, CHECKED, 'Questioned photographs'];

async function showsNothingOfTheEvidence(page: Page, where: string): Promise<void> {
  const text = await page.getByTestId('app-shell').innerText();
  for (const name of EVIDENCE_NAMES) expect(text, `${where} shows ${name}`).not.toContain(name);
}

test('a folder of unlabelled photographs: score with faces, read the reasons, check one more, export and verify a case, then nothing of it on the demo', async ({ page, host }, testInfo) => {
  test.setTimeout(300_000);
  const photos = mkdtempSync(path.join(tmpdir(), 'uad-e2e-evidence-'));
  for (const name of [...FACES, NO_FACE_PHOTO, GROUP]) copyFileSync(path.join('test/fixtures/photos', name), path.join(photos, name));
  const workspace = mkdtempSync(path.join(tmpdir(), 'uad-e2e-evidence-ws-'));

  await openApp(page, host.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await openWorkspace(page, workspace);
  await openModel(page);

  // Score the folder (no live/ or attack/: every photograph questioned) with face detection on, two faces at most.
  await page.getByTestId('faces-toggle').selectOption('detect');
  await expect(page.getByTestId('max-faces')).toHaveValue('20');
  await page.getByTestId('max-faces').fill('2');
  await page.getByTestId('dataset-path').fill(photos);
  await page.getByTestId('run-start').click();
  await expect(page.getByTestId('run-progress')).toHaveAttribute('data-state', 'completed', { timeout: 120_000 });
  // The demo model is trained on synthetic faces: every real face is outside its domain.
  await expect(page.getByTestId('run-domain-summary')).toHaveText('5 of 5 faces are outside the model\'s domain');
  await expect(page.getByTestId('run-faces-capped')).toHaveText(`1 photograph(s) had more than 2 faces: ${GROUP} 2 of 3 faces kept; raise the face cap`);

  // One questioned row per face, each inconclusive and explained; the cat listed, not scored, with its reason.
  const rows = page.getByTestId('sample-row');
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', '6');
  await expect(rows.filter({ hasText: `${GROUP}#face` })).toHaveCount(2);
  for (const name of [...FACES.map((f) => `${f}#face1`), `${GROUP}#face1`, `${GROUP}#face2`]) {
    const face = rows.filter({ hasText: name });
    await expect(face).toContainText('questioned');
    await expect(face).toContainText(/\d\.\d{4}/); // the score stays visible
    const decision = face.locator('.decision');
    await expect(decision).toHaveAttribute('data-outcome', 'inconclusive');
    await expect(decision).toHaveText('inconclusive');
    await expect(decision).toHaveAttribute('title', 'inconclusive: outside this model\'s domain; the score is not evidence');
  }
  const cat = rows.filter({ hasText: NO_FACE_PHOTO });
  await expect(cat).toContainText('questioned');
  await expect(cat.locator('[data-outcome="inconclusive"]')).toHaveText(NO_FACE);

  // The inspector gives the reason first; the decision never says attack or bona fide.
  const inspector = page.getByTestId('sample-inspector');
  await rows.filter({ hasText: 'astronaut.jpg#face1' }).dblclick();
  await expect(inspector).toHaveAttribute('data-status', 'ready');
  await expect(inspector.getByTestId('inspector-outcome-reason')).toHaveText(/^Inconclusive — outside this model's domain \(distance \d+\.\d\d, limit \d+\.\d\d\): the score is not evidence$/);
  await expect(inspector.getByTestId('inspector-decision')).toHaveText('INCONCLUSIVE');

  // The photograph without a face opens without a score, and takes a finding all the same (i, then Ctrl+Enter).
  await cat.dblclick();
  await expect(page.getByTestId('inspector-no-face')).toContainText(NO_FACE);
  await expect(inspector.getByTestId('score-card')).toHaveCount(0);
  const catId = (await cat.getAttribute('data-sample-id'))!;
  await expect(inspector).toHaveAttribute('data-sample-id', catId);
  await expect(page.getByTestId('annotation-panel')).toHaveAttribute('data-sample-id', catId);
  await page.keyboard.press('i');
  await expect(page.getByTestId('annotate-verdict')).toHaveValue('inconclusive');
  await page.getByTestId('annotate-tags').fill('no face');
  await page.getByTestId('annotate-note').fill('a cat, not a person');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('annotation-history').getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('annotation-history')).toContainText('a cat, not a person');
  // The finding shows in the cat's row and answers the findings filters; the faces have none.
  await expect(cat.locator('[data-verdict]')).toHaveAttribute('data-verdict', 'inconclusive');
  await expect(cat.locator('[data-tags]')).toHaveText('no face');
  await page.getByTestId('filter-verdict').selectOption('inconclusive');
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', '1');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-sample-id', catId);
  await page.getByTestId('filter-verdict').selectOption('all');
  await page.getByTestId('filter-tag').selectOption('no face');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-sample-id', catId);
  await page.getByTestId('filter-tag').selectOption('');
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', '6');
  await page.screenshot({ path: testInfo.outputPath('1-questioned-photographs.png') });

  // One more photograph with the one-image check: it lands in this workspace as a questioned sample.
  await page.getByTestId('check-path').fill(path.resolve('test/fixtures/photos', CHECKED));
  await page.getByTestId('check-run').click();
  const cards = page.getByTestId('check-card');
  await expect(cards).toHaveCount(1, { timeout: 60_000 });
  await expect(cards.first()).toHaveAttribute('data-outcome', 'inconclusive');
  await expect(cards.first().getByTestId('check-card-outcome')).toHaveText(/^Inconclusive — outside this model's domain /);
  await expect(page.getByTestId('notice')).toContainText('as a questioned sample');
  await expect(rows.filter({ hasText: `${CHECKED}#face1` })).toContainText('questioned');

  // Export the finding as a case file; verify it in the app, then with the CLI.
  await page.getByTestId('tab-case').click();
  await expect(page.getByTestId('case-samples')).toHaveAttribute('data-count', '1');
  const caseRow = page.getByTestId('case-sample-row');
  await expect(caseRow).toHaveCount(1);
  await expect(caseRow).toHaveAttribute('data-sample-id', catId);
  await expect(caseRow).toContainText(NO_FACE_PHOTO);
  await expect(caseRow).toContainText('inconclusive');
  const { zip, manifest } = await exportCase(page, 'Questioned photographs');
  await verifyCaseInApp(page);
  const verified = uad(['verify-case', zip, '--expect-manifest', manifest, '--workspace', workspace]); // throws on a non-zero exit
  expect(verified).toContain('1 sample(s)');
  expect(verified).toContain('SIGNED by a trusted key');
  // The case gives the cat its outcome, inconclusive with the reason, and no score it does not have.
  const read = await readZipSafely(zip);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const caseFile = JSON.parse(read.entries.find((e) => e.name === CASE_JSON)!.data.toString('utf8')) as CaseFile;
  expect(caseFile.evidence.map((e) => e.path)).toEqual([NO_FACE_PHOTO]);
  expect(caseFile.results).toMatchObject([{ sampleId: Number(catId), score: null, decision: null, outcome: 'inconclusive', outcomeReason: NO_FACE_WORDS }]);
  expect(caseFile.annotations).toMatchObject([{ sampleId: Number(catId), verdict: 'inconclusive', tags: ['no face'], note: 'a cat, not a person' }]);
  expect(read.entries.find((e) => e.name === REPORT_HTML)!.data.toString('utf8')).toContain(`Inconclusive — ${NO_FACE_WORDS}`);
  await page.screenshot({ path: testInfo.outputPath('2-case-verified.png') });

  // Close workspace: the no-workspace screen, nothing of the photographs anywhere.
  await page.getByTestId('workspace-close').click();
  await expect(page.getByTestId('notice')).toHaveText('Workspace closed');
  await expect(page.getByTestId('workspace-close')).toHaveCount(0);
  await expect(page.getByTestId('case-view')).toContainText('Open a workspace to build a case.');
  await expect(page.getByTestId('case-title')).toHaveValue('');
  await expect(page.getByTestId('case-export-result')).toHaveCount(0);
  await expect(page.getByTestId('case-verification')).toHaveCount(0);
  await page.getByTestId('tab-samples').click();
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(page.getByTestId('sample-grid')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('check-card')).toHaveCount(0);
  await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-status', 'idle');
  await expect(page.getByTestId('run-domain-summary')).toHaveCount(0);
  await expect(page.getByTestId('run-faces-capped')).toHaveCount(0);
  await expect(page.getByTestId('max-faces')).toHaveValue('20');
  await expect(page.getByTestId('dataset-path')).toHaveValue('');
  await expect(page.getByTestId('faces-toggle')).toHaveValue('auto');
  await showsNothingOfTheEvidence(page, 'the closed workspace');

  // The demo: its own samples on every tab, none of the photographs.
  await page.getByTestId('welcome-demo').click();
  await expect(page.getByTestId('workspace-close')).toBeVisible();
  await expect(page.getByTestId('sample-row').first()).toBeVisible({ timeout: 60_000 });
  for (const text of await page.getByTestId('sample-row').allTextContents()) expect(text).not.toMatch(/#face\d|questioned/);
  await expect(page.getByTestId('check-card')).toHaveCount(0);
  await expect(page.getByTestId('sample-inspector')).toHaveAttribute('data-status', 'idle');
  await showsNothingOfTheEvidence(page, 'the demo\'s samples tab');
  for (const tab of ['evaluation', 'analytics', 'models', 'case']) {
    await page.getByTestId(`tab-${tab}`).click();
    await showsNothingOfTheEvidence(page, `the demo's ${tab} tab`);
  }
  await expect(page.getByTestId('case-samples')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('case-title')).toHaveValue('');
  await page.screenshot({ path: testInfo.outputPath('3-demo-after-close.png') });
});
