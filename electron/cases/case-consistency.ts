// Internal consistency of a case, always checked: the custody chain runs unbroken from genesis to the
// head the manifest records, every annotation matches its custody 'annotate' entry, and report.html is
// exactly the report re-rendered from case.json when this version's renderer wrote it. Node side (cases;
// used by verify-case).
import { CASE_JSON, REPORT_HTML, type CaseFile } from '../../common/cases/case-types.js';
import type { CaseProblem } from '../../common/contract/cases.js';
import { annotationContentHash } from '../workspace/annotations.js';
import { entryHash, GENESIS_HASH } from '../workspace/custody.js';
import { CASE_REPORT_VERSION, renderReportHtml } from './report-html.js';
import type { ZipFileEntry } from './zip-reader.js';

/** The custody entries inside case.json: a chain from genesis, ending at the head the signed manifest names. */
export function checkCustody(caseFile: CaseFile, manifestHead: string | null, problems: CaseProblem[]): void {
  const entries = caseFile.custody.entries;
  const where = 'case.json#/custody';
  if (entries.length === 0) { problems.push({ code: 'custody-chain', message: 'the custody log is empty', where }); return; }
  if (entries[0]!.seq !== 1 || entries[0]!.prev_hash !== GENESIS_HASH) {
    problems.push({ code: 'custody-chain', message: `the custody log does not start at its genesis entry (it starts at entry ${entries[0]!.seq}): entries were cut`, where });
    return;
  }
  let previous = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const at = `case.json#/custody/entries/${index}`;
    if (index > 0 && entry.seq !== entries[index - 1]!.seq + 1) { problems.push({ code: 'custody-chain', message: `custody entry ${entries[index - 1]!.seq + 1} is missing`, where: at }); return; }
    if (entry.prev_hash !== previous) { problems.push({ code: 'custody-chain', message: `custody entry ${entry.seq} does not link to the one before it`, where: at }); return; }
    if (entryHash(entry) !== entry.hash) { problems.push({ code: 'custody-chain', message: `custody entry ${entry.seq} was edited (its hash does not match)`, where: at }); return; }
    previous = entry.hash;
  }
  if (caseFile.custody.head !== previous) problems.push({ code: 'custody-chain', message: 'the custody head does not match the last entry', where: 'case.json#/custody/head' });
  else if (manifestHead !== null && manifestHead !== previous) {
    problems.push({ code: 'custody-chain', message: 'the custody log does not end at the entry the manifest records (entries were cut or added)', where });
  }
}

interface AnnotateDetail {
  annotation?: unknown;
  sample?: unknown;
  verdict?: unknown;
  species?: unknown;
  status?: unknown;
  content?: unknown;
  annotations?: unknown;
}

/** Every annotation in case.json must be the one its custody 'annotate' entry recorded. */
export function checkAnnotations(caseFile: CaseFile, problems: CaseProblem[]): void {
  const recorded = new Map<number, { actor: string; detail: AnnotateDetail }>();
  for (const entry of caseFile.custody.entries) {
    if (entry.action !== 'annotate') continue;
    let detail: AnnotateDetail;
    try {
      detail = JSON.parse(entry.detail) as AnnotateDetail;
    } catch {
      continue;
    }
    if (typeof detail !== 'object' || detail === null) continue;
    if (typeof detail.annotation === 'number') recorded.set(detail.annotation, { actor: entry.actor, detail });
    // A bulk action (tagSamples) records every annotation it wrote in its one entry.
    if (Array.isArray(detail.annotations)) {
      for (const one of detail.annotations as AnnotateDetail[]) {
        if (typeof one === 'object' && one !== null && typeof one.annotation === 'number') recorded.set(one.annotation, { actor: entry.actor, detail: one });
      }
    }
  }
  for (const [index, a] of caseFile.annotations.entries()) {
    const where = `case.json#/annotations/${index}`;
    const entry = recorded.get(a.id);
    if (!entry) { problems.push({ code: 'annotation-unrecorded', message: `annotation ${a.id} has no custody entry recording it`, where }); continue; }
    const d = entry.detail;
    const same = entry.actor === a.author && d.sample === a.sampleId && d.verdict === a.verdict && d.species === a.attackSpecies && d.status === a.status
      && (d.content === undefined || d.content === annotationContentHash(a));
    if (!same) problems.push({ code: 'annotation-mismatch', message: `annotation ${a.id} differs from what its custody entry recorded (edited after the fact)`, where });
  }
}

/**
 * report.html must be exactly what case.json renders to, so the readable report cannot say something else.
 * Only this version's renderer can say so: a report written by another version (reportVersion, absent = 1)
 * is not re-rendered; its bytes are still covered by the manifest's hash (and its signature), said in a note.
 */
export function checkReport(caseFile: CaseFile, report: ZipFileEntry | undefined, problems: CaseProblem[], notes: string[] = []): void {
  if (!report) return; // reported as a missing file already
  const version = caseFile.reportVersion ?? 1;
  if (version !== CASE_REPORT_VERSION) {
    notes.push(`${REPORT_HTML} was rendered by ${version < CASE_REPORT_VERSION ? 'an earlier' : 'a later'} version (report format ${version}; this version writes ${CASE_REPORT_VERSION}), so it is not re-rendered; its bytes are covered by the signed manifest.`);
    return;
  }
  if (report.data.toString('utf8') !== renderReportHtml(caseFile)) {
    problems.push({ code: 'report-mismatch', message: `${REPORT_HTML} is not the report ${CASE_JSON} renders to (one of them was edited)`, where: REPORT_HTML });
  }
}
