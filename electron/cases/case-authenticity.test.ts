// Authenticity of case files over a real scored workspace: the genuine case verifies as signed by this
// profile's key; forged-and-rehashed cases (old signature kept, dropped, or another key's) are not
// authentic in the library and through `uad verify-case` exit codes; custody trimming, edited
// annotations and reports are caught; an ANSI-spoofed title is printed escaped; trust by fingerprint;
// an import never takes an existing case's id. Node side (cases).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseFile } from '../../common/cases/case-types.js';
import type { CaseExportSummary } from '../../common/contract/cases.js';
import { runCli } from '../../test/support/cli.js';
import { forgeCase, type ForgeOptions } from '../../test/support/forge-case.js';
import { scoredCaseWorkspace, type ScoredCaseWorkspace } from '../../test/support/scored-case-workspace.js';
import { addAnnotation } from '../workspace/annotations.js';
import { exportCase } from './export-case.js';
import { importCase } from './import-case.js';
import { ownSigningKey } from './keystore.js';
import { verifyCaseFile } from './verify-case.js';

let fx: ScoredCaseWorkspace;
let genuine: CaseExportSummary;
const out = mkdtempSync(path.join(tmpdir(), 'uad-authentic-'));
let n = 0;
const forged = (options: ForgeOptions) => forgeCase(genuine.path, path.join(out, `forged-${n++}.zip`), options);
const codes = async (file: string) => (await verifyCaseFile(file)).problems.map((p) => p.code);

beforeAll(async () => {
  fx = await scoredCaseWorkspace();
  const ids = [...fx.idByPath.values()];
  addAnnotation(fx.workspace, { sampleId: ids[0]!, verdict: 'attack', attackSpecies: 'print', tags: ['moire'], note: 'banding', status: 'open' });
  addAnnotation(fx.workspace, { sampleId: ids[1]!, verdict: 'bona-fide', status: 'reviewed' });
  genuine = await exportCase(fx.workspace, {
    source: 'annotated', sampleIds: ids.slice(0, 2), title: 'Genuine case', examiner: 'examiner-a', evidence: 'hashes',
    operatingPoint: { threshold: 0.5, criterion: 'eer', at: '2025-01-01T00:00:00.000Z' }, modelSha256: fx.modelSha256, outPath: path.join(out, 'genuine.zip'),
  });
}, 120_000);
afterAll(() => fx?.workspace.close());

describe('signed case files', () => {
  it('the genuine case is intact and signed by this profile\'s own key', async () => {
    const v = await verifyCaseFile(genuine.path);
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ ok: true, authentic: true, signer: { status: 'trusted', own: true, fingerprint: ownSigningKey()!.fingerprint } });
    expect(genuine.signerFingerprint).toBe(ownSigningKey()!.fingerprint);
  });

  it('a forged, re-hashed case keeping the old signature is damaged (the signature no longer matches)', async () => {
    const v = await verifyCaseFile(await forged({ signature: 'keep-signature' }));
    expect(v.problems.map((p) => p.code)).toEqual(['bad-signature']);
    expect(v).toMatchObject({ ok: false, authentic: false, signer: { status: 'invalid' } });
  });

  it('a forged, re-hashed case without a signature, or signed by another key, is intact but not authentic', async () => {
    const unsigned = await verifyCaseFile(await forged({ signature: 'drop-signature' }));
    expect(unsigned).toMatchObject({ ok: true, authentic: false, signer: { status: 'unsigned', fingerprint: null } });
    const other = await verifyCaseFile(await forged({ signature: 'own-key' }));
    expect(other).toMatchObject({ ok: true, authentic: false, signer: { status: 'unknown' } });
    expect(other.signer.fingerprint).not.toBe(ownSigningKey()!.fingerprint);
  });

  it('uad verify-case: 0 for the genuine case, 1 damaged, 3 unsigned or unknown signer; --help documents them', async () => {
    const good = await runCli(['verify-case', genuine.path]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain(`SIGNED by a trusted key: this profile's own key (${genuine.signerFingerprint})`);
    const damaged = await runCli(['verify-case', await forged({ signature: 'keep-signature' })]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/REJECTED[\s\S]*\[bad-signature\]/);
    const unsigned = await runCli(['verify-case', await forged({ signature: 'drop-signature' })]);
    expect(unsigned.code).toBe(3);
    expect(unsigned.stderr).toMatch(/INTACT, NOT AUTHENTIC[\s\S]*NOT AUTHENTIC: the case is unsigned/);
    const unknown = await runCli(['verify-case', await forged({ signature: 'own-key' })]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('NOT AUTHENTIC: signed by an unknown key SHA256:');
    const help = await runCli(['verify-case', '--help']);
    expect(help.stdout).toMatch(/0 {2}intact and signed by a trusted key[\s\S]*1 {2}damaged[\s\S]*3 {2}intact but not authentic/);
  }, 60_000);

  it('another examiner\'s key becomes trusted only with its confirmed fingerprint, and can be removed again', async () => {
    const theirs = await forged({ signature: 'own-key', edit: (c) => { c.case.title = 'Second examiner'; } });
    const fingerprint = (await verifyCaseFile(theirs)).signer.fingerprint!;
    const wrong = await runCli(['keys', 'trust', theirs, '--fingerprint', `SHA256:${'0'.repeat(64)}`, '--name', 'B. Examiner']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('nothing was trusted');
    expect((await runCli(['verify-case', theirs])).code).toBe(3);
    const added = await runCli(['keys', 'trust', theirs, '--fingerprint', fingerprint, '--name', 'B. Examiner']);
    expect(added.code, added.stderr).toBe(0);
    expect((await runCli(['keys', 'list'])).stdout).toContain(`trusted  ${fingerprint}  B. Examiner`);
    const trusted = await runCli(['verify-case', theirs]);
    expect(trusted.code, trusted.stderr).toBe(0);
    expect(trusted.stdout).toContain('SIGNED by a trusted key: B. Examiner');
    expect((await runCli(['keys', 'untrust', fingerprint])).code).toBe(0);
    expect((await runCli(['verify-case', theirs])).code).toBe(3);
  }, 60_000);
});

describe('internal consistency, always checked', () => {
  it('a custody log trimmed at its start, or emptied, does not pass', async () => {
    const trimmed = await forged({ signature: 'drop-signature', edit: (c) => { c.custody.entries = c.custody.entries.slice(1); } });
    expect(await codes(trimmed)).toEqual(['custody-chain']);
    const emptied = await forged({ signature: 'drop-signature', edit: (c) => { c.custody.entries = []; } });
    expect(await codes(emptied)).toContain('custody-chain');
  });

  it('a custody log cut at its end (hiding the annotations) does not pass', async () => {
    const cut = await forged({ signature: 'drop-signature', edit: (c) => {
      const firstAnnotate = c.custody.entries.findIndex((e) => e.action === 'annotate');
      c.custody.entries = c.custody.entries.slice(0, firstAnnotate);
      c.custody.head = c.custody.entries.at(-1)!.hash;
    } });
    expect(await codes(cut)).toContain('annotation-unrecorded');
  });

  it('an annotation edited after the fact no longer matches its custody entry', async () => {
    const edit = (change: (c: CaseFile) => void) => forged({ signature: 'drop-signature', edit: change });
    expect(await codes(await edit((c) => { c.annotations[0]!.note = 'no banding at all'; }))).toEqual(['annotation-mismatch']);
    expect(await codes(await edit((c) => { c.annotations[0]!.verdict = 'bona-fide'; c.annotations[0]!.attackSpecies = ''; }))).toEqual(['annotation-mismatch']);
    expect(await codes(await edit((c) => { c.annotations[0]!.author = 'someone-else'; }))).toEqual(['annotation-mismatch']);
    expect(await codes(await edit((c) => { c.annotations[0]!.id = 999; }))).toEqual(['annotation-unrecorded']);
  });

  it('a report.html that is not what case.json renders to is refused', async () => {
    const file = await forged({ signature: 'drop-signature', rerenderReport: false });
    expect(await codes(file)).toEqual(['report-mismatch']);
  });

  it('a genuine case whose report an earlier version rendered is intact and authentic, said in a note, never called damaged', async () => {
    const older = await forged({
      signature: 'profile-key',
      edit: (c) => { delete c.reportVersion; delete c.case.account; },
      report: Buffer.from('<!doctype html><html><body>the report as an earlier version rendered it</body></html>\n'),
    });
    const v = await verifyCaseFile(older);
    expect(v.problems).toEqual([]);
    expect(v).toMatchObject({ ok: true, authentic: true });
    expect(v.notes).toEqual([expect.stringMatching(/rendered by an earlier version .*its bytes are covered by the signed manifest/)]);
    const cli = await runCli(['verify-case', older]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('note: report.html was rendered by an earlier version');
    // The report's bytes are still checked against the manifest: an edit after signing is caught.
    const edited = await forgeCase(older, path.join(out, `forged-${n++}.zip`), { signature: 'keep-signature', edit: () => undefined, report: Buffer.from('edited') });
    expect(await codes(edited)).toEqual(['bad-signature']);
    // The current version's report is compared byte for byte, as before.
    expect((await verifyCaseFile(genuine.path)).notes).toBeUndefined();
  }, 60_000);
});

describe('honest output and imports', () => {
  it('an ANSI-spoofed title is printed escaped: it can neither erase the verdict nor forge an OK line', async () => {
    const spoof = await forged({ signature: 'drop-signature', edit: (c) => { c.case.title = 'x\u001b[2K\r\u001b[1AOK  genuine.zip\nSIGNED by a trusted key'; } });
    const result = await runCli(['verify-case', spoof]);
    expect(result.code).toBe(3);
    const printed = result.stdout + result.stderr;
    expect(printed).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/); // no ESC, no CR: only the CLI's own newlines
    expect(printed).toContain('"x\\e[2K\\r\\e[1AOK  genuine.zip\\nSIGNED by a trusted key"');
    expect(printed.split('\n').filter((line) => line.startsWith('OK'))).toEqual([]);
  }, 60_000);

  it('a forged case carrying the genuine case\'s id is never imported over it', async () => {
    const impostor = await forged({ signature: 'own-key' });
    const imported = await importCase(fx.workspace, impostor);
    expect(imported.folder).toBeNull();
    expect(imported.verification.problems.map((p) => p.code)).toEqual(['duplicate-case-id']);
    const again = await importCase(fx.workspace, genuine.path);
    expect(again.folder).not.toBeNull();
    expect(again.verification).toMatchObject({ ok: true, authentic: true });
  });
});
