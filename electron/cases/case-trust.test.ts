// The trust list is checked, not taken on faith: a list or key folder others can write, an entry whose
// key does not parse or does not hash to its fingerprint, a name posing as this profile's own key, and
// a private key others can read each leave a case "untrusted" with the reason (exit 4), never trusted
// and never "damaged". Node side (cases), a real scored workspace, real key folders and the real CLI.
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_SIG } from '../../common/cases/case-types.js';
import type { CaseExportSummary } from '../../common/contract/cases.js';
import { runCli } from '../../test/support/cli.js';
import { forgeCase } from '../../test/support/forge-case.js';
import { scoredCaseWorkspace, type ScoredCaseWorkspace } from '../../test/support/scored-case-workspace.js';
import { exportCase } from './export-case.js';
import { keysDir } from './keystore.js';
import { publicKeyPem } from './signing.js';
import { verifyCaseFile } from './verify-case.js';
import { readZipSafely } from './zip-reader.js';

let fx: ScoredCaseWorkspace;
let genuine: CaseExportSummary;
/** A case signed by a key this profile never trusted, its fingerprint and public key. */
let attacker: { file: string; fingerprint: string; publicKey: string };
let profileKeys: string;
const out = mkdtempSync(path.join(tmpdir(), 'uad-trust-'));
const saved = process.env.UAD_KEYS_DIR;

beforeAll(async () => {
  fx = await scoredCaseWorkspace();
  profileKeys = keysDir();
  genuine = await exportCase(fx.workspace, {
    source: 'selection', sampleIds: [...fx.idByPath.values()].slice(0, 2), title: 'Genuine case', examiner: 'examiner-a', evidence: 'hashes',
    operatingPoint: { threshold: 0.5, criterion: 'eer', at: '2025-01-01T00:00:00.000Z' }, modelSha256: fx.modelSha256, outPath: path.join(out, 'genuine.zip'),
  });
  const file = await forgeCase(genuine.path, path.join(out, 'attacker.zip'), { signature: 'own-key' });
  const read = await readZipSafely(file);
  if (!read.ok) throw new Error('the attacker case does not read');
  const signature = JSON.parse(read.entries.find((e) => e.name === MANIFEST_SIG)!.data.toString('utf8')) as { publicKey: string; fingerprint: string };
  attacker = { file, fingerprint: signature.fingerprint, publicKey: signature.publicKey };
}, 120_000);
afterAll(() => fx?.workspace.close());
afterEach(() => { process.env.UAD_KEYS_DIR = saved; });

interface ProfileOptions {
  entries: unknown[];
  folderMode?: number;
  listMode?: number;
  keyMode?: number;
}

/** A key folder holding this profile's own key and the given trust list, used by the library and the CLI. */
function profile({ entries, folderMode = 0o700, listMode = 0o600, keyMode = 0o600 }: ProfileOptions): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'uad-trust-profile-')), 'keys');
  mkdirSync(dir, { mode: 0o700 });
  copyFileSync(path.join(profileKeys, 'signing-key.pem'), path.join(dir, 'signing-key.pem'));
  chmodSync(path.join(dir, 'signing-key.pem'), keyMode);
  writeFileSync(path.join(dir, 'trusted-keys.json'), JSON.stringify(entries, null, 2));
  chmodSync(path.join(dir, 'trusted-keys.json'), listMode);
  chmodSync(dir, folderMode);
  process.env.UAD_KEYS_DIR = dir;
  return dir;
}

const entry = (fields: Partial<{ fingerprint: string; publicKey: string; name: string }> = {}) => ({
  fingerprint: attacker.fingerprint, publicKey: attacker.publicKey, name: 'B. Examiner', addedAt: '2025-01-01T00:00:00.000Z', ...fields,
});

describe('a forged trust list', () => {
  it('the review\'s list (world-writable, "not a key", posing as the own key) leaves the case untrusted, exit 4 with the reason', async () => {
    profile({ entries: [entry({ publicKey: 'not a key', name: 'this profile\'s own key' })], folderMode: 0o777, listMode: 0o666 });
    const result = await runCli(['verify-case', attacker.file]);
    expect(result.stdout + result.stderr).not.toContain('SIGNED by a trusted key');
    expect(result.code, result.stdout).toBe(4);
    expect(result.stderr).toMatch(/NOT AUTHENTIC: this profile's trust cannot be relied on: .*writable by other users/);
  }, 60_000);

  it('each fault alone is refused with its own reason, and a sound list of the same key is trusted', async () => {
    const other = publicKeyPem(generateKeyPairSync('ed25519').publicKey);
    const faults: [ProfileOptions, RegExp][] = [
      [{ entries: [entry()], folderMode: 0o770 }, /keys.* is writable by other users/],
      [{ entries: [entry()], listMode: 0o620 }, /trusted-keys\.json is writable by other users/],
      [{ entries: [entry({ publicKey: 'not a key' })] }, /public key .*does not parse/],
      [{ entries: [entry({ publicKey: other })] }, /does not hash to its fingerprint/],
      [{ entries: [entry({ name: 'This Profile’s OWN key' })] }, /poses as this profile's own key/],
      [{ entries: [{ ...entry(), trusted: true }] }, /entry 1 .*fields/],
      [{ entries: [entry(), entry({ name: 'C' })] }, /listed twice/],
    ];
    for (const [options, reason] of faults) {
      profile(options);
      const v = await verifyCaseFile(attacker.file);
      expect(v, String(reason)).toMatchObject({ ok: true, authentic: false, signer: { status: 'untrusted', fingerprint: attacker.fingerprint } });
      expect(v.signer.reason).toMatch(reason);
    }
    profile({ entries: [entry()] });
    expect(await verifyCaseFile(attacker.file)).toMatchObject({ ok: true, authentic: true, signer: { status: 'trusted', name: 'B. Examiner', own: false, reason: null } });
  });

  // Giving a file away takes root: where the tests run as another user this case cannot be set up.
  it.runIf(process.getuid?.() === 0)('a list owned by another user is refused even when only its owner can write it', async () => {
    const dir = profile({ entries: [entry()] });
    chownSync(path.join(dir, 'trusted-keys.json'), 4321, 4321);
    const v = await verifyCaseFile(attacker.file);
    expect(v).toMatchObject({ ok: true, authentic: false, signer: { status: 'untrusted' } });
    expect(v.signer.reason).toMatch(/trusted-keys\.json belongs to another user \(uid 4321\)/);
  });

  it('the own key is known by its fingerprint: a listed key can never be reported as the own key', async () => {
    profile({ entries: [entry({ name: 'this profile\'s own key' })] });
    const v = await verifyCaseFile(genuine.path);
    expect(v.signer.status).toBe('untrusted'); // the whole list is refused, the own key included: it says why
    profile({ entries: [entry()] });
    expect(await verifyCaseFile(genuine.path)).toMatchObject({ authentic: true, signer: { status: 'trusted', own: true } });
    expect(await verifyCaseFile(attacker.file)).toMatchObject({ signer: { status: 'trusted', own: false, name: 'B. Examiner' } });
  });
});

describe('this profile\'s own key', () => {
  it('a private key others can read is named as the fault; the genuine case is not called damaged', async () => {
    profile({ entries: [], keyMode: 0o644 });
    const v = await verifyCaseFile(genuine.path);
    expect(v).toMatchObject({ ok: true, authentic: false, problems: [], signer: { status: 'untrusted' } });
    expect(v.signer.reason).toMatch(/signing-key\.pem is readable by other users.*chmod 600/);
    const result = await runCli(['verify-case', genuine.path]);
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).not.toContain('REJECTED');
    expect(result.stderr).toMatch(/INTACT, NOT AUTHENTIC[\s\S]*signing-key\.pem is readable by other users/);
  }, 60_000);
});
