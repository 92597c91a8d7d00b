// The examiner's signing key and trust list, kept in the user's data folder (never in a workspace or a
// case): keys/signing-key.pem (owner-only), keys/trusted-keys.json. Nothing here is taken on faith: the
// folder and list must be the user's own and writable by no one else, and every listed key must parse and
// hash to its fingerprint (ARCHITECTURE.md §8). Node side (cases; used by CLI and app).
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fingerprintOf, publicKeyPem } from './signing.js';

const PRODUCT = 'UAD Workbench';
const PRIVATE_KEY = 'signing-key.pem';
const PUBLIC_KEY = 'signing-key.pub.pem';
const TRUST_LIST = 'trusted-keys.json';
const POSIX = process.platform !== 'win32';

/** How verdicts name this profile's own key; no trusted key may carry a name that reads like it. */
export const OWN_KEY_LABEL = 'this profile\'s own key';

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

/** The current user's id, or null where there is none (Windows). */
const currentUid = (): number | null => (POSIX && typeof process.getuid === 'function' ? process.getuid() : null);

/** Refuses a key folder or file that is not the user's own or that someone else could replace. */
function checkOwnership(file: string, info: Stats, what: 'folder' | 'file'): void {
  if (!POSIX) return;
  const uid = currentUid();
  if (uid !== null && info.uid !== uid) throw new KeystoreError(`${file} belongs to another user (uid ${info.uid}); keys and the trust list must be your own`);
  if ((info.mode & 0o022) !== 0) {
    throw new KeystoreError(`${file} is writable by other users (mode ${(info.mode & 0o777).toString(8).padStart(4, '0')}); restrict it (chmod ${what === 'folder' ? '700' : '600'})`);
  }
}

/** The key folder when it exists, after checking that it is the user's own and no one else can write into it; null when absent. */
function checkedKeysDir(): string | null {
  const dir = keysDir();
  let info: Stats;
  try {
    info = statSync(dir);
  } catch {
    return null;
  }
  if (!info.isDirectory()) throw new KeystoreError(`${dir} is not a folder`);
  checkOwnership(dir, info, 'folder');
  return dir;
}

function readPrivateKey(file: string): SigningKey {
  checkedKeysDir();
  const info = statSync(file);
  if (!info.isFile()) throw new KeystoreError(`${file} is not a file`);
  if (POSIX && (info.mode & 0o077) !== 0) {
    throw new KeystoreError(`${file} is readable by other users; restrict it (chmod 600) before signing or verifying with it`);
  }
  checkOwnership(file, info, 'file');
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

/** Letters and digits only, case-folded: "This Profile’s OWN key" and "this profile's own key" read alike. */
const skeleton = (name: string): string => name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Whether a trusted key's name would read as this profile's own key in a verdict. */
export const posesAsOwnKey = (name: string): boolean => skeleton(name).includes(skeleton(OWN_KEY_LABEL));

const ENTRY_FIELDS = ['addedAt', 'fingerprint', 'name', 'publicKey'];

/** One list entry, checked: exact fields, a parsable Ed25519 key hashing to the stated fingerprint, an honest name. */
function checkedEntry(value: unknown, index: number, file: string): TrustedKey {
  const where = `${file}, entry ${index + 1}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new KeystoreError(`${where} is not a key record`);
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record).sort();
  if (fields.join() !== ENTRY_FIELDS.join() || ENTRY_FIELDS.some((f) => typeof record[f] !== 'string')) {
    throw new KeystoreError(`${where} does not have exactly the text fields ${ENTRY_FIELDS.join(', ')}`);
  }
  const entry = record as unknown as TrustedKey;
  let key: KeyObject;
  try {
    key = createPublicKey(entry.publicKey);
  } catch {
    throw new KeystoreError(`${where}: its public key does not parse`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new KeystoreError(`${where}: its public key is not Ed25519`);
  if (fingerprintOf(key) !== entry.fingerprint) throw new KeystoreError(`${where}: its public key does not hash to its fingerprint ${entry.fingerprint}`);
  if (entry.name.trim() === '') throw new KeystoreError(`${where} has no name`);
  if (posesAsOwnKey(entry.name)) throw new KeystoreError(`${where}: its name poses as ${OWN_KEY_LABEL}`);
  return entry;
}

/**
 * The trust list, checked in full: a list someone else could have written, or any entry that does not
 * hold up, refuses the whole list (a tampered list is not partly trusted). Absent: nobody is listed.
 */
export function trustedKeys(): TrustedKey[] {
  const dir = checkedKeysDir();
  if (dir === null) return [];
  const file = path.join(dir, TRUST_LIST);
  let info: Stats;
  try {
    info = statSync(file);
  } catch {
    return [];
  }
  if (!info.isFile()) throw new KeystoreError(`${file} is not a file`);
  checkOwnership(file, info, 'file');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new KeystoreError(`${file} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!Array.isArray(parsed)) throw new KeystoreError(`${file} is not a list of keys`);
  const keys = parsed.map((value, index) => checkedEntry(value, index, file));
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key.fingerprint)) throw new KeystoreError(`${file} has ${key.fingerprint} listed twice`);
    seen.add(key.fingerprint);
  }
  return keys;
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
  const shownName = name.trim() || 'unnamed';
  if (posesAsOwnKey(shownName)) throw new KeystoreError(`the name "${shownName}" reads as ${OWN_KEY_LABEL}; choose the examiner's own name; nothing was trusted`);
  const keys = trustedKeys().filter((k) => k.fingerprint !== fingerprint);
  const entry: TrustedKey = { fingerprint, publicKey: publicKeyPem(key), name: shownName, addedAt: new Date().toISOString() };
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

/**
 * This profile's trust: its own key, known by the fingerprint computed from its own key file (never by a
 * listed name), and the checked trust list. Throws KeystoreError, with the reason, when either cannot be
 * relied on (ARCHITECTURE.md §8); a verdict then says "untrusted" and why.
 */
export function profileTrust(): TrustLookup {
  const own = ownSigningKey();
  const listed = trustedKeys();
  return (fingerprint) => {
    if (own && own.fingerprint === fingerprint) return { name: OWN_KEY_LABEL, own: true };
    const key = listed.find((k) => k.fingerprint === fingerprint);
    return key ? { name: key.name, own: false } : null;
  };
}
