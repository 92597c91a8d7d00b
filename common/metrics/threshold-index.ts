// Threshold index: scores sorted once into cumulative counts per class and attack species, so that
// every later query (all ISO/IEC 30107-3 rates at a threshold) costs O(log n + species). Pure shared code.

import { radixSortScores, scoreOfKey } from './radix-sort.js';
import {
  DEFAULT_SPECIES_NAME,
  POSITIVE_LABEL,
  requireNumber,
  validateLabelledScores,
  type LabelledScores,
} from './labelled-scores.js';

/**
 * Cumulative class counts over the distinct scores, the common input of ROC, AUC, EER, PR and
 * the threshold criteria (the ThresholdIndex and each bootstrap replicate provide one).
 *
 * Row k (0 ≤ k ≤ m) describes the threshold `thresholdOfRow(k)`: for k < m that is the k-th
 * smallest distinct score, and `*Below[k]` count the samples with score < distinctScores[k], i.e.
 * the samples called bona fide there. Row m is "above every score" (all called bona fide).
 */
export interface BinaryCounts {
  /** Distinct scores, strictly ascending, length m ≥ 1. */
  readonly distinctScores: Float64Array;
  /** Length m + 1, non-decreasing, from 0 to bonaFideCount. */
  readonly bonaFideBelow: Uint32Array;
  /** Length m + 1, non-decreasing, from 0 to attackCount. */
  readonly attacksBelow: Uint32Array;
  readonly bonaFideCount: number;
  readonly attackCount: number;
}

/**
 * The threshold of row k. Above the largest score we follow scikit-learn 1.2's `roc_curve`
 * (max score + 1, a finite value that JSON can carry; sklearn ≥ 1.3 writes +inf there).
 */
export function thresholdOfRow(counts: BinaryCounts, row: number): number {
  const m = counts.distinctScores.length;
  return row < m ? counts.distinctScores[row] : counts.distinctScores[m - 1] + 1;
}

/** Number of entries of the ascending `sorted` that are < value (lower bound). O(log n). */
export function countBelow(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The attack species present in `data` (at least one attack), in the order of its species names.
 * Group 0 is bona fide; attack species with raw code c form group groupOfRawSpecies[c] ≥ 1
 * (−1 for species without attacks). Shared by the index and the bootstrap so both agree. O(n).
 */
export function compactSpecies(data: LabelledScores): {
  speciesNames: string[];
  groupOfRawSpecies: Int32Array;
  rawSpeciesCounts: Uint32Array;
} {
  const { labels, speciesCodes } = data;
  const rawNames = data.speciesNames ?? [DEFAULT_SPECIES_NAME];
  const rawSpeciesCounts = new Uint32Array(rawNames.length);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === POSITIVE_LABEL) rawSpeciesCounts[speciesCodes === undefined ? 0 : speciesCodes[i]]++;
  }
  const groupOfRawSpecies = new Int32Array(rawNames.length).fill(-1);
  const speciesNames: string[] = [];
  for (let code = 0; code < rawNames.length; code++) {
    if (rawSpeciesCounts[code] > 0) {
      groupOfRawSpecies[code] = 1 + speciesNames.length;
      speciesNames.push(rawNames[code]);
    }
  }
  return { speciesNames, groupOfRawSpecies, rawSpeciesCounts };
}

/** Group of sample i: 0 for bona fide, 1 + compact species index for attacks. */
export function groupOfSample(data: LabelledScores, groupOfRawSpecies: Int32Array, i: number): number {
  if (data.labels[i] !== POSITIVE_LABEL) return 0;
  return groupOfRawSpecies[data.speciesCodes === undefined ? 0 : data.speciesCodes[i]];
}

/** Error rates at one threshold (ISO/IEC 30107-3 vocabulary; all rates are fractions in [0, 1]). */
export interface ErrorRates {
  readonly threshold: number;
  /** APCER per attack species, aligned with ThresholdIndex.speciesNames. */
  readonly apcerBySpecies: Float64Array;
  /** ISO APCER: the worst species. */
  readonly apcerMax: number;
  readonly worstSpecies: string;
  /** APCER over all attacks pooled (what UAD papers print). */
  readonly apcerPooled: number;
  readonly bpcer: number;
  /** ISO ACER = (APCER_max + BPCER) / 2. */
  readonly acer: number;
  /** ACER with pooled APCER = (APCER_pooled + BPCER) / 2, as UAD papers compute it. */
  readonly acerPooled: number;
  /** HTER = (FAR + FRR) / 2 with FAR = pooled APCER, FRR = BPCER; numerically equal to acerPooled. */
  readonly hter: number;
  /** Share of all samples decided correctly. */
  readonly acc: number;
  readonly attacksCalledBonaFide: number;
  readonly bonaFideCalledAttack: number;
}

/**
 * Prepared index over labelled scores.
 *
 * Preparation: one LSD radix sort of the scores with their class/species group (O(n) per pass,
 * at most 8 passes; the O(n log n) of the issue is an upper bound) and one scan writing the rows.
 * Memory 8·m + 4·(m+1)·(2 + species) bytes for m distinct scores (species columns share the
 * pooled column when there is a single species), plus about 28·n bytes transient while sorting.
 * Queries: O(log m + species).
 * Ties: samples with equal scores always fall on the same side of any threshold, and curves step
 * over whole tie groups, as scikit-learn's `_binary_clf_curve` does.
 * Species with no attack sample in the data are not listed (their APCER is undefined).
 */
export class ThresholdIndex implements BinaryCounts {
  readonly sampleCount: number;
  readonly attackCount: number;
  readonly bonaFideCount: number;
  readonly distinctScores: Float64Array;
  readonly bonaFideBelow: Uint32Array;
  readonly attacksBelow: Uint32Array;
  /** Names of the attack species present, in the order of the input's species names. */
  readonly speciesNames: readonly string[];
  /** Number of attacks per species, aligned with speciesNames. */
  readonly speciesAttackCounts: Uint32Array;
  /** Row-major (m + 1) × species: attacks of each species with score < distinctScores[row]. */
  readonly speciesBelow: Uint32Array;

  private constructor(fields: {
    attackCount: number;
    bonaFideCount: number;
    distinctScores: Float64Array;
    bonaFideBelow: Uint32Array;
    attacksBelow: Uint32Array;
    speciesNames: readonly string[];
    speciesAttackCounts: Uint32Array;
    speciesBelow: Uint32Array;
  }) {
    this.attackCount = fields.attackCount;
    this.bonaFideCount = fields.bonaFideCount;
    this.sampleCount = fields.attackCount + fields.bonaFideCount;
    this.distinctScores = fields.distinctScores;
    this.bonaFideBelow = fields.bonaFideBelow;
    this.attacksBelow = fields.attacksBelow;
    this.speciesNames = fields.speciesNames;
    this.speciesAttackCounts = fields.speciesAttackCounts;
    this.speciesBelow = fields.speciesBelow;
  }

  /** Validates (throws MetricsInputError) and prepares the index. O(n · radix passes), passes ≤ 8. */
  static build(data: LabelledScores): ThresholdIndex {
    const { attackCount, bonaFideCount } = validateLabelledScores(data);
    const { scores, labels } = data;
    const n = scores.length;

    // Sort tags are raw groups (0 bona fide, 1 + raw species code), counted in the same pass; the
    // scan maps them to compact groups (species without attacks dropped) through a small table.
    const rawSpeciesCodes = data.speciesCodes;
    const rawNames = data.speciesNames ?? [DEFAULT_SPECIES_NAME];
    const rawTags = new Uint32Array(n);
    const rawTagCounts = new Uint32Array(1 + rawNames.length);
    for (let i = 0; i < n; i++) {
      const tag = labels[i] === POSITIVE_LABEL ? 1 + (rawSpeciesCodes === undefined ? 0 : rawSpeciesCodes[i]) : 0;
      rawTags[i] = tag;
      rawTagCounts[tag]++;
    }
    const speciesNames: string[] = [];
    const groupOfTag = new Uint32Array(1 + rawNames.length);
    for (let code = 0; code < rawNames.length; code++) {
      if (rawTagCounts[1 + code] > 0) {
        speciesNames.push(rawNames[code]);
        groupOfTag[1 + code] = speciesNames.length;
      }
    }
    const speciesCount = speciesNames.length;
    const speciesAttackCounts = Uint32Array.from(rawTagCounts.subarray(1).filter((count) => count > 0));
    const { high, low, tags } = radixSortScores(scores, rawTags);

    // Count the distinct scores first so that every row array is allocated once at its size.
    let m = n === 0 ? 0 : 1;
    for (let i = 1; i < n; i++) if (high[i] !== high[i - 1] || low[i] !== low[i - 1]) m++;
    const distinct = new Float64Array(m);
    const bonaFideBelow = new Uint32Array(m + 1);
    const attacksBelow = new Uint32Array(m + 1);
    const speciesBelow = speciesCount === 1 ? attacksBelow : new Uint32Array((m + 1) * speciesCount);

    // One scan: each new key opens a row holding the counts of everything before it (score < it).
    const seenPerGroup = new Uint32Array(1 + speciesCount);
    let row = 0;
    let attacksSeen = 0;
    for (let i = 0; i < n; i++) {
      if (i === 0 || high[i] !== high[i - 1] || low[i] !== low[i - 1]) {
        bonaFideBelow[row] = seenPerGroup[0];
        attacksBelow[row] = attacksSeen;
        if (speciesCount > 1) {
          const rowBase = row * speciesCount;
          for (let s = 0; s < speciesCount; s++) speciesBelow[rowBase + s] = seenPerGroup[s + 1];
        }
        distinct[row++] = scoreOfKey(high[i], low[i]);
      }
      const group = groupOfTag[tags[i]];
      seenPerGroup[group]++;
      if (group !== 0) attacksSeen++;
    }
    bonaFideBelow[m] = bonaFideCount;
    attacksBelow[m] = attackCount;
    if (speciesCount > 1) speciesBelow.set(speciesAttackCounts, m * speciesCount);

    return new ThresholdIndex({
      attackCount,
      bonaFideCount,
      distinctScores: distinct,
      bonaFideBelow,
      attacksBelow,
      speciesNames,
      speciesAttackCounts,
      speciesBelow,
    });
  }

  /** The row whose decisions equal those at `threshold` (attack when score ≥ threshold). O(log m). */
  rowOf(threshold: number): number {
    requireNumber(threshold, 'threshold');
    return countBelow(this.distinctScores, threshold);
  }

  /** All error rates at `threshold`. O(log m + species). */
  ratesAt(threshold: number): ErrorRates {
    return this.ratesAtRow(this.rowOf(threshold), threshold);
  }

  /** Error rates at a row; `threshold` is reported as given (defaults to the row's threshold). */
  ratesAtRow(row: number, threshold = thresholdOfRow(this, row)): ErrorRates {
    const speciesCount = this.speciesNames.length;
    const apcerBySpecies = new Float64Array(speciesCount);
    let apcerMax = -1;
    let worst = 0;
    const rowBase = row * speciesCount;
    for (let s = 0; s < speciesCount; s++) {
      const apcer = this.speciesBelow[rowBase + s] / this.speciesAttackCounts[s];
      apcerBySpecies[s] = apcer;
      if (apcer > apcerMax) {
        apcerMax = apcer;
        worst = s;
      }
    }
    const attacksCalledBonaFide = this.attacksBelow[row];
    const bonaFideCalledAttack = this.bonaFideCount - this.bonaFideBelow[row];
    const apcerPooled = attacksCalledBonaFide / this.attackCount;
    const bpcer = bonaFideCalledAttack / this.bonaFideCount;
    const acerPooled = (apcerPooled + bpcer) / 2;
    return {
      threshold,
      apcerBySpecies,
      apcerMax,
      worstSpecies: this.speciesNames[worst],
      apcerPooled,
      bpcer,
      acer: (apcerMax + bpcer) / 2,
      acerPooled,
      hter: acerPooled,
      acc: (this.sampleCount - attacksCalledBonaFide - bonaFideCalledAttack) / this.sampleCount,
      attacksCalledBonaFide,
      bonaFideCalledAttack,
    };
  }

  /** Worst-species APCER at a row without allocating. O(species). */
  apcerMaxAtRow(row: number): number {
    const speciesCount = this.speciesNames.length;
    const rowBase = row * speciesCount;
    let worst = 0;
    for (let s = 0; s < speciesCount; s++) {
      const apcer = this.speciesBelow[rowBase + s] / this.speciesAttackCounts[s];
      if (apcer > worst) worst = apcer;
    }
    return worst;
  }

  apcerPooledAtRow(row: number): number {
    return this.attacksBelow[row] / this.attackCount;
  }

  bpcerAtRow(row: number): number {
    return (this.bonaFideCount - this.bonaFideBelow[row]) / this.bonaFideCount;
  }

  /** Number of rows (m + 1): every distinct score plus "above every score". */
  get rowCount(): number {
    return this.distinctScores.length + 1;
  }
}
