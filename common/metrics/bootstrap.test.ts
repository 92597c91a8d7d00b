// Unit tests of the seeded bootstrap: reproducibility, agreement with the analytic binomial
// standard error, identity resampling, and invalid options. Pure code under test.
import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_STREAMS, bootstrapConfidenceIntervals, bootstrapFromStreams, bootstrapStream, percentileInterval } from './bootstrap.js';
import type { LabelledScores } from './labelled-scores.js';
import { SeededRandom } from './prng.js';

/** 1000 bona fide + 1000 attacks in 2 species; identity k owns the samples with index ≡ k mod 100. */
function data(identityEffect: number): LabelledScores {
  const random = new SeededRandom(99);
  const n = 2000;
  const identityShift = Float64Array.from({ length: 100 }, () => random.nextDouble() - 0.5);
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  const speciesCodes = new Uint32Array(n);
  const identityCodes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i < n / 2 ? 0 : 1;
    speciesCodes[i] = i % 2;
    identityCodes[i] = i % 100;
    // The identity shift moves a subject's attacks only (some subjects' attacks are easier to
    // catch), so attack scores are clustered by identity: effectively 100 attack sources, not 1000.
    scores[i] = random.nextDouble() + labels[i] * (0.5 + identityEffect * identityShift[identityCodes[i]]);
  }
  const identityNames = Array.from({ length: 100 }, (_, k) => `id${k}`);
  return { scores, labels, speciesCodes, speciesNames: ['print', 'replay'], identityCodes, identityNames };
}

describe('bootstrapConfidenceIntervals', () => {
  const sample = data(0);

  it('gives the same intervals from its streams run apart, combined in any order, as on one thread', () => {
    expect(BOOTSTRAP_STREAMS).toBe(2);
    for (const options of [{ replicates: 201, seed: 7, threshold: 0.75 }, { replicates: 120, seed: 8, resample: 'identity' as const, threshold: 0.6 }]) {
      const clustered = data(1);
      const streams = Array.from({ length: BOOTSTRAP_STREAMS }, (_, k) => bootstrapStream(clustered, options, k));
      expect(streams.map((s) => s.values[0]!.length)).toEqual([Math.floor(options.replicates / 2), options.replicates - Math.floor(options.replicates / 2)]);
      const whole = bootstrapConfidenceIntervals(clustered, options);
      expect(bootstrapFromStreams(clustered, options, streams)).toEqual(whole);
      expect(bootstrapFromStreams(clustered, options, [...streams].reverse())).toEqual(whole);
      // the second stream draws from the seed's stream jumped ahead, not the first stream's numbers again
      expect(Array.from(streams[1]!.values[0]!.subarray(0, 20))).not.toEqual(Array.from(streams[0]!.values[0]!.subarray(0, 20)));
    }
    expect(() => bootstrapFromStreams(sample, { replicates: 200 }, [bootstrapStream(sample, { replicates: 200 }, 0)])).toThrow(/each of its 2 streams once/);
    expect(() => bootstrapStream(sample, { replicates: 200 }, 2)).toThrow(/stream must be an integer from 0 to 1/);
  });

  it('jumps a seeded stream 2^64 numbers ahead, the same way every time', () => {
    const first = Array.from({ length: 8 }, ((random) => () => random.nextUint32())(new SeededRandom(3).jump()));
    const again = Array.from({ length: 8 }, ((random) => () => random.nextUint32())(new SeededRandom(3).jump()));
    const plain = Array.from({ length: 8 }, ((random) => () => random.nextUint32())(new SeededRandom(3)));
    expect(again).toEqual(first);
    expect(first).not.toEqual(plain);
    for (const value of first) expect(Number.isInteger(value) && value >= 0 && value < 2 ** 32).toBe(true);
  });

  it('is reproducible for a seed and changes with the seed', () => {
    const a = bootstrapConfidenceIntervals(sample, { replicates: 200, seed: 5, threshold: 0.75 });
    const b = bootstrapConfidenceIntervals(sample, { replicates: 200, seed: 5, threshold: 0.75 });
    const c = bootstrapConfidenceIntervals(sample, { replicates: 200, seed: 6, threshold: 0.75 });
    expect(b).toEqual(a);
    expect(c.auc.lower).not.toBe(a.auc.lower);
  });

  it('reports its progress every 1 % of the replicates, without changing the result', () => {
    const calls: [number, number][] = [];
    const watched = bootstrapConfidenceIntervals(sample, { replicates: 200, seed: 5, threshold: 0.75, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toHaveLength(99);
    expect(calls[0]).toEqual([2, 200]);
    expect(calls[98]).toEqual([198, 200]);
    expect(watched).toEqual(bootstrapConfidenceIntervals(sample, { replicates: 200, seed: 5, threshold: 0.75 }));
  });

  it('brackets the full-data estimates', () => {
    const result = bootstrapConfidenceIntervals(sample, { replicates: 400, seed: 1, threshold: 0.75 });
    for (const interval of [result.auc, result.eer, result.atThreshold!.apcerMax, result.atThreshold!.bpcer, result.atThreshold!.hter]) {
      expect(interval.lower).toBeLessThanOrEqual(interval.estimate);
      expect(interval.upper).toBeGreaterThanOrEqual(interval.estimate);
      expect(interval.upper - interval.lower).toBeGreaterThan(0);
    }
    expect(result.auc.lower).toBeGreaterThanOrEqual(0);
    expect(result.auc.upper).toBeLessThanOrEqual(1);
    expect(result.redrawnReplicates).toBe(0);
  });

  it('matches the binomial standard error of BPCER at a fixed threshold (stratified resampling)', () => {
    const result = bootstrapConfidenceIntervals(sample, { replicates: 2000, seed: 3, threshold: 0.75 });
    const bpcer = result.atThreshold!.bpcer;
    // Resampling 1000 bona fide with replacement makes BPCER* ~ Binomial(1000, p̂)/1000:
    // SE = sqrt(p̂(1 − p̂)/1000); 2000 replicates estimate it within a few percent.
    const analytic = Math.sqrt((bpcer.estimate * (1 - bpcer.estimate)) / 1000);
    expect(bpcer.standardError / analytic).toBeGreaterThan(0.9);
    expect(bpcer.standardError / analytic).toBeLessThan(1.1);
  });

  it('gives wider intervals by identity when identities shift their scores together', () => {
    const clustered = data(1.5);
    const bySample = bootstrapConfidenceIntervals(clustered, { replicates: 300, seed: 2 });
    const byIdentity = bootstrapConfidenceIntervals(clustered, { replicates: 300, seed: 2, resample: 'identity' });
    expect(byIdentity.resample).toBe('identity');
    expect(byIdentity.auc.standardError).toBeGreaterThan(1.5 * bySample.auc.standardError);
  });

  it('redraws identity replicates that lack a class and counts them', () => {
    // Identity 0 has only bona fide samples, identity 1 only attacks: half the draws are one-class.
    const result = bootstrapConfidenceIntervals(
      {
        scores: Float64Array.from([0.1, 0.2, 0.8, 0.9]),
        labels: Uint8Array.from([0, 0, 1, 1]),
        identityCodes: Uint32Array.from([0, 0, 1, 1]),
        identityNames: ['a', 'b'],
      },
      { replicates: 50, seed: 4, resample: 'identity' },
    );
    expect(result.redrawnReplicates).toBeGreaterThan(0);
    expect(result.auc).toMatchObject({ estimate: 1, lower: 1, upper: 1 });
  });

  it('rejects invalid options with clear messages', () => {
    const noIdentity = { scores: sample.scores, labels: sample.labels };
    expect(() => bootstrapConfidenceIntervals(noIdentity, { resample: 'identity' })).toThrow(/needs identity codes/);
    expect(() => bootstrapConfidenceIntervals(sample, { replicates: 1 })).toThrow(/replicates must be an integer/);
    expect(() => bootstrapConfidenceIntervals(sample, { replicates: 1e9 })).toThrow(/from 2 to 20000, got 1000000000/);
    expect(() => bootstrapConfidenceIntervals(sample, { level: 1 })).toThrow(/level must be in/);
    expect(() => bootstrapConfidenceIntervals(sample, { seed: 0.5 })).toThrow(/seed must be an integer/);
    expect(() => bootstrapConfidenceIntervals(sample, { threshold: NaN })).toThrow(/threshold is NaN/);
    expect(() => bootstrapConfidenceIntervals({ scores: Float64Array.from([0.1]), labels: Uint8Array.from([1]) })).toThrow(/both attacks and bona fide/);
  });
});

describe('percentileInterval', () => {
  it('interpolates order statistics as numpy.percentile (linear)', () => {
    // np.percentile([1, 2, 3, 4, 5], [2.5, 97.5]) = [1.1, 4.9]; sample SD of 1..5 = sqrt(2.5).
    const interval = percentileInterval(3, Float64Array.from([5, 1, 4, 2, 3]), 0.95);
    expect(interval.lower).toBeCloseTo(1.1, 14);
    expect(interval.upper).toBeCloseTo(4.9, 14);
    expect(interval.standardError).toBeCloseTo(Math.sqrt(2.5), 14);
  });
});

describe('SeededRandom', () => {
  it('is uniform enough for resampling: indices cover [0, n) evenly', () => {
    const random = new SeededRandom(123);
    const counts = new Uint32Array(10);
    for (let i = 0; i < 100_000; i++) counts[random.nextIndex(10)]++;
    // Each bin expects 10 000 with SD ≈ 95; 5 SD bounds.
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(475);
  });
});
