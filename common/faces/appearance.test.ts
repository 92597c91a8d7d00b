// Tests of the appearance view's pure parts (common/faces/appearance): the network input against PyTorch's bilinear
// resize, the features against hand-computed projections, the basis on planted axes. vitest, pure.
import { describe, expect, it } from 'vitest';
import { appearanceFeatureNames, appearanceFeatures, appearanceInput, appearanceLog, fitAppearanceBasis } from './appearance.js';

describe('appearanceInput', () => {
  it('equals torch.nn.functional.interpolate(bilinear, align_corners=False) from 3×3 to 7×7', () => {
    // x = arange(27)^1.5 as [3, 3, 3]; F.interpolate(x[None], size=(7, 7), mode='bilinear', align_corners=False)
    // [0, :, ::3, ::2] (torch 1.13, float64), channel-major, rows 0, 3, 6, columns 0, 2, 4, 6
    const torch = [0.0, 0.5714285714, 1.7836116249, 2.8284271247, 5.1961524227, 6.7983510383, 9.3630028089, 11.1803398875, 14.6969384567,
      16.8816931543, 20.280469672, 22.627416998, 27.0, 29.6415866295, 33.7056749269, 36.4828726939, 41.5692193817, 44.5994749242,
      49.2340395098, 52.3832034148, 58.0947501931, 61.4691786542, 66.6111981295, 70.0927956355, 76.3675323681, 80.0541309734,
      85.6577824299, 89.4427191, 96.2340895941, 100.2084079495, 106.238423139, 110.3041250362, 117.5755076536, 121.8180747087,
      128.2462174372, 132.5745073534];
    const chw = Float64Array.from({ length: 27 }, (_, i) => i ** 1.5);
    const out = new Float32Array(7 * 7 * 3);
    appearanceInput(chw, 3, 0, { mean: [0, 0, 0], std: [1, 1, 1], rescale: 1 }, out, 0, 7);
    const picked: number[] = [];
    for (let c = 0; c < 3; c++) for (const y of [0, 3, 6]) for (const x of [0, 2, 4, 6]) picked.push(out[(y * 7 + x) * 3 + c]!);
    picked.forEach((v, i) => expect(v).toBeCloseTo(torch[i]!, 4));
  });

  it('undoes the normalisation (and a BGR channel order) back to 0–255 RGB', () => {
    const norm = { mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.5], rescale: 1 / 255 };
    // one pixel of RGB (255, 0, 51): x_c = (p_c / 255 − mean_c) / std_c
    const rgb = [255, 0, 51];
    const x = rgb.map((p, c) => (p / 255 - norm.mean[c]!) / norm.std[c]!);
    const out = new Float32Array(2 * 2 * 3);
    appearanceInput(x, 1, 0, norm, out, 0, 2);
    for (let i = 0; i < 4; i++) rgb.forEach((p, c) => expect(out[i * 3 + c]).toBeCloseTo(p, 3));
    // the same pixel with the channels stored B, G, R
    const bgrNorm = { mean: [0.3, 0.4, 0.5], std: [0.5, 0.25, 0.2], rescale: 1 / 255, colour_order: 'BGR' };
    const xb = [51, 0, 255].map((p, t) => (p / 255 - bgrNorm.mean[t]!) / bgrNorm.std[t]!);
    appearanceInput(xb, 1, 0, bgrNorm, out, 0, 2);
    rgb.forEach((p, c) => expect(out[c]).toBeCloseTo(p, 3));
  });

  it('gives each size the same values whatever size ran before (the taps and the row buffer are reused)', () => {
    const norm = { mean: [0.5, 0.4, 0.3], std: [0.2, 0.25, 0.5], rescale: 1 / 255 };
    const small = Float64Array.from({ length: 27 }, (_, i) => Math.sin(i));
    const large = Float64Array.from({ length: 3 * 40 * 40 }, (_, i) => Math.cos(i / 7));
    const first = new Float32Array(7 * 7 * 3);
    appearanceInput(small, 3, 0, norm, first, 0, 7);
    const big = new Float32Array(96 * 96 * 3);
    appearanceInput(large, 40, 0, norm, big, 0, 96);
    const again = new Float32Array(7 * 7 * 3);
    appearanceInput(small, 3, 0, norm, again, 0, 7);
    expect(again).toEqual(first);
    // one value of the large image by the formula: row 50, column 17, channel 1 (source 50.5·40/96 − ½ and 17.5·40/96 − ½)
    const sy = (50 + 0.5) * 40 / 96 - 0.5, sx = (17 + 0.5) * 40 / 96 - 0.5;
    const [y0, x0] = [Math.floor(sy), Math.floor(sx)];
    const at = (y: number, x: number) => large[1600 + y * 40 + x]!;
    const top = at(y0, x0) * (1 - (sx - x0)) + at(y0, x0 + 1) * (sx - x0);
    const bottom = at(y0 + 1, x0) * (1 - (sx - x0)) + at(y0 + 1, x0 + 1) * (sx - x0);
    expect(big[(50 * 96 + 17) * 3 + 1]).toBeCloseTo(((top * (1 - (sy - y0)) + bottom * (sy - y0)) * 0.25 + 0.4) * 255, 3);
  });

  it('reads the image at its offset and refuses short buffers', () => {
    const two = new Float32Array(2 * 3 * 4).map((_, i) => (i < 12 ? 0 : 1)); // image 0 all 0, image 1 all 1
    const out = new Float32Array(3 * 3 * 3);
    appearanceInput(two, 2, 12, { mean: [0, 0, 0], std: [1, 1, 1], rescale: 1 }, out, 0, 3);
    expect([...out].every((v) => v === 1)).toBe(true);
    expect(() => appearanceInput(two, 2, 13, { mean: [0, 0, 0], std: [1, 1, 1], rescale: 1 }, out, 0, 3)).toThrow(/need a \[3, 2, 2\]/);
  });
});

describe('appearanceFeatures', () => {
  it('projects onto the basis and adds the residual norm', () => {
    // D = 3, k = 1, B = (1, 0, 0), c = (1, 1, 1); v = (4, 5, −1): v − c = (3, 4, −2) → a = 3, ρ = √(16 + 4)
    expect(appearanceFeatures([4, 5, -1], { center: [1, 1, 1], basis: [1, 0, 0] })).toEqual([3, Math.sqrt(20)]);
    // k = 2 with B rows (1, 1, 0)/√2 and (0, 0, 1): a = (7/√2, −2), ρ = |3 − 4|/√2
    const f = appearanceFeatures([4, 5, -1], { center: [1, 1, 1], basis: [Math.SQRT1_2, Math.SQRT1_2, 0, 0, 0, 1] });
    expect(f[0]).toBeCloseTo(7 / Math.SQRT2, 12);
    expect(f[1]).toBeCloseTo(-2, 12);
    expect(f[2]).toBeCloseTo(1 / Math.SQRT2, 12);
    expect(appearanceFeatureNames(2)).toEqual(['pc1', 'pc2', 'residual']);
  });

  it('refuses a basis that does not fit', () => {
    expect(() => appearanceFeatures([1, 2], { center: [0, 0, 0], basis: [1, 0, 0] })).toThrow(/2 dims, the basis 3/);
    expect(() => appearanceFeatures([1, 2, 3], { center: [0, 0, 0], basis: [1, 0] })).toThrow(/not k × D/);
  });

  it('logs the pooled features with ε = 0.01 (negative values as 0)', () => {
    expect(Array.from(appearanceLog([0, 1, -2, 5], 1, 2))).toEqual([Math.log(1.01), Math.log(0.01)]);
  });
});

describe('fitAppearanceBasis', () => {
  it('finds the planted axes of the training rows and their mean', () => {
    // rows = m + 5·u·s₁ + 1·w·s₂ + small noise, u and w orthonormal in D = 6
    const u = [1, 1, 0, 0, 0, 0].map((v) => v / Math.SQRT2);
    const w = [0, 0, 1, -1, 0, 0].map((v) => v / Math.SQRT2);
    const m = [3, -2, 1, 0, 4, 2];
    let seed = 7;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 - 0.5; };
    const rows = Array.from({ length: 400 }, () => {
      const a = 5 * rand(), b = rand(), e = 0.01;
      return m.map((mi, j) => mi + a * u[j]! + b * w[j]! + e * rand());
    });
    const fit = fitAppearanceBasis(rows, 2);
    fit.center.forEach((c, j) => expect(c).toBeCloseTo(m[j]!, 1));
    const dot = (row: number, axis: number[]) => axis.reduce((s, v, j) => s + v * fit.basis[row * 6 + j]!, 0);
    expect(Math.abs(dot(0, u))).toBeCloseTo(1, 3);
    expect(Math.abs(dot(1, w))).toBeCloseTo(1, 3);
    expect(() => fitAppearanceBasis(rows, 6)).toThrow(/k must be in \[1, 5\]/);
  });
});
