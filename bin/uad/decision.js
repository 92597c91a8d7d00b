// common/metrics/decision.ts
/** The rule as stored with saved thresholds and case files. */
var DECISION_RULE = "attack when score >= threshold";
/** True when `score` is called an attack at `threshold` (score ≥ τ). NaN scores are never attacks. */
var isCalledAttack = (score, threshold) => score >= threshold;
/** The decision at `threshold`; null for an unscored sample. */
var decisionOf = (score, threshold) => score === null ? null : isCalledAttack(score, threshold) ? "attack" : "bona-fide";
export { decisionOf as n, isCalledAttack as r, DECISION_RULE as t };
