// Splitting score columns into the labelled-score sets the metrics library takes (one per split, plus
// 'all'), coded the way the CLI's CSV parser codes a file of that split. Renderer (metrics worker).
import { MetricsInputError, ThresholdIndex, type LabelledScores } from '../../common/metrics/index';
import { codeOf } from '../../common/dictionary-codes';
import type { ScoreColumns } from './metrics-protocol';

export const ALL_SPLITS = 'all';
/** Name the CSV parser gives an attack with an empty species field. */
const UNSPECIFIED_SPECIES = 'unspecified';

export interface PreparedSplit {
  split: string;
  data: LabelledScores;
  /** null when the split cannot be evaluated; `unusable` then says why. */
  index: ThresholdIndex | null;
  unusable: string | null;
}

/** The split keys of the columns: 'all', then each named split in order of first appearance. */
export function splitKeys(columns: ScoreColumns): string[] {
  const present = new Set<number>();
  for (let i = 0; i < columns.splitCodes.length; i++) present.add(columns.splitCodes[i]);
  const named = [...present].sort((a, b) => a - b).map((code) => columns.splitNames[code] ?? '').filter((name) => name !== '' && name !== ALL_SPLITS);
  return [ALL_SPLITS, ...named];
}

/**
 * The samples of one split (or all) as LabelledScores, in column order. Species and identity codes
 * are renumbered by first appearance within the subset (species among attacks only), as
 * `parseScoresCsv` numbers them when it reads an `export-scores --split` file: the bootstrap then
 * draws in the same order as `uad metrics --bootstrap` and gives the same intervals. O(n).
 */
type SplitData = LabelledScores & { classCodes?: Uint8Array; questioned: number; outOfDomain: number; outOfDomainDecidedByScore: boolean };

export function subsetOf(columns: ScoreColumns, split: string): SplitData {
  const n = columns.scores.length;
  const splitCode = split === ALL_SPLITS ? -1 : columns.splitNames.indexOf(split);
  let count = 0;
  for (let i = 0; i < n; i++) if (splitCode < 0 || columns.splitCodes[i] === splitCode) count++;
  const scores = new Float64Array(count);
  const labels = new Uint8Array(count);
  const speciesCodes = new Uint32Array(count);
  const identityCodes = columns.identityCodes ? new Uint32Array(count) : undefined;
  const classCodes = columns.classCodes ? new Uint8Array(count) : undefined;
  const speciesIndex = new Map<string, number>();
  const identityIndex = new Map<string, number>();
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (splitCode >= 0 && columns.splitCodes[i] !== splitCode) continue;
    scores[k] = columns.scores[i];
    if (classCodes && columns.classCodes) classCodes[k] = columns.classCodes[i];
    labels[k] = columns.labels[i];
    if (columns.labels[i] === 1) speciesCodes[k] = codeOf(speciesIndex, columns.speciesNames[columns.speciesCodes[i]] || UNSPECIFIED_SPECIES);
    if (identityCodes && columns.identityCodes && columns.identityNames) {
      identityCodes[k] = codeOf(identityIndex, columns.identityNames[columns.identityCodes[i]] || `(sample ${i})`);
    }
    k++;
  }
  const questioned = countOf(columns.questionedBySplit, split);
  const data: SplitData = {
    scores, labels, speciesCodes, speciesNames: [...speciesIndex.keys()], ...(classCodes ? { classCodes } : {}), questioned,
    outOfDomain: countOf(columns.outOfDomainBySplit, split), outOfDomainDecidedByScore: columns.outOfDomainDecidedByScore === true,
  };
  return identityCodes ? { ...data, identityCodes, identityNames: [...identityIndex.keys()] } : data;
}

/** The paths of one split's samples (or all), in the order of `subsetOf`; null when the columns carry none. */
export function splitPaths(columns: ScoreColumns, split: string): string[] | null {
  if (!columns.paths) return null;
  const splitCode = split === ALL_SPLITS ? -1 : columns.splitNames.indexOf(split);
  return columns.paths.filter((_, i) => splitCode < 0 || columns.splitCodes[i] === splitCode);
}

/** A per-split count for one split, or summed over all. */
export function countOf(bySplit: Record<string, number> | undefined, split: string): number {
  const counts = bySplit ?? {};
  return split === ALL_SPLITS ? Object.values(counts).reduce((a, b) => a + b, 0) : counts[split] ?? 0;
}

/** Subset and index of every split; a split the library rejects (one class, …) is kept with the reason. */
export function prepareSplits(columns: ScoreColumns, buildIndex = true): Map<string, PreparedSplit> {
  const prepared = new Map<string, PreparedSplit>();
  for (const split of splitKeys(columns)) {
    const data = subsetOf(columns, split);
    if (!buildIndex) {
      prepared.set(split, { split, data, index: null, unusable: null });
      continue;
    }
    try {
      prepared.set(split, { split, data, index: ThresholdIndex.build(data), unusable: null });
    } catch (error) {
      if (!(error instanceof MetricsInputError)) throw error;
      prepared.set(split, { split, data, index: null, unusable: error.message });
    }
  }
  return prepared;
}
