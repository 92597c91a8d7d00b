// The bootstrap's intervals for fixed seeds, bit for bit, on data with tied or distinct scores, attack species and
// identities (one set of which forces redraws): test/fixtures/metrics/bootstrap-fixed-seed.json holds what the
// bootstrap gave when each draw counted its sample's score rank directly, so the tally read in score order or in slot
// order (bootstrap-plan.ts) changes no number of any seed. Pure code under test.
import { describe, expect, it } from 'vitest';
import goldens from '../../test/fixtures/metrics/bootstrap-fixed-seed.json' with { type: 'json' };
import { passOrder } from './bootstrap-plan.js';
import { BOOTSTRAP_STREAMS, bootstrapConfidenceIntervals, bootstrapFromStreams, bootstrapStream, type BootstrapOptions } from './bootstrap.js';
import type { LabelledScores } from './labelled-scores.js';
import { SeededRandom } from './prng.js';
import { ThresholdIndex } from './threshold-index.js';

/** 700 samples with scores on a 0.05 grid (many ties), labels 1 in 3 bona fide, attacks in 'print' and 'mask' (a raw species with none), 37 identities. */
function tiedData(): LabelledScores {
  const random = new SeededRandom(41);
  const n = 700;
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  const speciesCodes = new Uint32Array(n);
  const identityCodes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3 === 0 ? 0 : 1;
    speciesCodes[i] = labels[i] === 0 ? 0 : (i % 7 === 1 ? 2 : 1);
    identityCodes[i] = (i * 13) % 37;
    scores[i] = Math.round((random.nextDouble() * 0.6 + labels[i] * 0.3 + (identityCodes[i] % 5) * 0.02) * 20) / 20;
  }
  return { scores, labels, speciesCodes, speciesNames: ['unused', 'print', 'mask'], identityCodes, identityNames: Array.from({ length: 37 }, (_, k) => `id${k}`) };
}

/** Three identities, each of one class only: a third of the identity replicates lack a class and are drawn again. */
function fewIdentities(): LabelledScores {
  const n = 60;
  const scores = Float64Array.from({ length: n }, (_, i) => ((i * 37) % 23) / 23 + (i >= 20 ? 0.3 : 0));
  const labels = Uint8Array.from({ length: n }, (_, i) => (i < 20 ? 0 : 1));
  const identityCodes = Uint32Array.from({ length: n }, (_, i) => (i < 20 ? 0 : i < 40 ? 1 : 2));
  return { scores, labels, identityCodes, identityNames: ['a', 'b', 'c'] };
}

/** 400 distinct scores, two attack species: the pass in score order. */
function distinctData(): LabelledScores {
  const random = new SeededRandom(5);
  const n = 400;
  const scores = Float64Array.from({ length: n }, (_, i) => random.nextDouble() * 0.7 + (i % 2) * 0.3);
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 2);
  const speciesCodes = Uint32Array.from({ length: n }, (_, i) => (i % 4 === 3 ? 1 : 0));
  return { scores, labels, speciesCodes, speciesNames: ['print', 'replay'] };
}

/** 300 identities of two samples each and 11 distinct scores: the identity pass in slot order. */
function manyIdentities(): LabelledScores {
  const random = new SeededRandom(6);
  const n = 600;
  const labels = Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : 1));
  const scores = Float64Array.from(labels, (label) => Math.round((random.nextDouble() * 0.6 + label * 0.35) * 10) / 10);
  const identityCodes = Uint32Array.from({ length: n }, (_, i) => i % 300);
  return { scores, labels, identityCodes, identityNames: Array.from({ length: 300 }, (_, k) => `p${k}`) };
}

const CASES: [LabelledScores, BootstrapOptions][] = [
  [tiedData(), { replicates: 101, seed: 3, threshold: 0.55 }],
  [tiedData(), { replicates: 90, seed: -4, resample: 'identity', threshold: 0.5 }],
  [tiedData(), { replicates: 50, seed: 11 }],
  [fewIdentities(), { replicates: 40, seed: 2, resample: 'identity', threshold: 0.6 }],
  [distinctData(), { replicates: 60, seed: 9, threshold: 0.6 }],
  [manyIdentities(), { replicates: 70, seed: 1, resample: 'identity', threshold: 0.55 }],
];

describe('bootstrap intervals for a fixed seed', () => {
  it('are the recorded ones, by sample and by identity, on one thread and from the streams apart', () => {
    expect(goldens).toHaveLength(CASES.length);
    CASES.forEach(([data, options], k) => {
      const whole = bootstrapConfidenceIntervals(data, options);
      expect(whole).toEqual(goldens[k]);
      const streams = Array.from({ length: BOOTSTRAP_STREAMS }, (_, stream) => bootstrapStream(data, options, stream));
      expect(bootstrapFromStreams(data, options, streams)).toEqual(whole);
    });
    expect(goldens[3]!.redrawnReplicates).toBeGreaterThan(0);
  });

  it('cover both passes over the tally, by sample and by identity', () => {
    const passes = CASES.map(([data, options]) => {
      const slots = options.resample === 'identity' ? new Set(data.identityCodes).size : data.scores.length;
      return `${options.resample ?? 'sample'} ${passOrder(slots, ThresholdIndex.build(data).distinctScores.length)}`;
    });
    expect(new Set(passes)).toEqual(new Set(['sample slot', 'sample score', 'identity slot', 'identity score']));
  });
});
