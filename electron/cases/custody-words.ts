// A custody entry in an examiner's words for the case report: the action named plainly, its details as a
// sentence (the raw JSON stays in case.json), the time in UTC, and the workstation account shown as the
// examiner who exported the case. Node side (cases; used by report-html.ts).
import type { CaseCustodyEntry, CaseFile } from '../../common/cases/case-types.js';
import { formatThreshold } from '../../common/format/figures.js';

const ACTION_WORDS: Record<string, string> = {
  ingest: 'dataset listed', model: 'model opened', run: 'scoring run', threshold: 'threshold saved', annotate: 'finding recorded',
  export: 'case exported', import: 'case imported', view: 'sample viewed',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const short = (hash: unknown): string => (typeof hash === 'string' ? `${hash.slice(0, 12)}…` : '—');
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '—');
const VERDICTS: Record<string, string> = { 'bona-fide': 'bona fide', attack: 'attack', inconclusive: 'inconclusive' };
const verdictWords = (value: unknown): string => VERDICTS[text(value)] ?? text(value);

/** "2026-12-01 12:00:00 UTC" from an ISO time; anything else as it was written. */
export function readableTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** The action's plain name. */
export function actionWords(action: string): string {
  return ACTION_WORDS[action] ?? action;
}

/** Who acted: the examiner's name for entries made under the case's workstation account, else the name recorded. */
export function actorName(actor: string, c: CaseFile['case']): string {
  return c.account !== undefined && actor === c.account ? c.examiner : actor;
}

function annotateWords(d: Record<string, unknown>): string {
  if (d.event === 'bulk-tag') {
    const samples = Array.isArray(d.samples) ? d.samples.map(text) : [];
    const tags = Array.isArray(d.tags) ? d.tags.map(text).join(', ') : '';
    return `tagged ${plural(samples.length, 'sample')} at once${tags ? ` with ${tags}` : ''}${d.verdict === undefined ? '' : `, verdict ${verdictWords(d.verdict)}`} (samples ${samples.join(', ')})`;
  }
  if (d.event === 'bookmark') return `bookmarked sample ${text(d.sample)}`;
  if (d.event === 'unbookmark') return `removed the bookmark of sample ${text(d.sample)}`;
  const species = typeof d.species === 'string' && d.species !== '' ? ` (${d.species})` : '';
  return `finding #${text(d.annotation)} on sample ${text(d.sample)}: ${verdictWords(d.verdict)}${species}, ${text(d.status)}`;
}

function runWords(d: Record<string, unknown>): string {
  if (d.event === 'start') return `run ${text(d.run)} started: ${plural(count(d.total), 'sample')} on ${text(d.provider)}`;
  if (d.event === 'interrupted') return `run ${text(d.run)} was interrupted`;
  return `run ${text(d.run)} ${text(d.event)}: ${count(d.scored)} scored, ${count(d.failed)} failed, ${count(d.skipped)} skipped`;
}

/** The entry's details as a sentence; the recorded JSON when it cannot be read. */
export function detailWords(entry: CaseCustodyEntry): string {
  let d: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(entry.detail);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return entry.detail;
    d = parsed as Record<string, unknown>;
  } catch {
    return entry.detail;
  }
  switch (entry.action) {
    case 'ingest': return `${plural(count(d.samples), 'sample')} listed (${count(d.added)} new) from ${text(d.dataset)}`;
    case 'model': return `model ${text(d.name)} (SHA-256 ${short(d.sha256)})`;
    case 'run': return runWords(d);
    case 'threshold': return `threshold #${text(d.threshold)}: τ = ${typeof d.value === 'number' ? formatThreshold(d.value) : text(d.value)}, chosen by ${text(d.criterion)}${d.split ? ` on ${text(d.split)}` : ''}`;
    case 'annotate': return annotateWords(d);
    case 'export': return `case ${text(d.case)} with ${plural(Array.isArray(d.samples) ? d.samples.length : 0, 'sample')} (manifest ${short(d.manifestSha256)})`;
    case 'import': return `case ${text(d.case)} (signature ${text(d.signer)}, manifest ${short(d.manifestSha256)})`;
    default: return entry.detail;
  }
}
