// One formatter per kind of figure, for every screen, report and CLI output: thresholds (τ), rates, scores,
// intervals and durations. Pure shared code (common/); each kind is written one way everywhere.

/** A duration in milliseconds kept to 0.1 ms (a timer's noise is not data). */
export function roundMs(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** A duration in seconds kept to 0.01 s. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}

/**
 * A threshold τ as people read it: four significant digits, no trailing zeros (0.5, 0.4176, 0.009948),
 * never the 17 digits of a double. Programs read the exact value from data attributes and JSON.
 */
export function formatThreshold(tau: number): string {
  if (!Number.isFinite(tau)) return String(tau);
  return String(Number(tau.toPrecision(4)));
}
