// A sample's outcome, defined once: attack, bona fide, or inconclusive with its reason (outside the model's
// domain, no face found, could not be processed). Built on the decision rule (common/metrics/decision.ts):
// only a scored, processed face inside the model's domain (or of unknown domain) is decided by score ≥ τ.
// Pure shared code (common/); the CLI, the grid, the inspector, case files and exports all call it.
import { DEFAULT_DETECTOR_OPTIONS } from '../faces/blazeface.js';
import type { DomainSpec } from '../model/face-domain.js';
import { decisionOf } from './decision.js';

export type Outcome = 'attack' | 'bona fide' | 'inconclusive';

export type InconclusiveReason =
  | { kind: 'outside-domain'; distance: number; limit: number }
  | { kind: 'no-face'; minConfidence: number }
  | { kind: 'not-processed'; why: string };

export interface SampleOutcome {
  outcome: Outcome;
  /** Why the outcome is inconclusive; null for attack and bona fide. */
  reason: InconclusiveReason | null;
}

export interface OutcomeInput {
  /** The attack score; null when the pipeline gave none. */
  score: number | null;
  threshold: number;
  /** The domain check under this model: inDomain null (or no domain at all) = unknown. */
  domain?: { inDomain: boolean | null; distance: number | null; limit: number } | null;
  /** Detection ran and found no face: the detector's minimum confidence (the sample is never scored). */
  noFace?: { minConfidence: number } | null;
  /** Why the sample could not be processed (unreadable, not an image, inference failed), when it could not. */
  failure?: string | null;
  /** The analyst's switch in evaluation: decide out-of-domain samples by their score anyway. */
  decideOutOfDomainByScore?: boolean;
}

/** The non-response stored for a photograph in which detection found no face (a sample's non_response, a run's failure). */
export const NO_FACE_REASON = 'no face found';

/** The outcome input of a sample without a score, from the reason stored for it: no face found, else could not be processed. */
export function unscoredInput(reason: string, minConfidence = DEFAULT_DETECTOR_OPTIONS.minScore): Pick<OutcomeInput, 'noFace' | 'failure'> {
  return reason === NO_FACE_REASON ? { noFace: { minConfidence } } : { failure: reason };
}

/** The non-response reason of an out-of-domain sample in evaluation (APNRR / BPNRR), unless decided by score. */
export const OUT_OF_DOMAIN_REASON = "outside the model's domain";

/** The domain limit a stored distance is compared with: 1 when the sidecar has several views (distances are ratios), else its threshold. */
export const domainLimit = (spec: DomainSpec | undefined): number => (spec === undefined ? 1 : spec.image || spec.appearance ? 1 : spec.threshold);

/** The outcome of one sample. A missing score is never decided: it is inconclusive with the reason it is missing. */
export function outcomeOf(input: OutcomeInput): SampleOutcome {
  if (input.noFace) return { outcome: 'inconclusive', reason: { kind: 'no-face', minConfidence: input.noFace.minConfidence } };
  if (input.failure != null && input.failure !== '') return { outcome: 'inconclusive', reason: { kind: 'not-processed', why: input.failure } };
  const decision = decisionOf(input.score, input.threshold);
  if (decision === null) return { outcome: 'inconclusive', reason: { kind: 'not-processed', why: 'no score' } };
  const domain = input.domain;
  if (domain && domain.inDomain === false && !input.decideOutOfDomainByScore) {
    return { outcome: 'inconclusive', reason: { kind: 'outside-domain', distance: domain.distance ?? Number.NaN, limit: domain.limit } };
  }
  return { outcome: decision === 'attack' ? 'attack' : 'bona fide', reason: null };
}

/** The reason in words, lower case: "outside this model's domain (distance 1.41, limit 1.00)". */
export function reasonText(reason: InconclusiveReason): string {
  switch (reason.kind) {
    case 'outside-domain': return `outside this model's domain (distance ${reason.distance.toFixed(2)}, limit ${reason.limit.toFixed(2)})`;
    case 'no-face': return `no face found (detector confidence below ${reason.minConfidence.toFixed(2)})`;
    case 'not-processed': return `could not be processed: ${reason.why}`;
  }
}

/** The reason as a sentence on its own, capitalised: "No face found (detector confidence below 0.70)". */
export function reasonSentence(reason: InconclusiveReason): string {
  const text = reasonText(reason);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The outcome as one sentence, reason first for an inconclusive one; it never says attack or bona fide then:
 * "Inconclusive — outside this model's domain (distance 1.41, limit 1.00): the score is not evidence".
 */
export function outcomeText(o: SampleOutcome): string {
  if (o.reason === null) return o.outcome === 'attack' ? 'Attack' : 'Bona fide';
  const why = reasonText(o.reason);
  return o.reason.kind === 'outside-domain' ? `Inconclusive — ${why}: the score is not evidence` : `Inconclusive — ${why}`;
}
