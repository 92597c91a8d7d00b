// Model comparison in e2e specs: each exported row's decision at a model's own τ (the real `uad export-scores`),
// the A vs B filter counts those decisions give, and a model added to the project bar's list.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { parseCsv } from '../../../common/csv/read';
import { uad } from './uad-cli';

type Decision = 'attack' | 'bona-fide' | null;
export type Decisions = Map<string, { label: string; decision: Decision }>;

/** Each exported row's label and decision at τ (none for an unscored or out-of-domain row), by path. */
export function decisions(workspace: string, modelPrefix: string, threshold: number): Decisions {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'uad-cmp-')), 'scores.csv');
  uad(['export-scores', '--workspace', workspace, '--out', out, '--model', modelPrefix, '--threshold', String(threshold)]);
  const parsed = parseCsv(readFileSync(out, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  const [header, ...rows] = parsed.value.map((r) => r.fields);
  const at = (name: string) => header!.indexOf(name);
  return new Map(rows.map((f) => {
    const score = f[at('score')]!;
    const decision: Decision = score === '' || f[at('in_domain')] === '0' ? null : Number(score) >= threshold ? 'attack' : 'bona-fide';
    return [f[at('path')]!, { label: f[at('label')]!, decision }];
  }));
}

/** Rows per disagreement filter, counted from the two exports joined by path. */
export function expectedCounts(a: Decisions, b: Decisions): Record<string, number> {
  const counts: Record<string, number> = { disagree: 0, 'only-a-wrong': 0, 'only-b-wrong': 0, 'both-wrong': 0 };
  for (const [key, rowA] of a) {
    const rowB = b.get(key);
    if (!rowB || rowA.decision === null || rowB.decision === null) continue;
    if (rowA.decision !== rowB.decision) counts.disagree! += 1;
    if (rowA.label === '') continue;
    const truth = rowA.label === '1' ? 'attack' : 'bona-fide';
    const wrongA = rowA.decision !== truth;
    const wrongB = rowB.decision !== truth;
    if (wrongA && !wrongB) counts['only-a-wrong']! += 1;
    if (wrongB && !wrongA) counts['only-b-wrong']! += 1;
    if (wrongA && wrongB) counts['both-wrong']! += 1;
  }
  return counts;
}

/** Types a model file into the project bar's Model field and waits for its row in the given slot. */
export async function addModel(page: Page, model: string, slot: string): Promise<void> {
  await page.getByTestId('model-path').fill(model);
  await page.getByTestId('model-open').click();
  await expect(page.getByTestId(`model-row-${slot}`)).toBeVisible({ timeout: 60_000 });
}
