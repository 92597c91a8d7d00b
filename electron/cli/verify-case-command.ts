// `uad verify-case FILE.zip`: checks a case file's integrity (zip safety, every hash, the schema, the
// internal consistency) and, separately, who signed it; exit 0 only for an intact case signed by a
// trusted key. Every case-supplied text is printed escaped. Node side (CLI).
import { parseArgs } from 'node:util';
import { escapeForDisplay as shown, jsonForDisplay } from '../../common/display-text.js';
import type { CaseVerification } from '../../common/contract/cases.js';
import { recordedExport } from '../cases/import-case.js';
import { keysDir } from '../cases/keystore.js';
import { verifyCaseFile } from '../cases/verify-case.js';
import { Workspace } from '../workspace/workspace.js';

/** Exit codes, documented in --help. */
export const VERIFY_EXIT = { authentic: 0, damaged: 1, usage: 2, notAuthentic: 3, untrusted: 4 } as const;

const USAGE = `usage: uad verify-case FILE.zip [--expect-manifest <sha256>] [--workspace <dir>] [--json]

Integrity (every file matches the manifest, the schema and the internal consistency checks hold) and
authenticity (who signed the manifest) are reported separately: matching hashes alone prove nothing
about who made a case, since anyone can recompute them.

examples:
  uad verify-case case.zip
  uad verify-case case.zip --expect-manifest 3f2a… --json

exit status:
  0  intact and signed by a trusted key (this profile's own key or one added with \`uad keys trust\`)
  1  damaged or tampered: a hash, the signature, the schema or a consistency check fails
  2  usage error
  3  intact but not authentic: unsigned, or signed by a key this profile does not trust
  4  intact, validly signed, but untrusted: this profile's trust cannot be relied on (its key folder or
     trust list is writable by others or not the user's own, a listed key does not parse or does not
     hash to its fingerprint, a listed name poses as the own key, or the private key is readable by
     others); the reason is printed

keys and the trust list live in ${keysDir()} (override with UAD_KEYS_DIR)`;

function signerLine(result: CaseVerification): string {
  const s = result.signer;
  switch (s.status) {
    case 'trusted': return `SIGNED by a trusted key: ${shown(s.name ?? '')} (${s.fingerprint})`;
    case 'unknown': return `NOT AUTHENTIC: signed by an unknown key ${s.fingerprint}; trust it only after confirming this fingerprint with its owner (uad keys trust)`;
    case 'untrusted': return `NOT AUTHENTIC: this profile's trust cannot be relied on: ${shown(s.reason ?? '')}; the case is signed by ${s.fingerprint}`;
    case 'unsigned': return 'NOT AUTHENTIC: the case is unsigned; nothing shows who made it';
    case 'invalid': return 'NOT AUTHENTIC: the signature does not match the manifest';
  }
}

function printVerdict(result: CaseVerification): void {
  const path = shown(result.path);
  if (!result.ok) {
    console.error(`REJECTED  ${path}`);
    for (const p of result.problems) console.error(`  - [${shown(p.code)}]${p.where ? ` ${shown(p.where)}:` : ''} ${shown(p.message)}`);
    console.error(signerLine(result));
    return;
  }
  const s = result.summary!;
  const out = result.authentic ? console.log : console.error;
  out(`${result.authentic ? 'OK' : 'INTACT, NOT AUTHENTIC'}  ${path}`);
  out(`case ${shown(s.caseId)} "${shown(s.title)}" by ${shown(s.examiner)}, exported ${shown(s.createdAt)}`);
  out(`${s.samples} sample(s), ${s.annotations} annotation(s), model ${shown(s.modelName)} (${s.modelSha256.slice(0, 12)}…), evidence ${s.evidence === 'embed' ? 'embedded' : 'as hashes only'}`);
  out(`manifest sha256 ${result.manifestSha256}`);
  out('integrity: every file matches the manifest; case.json matches its schema, its annotations, custody chain and report agree');
  for (const note of result.notes ?? []) out(`note: ${shown(note)}`);
  out(signerLine(result));
  if (result.recordedExport) out(`this manifest was exported from the given workspace (custody entry ${result.recordedExport.seq}, ${result.recordedExport.at})`);
}

export async function runVerifyCaseCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { 'expect-manifest': { type: 'string' }, workspace: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    console.error(`uad verify-case: ${(err as Error).message}\n${USAGE}`);
    return VERIFY_EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) { console.log(USAGE); return 0; }
  if (positionals.length !== 1) {
    console.error(`uad verify-case: give exactly one case file\n${USAGE}`);
    return VERIFY_EXIT.usage;
  }
  let workspace: Workspace | null = null;
  try {
    if (values.workspace) workspace = Workspace.openExisting(values.workspace, { readOnly: true });
  } catch (err) {
    console.error(`uad verify-case: cannot open the workspace: ${shown((err as Error).message)}`);
    return VERIFY_EXIT.usage;
  }
  try {
    const result = await verifyCaseFile(positionals[0]!, workspace ? { findRecordedExport: (hash) => recordedExport(workspace!, hash) } : {});
    const expected = values['expect-manifest']?.toLowerCase();
    if (expected && result.manifestSha256 !== expected) {
      result.ok = false;
      result.authentic = false;
      result.problems.push({ code: 'unexpected-manifest', message: `the manifest hash is ${result.manifestSha256 ?? 'unreadable'}, not the expected ${expected}` });
    }
    if (workspace && result.ok && !result.recordedExport) {
      result.ok = false;
      result.authentic = false;
      result.problems.push({ code: 'not-recorded', message: `the workspace's custody log has no export of this manifest (${result.manifestSha256})` });
    }
    if (values.json) console.log(jsonForDisplay(result, 2));
    else printVerdict(result);
    if (!result.ok) return VERIFY_EXIT.damaged;
    return result.authentic ? VERIFY_EXIT.authentic : result.signer.status === 'untrusted' ? VERIFY_EXIT.untrusted : VERIFY_EXIT.notAuthentic;
  } finally {
    workspace?.close();
  }
}
