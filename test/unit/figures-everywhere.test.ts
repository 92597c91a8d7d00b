// Every number a person reads on the screens, in the reports and in the case file goes through the one formatter
// module (common/format/figures.ts): no source in renderer/, common/report/ or electron/cases/ calls toFixed or
// toPrecision itself, except where the number is never read by a person (each such place listed with its reason and
// its count, so a new one fails here). And the comparison section of the evaluation report prints its figures the
// formatter's way (τ to four significant digits, AUC and its difference, rate differences in points).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePaired } from '../../common/metrics/paired-comparison.js';
import { comparisonSection } from '../../common/report/comparison-section.js';

const root = path.resolve(import.meta.dirname, '../..');
const FOLDERS = ['renderer', 'common/report', 'electron/cases'];

/** Files that may format a number themselves: the number is not shown to a person. */
const NOT_SHOWN: Record<string, { count: number; reason: string }> = {
  'common/report/curve-frame.ts': { count: 6, reason: 'SVG coordinates of the grid lines and tick labels' },
  'common/report/roc-svg.ts': { count: 2, reason: 'SVG coordinates of the curves' },
  'common/report/det-svg.ts': { count: 2, reason: 'SVG coordinates of the curves' },
  'electron/cases/overlays.ts': { count: 2, reason: 'SVG coordinates of the perturbation chart\'s polyline' },
  'renderer/features/analytics/heat.ts': { count: 1, reason: 'a colour-mix percentage in CSS' },
  'renderer/features/project/RunProgressBar.tsx': { count: 1, reason: 'the progress fill\'s CSS width' },
  'renderer/features/analytics/AnalyticsView.tsx': { count: 2, reason: 'the entropy chart\'s data and axis domain, rounded; the axis prints them with formatStatistic' },
  'renderer/features/browser/FilterBar.tsx': { count: 1, reason: 'the τ input\'s value, the number a person edits (type="number"), not a printed figure' },
};

function sources(folder: string): string[] {
  return readdirSync(path.join(root, folder)).flatMap((name) => {
    const relative = `${folder}/${name}`;
    if (statSync(path.join(root, relative)).isDirectory()) return sources(relative);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [relative] : [];
  });
}

describe('numbers are formatted in one place', () => {
  it('no toFixed or toPrecision outside common/format/ in the screens, reports and case file, except where not shown', () => {
    const found: Record<string, number> = {};
    for (const file of FOLDERS.flatMap(sources)) {
      const count = (readFileSync(path.join(root, file), 'utf8').match(/\.to(Fixed|Precision)\(/g) ?? []).length;
      if (count > 0) found[file] = count;
    }
    const expected = Object.fromEntries(Object.entries(NOT_SHOWN).map(([file, { count }]) => [file, count]));
    expect(found).toEqual(expected);
  });

  it('the report\'s model comparison prints τ, AUC and differences the formatter\'s way', () => {
    const n = 60;
    const labels = Uint8Array.from({ length: n }, (_, i) => (i % 2));
    const scoresA = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 0.55 : 0.1) + (i % 7) / 50);
    const scoresB = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 0.6 : 0.2) + (i % 5) / 40);
    const comparison = comparePaired({ labels, scoresA, scoresB }, 0.41762512345678, 0.009947981234, { replicates: 200, seed: 1 });
    const page = comparisonSection([{ a: 'A', b: 'B', thresholdSaysA: 'the operating point', thresholdSaysB: 'saved #2', onlyA: 0, onlyB: 0, comparison }])
      .map((part) => part.markup).join('');
    expect(page).toContain('A at τ = 0.4176 (the operating point); B at τ = 0.009948 (saved #2)');
    expect(page).not.toMatch(/0\.417625|0\.0099479/);
    const d = comparison.delong;
    expect(page).toContain(`<td class="num">${d.aucA.toFixed(4)}</td><td class="num">${d.aucB.toFixed(4)}</td>`);
    // A difference carries its sign, the minus a true minus sign.
    const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(4)}`;
    expect(page).toContain(`>${signed(d.diff)}</td>`);
    expect(page).toContain(`>${signed(d.low)} to ${signed(d.high)}</td>`);
  });
});
