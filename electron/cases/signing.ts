// Ed25519 signatures over a case's manifest.json: the detached manifest.sig carries the signature, the
// signer's public key and its fingerprint (never a private key). Node side (cases; node:crypto only).
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export const SIGNATURE_FORMAT = 'uad-workbench-case-signature/1';

/** A key's fingerprint: SHA-256 of its DER public key (SubjectPublicKeyInfo), as `SHA256:<hex>`. */
export function fingerprintOf(publicKey: KeyObject): string {
  return `SHA256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

export const publicKeyPem = (publicKey: KeyObject): string => publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** The manifest.sig file for these manifest bytes. */
export function signManifest(manifest: Uint8Array, privateKey: KeyObject, publicKey: KeyObject): Buffer {
  const body = {
    format: SIGNATURE_FORMAT,
    algorithm: 'ed25519',
    signed: 'manifest.json',
    publicKey: publicKeyPem(publicKey),
    fingerprint: fingerprintOf(publicKey),
    signature: sign(null, manifest, privateKey).toString('base64'),
  };
  return Buffer.from(JSON.stringify(body, null, 2) + '\n', 'utf8');
}

export type SignatureCheck =
  | { valid: true; fingerprint: string; publicKeyPem: string }
  | { valid: false; fingerprint: string | null; reason: string };

/**
 * Checks manifest.sig against the manifest bytes. The fingerprint is recomputed from the key the file
 * carries (the stated one must agree), so a file cannot claim someone else's fingerprint.
 */
export function checkManifestSignature(signatureFile: Uint8Array, manifest: Uint8Array): SignatureCheck {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(signatureFile).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { valid: false, fingerprint: null, reason: 'manifest.sig is not a JSON object' };
    body = parsed as Record<string, unknown>;
  } catch {
    return { valid: false, fingerprint: null, reason: 'manifest.sig is not valid JSON' };
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
  const signature = Buffer.from(body.signature, 'base64');
  if (signature.length !== 64 || !verify(null, manifest, key, signature)) {
    return { valid: false, fingerprint, reason: 'the signature does not match manifest.json (the manifest was changed after signing)' };
  }
  return { valid: true, fingerprint, publicKeyPem: publicKeyPem(key) };
}
