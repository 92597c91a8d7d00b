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
