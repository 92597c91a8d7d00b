// The evaluation report: one self-contained, offline, print-ready HTML page (provenance, every rate
// with its exact and bootstrap intervals, attack classes, per-species DET, profile checklist,
// leakage warnings, non-responses), written by `uad report` and by the Evaluation tab's export from
// the same FullEvaluation, so both carry the same numbers. Pure shared code (common/).

import { ATTACK_CLASS_TITLES } from '../metrics/attack-classes.js';
import { formatCountedRate, type CountedRate } from '../metrics/binomial.js';
import type { Interval } from '../metrics/bootstrap.js';
import { certificationJson, leakageJson, profileResultJson } from '../metrics/certification-json.js';
import type { FullEvaluation } from '../metrics/full-evaluation.js';
import { detSvg, type DetSvgOptions } from './det-svg.js';
import { escapeHtml as esc, percent, percentRange } from './html.js';

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
}

const STYLE = `
body{font:13px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#111;margin:24px auto;max-width:960px;padding:0 16px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:22px 0 6px;border-bottom:1px solid #ccc;padding-bottom:2px}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #d4d4d4;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.note{color:#444;font-size:12px}.warning{background:#fff4e5;border:1px solid #f0b35e;padding:6px 8px;margin:6px 0}
.verdict-pass{color:#11652a;font-weight:600}.verdict-fail{color:#a11;font-weight:600}.verdict-insufficient{color:#8a5a00;font-weight:600}.verdict-not-evaluated{color:#555}
.det-figure{margin:6px 0}.legend{list-style:none;padding:0;margin:4px 0;columns:2}.swatch{display:inline-block;width:10px;height:10px;margin-right:5px}
code{font-size:11px;word-break:break-all}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}table,figure,.warning{break-inside:avoid}a{color:inherit;text-decoration:none}}
@page{size:A4;margin:14mm}`;

function countedCells(key: string, rate: CountedRate | null): string {
  if (rate === null) return `<td class="num" data-key="${key}">—</td><td class="num">no attempts</td><td class="num">—</td>`;
  return `<td class="num" data-key="${key}" data-value="${rate.rate}">${percent(rate.rate)}</td><td class="num" data-count="${key}">${rate.errors} of ${rate.attempts}</td>` +
    `<td class="num" data-ci="${key}" data-low="${rate.ci.low}" data-high="${rate.ci.high}" title="${esc(formatCountedRate(rate))}">${percentRange(rate.ci.low, rate.ci.high)}</td>`;
}

function bootstrapCell(interval: Interval | undefined): string {
  return interval === undefined ? '<td class="num">—</td>' : `<td class="num" data-low="${interval.lower}" data-high="${interval.upper}">${percentRange(interval.lower, interval.upper)}</td>`;
}

function dataRow(label: string, data: DataProvenance): string {
  const hashes = [data.fileSha256 === undefined ? '' : `file SHA-256 <code>${esc(data.fileSha256)}</code>`, `scores/labels SHA-256 <code>${esc(data.scoreLabelSha256)}</code>`].filter((s) => s !== '');
  return `<tr><th>${esc(label)}</th><td>${esc(data.description)}<br>${hashes.join('<br>')}</td></tr>`;
}

/** The report page. Every value shown is also in the embedded JSON (id="report-data"). `det` sets how the DET polylines are thinned. */
export function evaluationReportHtml(full: FullEvaluation, provenance: ReportProvenance, det: DetSvgOptions = {}): string {
  const { report, counted, bootstrap } = full;
  const op = report.operatingPoint;
  const pv = op.provenance;
  const at = bootstrap?.atThreshold;
  const out: string[] = [];
  const chosen = provenance.thresholdOrigin ?? (pv.chosenOn === null
    ? 'fixed threshold (given, not chosen on data)'
    : op.chosenOnSameData
      ? `chosen by ${pv.criterion} on the evaluated scores themselves (no separate dev set: optimistic)`
      : `chosen by ${pv.criterion} on ${pv.chosenOn.description} (${pv.chosenOn.samples} samples) and applied to ${op.appliedTo.description}`);
  out.push('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">');
  out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  out.push(`<title>Evaluation report — ${esc(provenance.scores.description)}</title><style>${STYLE}</style></head><body>`);
  out.push(`<h1>Evaluation report</h1><p class="note">${esc(provenance.generator)} · ${esc(provenance.generatedAt)} · attack when score ≥ threshold · rates in percent</p>`);

  out.push('<h2>Provenance</h2><table id="provenance">');
  if (provenance.model != null) out.push(`<tr><th>Model</th><td>${esc(provenance.model.name ?? '')} <code>${esc(provenance.model.sha256)}</code></td></tr>`);
  else out.push('<tr><th>Model</th><td>not recorded (scores file only)</td></tr>');
  out.push(dataRow('Evaluated scores', provenance.scores));
  if (provenance.dev !== undefined) out.push(dataRow('Threshold set (dev)', provenance.dev));
  if (provenance.train !== undefined) out.push(`<tr><th>Training list</th><td>${esc(provenance.train.description)} (read for identity leakage only)</td></tr>`);
  out.push(`<tr><th>Threshold</th><td data-key="threshold" data-value="${pv.threshold}">${pv.threshold}</td></tr>`);
  out.push(`<tr><th>How it was chosen</th><td>${esc(chosen)}</td></tr>`);
  if (pv.achievedOnSource !== null && !op.chosenOnSameData) {
    out.push(`<tr><th>Rates where chosen</th><td>APCER_AP ${percent(pv.achievedOnSource.apcerMax)}, APCER pooled ${percent(pv.achievedOnSource.apcerPooled)}, BPCER ${percent(pv.achievedOnSource.bpcer)}</td></tr>`);
  }
  out.push(`<tr><th>Samples</th><td>${op.appliedTo.samples} scored (${op.appliedTo.attacks} attacks in ${report.speciesNames.length} species, ${op.appliedTo.bonaFide} bona fide); ${counted.nonResponses.length} non-responses</td></tr></table>`);

  if (full.leakage !== null && full.leakage.warnings.length > 0) {
    out.push('<h2>Split hygiene</h2>');
    for (const warning of full.leakage.warnings) out.push(`<p class="warning leakage-warning">${esc(warning)}</p>`);
  }

  out.push('<h2>ISO/IEC 30107-3 rates at the threshold</h2>');
  out.push(`<p class="note">${esc(counted.basis)} Exact intervals: two-sided 95 % Clopper-Pearson on the counts. Bootstrap intervals: ${bootstrap === null ? 'not computed' : `95 % percentile bootstrap, ${bootstrap.replicates} replicates by ${bootstrap.resample}, seed ${bootstrap.seed}`}.</p>`);
  out.push('<table id="rates"><tr><th>Rate</th><th>Value</th><th>Count</th><th>Exact 95 % (Clopper-Pearson)</th><th>Bootstrap 95 %</th></tr>');
  const ap = counted.all.apcerAp;
  out.push(`<tr><td>APCER_AP (worst species${ap === null ? '' : `: ${esc(ap.species)}`})</td>${countedCells('apcer_ap', ap)}${bootstrapCell(at?.apcerMax)}</tr>`);
  out.push(`<tr><td>APCER pooled (all attacks)</td>${countedCells('apcer_pooled', counted.all.apcerPooled)}${bootstrapCell(at?.apcerPooled)}</tr>`);
  out.push(`<tr><td>BPCER</td>${countedCells('bpcer', counted.bpcer)}${bootstrapCell(at?.bpcer)}</tr>`);
  out.push(`<tr><td>ACER = (APCER_AP + BPCER) / 2</td><td class="num" data-key="acer" data-value="${counted.acer}">${percent(counted.acer)}</td><td class="num">—</td><td class="num">see its components</td>${bootstrapCell(at?.acer)}</tr>`);
  out.push(`<tr><td>HTER = (APCER pooled + BPCER) / 2</td><td class="num" data-key="hter" data-value="${counted.hter}">${percent(counted.hter)}</td><td class="num">—</td><td class="num">see its components</td>${bootstrapCell(at?.hter)}</tr>`);
  out.push(`<tr class="nonresponse"><td>APNRR (attack non-responses)</td>${countedCells('apnrr', counted.all.apnrr)}<td class="num">—</td></tr>`);
  out.push(`<tr class="nonresponse"><td>BPNRR (bona fide non-responses)</td>${countedCells('bpnrr', counted.bpnrr)}<td class="num">—</td></tr>`);
  out.push(`<tr><td>BPCER20 (at threshold ${counted.bpcer20.threshold})</td>${countedCells('bpcer20', counted.bpcer20.bpcer)}<td class="num">—</td></tr>`);
  out.push(`<tr><td>BPCER100 (at threshold ${counted.bpcer100.threshold})</td>${countedCells('bpcer100', counted.bpcer100.bpcer)}<td class="num">—</td></tr>`);
  out.push(`<tr><td>EER (of these scores)</td><td class="num" data-key="eer" data-value="${report.eer.eer}">${percent(report.eer.eer)}</td><td class="num">—</td><td class="num">—</td>${bootstrapCell(bootstrap?.eer)}</tr>`);
  out.push(`<tr><td>AUC</td><td class="num" data-key="auc" data-value="${report.auc}">${report.auc.toFixed(4)}</td><td class="num">—</td><td class="num">—</td><td class="num">${bootstrap === null ? '—' : `${bootstrap.auc.lower.toFixed(4)}–${bootstrap.auc.upper.toFixed(4)}`}</td></tr></table>`);

  out.push('<h2>Attack classes</h2><p class="note">ISO/IEC 30107-3 covers presentation attacks only; adversarial and digital (injection, CEN/TS 18099) attacks are reported separately and pooled above.</p>');
  out.push('<table id="classes"><tr><th>Class</th><th>Rate</th><th>Value</th><th>Count</th><th>Exact 95 %</th></tr>');
  for (const cls of counted.byClass) {
    const title = esc(ATTACK_CLASS_TITLES[cls.attackClass]);
    out.push(`<tr><td rowspan="3">${title}</td><td>APCER_AP${cls.apcerAp === null ? '' : ` (${esc(cls.apcerAp.species)})`}</td>${countedCells(`${cls.attackClass}.apcer_ap`, cls.apcerAp)}</tr>`);
    out.push(`<tr><td>APCER pooled</td>${countedCells(`${cls.attackClass}.apcer_pooled`, cls.apcerPooled)}</tr>`);
    out.push(`<tr><td>APNRR</td>${countedCells(`${cls.attackClass}.apnrr`, cls.apnrr)}</tr>`);
  }
  out.push('</table>');

  out.push('<h2>Per species</h2><table id="species"><tr><th>Species</th><th>Class</th><th>APCER</th><th>Count</th><th>Exact 95 %</th></tr>');
  for (const cls of counted.byClass) {
    for (const s of cls.apcerBySpecies) out.push(`<tr><td>${esc(s.species)}</td><td>${esc(cls.attackClass)}</td>${countedCells(`species.${s.species}`, s)}</tr>`);
  }
  out.push('</table>', detSvg(full.det, det));

  if (full.profile !== null) {
    const p = full.profile;
    out.push(`<h2>Readiness: ${esc(p.profile.name)}</h2><p class="warning"><strong>${esc(p.profile.status)}.</strong> Source: ${esc(p.profile.source.title)} — <a href="${esc(p.profile.source.url)}">${esc(p.profile.source.url)}</a>.${(p.profile.further_sources ?? []).map((f) => ` Also: ${esc(f.title)} — <a href="${esc(f.url)}">${esc(f.url)}</a>.`).join('')} Operating point: ${esc(p.profile.operating_point)}. The 95 % upper bound of each rate decides between pass and insufficient attempts.</p>`);
    out.push('<table id="profile-checklist"><tr><th>Requirement</th><th>Subject</th><th>Verdict</th><th>Why</th></tr>');
    for (const r of p.results) {
      out.push(`<tr class="profile-requirement" data-verdict="${r.verdict}"><td>${esc(r.text)}</td><td>${esc(r.subject)}</td><td class="verdict-${r.verdict}">${r.verdict}</td><td>${esc(r.reason)}</td></tr>`);
    }
    out.push(`</table><p class="note">${p.summary.pass} pass, ${p.summary.fail} fail, ${p.summary.insufficient} insufficient attempts, ${p.summary['not-evaluated']} not evaluated.</p>`);
    if (p.profile.unverified.length > 0) out.push(`<ul class="note">${p.profile.unverified.map((line) => `<li>Not verified: ${esc(line)}</li>`).join('')}</ul>`);
  }

  out.push(`<h2>Non-responses (${counted.nonResponses.length})</h2>`);
  if (counted.nonResponses.length === 0) out.push('<p class="note">Every listed sample was scored.</p>');
  else {
    out.push('<table id="non-responses"><tr><th>Line</th><th>Path</th><th>Kind</th><th>Class</th><th>Reason</th></tr>');
    for (const n of counted.nonResponses) out.push(`<tr><td class="num">${n.line}</td><td><code>${esc(n.path)}</code></td><td>${n.label === 1 ? `attack (${esc(n.species)})` : 'bona fide'}</td><td>${n.label === 1 ? esc(n.attackClass) : ''}</td><td>${esc(n.reason)}</td></tr>`);
    out.push('</table>');
  }

  const data = {
    provenance,
    ...certificationJson(counted),
    auc: report.auc,
    eer: report.eer.eer,
    threshold: pv.threshold,
    criterion: pv.criterion,
    ...(full.profile === null ? {} : { profile: profileResultJson(full.profile) }),
    ...(full.leakage === null ? {} : { leakage: leakageJson(full.leakage) }),
  };
  out.push(`<script type="application/json" id="report-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`);
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}
