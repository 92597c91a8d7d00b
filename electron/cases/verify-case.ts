// Verifies a case file end to end: zip safety (zip-reader), the fixed layout, manifest.sha256 against
// manifest.json, every file against the manifest (nothing missing, nothing extra), case.json against
// its schema, its internal consistency (case-consistency), and, separately, who signed the manifest.
// Node side (cases; used by the CLI and the UI import). Never throws on a bad archive.
import { CASE_JSON, MANIFEST_HASH, MANIFEST_JSON, MANIFEST_SIG, REPORT_HTML, type CaseFile } from '../../common/cases/case-types.js';
import type { CaseProblem, CaseSigner, CaseVerification } from '../../common/contract/cases.js';
import { checkAnnotations, checkCustody, checkReport } from './case-consistency.js';
import { validateCaseJson } from './case-schema.js';
import { KeystoreError, profileTrust, type TrustLookup } from './keystore.js';
import { checkManifestSignature } from './signing.js';
import { parseManifestHashFile, readManifest, sha256Hex } from './manifest.js';
import { DEFAULT_ZIP_LIMITS, readZipSafely, type ZipFileEntry, type ZipLimits, type ZipReadResult } from './zip-reader.js';

export interface VerifyOptions {
  limits?: ZipLimits;
  /** Looks up a custody 'export' entry that recorded this manifest hash (the UI passes the workspace's). */
  findRecordedExport?: (manifestSha256: string) => { seq: number; at: string } | null;
  /** Whose keys count as trusted; defaults to this profile's own key and trust list. */
  trust?: TrustLookup;
}

const LAYOUT = /^(overlays\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+\.png|evidence\/[A-Za-z0-9._-]+)$/;
const FIXED = new Set([CASE_JSON, REPORT_HTML, MANIFEST_JSON, MANIFEST_HASH]);
const UNLISTED = new Set([MANIFEST_JSON, MANIFEST_HASH, MANIFEST_SIG]);

function parseJson(entry: ZipFileEntry, problems: CaseProblem[]): unknown {
  try {
    return JSON.parse(entry.data.toString('utf8'));
  } catch (err) {
    problems.push({ code: 'bad-json', message: `${entry.name} is not valid JSON (${err instanceof Error ? err.message : String(err)})`, where: entry.name });
    return undefined;
  }
}

/** Manifest and hashes: returns the manifest hash when manifest.sha256 could be read. */
function checkManifest(files: Map<string, ZipFileEntry>, problems: CaseProblem[]): { manifestSha256: string | null; caseId: string | null; custodyHead: string | null } {
  const manifestEntry = files.get(MANIFEST_JSON);
  const hashEntry = files.get(MANIFEST_HASH);
  if (!manifestEntry || !hashEntry) return { manifestSha256: null, caseId: null, custodyHead: null };
  const actual = sha256Hex(manifestEntry.data);
  const recorded = parseManifestHashFile(hashEntry.data.toString('utf8'));
  if (recorded === null) problems.push({ code: 'manifest-hash', message: 'manifest.sha256 is not in the form "<sha256>  manifest.json"', where: MANIFEST_HASH });
  else if (recorded !== actual) problems.push({ code: 'manifest-hash', message: 'manifest.json does not match the hash in manifest.sha256 (the manifest was edited)', where: MANIFEST_JSON });
  const parsed = parseJson(manifestEntry, problems);
  if (parsed === undefined) return { manifestSha256: actual, caseId: null, custodyHead: null };
  const manifest = readManifest(parsed);
  if (typeof manifest === 'string') {
    problems.push({ code: 'manifest', message: manifest, where: MANIFEST_JSON });
    return { manifestSha256: actual, caseId: null, custodyHead: null };
  }
  const listed = new Set<string>();
  for (const record of manifest.files) {
    if (listed.has(record.path)) problems.push({ code: 'manifest', message: 'a file is listed twice in the manifest', where: record.path });
    listed.add(record.path);
    const entry = files.get(record.path);
    if (!entry) problems.push({ code: 'missing-file', message: 'the manifest lists a file the case does not contain', where: record.path });
    else if (entry.data.length !== record.bytes || sha256Hex(entry.data) !== record.sha256) {
      problems.push({ code: 'hash-mismatch', message: 'file content does not match its SHA-256 in the manifest (tampered or damaged)', where: record.path });
    }
  }
  for (const name of files.keys()) {
    if (!UNLISTED.has(name) && !listed.has(name)) {
      problems.push({ code: 'unlisted-file', message: 'the case contains a file the manifest does not list', where: name });
    }
  }
  return { manifestSha256: actual, caseId: manifest.caseId, custodyHead: manifest.custodyHead };
}

/** References inside case.json: evidence files and overlays exist, hashes agree, ids line up. */
function checkReferences(caseFile: CaseFile, files: Map<string, ZipFileEntry>, caseId: string | null, problems: CaseProblem[]): void {
  if (caseId !== null && caseId !== caseFile.case.id) problems.push({ code: 'inconsistent', message: 'the manifest and case.json name different cases', where: MANIFEST_JSON });
  const sampleIds = new Set<number>();
  for (const evidence of caseFile.evidence) {
    if (sampleIds.has(evidence.sampleId)) problems.push({ code: 'inconsistent', message: `sample ${evidence.sampleId} is listed twice as evidence`, where: CASE_JSON });
    sampleIds.add(evidence.sampleId);
    if (evidence.file === null) continue;
    if (caseFile.case.evidenceMode === 'hashes') problems.push({ code: 'inconsistent', message: 'a hashes-only case embeds an evidence file', where: evidence.file });
    const entry = files.get(evidence.file);
    if (!entry) problems.push({ code: 'missing-file', message: 'case.json names an evidence file the case does not contain', where: evidence.file });
    else if (sha256Hex(entry.data) !== evidence.sha256) problems.push({ code: 'evidence-mismatch', message: `embedded evidence does not match the SHA-256 recorded for sample ${evidence.sampleId}`, where: evidence.file });
  }
  for (const result of caseFile.results) {
    if (!sampleIds.has(result.sampleId)) problems.push({ code: 'inconsistent', message: `a result refers to sample ${result.sampleId}, which is not in the evidence list`, where: CASE_JSON });
    for (const overlay of result.overlays) {
      if (!files.has(overlay.file)) problems.push({ code: 'missing-file', message: 'case.json names an overlay the case does not contain', where: overlay.file });
    }
  }
  for (const annotation of caseFile.annotations) {
    if (!sampleIds.has(annotation.sampleId)) problems.push({ code: 'inconsistent', message: `annotation ${annotation.id} refers to sample ${annotation.sampleId}, which is not in the evidence list`, where: CASE_JSON });
  }
}

export async function verifyCaseFile(file: string, options: VerifyOptions = {}): Promise<CaseVerification> {
  return (await verifyCaseArchive(file, options)).verification;
}

/** Verifies and hands back the entries it checked, so an import unpacks exactly the bytes verified. */
export async function verifyCaseArchive(file: string, options: VerifyOptions = {}): Promise<{ verification: CaseVerification; entries: ZipFileEntry[] }> {
  const read = await readZipSafely(file, options.limits ?? DEFAULT_ZIP_LIMITS);
  const verification = checkArchive(file, read, options);
  return { verification, entries: verification.ok && read.ok ? read.entries : [] };
}

const UNSIGNED: CaseSigner = { status: 'unsigned', fingerprint: null, name: null, own: false, reason: null };

/**
 * Who signed the manifest, judged against the trust list; a signature that does not verify is a problem.
 * A trust list or own key that cannot be relied on is no fault of the case: the signer is 'untrusted',
 * with the reason.
 */
function checkSigner(files: Map<string, ZipFileEntry>, trust: () => TrustLookup, problems: CaseProblem[]): CaseSigner {
  const signature = files.get(MANIFEST_SIG);
  const manifest = files.get(MANIFEST_JSON);
  if (!signature || !manifest) return UNSIGNED;
  const check = checkManifestSignature(signature.data, manifest.data);
  if (!check.valid) {
    problems.push({ code: 'bad-signature', message: check.reason, where: MANIFEST_SIG });
    return { status: 'invalid', fingerprint: check.fingerprint, name: null, own: false, reason: null };
  }
  let lookup: TrustLookup;
  try {
    lookup = trust();
  } catch (err) {
    if (!(err instanceof KeystoreError)) throw err;
    return { status: 'untrusted', fingerprint: check.fingerprint, name: null, own: false, reason: err.message };
  }
  const known = lookup(check.fingerprint);
  return known
    ? { status: 'trusted', fingerprint: check.fingerprint, name: known.name, own: known.own, reason: null }
    : { status: 'unknown', fingerprint: check.fingerprint, name: null, own: false, reason: null };
}

function checkArchive(file: string, read: ZipReadResult, options: VerifyOptions): CaseVerification {
  let signer: CaseSigner = UNSIGNED;
  const notes: string[] = [];
  const verdict = (problems: CaseProblem[], manifestSha256: string | null, summary: CaseVerification['summary'] = null): CaseVerification => {
    const ok = problems.length === 0;
    return {
      ok, authentic: ok && signer.status === 'trusted', signer, path: file, manifestSha256, problems, summary, ...(notes.length > 0 ? { notes } : {}),
      recordedExport: manifestSha256 && ok ? options.findRecordedExport?.(manifestSha256) ?? null : null,
    };
  };
  if (!read.ok) return verdict(read.problems, null);

  const problems: CaseProblem[] = [];
  const files = new Map(read.entries.map((e) => [e.name, e]));
  for (const name of files.keys()) {
    if (!FIXED.has(name) && name !== MANIFEST_SIG && !LAYOUT.test(name)) problems.push({ code: 'unexpected-file', message: 'not part of the case layout (case.json, report.html, manifest, overlays/, evidence/)', where: name });
  }
  for (const name of FIXED) {
    if (!files.has(name)) problems.push({ code: 'missing-file', message: `the case has no ${name}`, where: name });
  }
  const { manifestSha256, caseId, custodyHead } = checkManifest(files, problems);
  signer = checkSigner(files, () => options.trust ?? profileTrust(), problems);

  const caseEntry = files.get(CASE_JSON);
  const parsed = caseEntry ? parseJson(caseEntry, problems) : undefined;
  if (parsed === undefined) return verdict(problems, manifestSha256);
  const violations = validateCaseJson(parsed);
  for (const v of violations) problems.push({ code: 'schema', message: `case.json ${v.pointer || '(root)'} ${v.message}`, where: `case.json#${v.pointer}` });
  if (violations.length > 0) return verdict(problems, manifestSha256);

  const caseFile = parsed as CaseFile;
  checkReferences(caseFile, files, caseId, problems);
  checkCustody(caseFile, custodyHead, problems);
  checkAnnotations(caseFile, problems);
  checkReport(caseFile, files.get(REPORT_HTML), problems, notes);
  return verdict(problems, manifestSha256, {
    caseId: caseFile.case.id, title: caseFile.case.title, examiner: caseFile.case.examiner, createdAt: caseFile.case.createdAt,
    samples: caseFile.evidence.length, annotations: caseFile.annotations.length, modelName: caseFile.model.name,
    modelSha256: caseFile.model.sha256, evidence: caseFile.case.evidenceMode,
  });
}
