// The profile's signing key and trust list on disk: owner-only private key, refused when readable by
// others, one key however many processes race to create it, trust only with a matching fingerprint and
// never under a name that reads as the own key; an unreadable list is a clear refusal.
// Node side (cases), real files in a temporary key folder.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/support/models.js';
import { ensureSigningKey, keysDir, KeystoreError, ownSigningKey, profileTrust, trustedKeys, trustKey, untrustKey } from './keystore.js';
import { fingerprintOf, publicKeyPem } from './signing.js';

const saved = process.env.UAD_KEYS_DIR;
let dir: string;
beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(tmpdir(), 'uad-keystore-')), 'keys');
  process.env.UAD_KEYS_DIR = dir;
});
afterEach(() => { process.env.UAD_KEYS_DIR = saved; });

describe('signing key', () => {
  it('is made on first use, owner-only, and the same key afterwards', () => {
    expect(keysDir()).toBe(dir);
    expect(ownSigningKey()).toBeNull();
    const key = ensureSigningKey();
    expect(key.fingerprint).toMatch(/^SHA256:[0-9a-f]{64}$/);
    expect(statSync(path.join(dir, 'signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o077).toBe(0);
    expect(ensureSigningKey().fingerprint).toBe(key.fingerprint);
    expect(readdirSync(dir).sort()).toEqual(['signing-key.pem', 'signing-key.pub.pem']);
  });

  it('is refused when other users can read it', () => {
    ensureSigningKey();
    chmodSync(path.join(dir, 'signing-key.pem'), 0o644);
    expect(() => ownSigningKey()).toThrow(/readable by other users/);
  });

  it('is one key when several processes create it at once', async () => {
    const script = "import { ensureSigningKey } from './electron/cases/keystore.ts'; console.log(ensureSigningKey().fingerprint);";
    const run = () => new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, env: { ...process.env, UAD_KEYS_DIR: dir } });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
      child.on('close', () => resolve(stdout.trim()));
    });
    const prints = await Promise.all([run(), run(), run(), run()]);
    expect(new Set(prints).size).toBe(1);
    expect(prints[0]).toBe(ownSigningKey()!.fingerprint);
  }, 60_000);
});

describe('trust list', () => {
  it('trusts a key only when the confirmed fingerprint is its own, and the lookup names it', () => {
    const own = ensureSigningKey();
    const { publicKey } = generateKeyPairSync('ed25519');
    const fingerprint = fingerprintOf(publicKey);
    expect(() => trustKey(publicKeyPem(publicKey), 'B', own.fingerprint)).toThrow(/nothing was trusted/);
    expect(trustedKeys()).toEqual([]);
    trustKey(publicKeyPem(publicKey), 'B. Examiner', fingerprint.toUpperCase().replace('SHA256:', 'sha256:'));
    expect(statSync(path.join(dir, 'trusted-keys.json')).mode & 0o777).toBe(0o600);
    const trust = profileTrust();
    expect(trust(own.fingerprint)).toEqual({ name: 'this profile\'s own key', own: true });
    expect(trust(fingerprint)).toEqual({ name: 'B. Examiner', own: false });
    expect(trust(`SHA256:${'1'.repeat(64)}`)).toBeNull();
    expect(JSON.parse(readFileSync(path.join(dir, 'trusted-keys.json'), 'utf8'))).toHaveLength(1);
    expect(untrustKey(fingerprint)).toBe(true);
    expect(profileTrust()(fingerprint)).toBeNull();
  });

  it('refuses a name that reads as this profile\'s own key, and says why a list cannot be read', () => {
    ensureSigningKey();
    const { publicKey } = generateKeyPairSync('ed25519');
    for (const name of ['this profile\'s own key', 'THIS PROFILE’S OWN KEY (backup)', 'this\u00a0profiles own-key']) {
      expect(() => trustKey(publicKeyPem(publicKey), name, fingerprintOf(publicKey))).toThrow(/reads as this profile's own key; .*nothing was trusted/);
    }
    expect(trustedKeys()).toEqual([]);
    writeFileSync(path.join(dir, 'trusted-keys.json'), '[{"fingerprint": ', { mode: 0o600 });
    expect(() => trustedKeys()).toThrow(KeystoreError);
    expect(() => profileTrust()).toThrow(/trusted-keys\.json is not valid JSON/);
  });
});
