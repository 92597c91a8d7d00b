// Tests of the input-tensor statistics (common/faces/image-stats) on 4 × 4 images computed by hand. vitest, pure.
import { describe, expect, it } from 'vitest';
import { IMAGE_STAT_FEATURES, imageStats } from './image-stats.js';

const S = 4;
const LOG_EPS = Math.log(1e-6);

/** A [3, 4, 4] image from a per-channel pixel function. */
function image(f: (c: number, y: number, x: number) => number): Float32Array {
  const out = new Float32Array(3 * S * S);
  for (let c = 0; c < 3; c++) for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) out[c * S * S + y * S + x] = f(c, y, x);
  return out;
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(IMAGE_STAT_FEATURES.length);
  expect(expected).toHaveLength(IMAGE_STAT_FEATURES.length);
  expected.forEach((v, i) => expect(actual[i], IMAGE_STAT_FEATURES[i]).toBeCloseTo(v, 6));
}

describe('imageStats', () => {
  it('gives the channel values and no spread, saturation or edges for a flat image', () => {
    // saturation max − min = 0.5 − (−1) = 1.5 everywhere
    // no Laplacian at all; the layout of a flat image is 0 everywhere
    expectClose(imageStats(image((c) => [0.5, -1, 0.25][c]!), S),
      [0.5, -1, 0.25, LOG_EPS, LOG_EPS, LOG_EPS, 1.5, LOG_EPS, LOG_EPS, LOG_EPS, LOG_EPS, 0, LOG_EPS, LOG_EPS, ...new Array<number>(16).fill(0)]);
  });

  it('measures a grey horizontal ramp', () => {
    // every channel = column 0..3: mean 1.5, var (0+1+4+9)/4 − 2.25 = 1.25; |∇L|: 12 unit steps of 24 differences = 0.5;
    // a linear ramp has no Laplacian; 2 × 2 blocks 0.5, 2.5 → |∇| 4 / 4 = 1; quadrants 0.5, 2.5, 0.5, 2.5 → std 1;
    // layout cells are single pixels: (x − 1.5) / √1.25 in every row
    const std = Math.log(Math.sqrt(1.25) + 1e-6);
    const row = [0, 1, 2, 3].map((x) => (x - 1.5) / (Math.sqrt(1.25) + 1e-6));
    expectClose(imageStats(image((_c, _y, x) => x), S),
      [1.5, 1.5, 1.5, std, std, std, 0, LOG_EPS, Math.log(0.5 + 1e-6), LOG_EPS, Math.log(1 + 1e-6), 1, LOG_EPS, LOG_EPS, ...row, ...row, ...row, ...row]);
  });

  it('measures a red checkerboard', () => {
    // channel 0 ∈ {0, 3}, others 0: L ∈ {0, 1}, saturation ∈ {0, 3} (mean 1.5, std 1.5); every step |1|;
    // interior Laplacian |4| (so its 25th percentile and median too); every 2 × 2 block and quadrant averages 0.5 →
    // no coarse edges, no quadrant spread; layout cells are pixels: (L − 0.5) / 0.5 = ±1
    const v = imageStats(image((c, y, x) => (c === 0 && (x + y) % 2 === 1 ? 3 : 0)), S);
    const lap = Math.log(4 + 1e-6);
    const layout = Array.from({ length: 16 }, (_, i) => ((Math.floor(i / 4) + (i % 4)) % 2 === 1 ? 0.5 : -0.5) / (0.5 + 1e-6));
    expectClose(v, [1.5, 0, 0, Math.log(1.5 + 1e-6), LOG_EPS, LOG_EPS, 1.5, Math.log(1.5 + 1e-6), Math.log(1 + 1e-6), lap, LOG_EPS, 0, lap, lap, ...layout]);
  });

  it('reads one image of a stacked batch at its offset', () => {
    const a = image(() => 1), b = image((_c, _y, x) => x);
    const batch = new Float32Array(2 * 3 * S * S);
    batch.set(a, 0); batch.set(b, 3 * S * S);
    expect(imageStats(batch, S, 3 * S * S)).toEqual(imageStats(b, S));
  });

  it('refuses images too small or too short', () => {
    expect(() => imageStats(new Float32Array(27), 3)).toThrow(/side ≥ 4/);
    expect(() => imageStats(new Float32Array(40), 4)).toThrow(/\[3, 4, 4\]/);
  });
});

describe('imageStats Laplacian quantiles on larger images', () => {
  /** log of the entries at n/4 and n/2 of the sorted |ΔL| values, computed the plain way. */
  function sortedQuantiles(chw: Float32Array, s: number): [number, number] {
    const p = s * s;
    const l = Array.from({ length: p }, (_, i) => (chw[i]! + chw[p + i]! + chw[2 * p + i]!) / 3);
    const laps: number[] = [];
    for (let y = 1; y + 1 < s; y++) for (let x = 1; x + 1 < s; x++) {
      const i = y * s + x;
      laps.push(Math.abs(l[i - 1]! + l[i + 1]! + l[i - s]! + l[i + s]! - 4 * l[i]!));
    }
    laps.sort((a, b) => a - b);
    return [Math.log(laps[Math.floor(laps.length / 4)]! + 1e-6), Math.log(laps[Math.floor(laps.length / 2)]! + 1e-6)];
  }

  it('equal the entries of the sorted values, with ties and flat regions', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const s of [5, 16, 57, 112]) {
      for (const kind of ['noise', 'steps', 'flat-half']) {
        const chw = new Float32Array(3 * s * s).map((_, i) => {
          const x = i % s, y = Math.floor(i / s) % s;
          if (kind === 'steps') return Math.floor(rand() * 4) / 4; // many equal values
          if (kind === 'flat-half') return y < s / 2 ? 0.5 : rand() + x * 0.01;
          return rand() * 2 - 1;
        });
        const stats = imageStats(chw, s);
        const [p25, median] = sortedQuantiles(chw, s);
        expect(stats[IMAGE_STAT_FEATURES.indexOf('log_lap_p25')], `${kind} ${s}`).toBe(p25);
        expect(stats[IMAGE_STAT_FEATURES.indexOf('log_lap_median')], `${kind} ${s}`).toBe(median);
      }
    }
  });
});
