// Test support: forges a case the way an attacker without the signing key would: edit case.json (flip
// verdicts, retitle), recompute manifest.json and manifest.sha256, rezip. The old signature is kept,
// dropped, or replaced by one from another key. Run directly: node --import tsx forge-case.ts IN OUT MODE
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CASE_JSON, MANIFEST_HASH, MANIFEST_JSON, MANIFEST_SIG, REPORT_HTML, type CaseFile } from '../../common/cases/case-types.js';
import { ownSigningKey } from '../../electron/cases/keystore.js';
import { buildManifest } from '../../electron/cases/manifest.js';
import { renderReportHtml } from '../../electron/cases/report-html.js';
import { signManifest } from '../../electron/cases/signing.js';
import { readZipSafely } from '../../electron/cases/zip-reader.js';
import { buildZip, type ZipInput } from '../../electron/cases/zip-writer.js';

/** own-key: a fresh key of someone else; profile-key: this profile's own key (a genuine case re-signed by its examiner). */
export type ForgeSignature = 'keep-signature' | 'drop-signature' | 'own-key' | 'profile-key';

export interface ForgeOptions {
  signature: ForgeSignature;
  /** The edit to case.json; defaults to flipping every decision and retitling the case. */
  edit?: (c: CaseFile) => void;
  /** Re-render report.html from the forged case.json too (a careful forger), so only signature and custody can object. */
  rerenderReport?: boolean;
  /** report.html's bytes, given (e.g. a report written by an earlier version of the renderer). */
  report?: Buffer;
}

const flipDecisions = (c: CaseFile): void => {
  c.case.title = `${c.case.title} (forged)`;
  for (const r of c.results) if (r.decision !== null) r.decision = r.decision === 'attack' ? 'bona-fide' : 'attack';
};

export async function forgeCase(genuine: string, out: string, options: ForgeOptions): Promise<string> {
  const read = await readZipSafely(genuine);
  if (!read.ok) throw new Error(`cannot read ${genuine}: ${JSON.stringify(read.problems)}`);
  const files = new Map(read.entries.map((e) => [e.name, e.data]));
  const caseFile = JSON.parse(files.get(CASE_JSON)!.toString('utf8')) as CaseFile;
  (options.edit ?? flipDecisions)(caseFile);
  files.set(CASE_JSON, Buffer.from(JSON.stringify(caseFile, null, 2) + '\n'));
  if (options.report !== undefined) files.set(REPORT_HTML, options.report);
  else if (options.rerenderReport ?? true) files.set(REPORT_HTML, Buffer.from(renderReportHtml(caseFile)));
  const oldSignature = files.get(MANIFEST_SIG);
  for (const name of [MANIFEST_JSON, MANIFEST_HASH, MANIFEST_SIG]) files.delete(name);
  const payload: ZipInput[] = [...files].map(([name, data]) => ({ name, data }));
  const { manifest, manifestHashFile } = buildManifest(caseFile.case.id, caseFile.custody.head, payload);
  const list: ZipInput[] = [...payload, { name: MANIFEST_JSON, data: manifest }, { name: MANIFEST_HASH, data: manifestHashFile }];
  if (options.signature === 'keep-signature' && oldSignature) list.push({ name: MANIFEST_SIG, data: oldSignature });
  if (options.signature === 'own-key') {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    list.push({ name: MANIFEST_SIG, data: signManifest(manifest, privateKey, publicKey) });
  }
  if (options.signature === 'profile-key') {
    const key = ownSigningKey();
    if (!key) throw new Error('this profile has no signing key');
    list.push({ name: MANIFEST_SIG, data: signManifest(manifest, key.privateKey, key.publicKey) });
  }
  writeFileSync(out, buildZip(list));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [input, output, mode] = process.argv.slice(2);
  await forgeCase(input!, output!, { signature: (mode ?? 'drop-signature') as ForgeSignature });
}
