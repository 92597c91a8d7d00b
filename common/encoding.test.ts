// Base64 codec against Node's Buffer (an independent reference) and float32 round trips.
import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToFloat32, bytesToBase64, float32ToBase64 } from './encoding.js';

describe('base64', () => {
  it('matches Buffer on every length mod 3 and on random bytes', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n * 37 }, (_, i) => (i * 151 + n) % 256);
      const expected = Buffer.from(bytes).toString('base64');
      expect(bytesToBase64(bytes)).toBe(expected);
      expect(Array.from(base64ToBytes(expected))).toEqual(Array.from(bytes));
    }
  });

  it('round-trips float32 arrays exactly, including NaN and infinities', () => {
    const values = Float32Array.from([0, -0, 1.5, -3.25e-8, Infinity, -Infinity, Math.PI]);
    const back = base64ToFloat32(float32ToBase64(values));
    expect(Array.from(back)).toEqual(Array.from(values));
    expect(Number.isNaN(base64ToFloat32(float32ToBase64(Float32Array.of(Number.NaN)))[0])).toBe(true);
  });
});
