// One complete evaluation of a scores set — threshold with provenance, ISO/IEC 30107-3 rates, exact
// and bootstrap intervals, attack classes, non-responses, a readiness profile, identity leakage and
// per-species DET curves — shared by `uad metrics`, `uad report` and the Evaluation tab's report
// export, so all three print the same numbers. Pure shared code (common/).

import { bootstrapConfidenceIntervals, type BootstrapOptions, type BootstrapResult } from './bootstrap.js';
import type { LabelledScores } from './labelled-scores.js';
import { certificationRates, type CertificationRates, type ClassifiedScores } from './certification.js';
import type { ThresholdCriterion } from './criteria.js';
import { detCurve, type DetCurve } from './det.js';
import { identityLeakage, type LeakageReport, type SplitIdentities } from './leakage.js';
import { POSITIVE_LABEL } from './labelled-scores.js';
import { evaluateProfile, type ProfileResult, type ReadinessProfile } from './profiles.js';
import { evaluateScores, type MetricsReport } from './report.js';
import { ThresholdIndex } from './threshold-index.js';

export interface ScoreSet {
  readonly data: ClassifiedScores;
  /** e.g. the file name. */
  readonly description: string;
}

export interface FullEvaluationInput {
  /** The scores evaluated (test). */
  readonly scores: ScoreSet;
  /** The threshold is chosen here when given (dev). */
  readonly dev?: ScoreSet;
  /** Only read for identity leakage. */
  readonly train?: ScoreSet;
  readonly criterion: ThresholdCriterion;
  readonly profile?: ReadinessProfile;
  /** Bootstrap over identities when every set has them, else over samples; omit for none. */
  readonly bootstrap?: { readonly replicates: number; readonly seed: number; readonly resample?: 'sample' | 'identity'; readonly onProgress?: (done: number, total: number) => void };
}

export interface SpeciesDet {
  readonly species: string;
  readonly attacks: number;
  readonly curve: DetCurve;
}

export interface FullEvaluation {
  readonly report: MetricsReport;
  readonly counted: CertificationRates;
  readonly bootstrap: BootstrapResult | null;
  readonly profile: ProfileResult | null;
  /** null when fewer than two sets were given. */
  readonly leakage: LeakageReport | null;
  /** DET of all attacks, then of each species against all bona fide samples. */
  readonly det: readonly SpeciesDet[];
}

function identitiesOf(set: ScoreSet): string[] {
  const { identityCodes, identityNames } = set.data;
  if (identityCodes === undefined || identityNames === undefined) return [];
  return Array.from(identityCodes, (code) => identityNames[code] ?? '').filter((name) => !name.startsWith('(line '));
}

/** DET per species: the bona fide samples with the attacks of one species. O(n) per species. */
export function speciesDetCurves(data: ClassifiedScores, index: ThresholdIndex): SpeciesDet[] {
  const curves: SpeciesDet[] = [{ species: 'all attacks', attacks: index.attackCount, curve: detCurve(index) }];
  if (index.speciesNames.length < 2) return curves;
  const names = data.speciesNames ?? [];
  for (const species of index.speciesNames) {
    const code = names.indexOf(species);
    const keep: number[] = [];
    for (let i = 0; i < data.scores.length; i++) {
      if (data.labels[i] !== POSITIVE_LABEL || data.speciesCodes?.[i] === code) keep.push(i);
    }
    const subset = ThresholdIndex.build({ scores: Float64Array.from(keep, (i) => data.scores[i]), labels: Uint8Array.from(keep, (i) => data.labels[i]) });
    curves.push({ species, attacks: subset.attackCount, curve: detCurve(subset) });
  }
  return curves;
}

/** Everything a report shows. Throws MetricsInputError for unusable data. */
export function fullEvaluation(input: FullEvaluationInput): FullEvaluation {
  const stage = evaluationStage(input);
  return completeEvaluation(input, stage, stage.bootstrap && bootstrapConfidenceIntervals(stage.bootstrap.data, stage.bootstrap.options));
}

/** A bootstrap run elsewhere (e.g. its streams on worker threads): the same intervals as bootstrapConfidenceIntervals. */
export type BootstrapRunner = (data: LabelledScores, options: BootstrapOptions) => Promise<BootstrapResult>;

/** fullEvaluation with its bootstrap run by `runBootstrap`; the same evaluation. */
export async function fullEvaluationWith(input: FullEvaluationInput, runBootstrap: BootstrapRunner): Promise<FullEvaluation> {
  const stage = evaluationStage(input);
  return completeEvaluation(input, stage, stage.bootstrap && await runBootstrap(stage.bootstrap.data, stage.bootstrap.options));
}

interface EvaluationStage {
  scoresIndex: ThresholdIndex;
  report: MetricsReport;
  counted: CertificationRates;
  /** What the bootstrap runs on, at the chosen threshold; null without one. */
  bootstrap: { data: LabelledScores; options: BootstrapOptions } | null;
}

function evaluationStage(input: FullEvaluationInput): EvaluationStage {
  const scoresIndex = ThresholdIndex.build(input.scores.data);
  const dev = input.dev === undefined || input.criterion.kind === 'fixed' ? undefined : { index: ThresholdIndex.build(input.dev.data), description: input.dev.description };
  const report = evaluateScores({ scores: scoresIndex, scoresDescription: input.scores.description, dev, criterion: input.criterion });
  const threshold = report.operatingPoint.provenance.threshold;
  const counted = certificationRates(input.scores.data, threshold);
  let bootstrap: EvaluationStage['bootstrap'] = null;
  if (input.bootstrap !== undefined) {
    const resample = input.bootstrap.resample ?? (input.scores.data.identityCodes === undefined ? 'sample' : 'identity');
    bootstrap = { data: input.scores.data, options: { replicates: input.bootstrap.replicates, seed: input.bootstrap.seed, resample, threshold, ...(input.bootstrap.onProgress ? { onProgress: input.bootstrap.onProgress } : {}) } };
  }
  return { scoresIndex, report, counted, bootstrap };
}

function completeEvaluation(input: FullEvaluationInput, { scoresIndex, report, counted }: EvaluationStage, bootstrap: BootstrapResult | null): FullEvaluation {
  const sets: SplitIdentities[] = [];
  if (input.train !== undefined) sets.push({ split: `train (${input.train.description})`, identities: identitiesOf(input.train) });
  if (input.dev !== undefined) sets.push({ split: `dev (${input.dev.description})`, identities: identitiesOf(input.dev) });
  sets.push({ split: `test (${input.scores.description})`, identities: identitiesOf(input.scores) });
  return {
    report,
    counted,
    bootstrap,
    profile: input.profile === undefined ? null : evaluateProfile(input.profile, counted),
    leakage: sets.length < 2 ? null : identityLeakage(sets),
    det: speciesDetCurves(input.scores.data, scoresIndex),
  };
}
