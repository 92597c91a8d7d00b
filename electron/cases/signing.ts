// Ed25519 signatures over a case's manifest.json: the detached manifest.sig carries the signature, the
// signer's public key and its fingerprint (never a private key). The file is read strictly: it must be
// exactly what signManifest writes, byte for byte. Node side (cases; node:crypto only).
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export const SIGNATURE_FORMAT = 'uad-workbench-case-signature/1';

/** A key's fingerprint: SHA-256 of its DER public key (SubjectPublicKeyInfo), as `SHA256:<hex>`. */
export function fingerprintOf(publicKey: KeyObject): string {
  return `SHA256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

export const publicKeyPem = (publicKey: KeyObject): string => publicKey.export({ type: 'spki', format: 'pem' }).toString();

interface SignatureBody {
  format: string;
  algorithm: string;
  signed: string;
  publicKey: string;
  fingerprint: string;
  signature: string;
}

/** manifest.sig's fields, in the order the file holds them. */
const SIGNATURE_FIELDS: readonly (keyof SignatureBody)[] = ['format', 'algorithm', 'signed', 'publicKey', 'fingerprint', 'signature'];

/** The one layout of manifest.sig: its fields in order, two-space JSON, one final newline. */
const signatureFileText = (body: SignatureBody): string =>
  JSON.stringify(Object.fromEntries(SIGNATURE_FIELDS.map((field) => [field, body[field]])), null, 2) + '\n';

/** The manifest.sig file for these manifest bytes. */
export function signManifest(manifest: Uint8Array, privateKey: KeyObject, publicKey: KeyObject): Buffer {
  return Buffer.from(signatureFileText({
    format: SIGNATURE_FORMAT,
    algorithm: 'ed25519',
    signed: 'manifest.json',
    publicKey: publicKeyPem(publicKey),
    fingerprint: fingerprintOf(publicKey),
    signature: sign(null, manifest, privateKey).toString('base64'),
  }), 'utf8');
}

/** Canonical base64 only: decoding and encoding again gives the same text (no junk, no missing padding). */
const canonicalBase64 = (text: string): boolean => /^[A-Za-z0-9+/]*={0,2}$/.test(text) && Buffer.from(text, 'base64').toString('base64') === text;

export type SignatureCheck =
  | { valid: true; fingerprint: string; publicKeyPem: string }
  | { valid: false; fingerprint: string | null; reason: string };

/**
 * Checks manifest.sig against the manifest bytes. The fingerprint is recomputed from the key the file
 * carries (the stated one must agree), so a file cannot claim someone else's fingerprint. The file must
 * have exactly its fields, a canonical key and signature, and the exact layout signManifest writes:
 * manifest.sig is the one file no manifest hash covers, so it may hold no byte the signature check ignores.
 */
export function checkManifestSignature(signatureFile: Uint8Array, manifest: Uint8Array): SignatureCheck {
  let body: Record<string, unknown>;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(signatureFile);
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { valid: false, fingerprint: null, reason: 'manifest.sig is not a JSON object' };
    body = parsed as Record<string, unknown>;
  } catch {
    return { valid: false, fingerprint: null, reason: 'manifest.sig is not valid UTF-8 JSON' };
  }
  const fields = Object.keys(body);
  if (fields.length !== SIGNATURE_FIELDS.length || !SIGNATURE_FIELDS.every((f) => fields.includes(f))) {
    return { valid: false, fingerprint: null, reason: `manifest.sig does not have exactly the fields ${SIGNATURE_FIELDS.join(', ')}` };
  }
  if (body.format !== SIGNATURE_FORMAT || body.algorithm !== 'ed25519' || body.signed !== 'manifest.json') {
    return { valid: false, fingerprint: null, reason: 'manifest.sig has an unknown format or algorithm' };
  }
  if (typeof body.publicKey !== 'string' || typeof body.signature !== 'string' || typeof body.fingerprint !== 'string') {
    return { valid: false, fingerprint: null, reason: 'manifest.sig lacks its public key, fingerprint or signature' };
  }
  let key: KeyObject;
  try {
    key = createPublicKey(body.publicKey);
  } catch {
    return { valid: false, fingerprint: null, reason: 'manifest.sig carries an unreadable public key' };
  }
  if (key.asymmetricKeyType !== 'ed25519') return { valid: false, fingerprint: null, reason: 'manifest.sig carries a key that is not Ed25519' };
  const fingerprint = fingerprintOf(key);
  if (fingerprint !== body.fingerprint) return { valid: false, fingerprint, reason: 'manifest.sig states a fingerprint that is not its key\'s' };
  if (body.publicKey !== publicKeyPem(key)) return { valid: false, fingerprint, reason: 'manifest.sig carries its public key in a form other than the canonical PEM' };
  if (!canonicalBase64(body.signature)) return { valid: false, fingerprint, reason: 'the signature in manifest.sig is not canonical base64 (junk, spacing or missing padding)' };
  if (text !== signatureFileText(body as unknown as SignatureBody)) {
    return { valid: false, fingerprint, reason: 'manifest.sig is not exactly as written when signing (extra bytes, spacing or field order): it would hold bytes no check covers' };
  }
  const signature = Buffer.from(body.signature, 'base64');
  if (signature.length !== 64 || !verify(null, manifest, key, signature)) {
    return { valid: false, fingerprint, reason: 'the signature does not match manifest.json (the manifest was changed after signing)' };
  }
  return { valid: true, fingerprint, publicKeyPem: publicKeyPem(key) };
}
