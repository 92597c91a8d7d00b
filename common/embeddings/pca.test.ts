// PCA against hand-built data with known principal axes and variances, and its determinism.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../metrics/prng';
import { pca } from './pca';

/** n points along orthonormal axes u (sd 3) and v (sd 1) in 5-d, plus small isotropic noise. */
function planted(n: number) {
  const random = new SeededRandom(3);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  const u = [1, 1, 0, 0, 0].map((x) => x / Math.SQRT2);
  const v = [0, 0, 1, -1, 1].map((x) => x / Math.sqrt(3));
  const rows = new Float32Array(n * 5);
  for (let i = 0; i < n; i++) {
    const a = 3 * gauss();
    const b = gauss();
    for (let j = 0; j < 5; j++) rows[i * 5 + j] = 10 + a * u[j]! + b * v[j]! + 0.01 * gauss();
  }
  return { rows, u, v };
}

describe('pca', () => {
  it('finds planted axes and their variances, largest first', () => {
    const { rows, u, v } = planted(4000);
    const result = pca(rows, 4000, 5, 2);
    const dot = (c: number, w: number[]) => Math.abs(w.reduce((s, x, j) => s + x * result.components[c * 5 + j]!, 0));
    expect(dot(0, u)).toBeGreaterThan(0.999);
    expect(dot(1, v)).toBeGreaterThan(0.999);
    expect(result.variances[0]).toBeGreaterThan(8);
    expect(result.variances[0]).toBeLessThan(10);
    expect(result.variances[1]).toBeGreaterThan(0.9);
    expect(result.variances[1]).toBeLessThan(1.1);
    // Projections are centred, with the component's variance.
    const first = Array.from({ length: 4000 }, (_, i) => result.projected[i * 2]!);
    const mean = first.reduce((s, x) => s + x, 0) / 4000;
    expect(Math.abs(mean)).toBeLessThan(0.01);
  });

  it('is deterministic, also when it samples rows for the covariance', () => {
    const { rows } = planted(3000);
    const a = pca(rows, 3000, 5, 3, { maxRows: 500, seed: 9 });
    const b = pca(rows, 3000, 5, 3, { maxRows: 500, seed: 9 });
    expect(b.projected).toEqual(a.projected);
    expect(a.m).toBe(3);
    expect(() => pca(rows, 10, 5, 2)).toThrow(RangeError);
  });
});
