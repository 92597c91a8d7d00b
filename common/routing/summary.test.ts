// Stored routing summaries: the budget rule, both encodings and their decoding, against hand-made values.
import { describe, expect, it } from 'vitest';
import { encodeFloat16 } from './float16.js';
import { decodeRoutingSummary, defaultRoutingSummary, dominantBits, packDominant, routingSummaryBytes, ROUTING_SUMMARY_BUDGET_BYTES, unpackRoutingRow } from './summary.js';

describe('routing summary rule', () => {
  it('keeps full mass for the tiny shape and one byte per token per layer at ViT-B/16 size', () => {
    // tiny: 2 layers × 197 tokens × 4 experts, combine + dispatch mass as float16 = 6 304 bytes
    expect(routingSummaryBytes('mass', 2, 197, 4)).toBe(6304);
    expect(defaultRoutingSummary(2, 197, 4)).toBe('mass');
    // vit_b16: 12 layers → 37 824 bytes of mass, over the budget; dominant = 4 + 12 × 197 × 2 bits / 8 = 595 bytes
    expect(routingSummaryBytes('mass', 12, 197, 4)).toBe(37824);
    expect(defaultRoutingSummary(12, 197, 4)).toBe('dominant');
    expect(routingSummaryBytes('dominant', 12, 197, 4)).toBe(595);
    expect([2, 3, 4, 5, 16, 17].map(dominantBits)).toEqual([1, 2, 2, 4, 4, 8]);
    expect(routingSummaryBytes('dominant', 12, 197, 4)).toBeLessThanOrEqual(ROUTING_SUMMARY_BUDGET_BYTES);
  });
});

describe('routing summary encodings', () => {
  const mass = Float32Array.from([0.7, 0.1, 0.1, 0.1, 0.2, 0.2, 0.5, 0.1, 0.25, 0.25, 0.25, 0.25]); // [3 tokens, 4 experts]

  it('dominant: the argmax expert per token (ties to the lowest) of every layer in one blob, unpacked as one-hot rows', () => {
    const other = Float32Array.from([0, 0, 0, 1, 0, 1, 0, 0, 0, 0.5, 0.4, 0.1]);
    const blob = packDominant([encodeFloat16(mass), encodeFloat16(other)], 4);
    // 2 bits per token, layer 0 then layer 1: 0, 2, 0 | 3, 1, 1 → bits 00 10 00 11 | 01 01 → 0b11001000, 0b0101
    expect(Array.from(blob)).toEqual([0x55, 0x44, 2, 2, 0b11001000, 0b0101]);
    const layers = unpackRoutingRow(blob, 5, 3, 4, [2, 5, 9]);
    expect(layers.map((l) => l.layer)).toEqual([5, 9]);
    expect(Array.from(layers[0]!.mass)).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0]);
    expect(Array.from(layers[1]!.mass)).toEqual([0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0]);
    expect(unpackRoutingRow(blob, 9, 3, 4, [2, 5, 9])).toEqual([]); // more packed layers than the model has after 9
    expect(Array.from(decodeRoutingSummary(Uint8Array.from([0, 2, 0]), 3, 4)!)).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0]);
  });

  it('mass: float16 bytes decode to the stored values, from an unaligned blob too', () => {
    const f16 = encodeFloat16(mass);
    const bytes = new Uint8Array(f16.buffer);
    const unaligned = new Uint8Array(bytes.length + 1).subarray(1);
    unaligned.set(bytes);
    const decoded = decodeRoutingSummary(unaligned, 3, 4)!;
    for (let i = 0; i < mass.length; i++) expect(decoded[i]).toBeCloseTo(mass[i]!, 3);
    const [row] = unpackRoutingRow(unaligned, 7, 3, 4, [7]);
    expect(row!.layer).toBe(7);
    expect(Array.from(row!.mass)).toEqual(Array.from(decoded));
  });

  it('refuses a blob of neither length and an expert index out of range', () => {
    expect(decodeRoutingSummary(new Uint8Array(5), 3, 4)).toBeNull();
    expect(decodeRoutingSummary(Uint8Array.from([0, 4, 1]), 3, 4)).toBeNull();
  });
});
