// What a reader of the evaluation report is told: the caveats the Evaluation tab shows (an optimistic τ,
// questioned and out-of-domain samples left out), thresholds in four significant digits, a ROC beside the
// DET with one style per series named in one legend, and the examiner's sign-off. Pure shared code (common/).
import { describe, expect, it } from 'vitest';
import { fullEvaluation } from '../metrics/full-evaluation.js';
import { parseScoresCsv } from '../metrics/scores-csv.js';
import { formatThreshold } from '../format/figures.js';
import { OUT_OF_DOMAIN_REASON } from '../metrics/outcome.js';
import { evaluationReportHtml, type ReportProvenance } from './evaluation-report.js';
import { seriesStyle } from './series-style.js';

const SPECIES = ['print', 'replay', 'mask', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

/** Scores with 13 species (more than the palette holds), ties, thresholds with long decimals. */
function scoresCsv(): string {
  const lines = ['score,label,species'];
  for (let i = 0; i < 390; i++) {
    const attack = i % 3 !== 0;
    const score = attack ? 0.3 + ((i * 37) % 1000) / 1430.123 : ((i * 53) % 1000) / 1663.77;
    lines.push(`${score},${attack ? 1 : 0},${attack ? SPECIES[i % SPECIES.length] : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

const PROVENANCE: ReportProvenance = {
  generatedAt: '2026-12-01T12:00:00.000Z', generator: 'test', scores: { description: 'test split', scoreLabelSha256: 'b'.repeat(64) },
};
const data = parseScoresCsv(scoresCsv(), 'scores.csv');

describe('evaluation report for a reader', () => {
  it('says when τ was chosen on the evaluated data, by this evaluation or by the caller (the Evaluation tab)', () => {
    const own = evaluationReportHtml(fullEvaluation({ scores: { data, description: 's' }, criterion: { kind: 'eer' } }), PROVENANCE);
    expect(own).toContain('data-caveat="optimistic"');
    expect(own).toContain('chosen on the evaluated data (optimistic)');
    const fixed = fullEvaluation({ scores: { data, description: 's' }, criterion: { kind: 'fixed', threshold: 0.5 } });
    const tab = evaluationReportHtml(fixed, { ...PROVENANCE, thresholdOrigin: 'chosen by eer on split test in the Evaluation tab', thresholdChosenOnEvaluatedData: true });
    expect(tab).toContain('data-caveat="optimistic"');
    expect(tab).toContain('in the Evaluation tab; chosen on the evaluated data (optimistic)');
    const dev = evaluationReportHtml(fixed, { ...PROVENANCE, thresholdOrigin: 'chosen by eer on split dev', thresholdChosenOnEvaluatedData: false });
    expect(dev).not.toContain('optimistic');
  });

  it('counts the questioned and out-of-domain samples left out of the rates', () => {
    const outside = (line: number, label: 0 | 1) => ({ line, path: `p${line}`, label, species: label ? 'print' : '', attackClass: 'presentation' as const, identity: '', reason: OUT_OF_DOMAIN_REASON });
    const nonResponses = [outside(1, 1), outside(2, 0)];
    const full = fullEvaluation({ scores: { data: { ...data, questioned: 4, nonResponses }, description: 's' }, criterion: { kind: 'fixed', threshold: 0.5 } });
    const page = evaluationReportHtml(full, PROVENANCE);
    expect(page).toMatch(/data-caveat="questioned">4 questioned samples \(no ground truth\) left out of every rate/);
    expect(page).toMatch(/data-caveat="out-of-domain">2 samples outside the model's domain left out of APCER and BPCER/);
  });

  it('prints thresholds in four significant digits, the exact value kept in data attributes', () => {
    const full = fullEvaluation({ scores: { data, description: 's' }, criterion: { kind: 'eer' } });
    const page = evaluationReportHtml(full, PROVENANCE);
    const tau = full.report.operatingPoint.provenance.threshold;
    expect(String(tau).length).toBeGreaterThan(8);
    expect(page).toContain(`data-value="${tau}" title="${tau}">${formatThreshold(tau)}</td>`);
    const shown = [...page.matchAll(/τ = <span data-threshold="[^"]*">([^<]*)<\/span>/g)].map((m) => m[1]!);
    expect(shown).toHaveLength(2);
    for (const text of shown) expect(text.replace(/^0\.0*/, '').length).toBeLessThanOrEqual(4);
    expect(formatThreshold(0.41762500000000003)).toBe('0.4176');
    expect(formatThreshold(0.00994798)).toBe('0.009948');
    expect(formatThreshold(0.5)).toBe('0.5000'); // one way everywhere: four significant digits, trailing zeros kept
  });

  it('draws a ROC beside the DET, every series in its own style, named once in the legend', () => {
    const full = fullEvaluation({ scores: { data, description: 's' }, criterion: { kind: 'eer' } });
    const page = evaluationReportHtml(full, PROVENANCE);
    const series = full.det.length;
    expect(series).toBe(SPECIES.length + 1);
    expect(page.match(/<svg [^>]*class="roc"/g)).toHaveLength(1);
    expect(page.match(/<path fill="none" stroke=/g)).toHaveLength(series);
    const styles = Array.from({ length: series }, (_, i) => seriesStyle(i));
    expect(new Set(styles.map((s) => `${s.colour}|${s.dash}`)).size).toBe(series);
    expect(styles.filter((s) => s.colour === '#111111' && s.dash === '')).toHaveLength(1);
    expect(page.match(/<li data-series=/g)).toHaveLength(series);
  });

  it('ends with a sign-off: the examiner named where known, date and signature lines', () => {
    const full = fullEvaluation({ scores: { data, description: 's' }, criterion: { kind: 'fixed', threshold: 0.5 } });
    expect(evaluationReportHtml(full, { ...PROVENANCE, examiner: 'A. Analyst' })).toMatch(/id="sign-off"[\s\S]*data-examiner="A. Analyst">A. Analyst<[\s\S]*Date[\s\S]*Signature/);
    expect(evaluationReportHtml(full, PROVENANCE)).toContain('data-examiner=""></td>');
  });
});
