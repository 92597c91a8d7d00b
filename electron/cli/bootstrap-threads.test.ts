// The bootstrap's streams on worker threads give the intervals of the one-thread bootstrap for the same seed,
// with progress over all streams, a clear error from a thread, and a stop that ends the threads. Real threads.
import { describe, expect, it } from 'vitest';
import { bootstrapConfidenceIntervals } from '../../common/metrics/bootstrap.js';
import { MetricsInputError, type LabelledScores } from '../../common/metrics/labelled-scores.js';
import { SeededRandom } from '../../common/metrics/prng.js';
import { bootstrapOnThreads } from './bootstrap-threads.js';

/** 3000 scores in 2 attack species and 60 identities; attack scores shifted per identity. */
function data(): LabelledScores {
  const random = new SeededRandom(11);
  const n = 3000;
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  const speciesCodes = new Uint32Array(n);
  const identityCodes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3 === 0 ? 0 : 1;
    speciesCodes[i] = i % 2;
    identityCodes[i] = i % 60;
    scores[i] = Math.round((random.nextDouble() + labels[i]! * (0.4 + (i % 60) / 100)) * 500) / 500; // ties too
  }
  return { scores, labels, speciesCodes, speciesNames: ['print', 'replay'], identityCodes, identityNames: Array.from({ length: 60 }, (_, k) => `id${k}`) };
}

describe('bootstrapOnThreads', () => {
  const scores = data();

  it('equals the one-thread bootstrap for the seed, by sample and by identity, and reports progress as it goes', async () => {
    for (const options of [{ replicates: 301, seed: 5, threshold: 0.9 }, { replicates: 150, seed: 6, resample: 'identity' as const, threshold: 1.1 }]) {
      const progress: number[] = [];
      const threaded = await bootstrapOnThreads(scores, { ...options, onProgress: (done, total) => { expect(total).toBe(options.replicates); progress.push(done); } });
      expect(threaded).toEqual(bootstrapConfidenceIntervals(scores, options));
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.every((done, k) => done < options.replicates && (k === 0 || done > progress[k - 1]!))).toBe(true);
    }
  }, 60_000);

  it('rejects with the thread\'s metrics error, and with "cancelled" when stopped', async () => {
    const bonaFideOnly: LabelledScores = { scores: Float64Array.from([0.1, 0.9]), labels: Uint8Array.from([0, 0]) };
    const failed = bootstrapOnThreads(bonaFideOnly, { replicates: 50, seed: 1 });
    await expect(failed).rejects.toBeInstanceOf(MetricsInputError);
    await expect(failed).rejects.toMatchObject({ code: 'one-class' });
    const stop = new AbortController();
    const running = bootstrapOnThreads(scores, { replicates: 20_000, seed: 2, onProgress: () => stop.abort() }, stop.signal);
    await expect(running).rejects.toThrow('cancelled');
    const stopped = new AbortController();
    stopped.abort();
    await expect(bootstrapOnThreads(scores, { replicates: 10 }, stopped.signal)).rejects.toThrow('cancelled');
  }, 60_000);
});
