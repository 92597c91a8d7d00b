// Threshold criteria (EER, min-HTER, BPCER_N, APCER at BPCER, fixed), chosen on one split (dev)
// and applied to another (test) with a provenance record. Pure shared code (common/).

import { MetricsInputError, requireNumber, requireRate } from './labelled-scores.js';
import { equalErrorRate } from './eer.js';
import { apcerAtBpcer, bpcerAtApcer, minHterPoint } from './operating-points.js';
import type { ErrorRates, ThresholdIndex } from './threshold-index.js';

export type ThresholdCriterion =
  /** The interpolated EER threshold (pooled APCER = BPCER). */
  | { readonly kind: 'eer' }
  /** Minimum (APCER_pooled + BPCER) / 2 over the distinct scores. */
  | { readonly kind: 'min-hter' }
  /** Highest threshold with worst-species APCER ≤ maxApcer (BPCER20: 0.05, BPCER100: 0.01). */
  | { readonly kind: 'bpcer-at-apcer'; readonly maxApcer: number }
  /** Lowest threshold with BPCER ≤ maxBpcer (APCER20: 0.05, APCER100: 0.01). */
  | { readonly kind: 'apcer-at-bpcer'; readonly maxBpcer: number }
  /** A threshold given by the analyst. */
  | { readonly kind: 'fixed'; readonly threshold: number };

/** The names the CLI and UI accept, e.g. 'eer', 'min-hter', 'bpcer20', 'bpcer100', 'apcer20', 'fixed'. */
export const CRITERION_NAMES = ['eer', 'min-hter', 'bpcer20', 'bpcer100', 'apcer20', 'apcer100', 'fixed'] as const;

/**
 * Parses a criterion name: 'eer', 'min-hter', 'bpcerN' / 'apcerN' for a positive integer N
 * (rate bound 1/N, as bob.pad.base), or 'fixed' (which needs `fixedThreshold`).
 * Throws MetricsInputError for anything else.
 */
export function parseCriterion(name: string, fixedThreshold?: number): ThresholdCriterion {
  const lower = name.trim().toLowerCase();
  if (lower === 'eer') return { kind: 'eer' };
  if (lower === 'min-hter') return { kind: 'min-hter' };
  if (lower === 'fixed') {
    if (fixedThreshold === undefined) throw new MetricsInputError('bad-argument', "criterion 'fixed' needs a threshold value");
    requireNumber(fixedThreshold, 'fixed threshold');
    return { kind: 'fixed', threshold: fixedThreshold };
  }
  const rateCriterion = /^(bpcer|apcer)([1-9][0-9]*)$/.exec(lower);
  if (rateCriterion !== null) {
    const bound = 1 / Number(rateCriterion[2]);
    return rateCriterion[1] === 'bpcer' ? { kind: 'bpcer-at-apcer', maxApcer: bound } : { kind: 'apcer-at-bpcer', maxBpcer: bound };
  }
  throw new MetricsInputError('bad-argument', `unknown threshold criterion '${name}' (expected one of ${CRITERION_NAMES.join(', ')})`);
}

/** A short name for a criterion, e.g. 'bpcer20'; rate bounds that are not 1/N print as 'bpcer@apcer<=0.03'. */
export function criterionName(criterion: ThresholdCriterion): string {
  switch (criterion.kind) {
    case 'eer':
    case 'min-hter':
    case 'fixed':
      return criterion.kind;
    case 'bpcer-at-apcer':
      return rateCriterionName('bpcer', 'apcer', criterion.maxApcer);
    case 'apcer-at-bpcer':
      return rateCriterionName('apcer', 'bpcer', criterion.maxBpcer);
  }
}

function rateCriterionName(reported: string, bounded: string, bound: number): string {
  const n = Math.round(1 / bound);
  return n >= 1 && 1 / n === bound ? `${reported}${n}` : `${reported}@${bounded}<=${bound}`;
}

/** Describes the split a threshold was chosen on. */
export interface ScoreSetDescription {
  /** e.g. 'dev: P1/dev.csv' or the file name; free text chosen by the caller. */
  readonly description: string;
  readonly samples: number;
  readonly attacks: number;
  readonly bonaFide: number;
}

/**
 * How a criterion chose a threshold, in the metrics library's terms (criterion spec, source set, rates
 * achieved there). The operating point's own provenance is common/contract/operating-point.ts.
 */
export interface ThresholdChoice {
  readonly criterion: string;
  readonly criterionSpec: ThresholdCriterion;
  readonly threshold: number;
  /** The data the threshold was chosen on; null for a fixed threshold. */
  readonly chosenOn: ScoreSetDescription | null;
  /** Rates the threshold achieved on the data it was chosen on; null for a fixed threshold. */
  readonly achievedOnSource: { readonly apcerMax: number; readonly apcerPooled: number; readonly bpcer: number } | null;
  /** EER only: the EER on the source data (the interpolated rate, not an operating point). */
  readonly sourceEer?: number;
}

export function describeIndex(index: ThresholdIndex, description: string): ScoreSetDescription {
  return { description, samples: index.sampleCount, attacks: index.attackCount, bonaFide: index.bonaFideCount };
}

/** Chooses a threshold on `source` by `criterion`. O(m) at most (min-HTER), O(log m) for the others. */
export function chooseThreshold(source: ThresholdIndex, criterion: ThresholdCriterion, sourceDescription: string): ThresholdChoice {
  const name = criterionName(criterion);
  if (criterion.kind === 'fixed') {
    requireNumber(criterion.threshold, 'fixed threshold');
    return { criterion: name, criterionSpec: criterion, threshold: criterion.threshold, chosenOn: null, achievedOnSource: null };
  }
  let threshold: number;
  let sourceEer: number | undefined;
  switch (criterion.kind) {
    case 'eer': {
      const eer = equalErrorRate(source);
      threshold = eer.threshold;
      sourceEer = eer.eer;
      break;
    }
    case 'min-hter':
      threshold = minHterPoint(source).threshold;
      break;
    case 'bpcer-at-apcer':
      requireRate(criterion.maxApcer, 'maximum APCER');
      threshold = bpcerAtApcer(source, criterion.maxApcer).threshold;
      break;
    case 'apcer-at-bpcer':
      requireRate(criterion.maxBpcer, 'maximum BPCER');
      threshold = apcerAtBpcer(source, criterion.maxBpcer).threshold;
      break;
  }
  const rates = source.ratesAt(threshold);
  return {
    criterion: name,
    criterionSpec: criterion,
    threshold,
    chosenOn: describeIndex(source, sourceDescription),
    achievedOnSource: { apcerMax: rates.apcerMax, apcerPooled: rates.apcerPooled, bpcer: rates.bpcer },
    ...(sourceEer === undefined ? {} : { sourceEer }),
  };
}

export interface AppliedThreshold {
  readonly provenance: ThresholdChoice;
  readonly appliedTo: ScoreSetDescription;
  /** True when the threshold was chosen on the very data it is applied to (optimistic). */
  readonly chosenOnSameData: boolean;
  readonly rates: ErrorRates;
}

/**
 * Applies a chosen threshold to `target` (the challenge protocol: choose on dev, report on test).
 * Pass the same index as source and target to evaluate without a dev set; `chosenOnSameData`
 * then says so. O(log m + species).
 */
export function applyThreshold(target: ThresholdIndex, provenance: ThresholdChoice, targetDescription: string, chosenOnSameData: boolean): AppliedThreshold {
  return {
    provenance,
    appliedTo: describeIndex(target, targetDescription),
    chosenOnSameData,
    rates: target.ratesAt(provenance.threshold),
  };
}
