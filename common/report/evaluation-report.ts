// The evaluation report: one self-contained, offline, print-ready HTML page (provenance, the caveats the
// Evaluation tab shows, every rate with its exact and bootstrap intervals, attack classes, per-species DET
// and ROC, profile checklist, leakage warnings, non-responses, an examiner's sign-off), written by `uad report` and by the Evaluation tab's export from
// the same FullEvaluation, so both carry the same numbers. Pure shared code (common/).

import { ATTACK_CLASS_TITLES } from '../metrics/attack-classes.js';
import type { CountedRate } from '../metrics/binomial.js';
import { formatAuc, formatCountedRate } from '../format/figures.js';
import type { Interval } from '../metrics/bootstrap.js';
import { certificationJson, leakageJson, profileResultJson } from '../metrics/certification-json.js';
import type { FullEvaluation } from '../metrics/full-evaluation.js';
import { formatThreshold } from '../format/figures.js';
import { OUT_OF_DOMAIN_REASON } from '../metrics/outcome.js';
import { comparisonSection, comparisonsJson, type ReportComparison } from './comparison-section.js';
import { detSvg, type DetSvgOptions } from './det-svg.js';
import { rocSvg } from './roc-svg.js';
import { seriesLegend } from './series-style.js';
import { jsonForDisplay } from '../display-text.js';
import { constantHtml, html, jsonScript, link, percent, percentRange, reportCsp, type SafeHtml } from './html.js';

export interface DataProvenance {
  /** File name or split name. */
  readonly description: string;
  /** SHA-256 of the file's bytes, when the data came from a file. */
  readonly fileSha256?: string;
  /** SHA-256 of the sorted (score, label) stream (common/metrics/score-bytes.ts). */
  readonly scoreLabelSha256: string;
}

export interface ReportProvenance {
  /** ISO 8601 time the report was written. */
  readonly generatedAt: string;
  /** e.g. "UAD Workbench 0.1.0 (uad report)". */
  readonly generator: string;
  readonly scores: DataProvenance;
  readonly dev?: DataProvenance;
  readonly train?: { readonly description: string };
  readonly model?: { readonly name?: string; readonly sha256: string } | null;
  /** How the threshold was chosen when the caller chose it (the Evaluation tab's operating point). */
  readonly thresholdOrigin?: string;
  /** The caller's threshold was chosen on the very data evaluated (the tab's "optimistic" caveat). */
  readonly thresholdChosenOnEvaluatedData?: boolean;
  /** The examiner signing the report off, where the app knows the name ('' or absent: a line to write it on). */
  readonly examiner?: string;
}

const STYLE = constantHtml(`
body{font:13px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111;margin:24px auto;max-width:960px;padding:0 16px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:22px 0 6px;border-bottom:1px solid #ccc;padding-bottom:2px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #d4d4d4;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.note{color:#444;font-size:12px}.warning{background:#fff4e5;border:1px solid #f0b35e;padding:6px 8px;margin:6px 0}
.verdict-pass{color:#11652a;font-weight:600}.verdict-fail{color:#a11;font-weight:600}.verdict-insufficient{color:#8a5a00;font-weight:600}.verdict-not-evaluated{color:#555}
.curves{display:flex;flex-wrap:wrap;gap:16px}.curve-figure{margin:6px 0;width:320px}.curve-figure figcaption{font-size:11px;color:#444}
.legend{list-style:none;padding:0;margin:4px 0;columns:2}.legend svg{vertical-align:middle}
.caveats li{margin:2px 0}.signoff{margin-top:28px;border:1px solid #999;padding:8px 12px}.signoff td{border:none;padding:10px 6px 2px}.signoff .line{border-bottom:1px solid #111;min-width:260px}
code{font-size:11px;word-break:break-all}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}table,figure,.warning,.signoff{break-inside:avoid}a{color:inherit;text-decoration:none}}
@page{size:A4;margin:14mm}`);

/** Value, count and exact interval of one counted rate; `key` names it in data-* attributes. */
function countedCells(key: string, rate: CountedRate | null): SafeHtml {
  if (rate === null) return html`<td class="num" data-key="${key}">—</td><td class="num">no attempts</td><td class="num">—</td>`;
  const value = html`<td class="num" data-key="${key}" data-value="${rate.rate}">${percent(rate.rate)}</td><td class="num" data-count="${key}">${rate.errors} of ${rate.attempts}</td>`;
  return html`${value}<td class="num" data-ci="${key}" data-low="${rate.ci.low}" data-high="${rate.ci.high}" title="${formatCountedRate(rate)}">${percentRange(rate.ci.low, rate.ci.high)}</td>`;
}

function bootstrapCell(interval: Interval | undefined): SafeHtml {
  return interval === undefined ? html`<td class="num">—</td>` : html`<td class="num" data-low="${interval.lower}" data-high="${interval.upper}">${percentRange(interval.lower, interval.upper)}</td>`;
}

/** A plain value cell (no count, no exact interval): ACER, HTER, EER, AUC. */
function valueCells(key: string, value: number, shown: string): SafeHtml {
  return html`<td class="num" data-key="${key}" data-value="${value}">${shown}</td><td class="num">—</td>`;
}

function dataRow(label: string, data: DataProvenance): SafeHtml {
  const hashes = [
    ...(data.fileSha256 === undefined ? [] : [html`file SHA-256 <code>${data.fileSha256}</code>`]),
    html`scores/labels SHA-256 <code>${data.scoreLabelSha256}</code>`,
  ];
  return html`<tr><th>${label}</th><td>${data.description}<br>${hashes.map((h, i) => (i === 0 ? h : html`<br>${h}`))}</td></tr>`;
}

/** Whether τ was chosen on the evaluated data itself: by this evaluation, or by the caller (the tab). */
const chosenOnEvaluatedData = (full: FullEvaluation, provenance: ReportProvenance): boolean =>
  full.report.operatingPoint.chosenOnSameData || provenance.thresholdChosenOnEvaluatedData === true;

const OPTIMISTIC = 'chosen on the evaluated data (optimistic)';

/** How the threshold was chosen, in words. */
function thresholdChoice(full: FullEvaluation, provenance: ReportProvenance): string {
  const op = full.report.operatingPoint;
  const pv = op.provenance;
  if (provenance.thresholdOrigin !== undefined) return provenance.thresholdChosenOnEvaluatedData ? `${provenance.thresholdOrigin}; ${OPTIMISTIC}` : provenance.thresholdOrigin;
  return (pv.chosenOn === null
    ? 'fixed threshold (given, not chosen on data)'
    : op.chosenOnSameData
      ? `chosen by ${pv.criterion} on the evaluated scores themselves (no separate dev set): ${OPTIMISTIC}`
      : `chosen by ${pv.criterion} on ${pv.chosenOn.description} (${pv.chosenOn.samples} samples) and applied to ${op.appliedTo.description}`);
}

function pageHead(provenance: ReportProvenance): SafeHtml[] {
  return [
    html`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">`,
    reportCsp('img-src data:'),
    html`<title>Evaluation report — ${provenance.scores.description}</title><style>${STYLE}</style></head><body>`,
    html`<h1>Evaluation report</h1><p class="note">${provenance.generator} · ${provenance.generatedAt} · attack when score ≥ threshold · rates in percent</p>`,
  ];
}

function provenanceSection(full: FullEvaluation, provenance: ReportProvenance): SafeHtml[] {
  const { report, counted } = full;
  const op = report.operatingPoint;
  const pv = op.provenance;
  const where = pv.achievedOnSource;
  return [
    html`<h2>Provenance</h2><table id="provenance">`,
    provenance.model != null
      ? html`<tr><th>Model</th><td>${provenance.model.name ?? ''} <code>${provenance.model.sha256}</code></td></tr>`
      : html`<tr><th>Model</th><td>not recorded (scores file only)</td></tr>`,
    dataRow('Evaluated scores', provenance.scores),
    ...(provenance.dev === undefined ? [] : [dataRow('Threshold set (dev)', provenance.dev)]),
    ...(provenance.train === undefined ? [] : [html`<tr><th>Training list</th><td>${provenance.train.description} (read for identity leakage only)</td></tr>`]),
    html`<tr><th>Threshold τ</th><td data-key="threshold" data-value="${pv.threshold}" title="${String(pv.threshold)}">${formatThreshold(pv.threshold)}</td></tr>`,
    html`<tr><th>How it was chosen</th><td>${thresholdChoice(full, provenance)}</td></tr>`,
    ...(where === null || op.chosenOnSameData ? [] : [html`<tr><th>Rates where chosen</th><td>APCER_AP ${percent(where.apcerMax)}, APCER pooled ${percent(where.apcerPooled)}, BPCER ${percent(where.bpcer)}</td></tr>`]),
    html`<tr><th>Samples</th><td>${op.appliedTo.samples} scored (${op.appliedTo.attacks} attacks in ${report.speciesNames.length} species, ${op.appliedTo.bonaFide} bona fide); ${counted.nonResponses.length} non-responses</td></tr></table>`,
  ];
}

/** What the Evaluation tab warns about, said before any number: an optimistic τ, samples left out of the rates. */
function caveatsSection(full: FullEvaluation, provenance: ReportProvenance): SafeHtml[] {
  const { counted } = full;
  const items: SafeHtml[] = [];
  if (chosenOnEvaluatedData(full, provenance)) {
    items.push(html`<li class="caveat" data-caveat="optimistic">The threshold was ${OPTIMISTIC}: the rates below are what it achieves on the data it was tuned on, and are expected to be worse on new data.</li>`);
  }
  const questioned = counted.questionedLeftOut;
  if (questioned > 0) items.push(html`<li class="caveat" data-caveat="questioned">${questioned} questioned sample${questioned === 1 ? '' : 's'} (no ground truth) left out of every rate.</li>`);
  const leftOut = counted.nonResponses.filter((n) => n.reason === OUT_OF_DOMAIN_REASON).length;
  const decided = counted.outOfDomain.decidedByScore ? counted.outOfDomain.samples : 0;
  if (leftOut > 0) items.push(html`<li class="caveat" data-caveat="out-of-domain">${leftOut} sample${leftOut === 1 ? '' : 's'} outside the model's domain left out of APCER and BPCER as inconclusive non-responses (counted in APNRR and BPNRR).</li>`);
  if (decided > 0) items.push(html`<li class="caveat" data-caveat="out-of-domain">${decided} sample${decided === 1 ? '' : 's'} outside the model's domain decided by score anyway (counted in the rates, as asked).</li>`);
  if (full.leakage !== null && full.leakage.warnings.length > 0) items.push(html`<li class="caveat" data-caveat="leakage">Identities are shared between splits (see Split hygiene): the rates may be optimistic.</li>`);
  if (items.length === 0) return [];
  return [html`<h2>Caveats</h2><ul class="warning caveats" id="caveats">${items}</ul>`];
}

/** The examiner's sign-off: name (from the app where known), date and signature lines to complete by hand. */
function signOffSection(provenance: ReportProvenance): SafeHtml[] {
  const name = provenance.examiner?.trim() ?? '';
  return [html`<section class="signoff" id="sign-off"><h2>Sign-off</h2>
<p class="note">I have reviewed this report, its caveats and its provenance.</p>
<table><tr><td>Examiner</td><td class="line" data-examiner="${name}">${name}</td></tr>
<tr><td>Date</td><td class="line"></td></tr>
<tr><td>Signature</td><td class="line"></td></tr></table>
<p class="note">Report generated ${provenance.generatedAt}.</p></section>`];
}

function splitHygieneSection(full: FullEvaluation): SafeHtml[] {
  if (full.leakage === null || full.leakage.warnings.length === 0) return [];
  return [html`<h2>Split hygiene</h2>`, ...full.leakage.warnings.map((warning) => html`<p class="warning leakage-warning">${warning}</p>`)];
}

function ratesSection(full: FullEvaluation): SafeHtml[] {
  const { report, counted, bootstrap } = full;
  const at = bootstrap?.atThreshold;
  const ap = counted.all.apcerAp;
  const none = html`<td class="num">—</td>`;
  const intervals = bootstrap === null ? 'not computed' : `95 % percentile bootstrap, ${bootstrap.replicates} replicates by ${bootstrap.resample}, seed ${bootstrap.seed}`;
  return [
    html`<h2>ISO/IEC 30107-3 rates at the threshold</h2>`,
    html`<p class="note">${counted.basis} Exact intervals: two-sided 95 % Clopper-Pearson on the counts. Bootstrap intervals: ${intervals}.</p>`,
    html`<table id="rates"><tr><th>Rate</th><th>Value</th><th>Count</th><th>Exact 95 % (Clopper-Pearson)</th><th>Bootstrap 95 %</th></tr>`,
    html`<tr><td>APCER_AP (worst species${ap === null ? '' : `: ${ap.species}`})</td>${countedCells('apcer_ap', ap)}${bootstrapCell(at?.apcerMax)}</tr>`,
    html`<tr><td>APCER pooled (all attacks)</td>${countedCells('apcer_pooled', counted.all.apcerPooled)}${bootstrapCell(at?.apcerPooled)}</tr>`,
    html`<tr><td>BPCER</td>${countedCells('bpcer', counted.bpcer)}${bootstrapCell(at?.bpcer)}</tr>`,
    html`<tr><td>ACER = (APCER_AP + BPCER) / 2</td>${valueCells('acer', counted.acer, percent(counted.acer))}<td class="num">see its components</td>${bootstrapCell(at?.acer)}</tr>`,
    html`<tr><td>HTER = (APCER pooled + BPCER) / 2</td>${valueCells('hter', counted.hter, percent(counted.hter))}<td class="num">see its components</td>${bootstrapCell(at?.hter)}</tr>`,
    html`<tr class="nonresponse"><td>APNRR (attack non-responses)</td>${countedCells('apnrr', counted.all.apnrr)}${none}</tr>`,
    html`<tr class="nonresponse"><td>BPNRR (bona fide non-responses)</td>${countedCells('bpnrr', counted.bpnrr)}${none}</tr>`,
    html`<tr><td>BPCER20 (at τ = <span data-threshold="${counted.bpcer20.threshold}">${formatThreshold(counted.bpcer20.threshold)}</span>)</td>${countedCells('bpcer20', counted.bpcer20.bpcer)}${none}</tr>`,
    html`<tr><td>BPCER100 (at τ = <span data-threshold="${counted.bpcer100.threshold}">${formatThreshold(counted.bpcer100.threshold)}</span>)</td>${countedCells('bpcer100', counted.bpcer100.bpcer)}${none}</tr>`,
    html`<tr><td>EER (of these scores)</td>${valueCells('eer', report.eer.eer, percent(report.eer.eer))}${none}${bootstrapCell(bootstrap?.eer)}</tr>`,
    html`<tr><td>AUC</td>${valueCells('auc', report.auc, formatAuc(report.auc))}${none}<td class="num">${bootstrap === null ? '—' : `${formatAuc(bootstrap.auc.lower)}–${formatAuc(bootstrap.auc.upper)}`}</td></tr></table>`,
  ];
}

function attackClassesSection(full: FullEvaluation): SafeHtml[] {
  return [
    html`<h2>Attack classes</h2><p class="note">ISO/IEC 30107-3 covers presentation attacks only; adversarial and digital (injection, CEN/TS 18099) attacks are reported separately and pooled above.</p>`,
    html`<table id="classes"><tr><th>Class</th><th>Rate</th><th>Value</th><th>Count</th><th>Exact 95 %</th></tr>`,
    ...full.counted.byClass.flatMap((cls) => [
      html`<tr><td rowspan="3">${ATTACK_CLASS_TITLES[cls.attackClass]}</td><td>APCER_AP${cls.apcerAp === null ? '' : ` (${cls.apcerAp.species})`}</td>${countedCells(`${cls.attackClass}.apcer_ap`, cls.apcerAp)}</tr>`,
      html`<tr><td>APCER pooled</td>${countedCells(`${cls.attackClass}.apcer_pooled`, cls.apcerPooled)}</tr>`,
      html`<tr><td>APNRR</td>${countedCells(`${cls.attackClass}.apnrr`, cls.apnrr)}</tr>`,
    ]),
    html`</table>`,
  ];
}

function speciesSection(full: FullEvaluation, det: DetSvgOptions): SafeHtml[] {
  return [
    html`<h2>Per species</h2><table id="species"><tr><th>Species</th><th>Class</th><th>APCER</th><th>Count</th><th>Exact 95 %</th></tr>`,
    ...full.counted.byClass.flatMap((cls) => cls.apcerBySpecies.map((s) => html`<tr><td>${s.species}</td><td>${cls.attackClass}</td>${countedCells(`species.${s.species}`, s)}</tr>`)),
    html`</table>`,
    html`<div class="curves">${detSvg(full.det, det)}${rocSvg(full.det)}</div>`,
    seriesLegend(full.det),
  ];
}

function readinessSection(full: FullEvaluation): SafeHtml[] {
  if (full.profile === null) return [];
  const { profile, results, summary } = full.profile;
  const further = (profile.further_sources ?? []).map((f) => html` Also: ${f.title} — ${link(f.url)}.`);
  return [
    html`<h2>Readiness: ${profile.name}</h2><p class="warning"><strong>${profile.status}.</strong> Source: ${profile.source.title} — ${link(profile.source.url)}.${further} Operating point: ${profile.operating_point}. The 95 % upper bound of each rate decides between pass and insufficient attempts.</p>`,
    html`<table id="profile-checklist"><tr><th>Requirement</th><th>Subject</th><th>Verdict</th><th>Why</th></tr>`,
    ...results.map((r) => html`<tr class="profile-requirement" data-verdict="${r.verdict}"><td>${r.text}</td><td>${r.subject}</td><td class="verdict-${r.verdict}">${r.verdict}</td><td>${r.reason}</td></tr>`),
    html`</table><p class="note">${summary.pass} pass, ${summary.fail} fail, ${summary.insufficient} insufficient attempts, ${summary['not-evaluated']} not evaluated.</p>`,
    ...(profile.unverified.length === 0 ? [] : [html`<ul class="note">${profile.unverified.map((line) => html`<li>Not verified: ${line}</li>`)}</ul>`]),
  ];
}

function nonResponsesSection(full: FullEvaluation): SafeHtml[] {
  const { nonResponses } = full.counted;
  const heading = html`<h2>Non-responses (${nonResponses.length})</h2>`;
  if (nonResponses.length === 0) return [heading, html`<p class="note">Every listed sample was scored.</p>`];
  return [
    heading,
    html`<table id="non-responses"><tr><th>Line</th><th>Path</th><th>Kind</th><th>Class</th><th>Reason</th></tr>`,
    ...nonResponses.map((n) => html`<tr><td class="num">${n.line}</td><td><code>${n.path}</code></td><td>${n.label === 1 ? `attack (${n.species})` : 'bona fide'}</td><td>${n.label === 1 ? n.attackClass : ''}</td><td>${n.reason}</td></tr>`),
    html`</table>`,
  ];
}

/** Every value shown, as JSON for programs reading the page. */
function reportData(full: FullEvaluation, provenance: ReportProvenance, comparisons: readonly ReportComparison[]): SafeHtml {
  const { report, counted } = full;
  const pv = report.operatingPoint.provenance;
  const data = {
    provenance,
    ...certificationJson(counted),
    auc: report.auc,
    eer: report.eer.eer,
    threshold: pv.threshold,
    criterion: pv.criterion,
    ...(full.profile === null ? {} : { profile: profileResultJson(full.profile) }),
    ...(full.leakage === null ? {} : { leakage: leakageJson(full.leakage) }),
    ...(comparisons.length === 0 ? {} : { comparisons: comparisonsJson(comparisons) }),
  };
  return jsonScript('report-data', jsonForDisplay(data));
}

/**
 * The report page, built as its sections in order. Every value shown is also in the embedded JSON
 * (id="report-data"), and every value reaches the page through html.ts's escaping. `det` sets how the
 * DET polylines are thinned; `comparisons`, when more than one model is evaluated, adds the paired comparison
 * of each other model with this one (comparison-section.ts).
 */
export function evaluationReportHtml(full: FullEvaluation, provenance: ReportProvenance, det: DetSvgOptions = {}, comparisons: readonly ReportComparison[] = []): string {
  const lines = [
    ...pageHead(provenance),
    ...provenanceSection(full, provenance),
    ...caveatsSection(full, provenance),
    ...splitHygieneSection(full),
    ...ratesSection(full),
    ...attackClassesSection(full),
    ...speciesSection(full, det),
    ...readinessSection(full),
    ...nonResponsesSection(full),
    ...comparisonSection(comparisons),
    ...signOffSection(provenance),
    reportData(full, provenance, comparisons),
    html`</body></html>`,
  ];
  return `${lines.map((line) => line.markup).join('\n')}\n`;
}
