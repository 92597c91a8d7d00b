// One evaluation of a scores set (optionally with a dev set for the threshold) and its JSON form,
// shared by the CLI's `metrics --json`, the renderer and case files. Pure shared code (common/).

import { confusionAt, type ConfusionTable } from './confusion.js';
import { applyThreshold, chooseThreshold, type AppliedThreshold, type ThresholdCriterion } from './criteria.js';
import { equalErrorRate, type EqualErrorRate } from './eer.js';
import { apcerAtBpcer, bpcerAtApcer, type RatePoint } from './operating-points.js';
import { averagePrecision } from './pr.js';
import { rocAuc, rocCurve, type RocCurve } from './roc.js';
import type { ThresholdIndex } from './threshold-index.js';

export interface EvaluationInput {
  readonly scores: ThresholdIndex;
  /** e.g. the scores file name; recorded in the threshold provenance. */
  readonly scoresDescription: string;
  /** When given, the criterion's threshold is chosen here and applied to `scores`. */
  readonly dev?: { readonly index: ThresholdIndex; readonly description: string };
  readonly criterion: ThresholdCriterion;
  /** APCER bounds for BPCER@APCER (worst species); default [0.05, 0.01] (BPCER20, BPCER100). */
  readonly apcerBounds?: readonly number[];
  /** BPCER bounds for APCER@BPCER; default [0.05, 0.01]. */
  readonly bpcerBounds?: readonly number[];
}

export interface MetricsReport {
  readonly auc: number;
  readonly averagePrecision: number;
  /** EER of the evaluated scores themselves (never of the dev set). */
  readonly eer: EqualErrorRate;
  /** The criterion's threshold and the rates it gives on the evaluated scores. */
  readonly operatingPoint: AppliedThreshold;
  readonly bpcerAtApcer: readonly { readonly maxApcer: number; readonly point: RatePoint }[];
  readonly apcerAtBpcer: readonly { readonly maxBpcer: number; readonly point: RatePoint }[];
  readonly confusion: ConfusionTable;
  /** sklearn `roc_curve` default output (drop_intermediate=True). */
  readonly roc: RocCurve;
  readonly speciesNames: readonly string[];
  readonly speciesAttackCounts: Uint32Array;
}

/** Everything the CLI prints. O(m + species·(log m + bounds)) after the indexes are built. */
export function evaluateScores(input: EvaluationInput): MetricsReport {
  const { scores, dev } = input;
  const source = dev?.index ?? scores;
  const provenance = chooseThreshold(source, input.criterion, dev?.description ?? input.scoresDescription);
  const operatingPoint = applyThreshold(scores, provenance, input.scoresDescription, dev === undefined && input.criterion.kind !== 'fixed');
  return {
    auc: rocAuc(scores),
    averagePrecision: averagePrecision(scores),
    eer: equalErrorRate(scores),
    operatingPoint,
    bpcerAtApcer: (input.apcerBounds ?? [0.05, 0.01]).map((maxApcer) => ({ maxApcer, point: bpcerAtApcer(scores, maxApcer) })),
    apcerAtBpcer: (input.bpcerBounds ?? [0.05, 0.01]).map((maxBpcer) => ({ maxBpcer, point: apcerAtBpcer(scores, maxBpcer) })),
    confusion: confusionAt(scores, provenance.threshold),
    roc: rocCurve(scores, { dropIntermediate: true }),
    speciesNames: scores.speciesNames,
    speciesAttackCounts: scores.speciesAttackCounts,
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The report as one JSON object with snake_case keys (the CLI's `--json`). Rates are fractions in
 * [0, 1]. `bpcer_at_apcer` / `apcer_at_bpcer` are keyed by the bound as a decimal string
 * ("0.05", "0.01"); APCER there is the ISO worst-species APCER.
 */
export function metricsReportJson(report: MetricsReport): { [key: string]: Json } {
  const rates = report.operatingPoint.rates;
  const provenance = report.operatingPoint.provenance;
  const bySpecies = (values: ArrayLike<number>): { [key: string]: number } =>
    Object.fromEntries(report.speciesNames.map((name, s) => [name, values[s]]));
  const setJson = (set: { description: string; samples: number; attacks: number; bonaFide: number }) => ({
    description: set.description,
    samples: set.samples,
    attacks: set.attacks,
    bona_fide: set.bonaFide,
  });
  const pointJson = (point: RatePoint) => ({
    threshold: point.threshold,
    apcer_max: point.rates.apcerMax,
    apcer_pooled: point.rates.apcerPooled,
    bpcer: point.rates.bpcer,
  });
  return {
    auc: report.auc,
    eer: report.eer.eer,
    eer_threshold: report.eer.threshold,
    criterion: provenance.criterion,
    threshold: provenance.threshold,
    threshold_source: provenance.chosenOn === null ? 'fixed' : report.operatingPoint.chosenOnSameData ? 'scores' : 'dev',
    threshold_provenance: {
      criterion: provenance.criterion,
      threshold: provenance.threshold,
      chosen_on: provenance.chosenOn === null ? null : setJson(provenance.chosenOn),
      chosen_on_same_data: report.operatingPoint.chosenOnSameData,
      achieved_on_source:
        provenance.achievedOnSource === null
          ? null
          : {
              apcer_max: provenance.achievedOnSource.apcerMax,
              apcer_pooled: provenance.achievedOnSource.apcerPooled,
              bpcer: provenance.achievedOnSource.bpcer,
              ...(provenance.sourceEer === undefined ? {} : { eer: provenance.sourceEer }),
            },
      applied_to: setJson(report.operatingPoint.appliedTo),
    },
    apcer_max: rates.apcerMax,
    worst_species: rates.worstSpecies,
    apcer_pooled: rates.apcerPooled,
    apcer_by_species: bySpecies(rates.apcerBySpecies),
    bpcer: rates.bpcer,
    acer: rates.acer,
    acer_pooled: rates.acerPooled,
    hter: rates.hter,
    acc: rates.acc,
    bpcer_at_apcer: Object.fromEntries(report.bpcerAtApcer.map(({ maxApcer, point }) => [String(maxApcer), point.rates.bpcer])),
    apcer_at_bpcer: Object.fromEntries(report.apcerAtBpcer.map(({ maxBpcer, point }) => [String(maxBpcer), point.rates.apcerMax])),
    bpcer_at_apcer_points: Object.fromEntries(report.bpcerAtApcer.map(({ maxApcer, point }) => [String(maxApcer), pointJson(point)])),
    apcer_at_bpcer_points: Object.fromEntries(report.apcerAtBpcer.map(({ maxBpcer, point }) => [String(maxBpcer), pointJson(point)])),
    average_precision: report.averagePrecision,
    counts: {
      samples: report.operatingPoint.appliedTo.samples,
      attacks: report.operatingPoint.appliedTo.attacks,
      bona_fide: report.operatingPoint.appliedTo.bonaFide,
      attacks_by_species: bySpecies(report.speciesAttackCounts),
    },
    confusion: {
      threshold: report.confusion.threshold,
      rows: [...report.confusion.rowNames],
      called_bona_fide: Array.from(report.confusion.calledBonaFide),
      called_attack: Array.from(report.confusion.calledAttack),
    },
    roc: {
      fpr: Array.from(report.roc.fpr),
      tpr: Array.from(report.roc.tpr),
      thresholds: Array.from(report.roc.thresholds),
      drop_intermediate: true,
    },
  };
}
