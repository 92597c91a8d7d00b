// Seeded bootstrap confidence intervals for AUC, EER and the error rates at a fixed threshold,
// resampling samples (stratified) or whole identities. Pure shared code (common/).

import { countDraws, resamplingPlan, type ReplicateCounts, type ResamplingPlan } from './bootstrap-plan.js';
import { ByteTally } from './byte-tally.js';
import { equalErrorRate } from './eer.js';
import { MetricsInputError, requireNumber, type LabelledScores } from './labelled-scores.js';
import { SeededRandom } from './prng.js';
import { rocAuc } from './roc.js';
import { ThresholdIndex } from './threshold-index.js';

export interface BootstrapOptions {
  /** Number of replicates; default 1000. */
  readonly replicates?: number;
  /** 32-bit integer seed; the same seed and data give the same intervals. Default 0. */
  readonly seed?: number;
  /** Central interval level; default 0.95. */
  readonly level?: number;
  /**
   * 'sample' (default): resample samples with replacement within each group (bona fide and each
   * attack species), keeping the group sizes, as pROC stratifies by class; every replicate then has
   * both classes and every species. 'identity': resample subject identities with replacement and
   * take all their samples (needs identityCodes), so samples of one person stay together;
   * replicates that lack a class are drawn again and counted in `redrawnReplicates`.
   */
  readonly resample?: 'sample' | 'identity';
  /** When given, intervals are also computed for the rates at this fixed threshold. */
  readonly threshold?: number;
  /** Called every 1 % of the replicates with the number done (synchronously, from inside the loop). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Point estimate on the full data and the percentile interval of the replicates. */
export interface Interval {
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
  /** Standard deviation of the replicates (n − 1 denominator). */
  readonly standardError: number;
}

export interface BootstrapResult {
  readonly replicates: number;
  readonly seed: number;
  readonly level: number;
  readonly resample: 'sample' | 'identity';
  readonly redrawnReplicates: number;
  readonly auc: Interval;
  readonly eer: Interval;
  readonly atThreshold?: {
    readonly threshold: number;
    readonly apcerMax: Interval;
    readonly apcerPooled: Interval;
    readonly bpcer: Interval;
    readonly acer: Interval;
    readonly hter: Interval;
  };
}

const MAX_REDRAWS_PER_REPLICATE = 100;

/**
 * The most bootstrap replicates accepted: beyond it the percentiles no longer move, only the wait grows
 * (20 000 replicates of 10⁶ scores are 2·10¹⁰ draws, up to about eight minutes on one core).
 */
export const MAX_BOOTSTRAP_REPLICATES = 20_000;

/**
 * The replicates are drawn in BOOTSTRAP_STREAMS fixed streams, whatever the number of threads that run them:
 * stream k draws replicates ⌊kR/S⌋ … ⌊(k+1)R/S⌋ − 1 from SeededRandom(seed) jumped k times (2^64 numbers apart,
 * prng.ts), and the intervals are the percentiles of all R replicates together. So a seed gives the same intervals
 * on one thread (bootstrapConfidenceIntervals) or on several (bootstrapStream per thread, then bootstrapFromStreams).
 */
export const BOOTSTRAP_STREAMS = 2;

/**
 * Bootstrap percentile intervals. Scores are ranked once (O(n log n)); each replicate then costs
 * O(n + m) for m distinct scores (its draws tallied per slot, then read in one pass into the counts below each
 * distinct score, bootstrap-plan.ts; AUC, EER), with no re-sorting. In identity mode a species absent from a replicate is left out of its APCER max.
 * Runs every stream in turn on the calling thread; `onProgress` counts replicates over all of them.
 */
export function bootstrapConfidenceIntervals(data: LabelledScores, options: BootstrapOptions = {}): BootstrapResult {
  const settings = bootstrapSettings(data, options);
  const index = ThresholdIndex.build(data); // validates
  const plan = resamplingPlan(data, index, settings.resample, settings.threshold);
  const streams = Array.from({ length: BOOTSTRAP_STREAMS }, (_, stream) => runReplicates(plan, settings, stream, options.onProgress));
  return intervalsOf(index, settings, streams);
}

/** One stream's replicate statistics (one Float64Array per statistic) and the draws it threw away. */
export interface BootstrapStream {
  readonly stream: number;
  readonly values: Float64Array[];
  readonly redrawnReplicates: number;
}

/**
 * Stream `stream` (0 ≤ stream < BOOTSTRAP_STREAMS) of the bootstrap of `data` with `options`: what one thread
 * runs. `onProgress` counts this stream's replicates (done, of the stream's own total).
 */
export function bootstrapStream(data: LabelledScores, options: BootstrapOptions, stream: number): BootstrapStream {
  if (!Number.isInteger(stream) || stream < 0 || stream >= BOOTSTRAP_STREAMS) throw new MetricsInputError('bad-argument', `bootstrap stream must be an integer from 0 to ${BOOTSTRAP_STREAMS - 1}, got ${stream}`);
  const settings = bootstrapSettings(data, options);
  const index = ThresholdIndex.build(data);
  const { from, to } = streamRange(settings.replicates, stream);
  const onProgress = options.onProgress;
  return runReplicates(resamplingPlan(data, index, settings.resample, settings.threshold), settings, stream, onProgress ? (done) => onProgress(done - from, to - from) : undefined);
}

/** The intervals of `data` from every stream's replicates (any order; each stream once), as bootstrapConfidenceIntervals gives. */
export function bootstrapFromStreams(data: LabelledScores, options: BootstrapOptions, streams: readonly BootstrapStream[]): BootstrapResult {
  const settings = bootstrapSettings(data, options);
  const ordered = [...streams].sort((a, b) => a.stream - b.stream);
  if (ordered.length !== BOOTSTRAP_STREAMS || ordered.some((s, k) => s.stream !== k || s.values[0]!.length !== streamRange(settings.replicates, k).to - streamRange(settings.replicates, k).from)) {
    throw new MetricsInputError('bad-argument', `the bootstrap needs each of its ${BOOTSTRAP_STREAMS} streams once, with its share of ${settings.replicates} replicates`);
  }
  return intervalsOf(ThresholdIndex.build(data), settings, ordered);
}

/** The replicates stream k draws: [from, to). */
function streamRange(replicates: number, stream: number): { from: number; to: number } {
  return { from: Math.floor((stream * replicates) / BOOTSTRAP_STREAMS), to: Math.floor(((stream + 1) * replicates) / BOOTSTRAP_STREAMS) };
}

interface BootstrapSettings {
  readonly replicates: number;
  readonly seed: number;
  readonly level: number;
  readonly resample: 'sample' | 'identity';
  readonly threshold: number | undefined;
}

/** The options with their defaults, checked. */
function bootstrapSettings(data: LabelledScores, options: BootstrapOptions): BootstrapSettings {
  const replicates = options.replicates ?? 1000;
  const seed = options.seed ?? 0;
  const level = options.level ?? 0.95;
  const resample = options.resample ?? 'sample';
  if (!Number.isInteger(replicates) || replicates < 2 || replicates > MAX_BOOTSTRAP_REPLICATES) {
    throw new MetricsInputError('bad-argument', `replicates must be an integer from 2 to ${MAX_BOOTSTRAP_REPLICATES}, got ${replicates}`);
  }
  if (!Number.isInteger(seed)) throw new MetricsInputError('bad-argument', `seed must be an integer, got ${seed}`);
  if (!(level > 0 && level < 1)) throw new MetricsInputError('bad-argument', `level must be in (0, 1), got ${level}`);
  if (options.threshold !== undefined) requireNumber(options.threshold, 'threshold');
  if (resample === 'identity' && data.identityCodes === undefined) {
    throw new MetricsInputError('bad-argument', 'bootstrap by identity needs identity codes for every sample');
  }
  return { replicates, seed, level, resample, threshold: options.threshold };
}

const STAT_NAMES = ['auc', 'eer', 'apcerMax', 'apcerPooled', 'bpcer', 'acer', 'hter'] as const;

/** Draws stream k's replicates in turn and records their statistics; progress as replicates done of all R. */
function runReplicates(plan: ResamplingPlan, settings: BootstrapSettings, stream: number, onProgress?: BootstrapOptions['onProgress']): BootstrapStream {
  const m = plan.distinctScores.length;
  const random = new SeededRandom(settings.seed);
  for (let k = 0; k < stream; k++) random.jump();
  const { from, to } = streamRange(settings.replicates, stream);
  const replicate: ReplicateCounts = {
    drawn: new ByteTally(plan.slotCount),
    counts: { distinctScores: plan.distinctScores, bonaFideBelow: new Uint32Array(m + 1), attacksBelow: new Uint32Array(m + 1), bonaFideCount: 0, attackCount: 0 },
    bonaFideAt: new Uint32Array(plan.order === 'slot' ? m : 0),
    attacksAt: new Uint32Array(plan.order === 'slot' ? m : 0),
    groupTotal: new Uint32Array(1 + plan.speciesCount),
    groupBelowThreshold: new Uint32Array(1 + plan.speciesCount),
  };
  const values = STAT_NAMES.map(() => new Float64Array(to - from));
  let redrawnReplicates = 0;
  const progressEvery = Math.max(1, Math.ceil(settings.replicates / 100));
  for (let r = from; r < to; r++) {
    if (onProgress && r > 0 && r % progressEvery === 0) onProgress(r, settings.replicates);
    redrawnReplicates += drawReplicate(plan, settings.resample, random, replicate);
    recordStatistics(plan, replicate, values, r - from);
  }
  return { stream, values, redrawnReplicates };
}

/**
 * Fills `replicate` with one resample, drawn again while it lacks a class (possible by identity only).
 * Returns the number of draws thrown away. The draws, in order: for each group, as many picks of one of its
 * samples as it has ('sample'); as many picks of one identity as there are identities ('identity').
 */
function drawReplicate(plan: ResamplingPlan, resample: 'sample' | 'identity', random: SeededRandom, replicate: ReplicateCounts): number {
  const { members } = plan;
  const { drawn, groupTotal } = replicate;
  for (let attempt = 0; ; attempt++) {
    drawn.clear();
    if (resample === 'sample') {
      let offset = 0;
      for (const group of members) {
        const size = group.length;
        for (let k = 0; k < size; k++) drawn.add(offset + random.nextIndex(size));
        offset += size;
      }
    } else {
      for (let k = 0; k < members.length; k++) drawn.add(random.nextIndex(members.length));
    }
    countDraws(plan, replicate);
    const bonaFide = groupTotal[0];
    if (bonaFide > 0 && bonaFide < sum(groupTotal)) return attempt;
    if (attempt >= MAX_REDRAWS_PER_REPLICATE) {
      throw new MetricsInputError('one-class', `bootstrap by identity drew ${attempt + 1} one-class replicates in a row; too few identities carry both classes`);
    }
  }
}

/** AUC and EER of replicate `r`, and its rates at the fixed threshold when there is one. */
function recordStatistics(plan: ResamplingPlan, { counts, groupTotal, groupBelowThreshold }: ReplicateCounts, values: Float64Array[], r: number): void {
  values[0][r] = rocAuc(counts);
  values[1][r] = equalErrorRate(counts).eer;
  if (plan.thresholdRow < 0) return;
  let apcerMax = 0;
  let missed = 0;
  for (let g = 1; g <= plan.speciesCount; g++) {
    missed += groupBelowThreshold[g];
    if (groupTotal[g] > 0) apcerMax = Math.max(apcerMax, groupBelowThreshold[g] / groupTotal[g]);
  }
  const apcerPooled = missed / counts.attackCount;
  const bpcer = (counts.bonaFideCount - groupBelowThreshold[0]) / counts.bonaFideCount;
  values[2][r] = apcerMax;
  values[3][r] = apcerPooled;
  values[4][r] = bpcer;
  values[5][r] = (apcerMax + bpcer) / 2;
  values[6][r] = (apcerPooled + bpcer) / 2;
}

/** The point estimates on the full data with the replicates' percentile intervals. */
function intervalsOf(index: ThresholdIndex, settings: BootstrapSettings, streams: readonly BootstrapStream[]): BootstrapResult {
  const { replicates, seed, level, resample, threshold } = settings;
  const values = STAT_NAMES.map((_, k) => {
    const all = new Float64Array(replicates);
    let at = 0;
    for (const stream of streams) {
      all.set(stream.values[k]!, at);
      at += stream.values[k]!.length;
    }
    return all;
  });
  const redrawnReplicates = streams.reduce((total, stream) => total + stream.redrawnReplicates, 0);
  const interval = (estimate: number, replicateValues: Float64Array): Interval => percentileInterval(estimate, replicateValues, level);
  const result: BootstrapResult = {
    replicates,
    seed,
    level,
    resample,
    redrawnReplicates,
    auc: interval(rocAuc(index), values[0]),
    eer: interval(equalErrorRate(index).eer, values[1]),
  };
  if (threshold === undefined) return result;
  const rates = index.ratesAt(threshold);
  return {
    ...result,
    atThreshold: {
      threshold,
      apcerMax: interval(rates.apcerMax, values[2]),
      apcerPooled: interval(rates.apcerPooled, values[3]),
      bpcer: interval(rates.bpcer, values[4]),
      acer: interval(rates.acer, values[5]),
      hter: interval(rates.hter, values[6]),
    },
  };
}

function sum(values: Uint32Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

/**
 * Percentile interval with linear interpolation between order statistics (numpy's default
 * `percentile` method), so it matches `np.percentile(replicates, [2.5, 97.5])` for level 0.95.
 */
export function percentileInterval(estimate: number, replicateValues: Float64Array, level: number): Interval {
  const sorted = replicateValues.slice().sort();
  const quantile = (q: number): number => {
    const position = q * (sorted.length - 1);
    const below = Math.floor(position);
    const above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  };
  let mean = 0;
  for (const value of sorted) mean += value;
  mean /= sorted.length;
  let squares = 0;
  for (const value of sorted) squares += (value - mean) ** 2;
  return {
    estimate,
    lower: quantile((1 - level) / 2),
    upper: quantile((1 + level) / 2),
    standardError: Math.sqrt(squares / (sorted.length - 1)),
  };
}
