// The three outcomes and their reasons, on hand-made cases at the decision rule's boundary (score = τ is an attack).
import { describe, expect, it } from 'vitest';
import { domainLimit, outcomeOf, outcomeText, reasonText } from './outcome.js';

const inside = { inDomain: true, distance: 0.4, limit: 1 };
const outside = { inDomain: false, distance: 1.41, limit: 1 };

describe('outcomeOf', () => {
  it('decides a processed, in-domain (or unknown-domain) score by score ≥ τ', () => {
    expect(outcomeOf({ score: 0.5, threshold: 0.5, domain: inside })).toEqual({ outcome: 'attack', reason: null });
    expect(outcomeOf({ score: 0.4999, threshold: 0.5, domain: inside })).toEqual({ outcome: 'bona fide', reason: null });
    expect(outcomeOf({ score: 0.9, threshold: 0.5, domain: { inDomain: null, distance: null, limit: 1 } }).outcome).toBe('attack');
    expect(outcomeOf({ score: 0.1, threshold: 0.5 }).outcome).toBe('bona fide');
  });

  it('an out-of-domain score is inconclusive with distance and limit, whatever the score; the switch decides it by score', () => {
    for (const score of [0, 0.5, 1]) {
      expect(outcomeOf({ score, threshold: 0.5, domain: outside })).toEqual({ outcome: 'inconclusive', reason: { kind: 'outside-domain', distance: 1.41, limit: 1 } });
    }
    expect(outcomeOf({ score: 1, threshold: 0.5, domain: outside, decideOutOfDomainByScore: true }).outcome).toBe('attack');
  });

  it('no face and a failure are inconclusive even when a score is present; a missing score is never decided', () => {
    expect(outcomeOf({ score: 1, threshold: 0.5, noFace: { minConfidence: 0.7 } })).toEqual({ outcome: 'inconclusive', reason: { kind: 'no-face', minConfidence: 0.7 } });
    expect(outcomeOf({ score: null, threshold: 0.5, failure: 'unreadable' })).toEqual({ outcome: 'inconclusive', reason: { kind: 'not-processed', why: 'unreadable' } });
    expect(outcomeOf({ score: null, threshold: 0.5 })).toEqual({ outcome: 'inconclusive', reason: { kind: 'not-processed', why: 'no score' } });
  });

  it('says the reason first and never attack or bona fide for an inconclusive sample', () => {
    const text = outcomeText(outcomeOf({ score: 1, threshold: 0.5, domain: outside }));
    expect(text).toBe("Inconclusive — outside this model's domain (distance 1.41, limit 1.00): the score is not evidence");
    expect(text).not.toMatch(/attack|bona fide/i);
    expect(outcomeText(outcomeOf({ score: null, threshold: 0.5, noFace: { minConfidence: 0.7 } }))).toBe('Inconclusive — no face found (detector confidence below 0.70)');
    expect(reasonText({ kind: 'not-processed', why: 'not an image' })).toBe('could not be processed: not an image');
    expect(outcomeText({ outcome: 'attack', reason: null })).toBe('Attack');
  });

  it('takes the limit from the sidecar: 1 for several views (ratios), the threshold for the embedding alone', () => {
    const base = { method: 'mahalanobis-min-class', dims: 2, classes: [], precision: [], shrinkage: 0, threshold: 7.5, percentile: 99 };
    expect(domainLimit(base as never)).toBe(7.5);
    expect(domainLimit({ ...base, image: {} } as never)).toBe(1);
    expect(domainLimit(undefined)).toBe(1);
  });
});
