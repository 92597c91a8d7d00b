// Occlusion cells and masks, the pure perturbations and the flip strength, on hand-computed cases.
import { describe, expect, it } from 'vitest';
import { gridCells, maskCell, occlusionDeltas } from './occlusion';
import { applyGamma, applyHalftone, applyMoire, applyNoise, flipStrength, PERTURBATIONS } from './perturb';

describe('occlusion cells', () => {
  it('tiles the image exactly, with edges at floor(i·size/g)', () => {
    const cells = gridCells(48, [7, 7]);
    expect(cells).toHaveLength(49);
    expect(cells.slice(0, 7).map((c) => c.x0)).toEqual([0, 6, 13, 20, 27, 34, 41]);
    expect(cells[48]).toEqual({ y0: 41, y1: 48, x0: 41, x1: 48 });
    const covered = new Uint8Array(48 * 48);
    for (const c of cells) for (let y = c.y0; y < c.y1; y++) for (let x = c.x0; x < c.x1; x++) covered[y * 48 + x]! += 1;
    expect(covered.every((v) => v === 1)).toBe(true);
    expect(() => gridCells(8, [9, 9])).toThrow(RangeError);
    expect(() => gridCells(8, [0, 2])).toThrow(RangeError);
  });

  it('masks one cell in every channel and leaves the rest', () => {
    const size = 4;
    const tensor = Float32Array.from({ length: 3 * 16 }, (_, i) => i + 1);
    const out = new Float32Array(tensor.length);
    maskCell(tensor, size, { y0: 1, y1: 3, x0: 2, x1: 4 }, out);
    const masked = [6, 7, 10, 11];
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < 16; i++) expect(out[c * 16 + i]).toBe(masked.includes(i) ? 0 : tensor[c * 16 + i]);
    }
    expect(Array.from(occlusionDeltas(0.8, [0.5, 0.9]), (v) => Number(v.toFixed(6)))).toEqual([0.3, -0.1]);
  });
});

describe('pure perturbations', () => {
  const size = 16;
  const grey = new Uint8Array(size * size * 3).fill(128);

  it('gamma maps through 255·(v/255)^γ', () => {
    expect(Array.from(applyGamma(Uint8Array.from([0, 64, 128, 255]), 2))).toEqual([0, 16, 64, 255]);
    expect(applyGamma(grey, 1)).toEqual(grey);
  });

  it('noise is seeded, zero-mean and of the asked spread', () => {
    const big = new Uint8Array(64 * 64 * 3).fill(128);
    const a = applyNoise(big, 10);
    expect(applyNoise(big, 10)).toEqual(a);
    expect(applyNoise(big, 10, 1)).not.toEqual(a);
    const values = Array.from(a, (v) => v - 128);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean)).toBeLessThan(0.5);
    expect(sd).toBeGreaterThan(9.5);
    expect(sd).toBeLessThan(10.5);
  });

  it('halftone at full strength leaves only ink or paper, at zero strength the image', () => {
    expect(applyHalftone(grey, size, 0)).toEqual(grey);
    const full = applyHalftone(grey, size, 1);
    expect(full.every((v) => v === 0 || v === 255)).toBe(true);
    expect(new Set(full).size).toBe(2);
  });

  it('moiré modulates by at most its depth', () => {
    expect(applyMoire(grey, size, 0)).toEqual(grey);
    const m = applyMoire(grey, size, 0.3);
    expect(Math.min(...m)).toBeGreaterThanOrEqual(Math.floor(128 * 0.7));
    expect(Math.max(...m)).toBeLessThanOrEqual(Math.ceil(128 * 1.3));
    expect(new Set(m).size).toBeGreaterThan(5);
  });

  it('every ladder rises in strength (JPEG quality and scale fall)', () => {
    for (const family of PERTURBATIONS) {
      const falling = family.id === 'jpeg' || family.id === 'rescale';
      family.strengths.slice(1).forEach((s, i) => expect(falling ? s < family.strengths[i]! : s > family.strengths[i]!).toBe(true));
    }
  });
});

describe('flip strength', () => {
  it('is the first strength whose decision differs from the unperturbed one', () => {
    expect(flipStrength(0.8, [1, 2, 3], [0.7, 0.4, 0.9], 0.5)).toBe(2);
    expect(flipStrength(0.2, [1, 2, 3], [0.3, 0.5, 0.1], 0.5)).toBe(2); // score = τ is called attack
    expect(flipStrength(0.8, [1, 2, 3], [0.7, 0.6, 0.9], 0.5)).toBeNull();
  });
});
