// Base64 of typed arrays, for binary payloads in the JSON transport. Pure shared code (common/).
// Little-endian byte order (every supported platform); no Node Buffer, no DOM atob/btoa.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk: string[] = [];
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    chunk.push(
      ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b >> 4)]!
      + (i + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)]! : '=')
      + (i + 2 < bytes.length ? ALPHABET[c & 63]! : '='),
    );
    if (chunk.length === 4096) { parts.push(chunk.join('')); chunk.length = 0; }
  }
  parts.push(chunk.join(''));
  return parts.join('');
}

export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = LOOKUP[clean.charCodeAt(i)]!;
    const b = LOOKUP[clean.charCodeAt(i + 1)]!;
    const c = i + 2 < clean.length ? LOOKUP[clean.charCodeAt(i + 2)]! : 0;
    const d = i + 3 < clean.length ? LOOKUP[clean.charCodeAt(i + 3)]! : 0;
    out[o++] = (a << 2) | (b >> 4);
    if (i + 2 < clean.length) out[o++] = ((b & 15) << 4) | (c >> 2);
    if (i + 3 < clean.length) out[o++] = ((c & 3) << 6) | d;
  }
  return out.subarray(0, o);
}

export const float32ToBase64 = (values: Float32Array): string =>
  bytesToBase64(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));

export function base64ToFloat32(text: string): Float32Array {
  const bytes = base64ToBytes(text);
  const copy = new Uint8Array(bytes.length); // aligned copy
  copy.set(bytes);
  return new Float32Array(copy.buffer, 0, Math.floor(copy.length / 4));
}
