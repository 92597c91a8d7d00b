// The examiner's signing key and trust list, kept in the user's data folder (never in a workspace or a
// case): keys/signing-key.pem (owner-only), keys/trusted-keys.json. Node side (cases; used by CLI and app).
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fingerprintOf, publicKeyPem } from './signing.js';

const PRODUCT = 'UAD Workbench';
const PRIVATE_KEY = 'signing-key.pem';
const PUBLIC_KEY = 'signing-key.pub.pem';
const TRUST_LIST = 'trusted-keys.json';

export class KeystoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeystoreError';
  }
}

/** The per-user application data folder, as Electron's app.getPath('userData') names it on each platform. */
export function userDataDir(): string {
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(homedir(), 'AppData', 'Roaming'), PRODUCT);
  if (process.platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', PRODUCT);
  return path.join(process.env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), PRODUCT);
}

/** Where the keys live: $UAD_KEYS_DIR when set (tests, several profiles), else <user data>/keys. */
export const keysDir = (): string => path.resolve(process.env.UAD_KEYS_DIR || path.join(userDataDir(), 'keys'));

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  fingerprint: string;
}

export interface TrustedKey {
  fingerprint: string;
  publicKey: string;
  name: string;
  addedAt: string;
}

function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Writes a file only if the name is free, atomically (complete content or nothing); false when it exists. */
function createExclusive(file: string, data: string, mode: number): boolean {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, data, { flag: 'wx', mode });
  try {
    linkSync(temp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(temp);
  }
}

function readPrivateKey(file: string): SigningKey {
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new KeystoreError(`${file} is readable by other users; restrict it (chmod 600) before signing with it`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new KeystoreError(`cannot read the signing key ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new KeystoreError(`${file} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, fingerprint: fingerprintOf(publicKey) };
}

/** This profile's key, or null when none was made yet. */
export function ownSigningKey(): SigningKey | null {
  const file = path.join(keysDir(), PRIVATE_KEY);
  try {
    statSync(file);
  } catch {
    return null;
  }
  return readPrivateKey(file);
}

/** This profile's key, created (owner-only file) on first use; two processes racing get the same key. */
export function ensureSigningKey(): SigningKey {
  const existing = ownSigningKey();
  if (existing) return existing;
  const dir = keysDir();
  ensureDir(dir);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const file = path.join(dir, PRIVATE_KEY);
  if (createExclusive(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600)) {
    createExclusive(path.join(dir, PUBLIC_KEY), publicKeyPem(publicKey), 0o644);
  }
  return readPrivateKey(file);
}

export function trustedKeys(): TrustedKey[] {
  let text: string;
  try {
    text = readFileSync(path.join(keysDir(), TRUST_LIST), 'utf8');
  } catch {
    return [];
  }
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new KeystoreError(`${path.join(keysDir(), TRUST_LIST)} is not a list of keys`);
  return parsed.filter((k): k is TrustedKey => typeof k === 'object' && k !== null
    && typeof (k as TrustedKey).fingerprint === 'string' && typeof (k as TrustedKey).publicKey === 'string' && typeof (k as TrustedKey).name === 'string');
}

function writeTrustList(keys: TrustedKey[]): void {
  const dir = keysDir();
  ensureDir(dir);
  const file = path.join(dir, TRUST_LIST);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/**
 * Adds a public key (PEM) to the trust list under a name. The fingerprint the user confirmed out of band
 * (read over the phone, on paper) must match the key's own: trusting is a decision about a fingerprint.
 */
export function trustKey(pem: string, name: string, confirmedFingerprint: string): TrustedKey {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new KeystoreError('that is not a PEM public key');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new KeystoreError('only Ed25519 keys sign case files');
  const fingerprint = fingerprintOf(key);
  const confirmed = confirmedFingerprint.trim().toLowerCase().replace(/^sha256:/, '').replace(/:/g, '');
  if (confirmed !== fingerprint.slice('SHA256:'.length)) {
    throw new KeystoreError(`the key's fingerprint is ${fingerprint}, not the ${confirmedFingerprint} you confirmed; nothing was trusted`);
  }
  const keys = trustedKeys().filter((k) => k.fingerprint !== fingerprint);
  const entry: TrustedKey = { fingerprint, publicKey: publicKeyPem(key), name: name.trim() || 'unnamed', addedAt: new Date().toISOString() };
  writeTrustList([...keys, entry]);
  return entry;
}

export function untrustKey(fingerprint: string): boolean {
  const keys = trustedKeys();
  const kept = keys.filter((k) => k.fingerprint !== fingerprint);
  if (kept.length === keys.length) return false;
  writeTrustList(kept);
  return true;
}

/** Who a fingerprint belongs to, as far as this profile trusts it: its own key, a listed key, or null. */
export type TrustLookup = (fingerprint: string) => { name: string; own: boolean } | null;

export function profileTrust(): TrustLookup {
  const own = ownSigningKey();
  const listed = trustedKeys();
  return (fingerprint) => {
    if (own && own.fingerprint === fingerprint) return { name: 'this profile\'s own key', own: true };
    const key = listed.find((k) => k.fingerprint === fingerprint);
    return key ? { name: key.name, own: false } : null;
  };
}
