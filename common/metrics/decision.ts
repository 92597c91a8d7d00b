// The decision rule, defined once: a sample is called an attack when its attack score is at or above
// the threshold τ (ISO/IEC 30107-3 convention used throughout, see ARCHITECTURE.md). Pure shared code.

export type Decision = 'attack' | 'bona-fide';

/** The rule as stored with saved thresholds and case files. */
export const DECISION_RULE = 'attack when score >= threshold';

/** True when `score` is called an attack at `threshold` (score ≥ τ). NaN scores are never attacks. */
export const isCalledAttack = (score: number, threshold: number): boolean => score >= threshold;

/** The decision at `threshold`; null for an unscored sample. */
export const decisionOf = (score: number | null, threshold: number): Decision | null =>
  score === null ? null : isCalledAttack(score, threshold) ? 'attack' : 'bona-fide';
