// Selectors and shared types of the evaluation slices: the score sets under evaluation, the primary
// run and its splits, the criteria the threshold can be chosen by. Renderer store (pure functions).
import type { SavedThreshold } from '../../common/contract/thresholds';
import type { SourceSummary, SplitSummary } from '../workers/metrics-protocol';
import { countOf } from '../workers/split-data';
import type { WorkbenchState } from './create-store';

export const CRITERIA = ['fixed', 'eer', 'min-hter', 'bpcer20', 'bpcer100', 'apcer20', 'apcer100'] as const;
export type CriterionChoice = (typeof CRITERIA)[number];

export const isCriterionChoice = (name: string): name is CriterionChoice => (CRITERIA as readonly string[]).includes(name);

export interface EvalSource {
  id: string;
  kind: 'model' | 'file';
  name: string;
  modelSha256: string | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  summary: SourceSummary | null;
}

/** Stable empty lists for selectors (a new [] per call would re-render forever). */
export const NO_SPLITS: SplitSummary[] = [];
export const NO_MODELS: { sha256: string; name: string; predictions: number }[] = [];

type SourcesView = Pick<WorkbenchState, 'evalSources' | 'evalPrimaryId'>;

export const primarySource = (s: SourcesView): EvalSource | null => s.evalSources.find((x) => x.id === s.evalPrimaryId) ?? null;
export const splitSummaryOf = (source: EvalSource | null, split: string): SplitSummary | null => source?.summary?.splits.find((x) => x.split === split) ?? null;
/** A run's data comparable with the primary's `split`: that split, or all of a run without splits (a scores file). */
export const comparableSplitOf = (source: EvalSource | null, split: string): SplitSummary | null => {
  const splits = source?.summary?.splits ?? [];
  return splits.find((x) => x.split === split) ?? (splits.length === 1 ? splits[0]! : null);
};

/**
 * Samples of the primary source's evaluated split outside the model's domain: what the switch "decide
 * out-of-domain samples by score" moves between the non-responses and the decided samples.
 */
export const outOfDomainCount = (s: Pick<WorkbenchState, 'evalSources' | 'evalPrimaryId' | 'evalColumns' | 'evalSplit'>): number => {
  const source = primarySource(s);
  return source ? countOf(s.evalColumns[source.id]?.outOfDomainBySplit, s.evalSplit) : 0;
};

/** Whether `split` of a loaded run can be evaluated (it exists and has both classes). */
export function usableSplit(summary: SourceSummary, split: string): boolean {
  return summary.splits.some((s) => s.split === split && s.unusable === null);
}

/** The state evaluationKey reads: the one list, also watched by operating-point-sync.ts. */
export const EVALUATION_KEY_FIELDS = ['evalSources', 'evalPrimaryId', 'evalCompareIds', 'evalSplit', 'evalSourceSplit', 'evalCriterion', 'threshold', 'savedThresholds'] as const satisfies readonly (keyof WorkbenchState)[];

type QueryView = Pick<WorkbenchState, (typeof EVALUATION_KEY_FIELDS)[number]>;

/**
 * Everything the worker's answer at the operating point depends on, as one key; null when nothing can
 * be evaluated. The store recomputes the rates whenever this key changes (operating-point-sync.ts).
 */
export function evaluationKey(s: QueryView): string | null {
  const source = primarySource(s);
  if (!source || source.status !== 'ready') return null;
  const split = splitSummaryOf(source, s.evalSplit);
  if (!split || split.unusable !== null) return null;
  const compareIds = s.evalCompareIds.filter((id) => s.evalSources.some((x) => x.id === id && x.status === 'ready'));
  return JSON.stringify([source.id, split.dataHash, compareIds, s.evalSplit, s.evalSourceSplit, s.evalCriterion, s.threshold, comparedSavedThresholds(s, compareIds)]);
}

/** The threshold was chosen by a criterion on the very split being evaluated: its rates are optimistic. */
export const thresholdChosenOnEvaluatedData = (s: Pick<WorkbenchState, 'evalChosen' | 'thresholdProvenance' | 'evalSplit'>): boolean =>
  s.evalChosen !== null && s.thresholdProvenance.split === s.evalSplit;
/**
 * The newest saved threshold of each compared workspace run (by source id), in words: under a fixed τ each
 * overlay is decided at its own saved τ, not at the primary's (metrics-engine.ts, ARCHITECTURE.md §11).
 */
export function comparedSavedThresholds(s: Pick<WorkbenchState, 'evalSources' | 'savedThresholds'>, ids: readonly string[]): Record<string, { value: number; says: string }> {
  const out: Record<string, { value: number; says: string }> = {};
  for (const id of ids) {
    const sha = s.evalSources.find((x) => x.id === id)?.modelSha256;
    const saved = sha ? newestSavedThreshold(s.savedThresholds, sha) : undefined;
    if (saved) out[id] = { value: saved.value, says: savedThresholdSays(saved) };
  }
  return out;
}

/** A model's newest saved threshold (the list is newest first). */
export const newestSavedThreshold = (saved: readonly SavedThreshold[], modelSha256: string): SavedThreshold | undefined => saved.find((t) => t.modelSha256 === modelSha256);

export const savedThresholdSays = (saved: SavedThreshold): string => `saved #${saved.id} (${saved.criterion} on ${saved.split})`;
