// The bootstrap's cost said before it starts and its progress on stderr while it runs (`uad metrics`, `uad report`).
// The replicates run on this thread or on worker threads (bootstrap-threads.ts); Ctrl-C ends the process and its
// threads at once (status 130, by the signal); nothing is written before they finish. Node side (CLI).

/** Draws (replicates × scores) from which the cost is announced and progress shown: about half a minute on one core. */
export const LARGE_BOOTSTRAP_DRAWS = 1e9;

/**
 * Measured cost of one draw (one score of one replicate), single core, x64: 26 CPU-ms a replicate of 10⁶ distinct
 * scores on a busy machine (common/metrics/bootstrap-plan.ts; fewer distinct scores go faster).
 */
const SECONDS_PER_DRAW = 2.5e-8;

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * For a bootstrap of `replicates` over `scores` rows: prints the estimate (when large) and returns the progress
 * callback to hand to the bootstrap, or undefined when it is quick enough to need neither.
 */
export function bootstrapProgress(command: string, replicates: number, scores: number, write: (text: string) => void = (t) => process.stderr.write(t)): ((done: number, total: number) => void) | undefined {
  const draws = replicates * scores;
  if (draws < LARGE_BOOTSTRAP_DRAWS) return undefined;
  write(`${command}: bootstrap of ${replicates} replicates × ${scores} scores (${draws.toExponential(1)} draws): about ${duration(draws * SECONDS_PER_DRAW)} on one core; Ctrl-C cancels, nothing is written before it ends\n`);
  const started = performance.now();
  let shown = -Infinity;
  return (done, total) => {
    const now = performance.now();
    if (now - shown < 10_000) return; // the first call, then one line every 10 s at most
    shown = now;
    const elapsed = (now - started) / 1000;
    const left = (elapsed / done) * (total - done);
    write(`${command}: bootstrap ${Math.round((100 * done) / total)} % (${done} of ${total} replicates), about ${duration(left)} left\n`);
  };
}
