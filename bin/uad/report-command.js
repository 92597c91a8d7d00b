import { _ as parseCriterion, a as readText, b as MetricsInputError, c as certificationJson, d as formatCountedRate, g as CRITERION_NAMES, l as leakageJson, m as parseScoresCsv, n as PROFILE_HELP, o as fullEvaluation, p as ScoresCsvError, r as loadProfile, s as ProfileError, t as InputFileError, u as profileResultJson, v as normalQuantile, y as ThresholdIndex } from "./evaluation-inputs.js";
import { n as ATTACK_CLASS_TITLES } from "./attack-classes.js";
import { t as appVersion } from "./paths.js";
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
// common/metrics/score-bytes.ts
/** Bytes per sample in the hashed stream: float64 little-endian score, then one label byte. */
var RECORD_BYTES = 9;
/**
* The byte stream hashed: every sample as (score float64 LE, label uint8), sorted by score and,
* among equal scores, bona fide (0) before attack (1). Reproducible elsewhere, e.g. in Python:
* `sha256(b''.join(struct.pack('<dB', s, l) for s, l in sorted(zip(scores, labels))))`.
* Built from the index's cumulative counts, so no second sort is needed. O(n).
*/
function sortedScoreLabelBytes(counts) {
	const n = counts.bonaFideCount + counts.attackCount;
	const bytes = new Uint8Array(n * RECORD_BYTES);
	const view = new DataView(bytes.buffer);
	const m = counts.distinctScores.length;
	let offset = 0;
	for (let row = 0; row < m; row++) {
		const score = counts.distinctScores[row];
		const bonaFide = counts.bonaFideBelow[row + 1] - counts.bonaFideBelow[row];
		const attacks = counts.attacksBelow[row + 1] - counts.attacksBelow[row];
		for (let k = 0; k < bonaFide + attacks; k++) {
			view.setFloat64(offset, score, true);
			bytes[offset + 8] = k < bonaFide ? 0 : 1;
			offset += RECORD_BYTES;
		}
	}
	return bytes;
}
// common/report/html.ts
/** Escapes text for HTML element content and double-quoted attribute values. */
function escapeHtml(text) {
	return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
/** A rate as a percentage with two decimals, e.g. "3.46 %". */
function percent(rate) {
	return `${(rate * 100).toFixed(2)} %`;
}
/** An interval as "low–high %" with two decimals. */
function percentRange(low, high) {
	return `${(low * 100).toFixed(2)}–${(high * 100).toFixed(2)} %`;
}
// common/report/simplify-polyline.ts
/** Euclidean distance from (px, py) to the segment from (ax, ay) to (bx, by) (to the point when a = b). */
function distanceToSegment(px, py, ax, ay, bx, by) {
	const dx = bx - ax;
	const dy = by - ay;
	const lengthSquared = dx * dx + dy * dy;
	let t = lengthSquared === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / lengthSquared;
	t = Math.min(1, Math.max(0, t));
	return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
/**
* Indices (increasing) of the vertices to keep: the first and the last, every index with `pinned[i]`
* non-zero, and, between two consecutive of those, the Ramer–Douglas–Peucker choice: split at the vertex
* farthest from the segment joining the span's ends while that distance exceeds `tolerance`. So every
* dropped vertex lies within `tolerance` of the segment between the kept vertices either side of it, hence
* within `tolerance` of the kept polyline (same units as x and y). The distance is to the segment, not
* the infinite line, so the guarantee holds for any shape. Explicit stack, no recursion; O(n log n) for
* the smooth curves it is used on, O(n²) at worst. Throws RangeError on a negative or non-finite
* tolerance, arrays of different lengths or a non-finite coordinate.
*/
function simplifyPolyline(x, y, tolerance, pinned) {
	const n = x.length;
	if (y.length !== n || pinned !== void 0 && pinned.length !== n) throw new RangeError("x, y and pinned must have the same length");
	if (!(tolerance >= 0) || !Number.isFinite(tolerance)) throw new RangeError(`tolerance must be a finite number ≥ 0, got ${tolerance}`);
	for (let i = 0; i < n; i++) if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new RangeError(`vertex ${i} is not finite (${x[i]}, ${y[i]})`);
	if (n <= 2) return Uint32Array.from({ length: n }, (_, i) => i);
	const keep = new Uint8Array(n);
	keep[0] = 1;
	keep[n - 1] = 1;
	if (pinned !== void 0) {
		for (let i = 1; i < n - 1; i++) if (pinned[i] !== 0) keep[i] = 1;
	}
	const stack = [];
	let start = 0;
	for (let end = 1; end < n; end++) {
		if (keep[end] === 0) continue;
		stack.push(start, end);
		start = end;
	}
	while (stack.length > 0) {
		const last = stack.pop();
		const first = stack.pop();
		if (last - first < 2) continue;
		const ax = x[first];
		const ay = y[first];
		const bx = x[last];
		const by = y[last];
		let farthest = -1;
		let farthestDistance = tolerance;
		for (let i = first + 1; i < last; i++) {
			const d = distanceToSegment(x[i], y[i], ax, ay, bx, by);
			if (d > farthestDistance) {
				farthestDistance = d;
				farthest = i;
			}
		}
		if (farthest < 0) continue;
		keep[farthest] = 1;
		stack.push(first, farthest, farthest, last);
	}
	let count = 0;
	for (let i = 0; i < n; i++) count += keep[i];
	const out = new Uint32Array(count);
	for (let i = 0, k = 0; i < n; i++) if (keep[i] === 1) out[k++] = i;
	return out;
}
// common/report/det-svg.ts
var TICKS = [
	.001,
	.01,
	.05,
	.2,
	.5,
	.8,
	.95
];
var LOW = 5e-4;
var HIGH = .9995;
var COLOURS = [
	"#111111",
	"#1f77b4",
	"#d62728",
	"#2ca02c",
	"#9467bd",
	"#ff7f0e",
	"#8c564b",
	"#e377c2",
	"#17becf",
	"#7f7f7f",
	"#bcbd22"
];
var SIZE = 320;
var MARGIN = {
	left: 48,
	right: 12,
	top: 12,
	bottom: 40
};
/**
* How far (in px of the 320 px drawing) a dropped vertex may lie from the drawn polyline. The kept
* coordinates are then written to 0.1 px as every vertex was before thinning.
*/
var DET_TOLERANCE_PX = .25;
var tickLabel = (p) => `${p * 100 >= 1 ? Math.round(p * 100) : p * 100} %`;
/** The SVG element: x = BPCER, y = APCER (pooled within each curve's attacks), both on probit scales. */
function detSvg(curves, options = {}) {
	const tolerancePx = options.tolerancePx === void 0 ? DET_TOLERANCE_PX : options.tolerancePx;
	const zLow = normalQuantile(LOW);
	const zHigh = normalQuantile(HIGH);
	const plot = SIZE - MARGIN.left - MARGIN.right;
	const clamp = (p) => Math.min(HIGH, Math.max(LOW, p));
	const inRange = (px, py) => px >= LOW && px <= HIGH && py >= LOW && py <= HIGH;
	const x = (p) => MARGIN.left + (normalQuantile(clamp(p)) - zLow) / (zHigh - zLow) * plot;
	const y = (p) => MARGIN.top + plot - (normalQuantile(clamp(p)) - zLow) / (zHigh - zLow) * plot;
	const parts = [];
	parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="det" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}" role="img" aria-label="DET curves per attack species">`);
	parts.push(`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plot}" height="${plot}" fill="none" stroke="#999"/>`);
	for (const tick of TICKS) {
		parts.push(`<line x1="${x(tick).toFixed(1)}" y1="${MARGIN.top}" x2="${x(tick).toFixed(1)}" y2="${MARGIN.top + plot}" stroke="#e3e3e3"/>`);
		parts.push(`<line x1="${MARGIN.left}" y1="${y(tick).toFixed(1)}" x2="${MARGIN.left + plot}" y2="${y(tick).toFixed(1)}" stroke="#e3e3e3"/>`);
		parts.push(`<text x="${x(tick).toFixed(1)}" y="${MARGIN.top + plot + 14}" font-size="9" text-anchor="middle">${tickLabel(tick)}</text>`);
		parts.push(`<text x="${MARGIN.left - 4}" y="${(y(tick) + 3).toFixed(1)}" font-size="9" text-anchor="end">${tickLabel(tick)}</text>`);
	}
	parts.push(`<text x="${MARGIN.left + plot / 2}" y="314" font-size="10" text-anchor="middle">BPCER</text>`);
	parts.push(`<text x="10" y="${MARGIN.top + plot / 2}" font-size="10" text-anchor="middle" transform="rotate(-90 10 ${MARGIN.top + plot / 2})">APCER</text>`);
	curves.forEach((entry, i) => {
		const { fpr, fnr } = entry.curve;
		const n = fpr.length;
		const xs = new Float64Array(n);
		const ys = new Float64Array(n);
		const pinned = new Uint8Array(n);
		for (let k = 0; k < n; k++) {
			xs[k] = x(fpr[k]);
			ys[k] = y(fnr[k]);
			if (k > 0 && inRange(fpr[k], fnr[k]) !== inRange(fpr[k - 1], fnr[k - 1])) pinned[k - 1] = pinned[k] = 1;
		}
		const kept = tolerancePx === null ? Uint32Array.from({ length: n }, (_, k) => k) : simplifyPolyline(xs, ys, tolerancePx, pinned);
		const points = [];
		for (const k of kept) points.push(`${xs[k].toFixed(1)},${ys[k].toFixed(1)}`);
		const colour = COLOURS[i % COLOURS.length];
		parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="${i === 0 ? 2 : 1.2}" points="${points.join(" ")}"><title>${escapeHtml(entry.species)}</title></polyline>`);
	});
	parts.push("</svg>");
	const legend = curves.map((entry, i) => `<li><span class="swatch" style="background:${COLOURS[i % COLOURS.length]}"></span>${escapeHtml(entry.species)} (${entry.attacks} attacks)</li>`).join("");
	return `<figure class="det-figure">${parts.join("")}<figcaption>DET per attack species against all bona fide samples, normal-deviate axes (rates clipped to ${LOW * 100}–${HIGH * 100} %).<ul class="legend">${legend}</ul></figcaption></figure>`;
}
// common/report/evaluation-report.ts
var STYLE = `
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
function countedCells(key, rate) {
	if (rate === null) return `<td class="num" data-key="${key}">—</td><td class="num">no attempts</td><td class="num">—</td>`;
	return `<td class="num" data-key="${key}" data-value="${rate.rate}">${percent(rate.rate)}</td><td class="num" data-count="${key}">${rate.errors} of ${rate.attempts}</td><td class="num" data-ci="${key}" data-low="${rate.ci.low}" data-high="${rate.ci.high}" title="${escapeHtml(formatCountedRate(rate))}">${percentRange(rate.ci.low, rate.ci.high)}</td>`;
}
function bootstrapCell(interval) {
	return interval === void 0 ? "<td class=\"num\">—</td>" : `<td class="num" data-low="${interval.lower}" data-high="${interval.upper}">${percentRange(interval.lower, interval.upper)}</td>`;
}
function dataRow(label, data) {
	const hashes = [data.fileSha256 === void 0 ? "" : `file SHA-256 <code>${escapeHtml(data.fileSha256)}</code>`, `scores/labels SHA-256 <code>${escapeHtml(data.scoreLabelSha256)}</code>`].filter((s) => s !== "");
	return `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(data.description)}<br>${hashes.join("<br>")}</td></tr>`;
}
/** The report page. Every value shown is also in the embedded JSON (id="report-data"). `det` sets how the DET polylines are thinned. */
function evaluationReportHtml(full, provenance, det = {}) {
	const { report, counted, bootstrap } = full;
	const op = report.operatingPoint;
	const pv = op.provenance;
	const at = bootstrap?.atThreshold;
	const out = [];
	const chosen = provenance.thresholdOrigin ?? (pv.chosenOn === null ? "fixed threshold (given, not chosen on data)" : op.chosenOnSameData ? `chosen by ${pv.criterion} on the evaluated scores themselves (no separate dev set: optimistic)` : `chosen by ${pv.criterion} on ${pv.chosenOn.description} (${pv.chosenOn.samples} samples) and applied to ${op.appliedTo.description}`);
	out.push("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
	out.push(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
	out.push(`<title>Evaluation report — ${escapeHtml(provenance.scores.description)}</title><style>${STYLE}</style></head><body>`);
	out.push(`<h1>Evaluation report</h1><p class="note">${escapeHtml(provenance.generator)} · ${escapeHtml(provenance.generatedAt)} · attack when score ≥ threshold · rates in percent</p>`);
	out.push("<h2>Provenance</h2><table id=\"provenance\">");
	if (provenance.model != null) out.push(`<tr><th>Model</th><td>${escapeHtml(provenance.model.name ?? "")} <code>${escapeHtml(provenance.model.sha256)}</code></td></tr>`);
	else out.push("<tr><th>Model</th><td>not recorded (scores file only)</td></tr>");
	out.push(dataRow("Evaluated scores", provenance.scores));
	if (provenance.dev !== void 0) out.push(dataRow("Threshold set (dev)", provenance.dev));
	if (provenance.train !== void 0) out.push(`<tr><th>Training list</th><td>${escapeHtml(provenance.train.description)} (read for identity leakage only)</td></tr>`);
	out.push(`<tr><th>Threshold</th><td data-key="threshold" data-value="${pv.threshold}">${pv.threshold}</td></tr>`);
	out.push(`<tr><th>How it was chosen</th><td>${escapeHtml(chosen)}</td></tr>`);
	if (pv.achievedOnSource !== null && !op.chosenOnSameData) out.push(`<tr><th>Rates where chosen</th><td>APCER_AP ${percent(pv.achievedOnSource.apcerMax)}, APCER pooled ${percent(pv.achievedOnSource.apcerPooled)}, BPCER ${percent(pv.achievedOnSource.bpcer)}</td></tr>`);
	out.push(`<tr><th>Samples</th><td>${op.appliedTo.samples} scored (${op.appliedTo.attacks} attacks in ${report.speciesNames.length} species, ${op.appliedTo.bonaFide} bona fide); ${counted.nonResponses.length} non-responses</td></tr></table>`);
	if (full.leakage !== null && full.leakage.warnings.length > 0) {
		out.push("<h2>Split hygiene</h2>");
		for (const warning of full.leakage.warnings) out.push(`<p class="warning leakage-warning">${escapeHtml(warning)}</p>`);
	}
	out.push("<h2>ISO/IEC 30107-3 rates at the threshold</h2>");
	out.push(`<p class="note">${escapeHtml(counted.basis)} Exact intervals: two-sided 95 % Clopper-Pearson on the counts. Bootstrap intervals: ${bootstrap === null ? "not computed" : `95 % percentile bootstrap, ${bootstrap.replicates} replicates by ${bootstrap.resample}, seed ${bootstrap.seed}`}.</p>`);
	out.push("<table id=\"rates\"><tr><th>Rate</th><th>Value</th><th>Count</th><th>Exact 95 % (Clopper-Pearson)</th><th>Bootstrap 95 %</th></tr>");
	const ap = counted.all.apcerAp;
	out.push(`<tr><td>APCER_AP (worst species${ap === null ? "" : `: ${escapeHtml(ap.species)}`})</td>${countedCells("apcer_ap", ap)}${bootstrapCell(at?.apcerMax)}</tr>`);
	out.push(`<tr><td>APCER pooled (all attacks)</td>${countedCells("apcer_pooled", counted.all.apcerPooled)}${bootstrapCell(at?.apcerPooled)}</tr>`);
	out.push(`<tr><td>BPCER</td>${countedCells("bpcer", counted.bpcer)}${bootstrapCell(at?.bpcer)}</tr>`);
	out.push(`<tr><td>ACER = (APCER_AP + BPCER) / 2</td><td class="num" data-key="acer" data-value="${counted.acer}">${percent(counted.acer)}</td><td class="num">—</td><td class="num">see its components</td>${bootstrapCell(at?.acer)}</tr>`);
	out.push(`<tr><td>HTER = (APCER pooled + BPCER) / 2</td><td class="num" data-key="hter" data-value="${counted.hter}">${percent(counted.hter)}</td><td class="num">—</td><td class="num">see its components</td>${bootstrapCell(at?.hter)}</tr>`);
	out.push(`<tr class="nonresponse"><td>APNRR (attack non-responses)</td>${countedCells("apnrr", counted.all.apnrr)}<td class="num">—</td></tr>`);
	out.push(`<tr class="nonresponse"><td>BPNRR (bona fide non-responses)</td>${countedCells("bpnrr", counted.bpnrr)}<td class="num">—</td></tr>`);
	out.push(`<tr><td>BPCER20 (at threshold ${counted.bpcer20.threshold})</td>${countedCells("bpcer20", counted.bpcer20.bpcer)}<td class="num">—</td></tr>`);
	out.push(`<tr><td>BPCER100 (at threshold ${counted.bpcer100.threshold})</td>${countedCells("bpcer100", counted.bpcer100.bpcer)}<td class="num">—</td></tr>`);
	out.push(`<tr><td>EER (of these scores)</td><td class="num" data-key="eer" data-value="${report.eer.eer}">${percent(report.eer.eer)}</td><td class="num">—</td><td class="num">—</td>${bootstrapCell(bootstrap?.eer)}</tr>`);
	out.push(`<tr><td>AUC</td><td class="num" data-key="auc" data-value="${report.auc}">${report.auc.toFixed(4)}</td><td class="num">—</td><td class="num">—</td><td class="num">${bootstrap === null ? "—" : `${bootstrap.auc.lower.toFixed(4)}–${bootstrap.auc.upper.toFixed(4)}`}</td></tr></table>`);
	out.push("<h2>Attack classes</h2><p class=\"note\">ISO/IEC 30107-3 covers presentation attacks only; adversarial and digital (injection, CEN/TS 18099) attacks are reported separately and pooled above.</p>");
	out.push("<table id=\"classes\"><tr><th>Class</th><th>Rate</th><th>Value</th><th>Count</th><th>Exact 95 %</th></tr>");
	for (const cls of counted.byClass) {
		const title = escapeHtml(ATTACK_CLASS_TITLES[cls.attackClass]);
		out.push(`<tr><td rowspan="3">${title}</td><td>APCER_AP${cls.apcerAp === null ? "" : ` (${escapeHtml(cls.apcerAp.species)})`}</td>${countedCells(`${cls.attackClass}.apcer_ap`, cls.apcerAp)}</tr>`);
		out.push(`<tr><td>APCER pooled</td>${countedCells(`${cls.attackClass}.apcer_pooled`, cls.apcerPooled)}</tr>`);
		out.push(`<tr><td>APNRR</td>${countedCells(`${cls.attackClass}.apnrr`, cls.apnrr)}</tr>`);
	}
	out.push("</table>");
	out.push("<h2>Per species</h2><table id=\"species\"><tr><th>Species</th><th>Class</th><th>APCER</th><th>Count</th><th>Exact 95 %</th></tr>");
	for (const cls of counted.byClass) for (const s of cls.apcerBySpecies) out.push(`<tr><td>${escapeHtml(s.species)}</td><td>${escapeHtml(cls.attackClass)}</td>${countedCells(`species.${s.species}`, s)}</tr>`);
	out.push("</table>", detSvg(full.det, det));
	if (full.profile !== null) {
		const p = full.profile;
		out.push(`<h2>Readiness: ${escapeHtml(p.profile.name)}</h2><p class="warning"><strong>${escapeHtml(p.profile.status)}.</strong> Source: ${escapeHtml(p.profile.source.title)} — <a href="${escapeHtml(p.profile.source.url)}">${escapeHtml(p.profile.source.url)}</a>.${(p.profile.further_sources ?? []).map((f) => ` Also: ${escapeHtml(f.title)} — <a href="${escapeHtml(f.url)}">${escapeHtml(f.url)}</a>.`).join("")} Operating point: ${escapeHtml(p.profile.operating_point)}. The 95 % upper bound of each rate decides between pass and insufficient attempts.</p>`);
		out.push("<table id=\"profile-checklist\"><tr><th>Requirement</th><th>Subject</th><th>Verdict</th><th>Why</th></tr>");
		for (const r of p.results) out.push(`<tr class="profile-requirement" data-verdict="${r.verdict}"><td>${escapeHtml(r.text)}</td><td>${escapeHtml(r.subject)}</td><td class="verdict-${r.verdict}">${r.verdict}</td><td>${escapeHtml(r.reason)}</td></tr>`);
		out.push(`</table><p class="note">${p.summary.pass} pass, ${p.summary.fail} fail, ${p.summary.insufficient} insufficient attempts, ${p.summary["not-evaluated"]} not evaluated.</p>`);
		if (p.profile.unverified.length > 0) out.push(`<ul class="note">${p.profile.unverified.map((line) => `<li>Not verified: ${escapeHtml(line)}</li>`).join("")}</ul>`);
	}
	out.push(`<h2>Non-responses (${counted.nonResponses.length})</h2>`);
	if (counted.nonResponses.length === 0) out.push("<p class=\"note\">Every listed sample was scored.</p>");
	else {
		out.push("<table id=\"non-responses\"><tr><th>Line</th><th>Path</th><th>Kind</th><th>Class</th><th>Reason</th></tr>");
		for (const n of counted.nonResponses) out.push(`<tr><td class="num">${n.line}</td><td><code>${escapeHtml(n.path)}</code></td><td>${n.label === 1 ? `attack (${escapeHtml(n.species)})` : "bona fide"}</td><td>${n.label === 1 ? escapeHtml(n.attackClass) : ""}</td><td>${escapeHtml(n.reason)}</td></tr>`);
		out.push("</table>");
	}
	const data = {
		provenance,
		...certificationJson(counted),
		auc: report.auc,
		eer: report.eer.eer,
		threshold: pv.threshold,
		criterion: pv.criterion,
		...full.profile === null ? {} : { profile: profileResultJson(full.profile) },
		...full.leakage === null ? {} : { leakage: leakageJson(full.leakage) }
	};
	out.push(`<script type="application/json" id="report-data">${JSON.stringify(data).replace(/</g, "\\u003c")}<\/script>`);
	out.push("</body></html>");
	return `${out.join("\n")}\n`;
}
// electron/cli/report-command.ts
var USAGE = `usage: uad report --scores TEST.csv [--dev DEV.csv] [--train TRAIN.csv] [--profile NAME]
         [--threshold T | --criterion ${CRITERION_NAMES.join("|")}] --out report.html
         [--model MODEL.onnx | --model-sha256 HEX] [--bootstrap N] [--seed S] [--by sample|identity] [--json]

  Writes one self-contained HTML page (no network, print-ready): provenance (model and data hashes,
  the threshold and how it was chosen), every ISO/IEC 30107-3 rate with its exact (Clopper-Pearson)
  and bootstrap 95 % intervals, presentation / adversarial / digital attacks, DET per species, the
  profile checklist (${PROFILE_HELP}; indicative, not a certification), identity leakage between the
  files given, and the non-responses. The numbers are those of \`uad metrics\` on the same files.

  --bootstrap N   replicates for the bootstrap intervals (default 1000; 0 for none), --seed S (default 0),
                  --by identity (default when the file has identities) or sample
  --json          print a JSON summary of what was written instead of a sentence

exit status: 0 written, 1 bad data or unwritable output, 2 bad usage`;
var UsageError = class extends Error {};
async function readData(path) {
	const text = await readText(path);
	const data = parseScoresCsv(text, path);
	let index;
	try {
		index = ThresholdIndex.build(data);
	} catch (error) {
		if (error instanceof MetricsInputError) throw new InputFileError(`${path}: ${error.message}`);
		throw error;
	}
	const sha = (bytes) => createHash("sha256").update(bytes).digest("hex");
	return {
		data,
		provenance: {
			description: path,
			fileSha256: sha(text),
			scoreLabelSha256: sha(sortedScoreLabelBytes(index))
		}
	};
}
async function runReportCommand(argv) {
	let values;
	let criterion;
	let replicates;
	let seed;
	try {
		({values} = parseArgs({
			args: argv,
			options: {
				scores: { type: "string" },
				dev: { type: "string" },
				train: { type: "string" },
				profile: { type: "string" },
				threshold: { type: "string" },
				criterion: { type: "string" },
				out: { type: "string" },
				model: { type: "string" },
				"model-sha256": { type: "string" },
				bootstrap: { type: "string" },
				seed: { type: "string" },
				by: { type: "string" },
				json: { type: "boolean" },
				help: {
					type: "boolean",
					short: "h"
				}
			}
		}));
		if (values.help) {
			console.log(USAGE);
			return 0;
		}
		if (values.scores === void 0 || values.out === void 0) throw new UsageError("--scores and --out are required");
		if (values.threshold !== void 0 && values.criterion !== void 0) throw new UsageError("give --threshold or --criterion, not both");
		const threshold = values.threshold === void 0 ? void 0 : Number(values.threshold);
		if (threshold !== void 0 && !Number.isFinite(threshold)) throw new UsageError(`--threshold '${values.threshold}' is not a finite number`);
		criterion = parseCriterion(values.criterion ?? (threshold === void 0 ? "eer" : "fixed"), threshold);
		replicates = Number(values.bootstrap ?? "1000");
		seed = Number(values.seed ?? "0");
		if (!Number.isInteger(replicates) || replicates < 0 || replicates === 1) throw new UsageError(`--bootstrap '${values.bootstrap}' must be 0 or an integer ≥ 2`);
		if (!Number.isInteger(seed)) throw new UsageError(`--seed '${values.seed}' must be an integer`);
		if (values.by !== void 0 && values.by !== "sample" && values.by !== "identity") throw new UsageError(`--by '${values.by}' must be sample or identity`);
		if (values.model !== void 0 && values["model-sha256"] !== void 0) throw new UsageError("give --model or --model-sha256, not both");
		if (values["model-sha256"] !== void 0 && !/^[0-9a-f]{64}$/i.test(values["model-sha256"])) throw new UsageError("--model-sha256 must be 64 hex digits");
	} catch (error) {
		if (!(error instanceof UsageError) && !(error instanceof MetricsInputError) && !(error instanceof TypeError)) throw error;
		console.error(`uad report: ${error.message}\n\n${USAGE}`);
		return 2;
	}
	try {
		const scores = await readData(values.scores);
		const dev = values.dev === void 0 ? void 0 : await readData(values.dev);
		const train = values.train === void 0 ? void 0 : await readData(values.train);
		const profile = values.profile === void 0 ? void 0 : await loadProfile(values.profile);
		let model = null;
		if (values.model !== void 0) {
			const bytes = await readFile(values.model).catch(() => {
				throw new InputFileError(`cannot read the model '${values.model}'`);
			});
			model = {
				name: values.model,
				sha256: createHash("sha256").update(bytes).digest("hex")
			};
		} else if (values["model-sha256"] !== void 0) model = { sha256: values["model-sha256"].toLowerCase() };
		const full = fullEvaluation({
			scores: {
				data: scores.data,
				description: values.scores
			},
			dev: dev === void 0 ? void 0 : {
				data: dev.data,
				description: values.dev
			},
			train: train === void 0 ? void 0 : {
				data: train.data,
				description: values.train
			},
			criterion,
			profile,
			bootstrap: replicates === 0 ? void 0 : {
				replicates,
				seed,
				resample: values.by
			}
		});
		const html = evaluationReportHtml(full, {
			generatedAt: (/* @__PURE__ */ new Date()).toISOString(),
			generator: `UAD Workbench ${appVersion()} (uad report)`,
			scores: scores.provenance,
			dev: dev?.provenance,
			train: values.train === void 0 ? void 0 : { description: values.train },
			model
		});
		try {
			await writeFile(values.out, html);
		} catch (error) {
			throw new InputFileError(`cannot write '${values.out}': ${error.message}`);
		}
		const summary = {
			out: values.out,
			threshold: full.report.operatingPoint.provenance.threshold,
			non_responses: full.counted.nonResponses.length,
			profile: full.profile === null ? null : full.profile.summary,
			leakage_warnings: full.leakage?.warnings.length ?? 0
		};
		if (values.json) console.log(JSON.stringify(summary));
		else console.log(`wrote ${values.out} (threshold ${summary.threshold}, ${summary.non_responses} non-responses${full.profile === null ? "" : `, profile ${full.profile.profile.id}: ${full.profile.summary.pass} pass, ${full.profile.summary.fail} fail, ${full.profile.summary.insufficient} insufficient`})`);
		return 0;
	} catch (error) {
		if (error instanceof ScoresCsvError || error instanceof InputFileError || error instanceof ProfileError || error instanceof MetricsInputError) {
			console.error(`uad report: ${error.message}`);
			return 1;
		}
		throw error;
	}
}
export { runReportCommand };
