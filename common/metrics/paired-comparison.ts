// The paired comparison of two models on the same samples, each at its own threshold: McNemar per class,
// DeLong for ΔAUC, the paired bootstrap, per-species ΔAPCER with Holm, and a plain reading of each
// difference that a person can quote. Pure shared code (common/); the CLI and the report print it.

import { pairedBootstrap, type DifferenceInterval, type PairedBootstrapOptions, type PairedBootstrapResult } from './paired-bootstrap.js';
import { delongTest, pairedMcNemar, speciesComparison, validatePairedScores, type DeLongResult, type McNemarResult, type PairedScores, type SpeciesComparison } from './paired.js';

/** The significance level at which a reading calls a difference real. */
export const READING_ALPHA = 0.05;

export interface PairedComparison {
  readonly n: number;
  readonly thresholdA: number;
  readonly thresholdB: number;
  readonly mcnemar: { readonly attack: McNemarResult; readonly bonaFide: McNemarResult };
  readonly delong: DeLongResult;
  readonly bootstrap: PairedBootstrapResult;
  readonly species: readonly SpeciesComparison[];
  /** One plain sentence each for BPCER, APCER (pooled) and AUC. */
  readonly readings: readonly string[];
}

/** Every paired statistic of B against A, A decided at τA and B at τB. */
export function comparePaired(data: PairedScores, thresholdA: number, thresholdB: number, options: PairedBootstrapOptions = {}): PairedComparison {
  validatePairedScores(data);
  const mcnemar = pairedMcNemar(data, thresholdA, thresholdB);
  const delong = delongTest(data, options.level ?? 0.95);
  const bootstrap = pairedBootstrap(data, thresholdA, thresholdB, options);
  const species = speciesComparison(data, thresholdA, thresholdB);
  const readings = [
    rateReading('BPCER', bootstrap.bpcer, bootstrap.level, mcnemar.bonaFide.p, 'McNemar'),
    rateReading('pooled APCER', bootstrap.apcerPooled, bootstrap.level, mcnemar.attack.p, 'McNemar'),
    aucReading(delong),
  ];
  return { n: data.labels.length, thresholdA, thresholdB, mcnemar, delong, bootstrap, species, readings };
}

/** A p-value as people quote it: two decimals from 0.1, three from 0.001, four from 0.0001, '< 0.0001' below. */
export function formatPValue(p: number): string {
  if (p < 1e-4) return '< 0.0001';
  if (p >= 0.1) return p.toFixed(2);
  return p.toFixed(p >= 0.001 ? 3 : 4);
}

/** An interval's ends in the direction the sentence speaks of, with an en dash when both are non-negative. */
function span(low: number, high: number, digits: number): string {
  const text = (value: number): string => (Object.is(value, -0) ? 0 : value).toFixed(digits).replace('-', '−');
  return low >= 0 ? `${text(low)}–${text(high)}` : `${text(low)} to ${text(high)}`;
}

/** The verdict from a test's p and whether the interval leaves out zero. */
function verdict(p: number, low: number, high: number): string {
  const significant = p < READING_ALPHA;
  const intervalExcludesZero = low > 0 || high < 0;
  if (significant && intervalExcludesZero) return 'a real difference on this data';
  if (!significant && !intervalExcludesZero) return 'no difference shown at this sample size';
  return 'borderline: the test and the interval disagree, more samples would settle it';
}

/** "B's BPCER is lower by 1.3 points (95 % CI 0.4–2.2); McNemar p = 0.004 — a real difference on this data". */
export function rateReading(measure: string, interval: DifferenceInterval, level: number, p: number, test: string): string {
  const percent = Math.round(level * 100);
  const points = (value: number): number => value * 100;
  const tail = `; ${test} p = ${formatPValue(p)} — ${verdict(p, interval.low, interval.high)}`;
  if (interval.diff === 0) return `B's ${measure} equals A's (${points(interval.a).toFixed(2)} %) (${percent} % CI of B − A ${span(points(interval.low), points(interval.high), 1)} points)${tail}`;
  const lower = interval.diff < 0;
  // The interval of the amount lower (A − B) or higher (B − A).
  const [low, high] = lower ? [-interval.high, -interval.low] : [interval.low, interval.high];
  return `B's ${measure} is ${lower ? 'lower' : 'higher'} by ${Math.abs(points(interval.diff)).toFixed(1)} points (${percent} % CI ${span(points(low), points(high), 1)})${tail}`;
}

/** "B's AUC is higher by 0.012 (95 % CI 0.004–0.020); DeLong p = 0.003 — a real difference on this data". */
export function aucReading(delong: DeLongResult): string {
  const percent = Math.round(delong.level * 100);
  const tail = `; DeLong p = ${formatPValue(delong.p)} — ${verdict(delong.p, delong.low, delong.high)}`;
  if (delong.diff === 0) return `B's AUC equals A's (${delong.aucA.toFixed(4)})${tail}`;
  const higher = delong.diff > 0;
  const [low, high] = higher ? [delong.low, delong.high] : [-delong.high, -delong.low];
  return `B's AUC is ${higher ? 'higher' : 'lower'} by ${Math.abs(delong.diff).toFixed(4)} (${percent} % CI ${span(low, high, 4)})${tail}`;
}

/** The comparison as the `pairs[]` entry of `uad compare --json` (rates as fractions). */
export function pairedComparisonJson(a: string, b: string, comparison: PairedComparison): Record<string, unknown> {
  const difference = (interval: DifferenceInterval): Record<string, number> => ({ diff: interval.diff, low: interval.low, high: interval.high });
  const { mcnemar, delong, bootstrap } = comparison;
  return {
    a,
    b,
    n: comparison.n,
    threshold_a: comparison.thresholdA,
    threshold_b: comparison.thresholdB,
    mcnemar: {
      attack: { ...mcnemar.attack },
      bona_fide: { ...mcnemar.bonaFide },
    },
    delong: { auc_a: delong.aucA, auc_b: delong.aucB, diff: delong.diff, low: delong.low, high: delong.high, p: delong.p },
    bootstrap: {
      acer: difference(bootstrap.acer),
      apcer_max: difference(bootstrap.apcerMax),
      bpcer: difference(bootstrap.bpcer),
      eer: difference(bootstrap.eer),
    },
    species: comparison.species.map((row) => ({ name: row.name, diff: row.diff, p_holm: row.pHolm })),
    reading: comparison.readings,
  };
}
