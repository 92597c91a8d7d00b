// Tests of the report's thinned DET polylines: the page is byte-identical to the unthinned one except for
// the polylines' points, whose vertices are a subset of the unthinned ones, ends and range crossings kept.
import { describe, expect, it } from 'vitest';
import { fullEvaluation, type SpeciesDet } from '../metrics/full-evaluation.js';
import { SeededRandom } from '../metrics/prng.js';
import { builtinProfile } from '../metrics/profiles.js';
import { parseScoresCsv } from '../metrics/scores-csv.js';
import { detSvg } from './det-svg.js';
import { evaluationReportHtml, type ReportProvenance } from './evaluation-report.js';

const SPECIES = ['print', 'replay', 'mask', 'deepfake'];

/** Seeded scores: 6,000 rows, four species, identities, some ties; the outer rates fall below the drawn 0.05 %. */
function fixtureCsv(): string {
  const random = new SeededRandom(30107);
  const lines = ['score,label,species,identity'];
  for (let i = 0; i < 6000; i++) {
    const attack = i % 3 !== 0;
    const species = SPECIES[i % SPECIES.length];
    const centre = attack ? 0.55 + 0.06 * SPECIES.indexOf(species) : 0.35;
    const score = Math.min(1, Math.max(0, centre + (random.nextDouble() + random.nextDouble() - 1) * 0.35));
    lines.push(`${(i % 50 === 0 ? score.toFixed(2) : score.toFixed(7))},${attack ? 1 : 0},${attack ? species : ''},id-${i % 400}`);
  }
  return `${lines.join('\n')}\n`;
}

const PROVENANCE: ReportProvenance = {
  generatedAt: '2026-12-01T12:00:00.000Z',
  generator: 'UAD Workbench test',
  scores: { description: 'fixture.csv', fileSha256: 'a'.repeat(64), scoreLabelSha256: 'b'.repeat(64) },
};

const polylinePoints = (html: string): string[][] =>
  Array.from(html.matchAll(/<polyline [^>]*points="([^"]*)"/g), (m) => m[1].split(' '));

function isSubsequence(part: readonly string[], whole: readonly string[]): boolean {
  let j = 0;
  for (const item of part) {
    while (j < whole.length && whole[j] !== item) j++;
    if (j === whole.length) return false;
    j++;
  }
  return true;
}

describe('evaluation report DET thinning', () => {
  const data = parseScoresCsv(fixtureCsv(), 'fixture.csv');
  const full = fullEvaluation({
    scores: { data, description: 'fixture.csv' },
    criterion: { kind: 'eer' },
    profile: builtinProfile('ibeta-level1')!,
    bootstrap: { replicates: 30, seed: 5 },
  });
  const thinned = evaluationReportHtml(full, PROVENANCE);
  const everyVertex = evaluationReportHtml(full, PROVENANCE, { tolerancePx: null });

  it('changes nothing but the polylines’ points', () => {
    const withoutPoints = (html: string): string => html.replace(/ points="[^"]*"/g, ' points=""');
    expect(thinned).not.toBe(everyVertex);
    expect(withoutPoints(thinned)).toBe(withoutPoints(everyVertex));
  });

  it('draws a subset of the vertices, both ends kept, far fewer of them', () => {
    const thin = polylinePoints(thinned);
    const all = polylinePoints(everyVertex);
    expect(thin).toHaveLength(SPECIES.length + 1);
    expect(all).toHaveLength(SPECIES.length + 1);
    thin.forEach((points, c) => {
      expect(all[c]).toHaveLength(full.det[c].curve.fpr.length);
      expect(isSubsequence(points, all[c])).toBe(true);
      expect(points[0]).toBe(all[c][0]);
      expect(points.at(-1)).toBe(all[c].at(-1));
      expect(points.length).toBeLessThan(all[c].length / 4);
    });
  });

  it('keeps the vertices where a curve enters or leaves the plotted range, even on a straight line', () => {
    // y fixed at 50 %, x from 10⁻⁵ to 10 % on a log scale: the first vertices are clipped onto the left edge
    // (0.05 %), the rest lie on one horizontal line, so only the ends and the crossing need drawing.
    const n = 200;
    const fpr = Float64Array.from({ length: n }, (_, k) => 10 ** (-5 + (4 * k) / (n - 1)));
    const fnr = new Float64Array(n).fill(0.5);
    const curve: SpeciesDet = { species: 'line', attacks: 1, curve: { fpr, fnr, thresholds: new Float64Array(n), probitFpr: new Float64Array(n), probitFnr: new Float64Array(n) } };
    const all = polylinePoints(detSvg([curve], { tolerancePx: null }).markup)[0];
    const thin = polylinePoints(detSvg([curve]).markup)[0];
    const firstInside = fpr.findIndex((p) => p >= 0.0005);
    expect(firstInside).toBeGreaterThan(1);
    expect(thin).toEqual([all[0], all[firstInside - 1], all[firstInside], all[n - 1]]);
  });

  it('rejects a negative tolerance', () => {
    expect(() => detSvg(full.det, { tolerancePx: -1 })).toThrow(RangeError);
  });
});
