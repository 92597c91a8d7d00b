// The evaluation report's comparison section when more than one model is evaluated: per pair, each model's τ
// and where it came from, the paired bootstrap's Δ intervals, DeLong's ΔAUC, McNemar per class with the discordant
// counts, per-species ΔAPCER with Holm p, and the plain readings (common/metrics/paired-comparison.ts).
// Every value through html.ts. Pure shared code (common/).
import { formatPValue, pairedComparisonJson, type PairedComparison } from '../metrics/paired-comparison.js';
import type { DifferenceInterval } from '../metrics/paired-bootstrap.js';
import { html, percent, type SafeHtml } from './html.js';
import { formatAuc, formatAucDifference, formatRateDifference, formatThreshold } from '../format/figures.js';

/** One compared pair: B against A on their common samples, each at its own τ. */
export interface ReportComparison {
  readonly a: string;
  readonly b: string;
  /** Where each τ came from ("the operating point", "saved #3 (eer on dev)", …). */
  readonly thresholdSaysA: string;
  readonly thresholdSaysB: string;
  /** Samples scored by only one model, left out. */
  readonly onlyA: number;
  readonly onlyB: number;
  readonly comparison: PairedComparison;
}

function rateRow(name: string, d: DifferenceInterval): SafeHtml {
  return html`<tr><td>${name}</td><td class="num">${percent(d.a)}</td><td class="num">${percent(d.b)}</td><td class="num" data-value="${d.diff}">${formatRateDifference(d.diff)}</td><td class="num" data-low="${d.low}" data-high="${d.high}">${formatRateDifference(d.low)} to ${formatRateDifference(d.high)}</td></tr>`;
}

function pairSection(pair: ReportComparison, k: number): SafeHtml[] {
  const c = pair.comparison;
  const attacks = c.species.reduce((sum, s) => sum + s.attacks, 0);
  const left = pair.onlyA + pair.onlyB > 0 ? ` On the intersection: ${pair.onlyA} samples scored only by A and ${pair.onlyB} only by B are left out.` : '';
  const d = c.delong;
  return [
    html`<h3>A: ${pair.a} · B: ${pair.b}</h3>`,
    html`<p class="note">A at τ = ${formatThreshold(c.thresholdA)} (${pair.thresholdSaysA}); B at τ = ${formatThreshold(c.thresholdB)} (${pair.thresholdSaysB}). ${c.n} paired samples (${attacks} attacks, ${c.n - attacks} bona fide).${left} Bootstrap: ${c.bootstrap.replicates} replicates by ${c.bootstrap.resample}, seed ${c.bootstrap.seed}. Every difference is B − A.</p>`,
    html`<table id="comparison-${k}"><tr><th>Measure</th><th>A</th><th>B</th><th>B − A (points)</th><th>95 % CI of B − A</th></tr>`,
    rateRow('APCER max', c.bootstrap.apcerMax), rateRow('APCER pooled', c.bootstrap.apcerPooled), rateRow('BPCER', c.bootstrap.bpcer), rateRow('ACER', c.bootstrap.acer), rateRow('EER', c.bootstrap.eer),
    html`<tr><td>AUC (DeLong, p = ${formatPValue(d.p)})</td><td class="num">${formatAuc(d.aucA)}</td><td class="num">${formatAuc(d.aucB)}</td><td class="num" data-value="${d.diff}">${formatAucDifference(d.diff)}</td><td class="num" data-low="${d.low}" data-high="${d.high}">${formatAucDifference(d.low)} to ${formatAucDifference(d.high)}</td></tr></table>`,
    html`<table><tr><th>McNemar</th><th>b01 (A right, B wrong)</th><th>b10 (A wrong, B right)</th><th>p</th></tr>`,
    html`<tr><td>Attacks (APCER)</td><td class="num">${c.mcnemar.attack.b01}</td><td class="num">${c.mcnemar.attack.b10}</td><td class="num" data-value="${c.mcnemar.attack.p}">${formatPValue(c.mcnemar.attack.p)}</td></tr>`,
    html`<tr><td>Bona fide (BPCER)</td><td class="num">${c.mcnemar.bonaFide.b01}</td><td class="num">${c.mcnemar.bonaFide.b10}</td><td class="num" data-value="${c.mcnemar.bonaFide.p}">${formatPValue(c.mcnemar.bonaFide.p)}</td></tr></table>`,
    ...(c.species.length === 0 ? [] : [
      html`<table><tr><th>Species</th><th>Attacks</th><th>APCER A</th><th>APCER B</th><th>B − A (points)</th><th>b01/b10</th><th>p (Holm)</th></tr>`,
      ...c.species.map((s) => html`<tr><td>${s.name}</td><td class="num">${s.attacks}</td><td class="num">${percent(s.apcerA)}</td><td class="num">${percent(s.apcerB)}</td><td class="num">${formatRateDifference(s.diff)}</td><td class="num">${s.b01}/${s.b10}</td><td class="num">${formatPValue(s.pHolm)}</td></tr>`),
      html`</table>`,
    ]),
    html`<ul>`,
    ...c.readings.map((reading) => html`<li>${reading}</li>`),
    html`</ul>`,
  ];
}

/** The section, or nothing when fewer than two models were evaluated. */
export function comparisonSection(comparisons: readonly ReportComparison[]): SafeHtml[] {
  if (comparisons.length === 0) return [];
  return [
    html`<h2>Comparison of models (paired, each at its own threshold)</h2>`,
    html`<p class="note">The same samples scored by each model; McNemar's exact test on the decisions, DeLong's test on the AUCs, a paired bootstrap of the rate differences.</p>`,
    ...comparisons.flatMap(pairSection),
  ];
}

/** The comparisons as the report's embedded JSON (the `pairs[]` entries of `uad compare --json`, with the τ origins). */
export function comparisonsJson(comparisons: readonly ReportComparison[]): Record<string, unknown>[] {
  return comparisons.map((pair) => ({ ...pairedComparisonJson(pair.a, pair.b, pair.comparison), threshold_a_origin: pair.thresholdSaysA, threshold_b_origin: pair.thresholdSaysB, only_a: pair.onlyA, only_b: pair.onlyB }));
}
