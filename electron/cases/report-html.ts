// The case file's offline HTML report: one self-contained page (inline CSS, no scripts, no external
// assets; images by relative path inside the case folder) that reads on screen and prints on A4, in an
// examiner's words (custody as a readable table, technical definitions in an appendix). Every value
// reaches the page through common/report/html.ts's escaping. Node side (cases).
import type { CaseFile, CaseResult } from '../../common/cases/case-types.js';
import type { Annotation } from '../../common/contract/annotations.js';
import { constantHtml, html, joinHtml, reportCsp, textWithBreaks, type SafeHtml } from '../../common/report/html.js';
import { formatConfidence, formatDistance, formatMargin, formatPixels, formatScore, formatShare, formatStatistic, formatThreshold } from '../../common/format/figures.js';
import { cssColour, expertColour } from '../../common/routing/colormap.js';
import { actionWords, actorName, detailWords, readableTime } from './custody-words.js';

/**
 * The version of this renderer, recorded in case.json as reportVersion. Verification re-renders a case's
 * report only when it was written by this version; raise it whenever the page's bytes change.
 */
export const CASE_REPORT_VERSION = 2;

/** The score as an examiner reads it; the model's own definition is in the appendix. */
const SCORE_WORDS = 'attack score (probability the image is an attack)';
const SOURCE_WORDS: Record<string, string> = { annotated: 'the annotated set', bookmarks: 'the bookmarked samples', selection: 'a selection' };
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const VERDICT_TEXT: Record<string, string> = { 'bona-fide': 'bona fide', attack: 'attack', inconclusive: 'inconclusive' };

const STYLE = constantHtml(`
  :root { color-scheme: light; }
  body { font: 14px/1.45 "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; background: #fff; margin: 24px auto; max-width: 1040px; padding: 0 16px; }
  h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; border-bottom: 2px solid #333; padding-bottom: 2px; margin-top: 28px; }
  h3 { font-size: 15px; margin: 18px 0 6px; }
  table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; } th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #f0f0f0; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; }
  .limitations { border: 2px solid #b9770e; background: #fef5e7; padding: 8px 14px; margin: 14px 0; }
  .limitations h2 { border: none; margin: 0 0 4px; }
  .meta { color: #444; }
  .attack { color: #a93226; font-weight: bold; } .bona-fide { color: #1e8449; font-weight: bold; }
  .sample { border-top: 1px solid #888; padding-top: 8px; margin-top: 22px; }
  .figures { display: flex; flex-wrap: wrap; gap: 10px; }
  figure { margin: 0; width: 240px; } figure img { width: 100%; image-rendering: pixelated; border: 1px solid #999; }
  figure.wide { width: 360px; } figure.wide img { image-rendering: auto; }
  figcaption { font-size: 11px; color: #444; }
  .swatch { display: inline-block; width: 10px; height: 10px; border: 1px solid #333; margin-right: 4px; vertical-align: middle; }
  .warn { color: #a93226; }
  footer { margin-top: 30px; font-size: 12px; color: #444; border-top: 1px solid #aaa; padding-top: 6px; }
  @page { size: A4; margin: 14mm; }
  @media print {
    body { margin: 0; max-width: none; font-size: 11px; }
    .sample + .sample { break-before: page; }
    figure, table, tr, .limitations { break-inside: avoid; }
    figure { width: 44mm; } figure.wide { width: 70mm; }
    a { color: inherit; text-decoration: none; }
  }`);

/** score ≥ τ in words; never said of an inconclusive sample, whose score is not evidence. */
function decisionCell(result: CaseResult | undefined): SafeHtml {
  const decision = result?.decision ?? null;
  if (result?.outcome === 'inconclusive') return html`not decided (inconclusive)`;
  return decision === null ? html`—` : html`<span class="${decision}">${decision === 'attack' ? 'attack' : 'bona fide'}</span>`;
}

function latestOf(annotations: Annotation[], sampleId: number): Annotation | undefined {
  return annotations.filter((a) => a.sampleId === sampleId).at(-1);
}

function annotationTable(history: Annotation[], c: CaseFile['case']): SafeHtml {
  if (history.length === 0) return html`<p class="meta">No annotations.</p>`;
  const rows = history.map((a) => html`<tr><td>${readableTime(a.createdAt)}</td><td>${actorName(a.author, c)}</td><td>${VERDICT_TEXT[a.verdict]}${a.attackSpecies ? ` (${a.attackSpecies})` : ''}</td><td>${a.status}</td><td>${a.tags.join(', ')}</td><td>${textWithBreaks(a.note)}</td></tr>`);
  return html`<table><thead><tr><th>When</th><th>Examiner</th><th>Verdict</th><th>Status</th><th>Tags</th><th>Note</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function routingTable(result: CaseResult): SafeHtml {
  if (result.routing.length === 0) return html`<p class="meta">No routing summary (dense model or not scored).</p>`;
  const experts = result.routing[0]!.experts;
  const head = Array.from({ length: experts }, (_, e) => html`<th><span class="swatch" style="background:${cssColour(expertColour(e))}"></span>expert ${e}</th>`);
  const rows = result.routing.map((l) => html`<tr><td>${l.layer}</td><td>${l.dominantExpert}</td>${l.meanExpertMass.map((m, e) => html`<td class="num">${formatStatistic(m)} · ${formatShare(l.argmaxShare[e])}</td>`)}</tr>`);
  return html`<table><thead><tr><th>MoE layer</th><th>dominant expert</th>${head}</tr></thead><tbody>${rows}</tbody></table>
  <p class="meta">Each expert cell: mean expert mass over image patches · share of patches whose largest mass is on that expert.</p>`;
}

function figures(result: CaseResult): SafeHtml[] {
  return result.overlays.map((o) => {
    const caption = o.kind === 'model-input' ? 'model input (as the model saw it)'
      : o.kind === 'score-card' ? 'score card'
      : o.kind === 'routing-argmax' ? `MoE layer ${o.layer}: expert with the largest mass per patch`
      : o.kind === 'occlusion' ? `occlusion sensitivity: score change when each cell is masked (viridis, ${o.range ? `${o.range[0]}–${o.range[1]}` : 'this probe\'s range'}); describes the model, not where an image was manipulated`
      : o.kind === 'perturbation' ? 'perturbation probe: score against degradation strength, with the threshold and where the decision flips'
      : `MoE layer ${o.layer}: mass on expert ${o.expert} (viridis, ${o.range ? `${o.range[0]}–${o.range[1]}` : 'this image\'s range'})`;
    return html`<figure class="${o.kind === 'score-card' || o.kind === 'perturbation' ? 'wide' : ''}"><img src="${o.file}" alt="${caption}"><figcaption>${caption}</figcaption></figure>`;
  });
}

function integrityText(evidence: CaseFile['evidence'][number]): SafeHtml {
  if (evidence.integrityAtExport === 'matches') return html`file on disk matched the scored hash at export`;
  if (evidence.integrityAtExport === 'hashed-at-export') return html`hashed at export (not scored before)`;
  return html`<span class="warn">${evidence.integrityAtExport === 'changed' ? 'file CHANGED since it was scored' : 'file missing at export'}</span>`;
}

function sampleSection(caseFile: CaseFile, index: number): SafeHtml {
  const evidence = caseFile.evidence[index]!;
  const result = caseFile.results.find((r) => r.sampleId === evidence.sampleId);
  const history = caseFile.annotations.filter((a) => a.sampleId === evidence.sampleId);
  const domain = result?.domain;
  return html`<section class="sample" id="sample-${evidence.sampleId}">
  <h3>${index + 1}. ${evidence.fileName} <span class="meta">(sample ${evidence.sampleId})</span></h3>
  <table><tbody>
    <tr><th>Path</th><td class="mono">${evidence.path}</td></tr>
    <tr><th>SHA-256</th><td class="mono">${evidence.sha256}</td></tr>
    <tr><th>Integrity</th><td>${integrityText(evidence)}${evidence.file ? html` · embedded as <span class="mono">${evidence.file}</span>` : ' · not embedded (hash only)'}</td></tr>
    <tr><th>Dataset reference</th><td>${evidence.dataset.label === 'attack' ? 'attack' : evidence.dataset.label === 'bona-fide' ? 'bona fide' : 'questioned (no ground truth)'} · species ${evidence.dataset.species}${evidence.dataset.split ? ` · split ${evidence.dataset.split}` : ''}${evidence.dataset.identity ? ` · identity ${evidence.dataset.identity}` : ''}</td></tr>
    <tr><th>Model output</th><td>${SCORE_WORDS} ${formatScore(result?.score)} · ${decisionCell(result ?? undefined)} · margin to the threshold ${formatMargin(result?.margin)}</td></tr>
    <tr><th>Outcome</th><td data-outcome="${result?.outcome ?? ''}">${outcomeCell(result ?? undefined)}</td></tr>
    ${result?.face ? html`<tr><th>Face</th><td>face ${result.face.index} of the photograph · box ${result.face.box.map(formatPixels).join(', ')} · detector confidence ${formatConfidence(result.face.confidence)}</td></tr>` : ''}
    ${domain ? html`<tr><th>Domain</th><td>${domain.inDomain === null ? 'domain unknown (the model has no domain statistics)' : html`${domain.inDomain ? 'inside' : html`<span class="warn">outside</span>`} the model's domain · distance ${formatDistance(domain.distance)}`}</td></tr>` : ''}
  </tbody></table>
  ${result ? html`<div class="figures">${figures(result)}</div>` : ''}
  <h3>Routing summary</h3>${result ? routingTable(result) : ''}
  <h3>Annotations (full history)</h3>${annotationTable(history, caseFile.case)}
</section>`;
}

/** The outcome with its reason first when inconclusive (common/metrics/outcome.ts); '—' in cases from before outcomes. */
function outcomeCell(r: CaseFile['results'][number] | undefined): string {
  if (!r?.outcome) return '—';
  if (r.outcome !== 'inconclusive') return r.outcome === 'attack' ? 'Attack' : 'Bona fide';
  return `Inconclusive — ${r.outcomeReason || 'no reason recorded'}`;
}

function summaryRows(caseFile: CaseFile): SafeHtml[] {
  return caseFile.evidence.map((e) => {
    const r = caseFile.results.find((x) => x.sampleId === e.sampleId);
    const a = latestOf(caseFile.annotations, e.sampleId);
    return html`<tr><td><a href="#sample-${e.sampleId}">${e.sampleId}</a></td><td>${e.fileName}</td><td class="mono">${e.sha256.slice(0, 16)}…</td>
      <td class="num">${formatScore(r?.score)}</td><td>${decisionCell(r)}</td><td class="num">${formatMargin(r?.margin)}</td>
      <td data-outcome="${r?.outcome ?? ''}">${outcomeCell(r)}</td>
      <td>${a ? `${VERDICT_TEXT[a.verdict] ?? ''}${a.attackSpecies ? ` (${a.attackSpecies})` : ''}` : '—'}</td><td>${a ? a.status : '—'}</td></tr>`;
  });
}

function modelRows(caseFile: CaseFile): SafeHtml {
  const m = caseFile.model;
  const op = caseFile.operatingPoint;
  // The threshold slice starts at 0.5 'fixed' stamped with the epoch: say "default" rather than print 1970.
  const setWhen = Date.parse(op.setAt) === 0 ? 'the default, not changed by the analyst' : `set ${op.setAt}`;
  const recorded = op.recorded ? `saved in the workspace as threshold #${op.recorded.id} at ${op.recorded.createdAt}` : 'not saved in the workspace (set in the session)';
  const software = Object.entries(caseFile.software.exporter).map(([k, v]) => `${k} ${v}`).join(' · ');
  const providers = [...new Set(caseFile.software.runs.map((r) => r.provider))].join(', ') || '—';
  const moe = m.moe ? `, ${m.moe.experts} experts × ${m.moe.slots} slots, ${m.moe.weighting} weighting, MoE layers ${m.moe.layers.join(', ')}` : ', dense';
  return html`<table><tbody>
<tr><th>Model</th><td>${m.name} ${m.version} (${m.architecture.variant}, ${m.architecture.imageSize}² input, ${m.architecture.grid[0]}×${m.architecture.grid[1]} patches${moe})</td></tr>
<tr><th>Model SHA-256</th><td class="mono">${m.sha256}</td></tr>
<tr><th>Score</th><td>${SCORE_WORDS}: from 0 to 1, higher means more likely an attack (technical definition in the appendix)</td></tr>
<tr><th>Training</th><td>${m.trainingNote || '—'}</td></tr>
<tr><th>Operating point</th><td>threshold τ = ${formatThreshold(op.threshold)}: a score at or above it is called an attack · criterion ${op.criterion}${op.split ? ` on ${op.split}` : ''} · ${setWhen} · ${recorded}${op.outOfDomainSamples ? ` · out-of-domain samples ${op.outOfDomainSamples === 'decided-by-score' ? 'decided by score in the evaluation (the analyst\'s switch)' : 'counted as non-responses in the evaluation'}` : ''}${op.dataHash ? html`<br><span class="mono">scores hash ${op.dataHash}</span>` : ''}</td></tr>
<tr><th>Execution provider(s)</th><td>${providers}</td></tr>
<tr><th>Software at export</th><td>${software}</td></tr>
</tbody></table>`;
}

function custodySection(caseFile: CaseFile): SafeHtml {
  const { custody } = caseFile;
  const c = caseFile.case;
  const rows = custody.entries.filter((e) => e.action !== 'view').slice(-40)
    .map((e) => html`<tr><td class="num">${e.seq}</td><td>${readableTime(e.at)}</td><td>${actorName(e.actor, c)}</td><td>${actionWords(e.action)}</td><td>${detailWords(e)}</td></tr>`);
  return html`<h2>Custody log</h2>
<p>${custody.entries.length} ${custody.entries.length === 1 ? 'entry' : 'entries'}; the chain was ${custody.verifiedAtExport ? 'verified intact at export' : html`<span class="warn">BROKEN at export</span>`}. The latest entries other than sample views are listed; case.json holds the full chain (appendix A says how it is checked).</p>
<table class="custody"><thead><tr><th>#</th><th>Time</th><th>Examiner</th><th>Action</th><th>Details</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The technical definitions behind the plain words above. */
function appendix(caseFile: CaseFile): SafeHtml {
  const m = caseFile.model;
  const op = caseFile.operatingPoint;
  const c = caseFile.case;
  return html`<h2 id="appendix">Appendix A: technical definitions</h2>
<table><tbody>
<tr><th>Attack score</th><td>${String(m.score.definition ?? 'attack score in [0, 1], higher means more likely an attack')}</td></tr>
<tr><th>Decision rule</th><td>${op.rule} at τ = <span class="mono">${String(op.threshold)}</span></td></tr>
<tr><th>Margin</th><td>score − τ: positive is called an attack, its size is the distance from the threshold</td></tr>
<tr><th>Custody chain</th><td>each entry's SHA-256 covers its content and the previous entry's hash, so an edited, removed or reordered entry breaks the chain; head <span class="mono">${caseFile.custody.head}</span></td></tr>
${c.account === undefined ? '' : html`<tr><th>Examiner</th><td>entries recorded under the workstation account <span class="mono">${c.account}</span> are shown with the name of the examiner who exported this case, ${c.examiner}</td></tr>`}
</tbody></table>`;
}

export function renderReportHtml(caseFile: CaseFile): string {
  const c = caseFile.case;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${reportCsp("img-src 'self'")}
<title>Case ${c.id} · ${c.title}</title><style>${STYLE}</style></head>
<body data-case-id="${c.id}">
<header><h1>${c.title}</h1>
<div class="meta">Case <span class="mono">${c.id}</span> · examiner ${c.examiner} · exported ${readableTime(c.createdAt)} · ${plural(caseFile.evidence.length, 'sample')} from ${SOURCE_WORDS[c.source] ?? c.source} · evidence ${c.evidenceMode === 'embed' ? 'files embedded' : 'hashes only'}</div>
${c.description ? html`<p>${textWithBreaks(c.description)}</p>` : ''}</header>
<section class="limitations"><h2>Limitations: investigative findings, not proof</h2><ul>${caseFile.limitations.map((l) => html`<li>${l}</li>`)}</ul></section>
<h2>Summary</h2>
<table><thead><tr><th>Sample</th><th>File</th><th>SHA-256</th><th>Attack score</th><th>Decision</th><th>Margin</th><th>Outcome</th><th>Analyst verdict</th><th>Status</th></tr></thead><tbody>${summaryRows(caseFile)}</tbody></table>
<h2>Model, operating point, software</h2>
${modelRows(caseFile)}
<h2>Samples</h2>
${joinHtml(caseFile.evidence.map((_, i) => sampleSection(caseFile, i)), '\n')}
${custodySection(caseFile)}
${appendix(caseFile)}
<footer>Every file of this case is listed with its SHA-256 in manifest.json; manifest.sha256 holds the manifest's own hash, which the exporting workspace also logged in its custody chain.
Check the whole case with <span class="mono">npm run uad -- verify-case &lt;case&gt;.zip</span> before relying on it.</footer>
</body></html>
`.markup;
}
