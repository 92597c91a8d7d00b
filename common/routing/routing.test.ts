// float16 codec and expert-mass maths against hand-computed values.
import { describe, expect, it } from 'vitest';
import { decodeFloat16, encodeFloat16, fromFloat16Bits, toFloat16Bits } from './float16.js';
import { dominantExperts, expertMass, meanImageTokenMass, routingEntropy } from './expert-mass.js';

describe('float16', () => {
  it.each([
    [0, 0x0000], [-0, 0x8000], [1, 0x3c00], [-2, 0xc000], [0.5, 0x3800], [65504, 0x7bff],
    [65520, 0x7c00], // rounds to Inf
    [Infinity, 0x7c00], [-Infinity, 0xfc00],
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -14, 0x0400], // smallest normal
    [1 + 2 ** -11, 0x3c00], // halfway: ties to even (down)
    [1 + 3 * 2 ** -11, 0x3c02], // halfway: ties to even (up)
    [0.1, 0x2e66],
  ])('%d ↔ 0x%s', (value, bits) => {
    expect(toFloat16Bits(value)).toBe(bits);
  });

  it('keeps NaN and round-trips every finite half value', () => {
    expect(Number.isNaN(fromFloat16Bits(toFloat16Bits(Number.NaN)))).toBe(true);
    for (let bits = 0; bits < 0x10000; bits++) {
      const exponent = (bits >>> 10) & 0x1f;
      if (exponent === 0x1f) continue;
      expect(toFloat16Bits(fromFloat16Bits(bits))).toBe(bits);
    }
  });

  it('decodes every one of the 65 536 patterns as fromFloat16Bits does, NaN included', () => {
    const all = Uint16Array.from({ length: 0x10000 }, (_, bits) => bits);
    const decoded = decodeFloat16(all);
    for (let bits = 0; bits < 0x10000; bits++) expect(Object.is(decoded[bits], Math.fround(fromFloat16Bits(bits)))).toBe(true);
  });

  it('has relative error ≤ 2^-11 on probabilities', () => {
    const values = Float32Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000);
    const back = decodeFloat16(encodeFloat16(values));
    for (let i = 0; i < values.length; i++) expect(Math.abs(back[i]! - values[i]!) / values[i]!).toBeLessThanOrEqual(2 ** -11);
  });
});

describe('expert mass', () => {
  // n = 2 tokens, e = 2 experts, s = 2 slots. Token 0: [.1 .2 | .3 .4]; token 1: [.5 .0 | .25 .25]
  const combine = new Float32Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.0, 0.25, 0.25]);

  it('sums slots per expert', () => {
    const mass = expertMass(combine, 2, 2, 2);
    const expected = [0.1 + 0.2, 0.3 + 0.4, 0.5, 0.5];
    expected.forEach((value, i) => expect(mass[i]).toBeCloseTo(value, 6));
  });

  it('reads a sample out of a batch by offset', () => {
    const batch = new Float32Array([...new Float32Array(8), ...combine]);
    expect(expertMass(batch, 2, 2, 2, 8)).toEqual(expertMass(combine, 2, 2, 2));
  });

  it('finds the dominant expert (ties to the lower index) and entropy', () => {
    const mass = expertMass(combine, 2, 2, 2);
    expect(Array.from(dominantExperts(mass, 2, 2))).toEqual([1, 0]);
    const h = routingEntropy(mass, 2, 2);
    // token 0: p = (.3, .7) → −(.3 ln .3 + .7 ln .7) = 0.6108643; token 1: ln 2
    expect(h[0]).toBeCloseTo(0.6108643, 5);
    expect(h[1]).toBeCloseTo(Math.LN2, 6);
    expect(Array.from(meanImageTokenMass(mass, 2, 2))).toEqual([0.5, 0.5]);
  });
});
