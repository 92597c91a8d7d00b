// Routing specialisation: how much a token's dominant expert tells about its sample's species (or class), as
// normalised mutual information with a sample-level permutation baseline, and lift of expert shares over uniform.
// Pure shared code (common/). Notation: e experts, k labels (species or classes), m samples.
//
// Observations are image tokens: token t of sample j contributes one count to cell (dominant expert of t, label of j).
// Natural logarithms throughout (nats). NMI = I(E; L) / ((H(E) + H(L)) / 2), the arithmetic normalisation that
// scikit-learn's normalized_mutual_info_score uses by default; a table with no counts, or with H(E) + H(L) = 0
// (one expert and one label only), has NMI 0 (nothing to share). NMI lies in [0, 1] and is 1 when each label
// routes to its own experts and each expert serves one label.
import { SeededRandom } from '../metrics/prng.js';

export interface MutualInformation {
  /** I(E; L) in nats. */
  mi: number;
  /** H(E), H(L) in nats. */
  hExperts: number;
  hLabels: number;
  nmi: number;
  total: number;
}

/** MI and NMI of an e × k contingency table of counts (row-major, table[expert · k + label]). O(e·k). */
export function mutualInformation(table: ArrayLike<number>, e: number, k: number): MutualInformation {
  const rows = new Float64Array(e);
  const cols = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < e; i++) {
    for (let j = 0; j < k; j++) {
      const c = table[i * k + j]!;
      if (!(c >= 0)) throw new RangeError(`contingency counts must be ≥ 0, got ${c} at (${i}, ${j})`);
      rows[i]! += c;
      cols[j]! += c;
      total += c;
    }
  }
  if (total === 0) return { mi: 0, hExperts: 0, hLabels: 0, nmi: 0, total: 0 };
  const entropy = (margins: Float64Array) => margins.reduce((h, c) => (c > 0 ? h - (c / total) * Math.log(c / total) : h), 0);
  const hExperts = entropy(rows);
  const hLabels = entropy(cols);
  let mi = 0;
  for (let i = 0; i < e; i++) {
    for (let j = 0; j < k; j++) {
      const c = table[i * k + j]!;
      if (c > 0) mi += (c / total) * Math.log((c * total) / (rows[i]! * cols[j]!));
    }
  }
  mi = Math.max(0, mi); // rounding can leave −1e−17 for independent tables
  const norm = (hExperts + hLabels) / 2;
  return { mi, hExperts, hLabels, nmi: norm > 0 ? Math.min(1, mi / norm) : 0, total };
}

/** Sums per-sample dominant-expert counts ([m, e] row-major) into an e × k table by each sample's label. O(m·e). */
export function contingency(sampleCounts: ArrayLike<number>, labels: ArrayLike<number>, e: number, k: number): Float64Array {
  const table = new Float64Array(e * k);
  for (let j = 0; j < labels.length; j++) {
    const label = labels[j]!;
    if (label < 0 || label >= k) continue; // unlabelled sample: not an observation
    for (let i = 0; i < e; i++) table[i * k + label]! += sampleCounts[j * e + i]!;
  }
  return table;
}

export interface SpecialisationTest extends MutualInformation {
  permutations: number;
  /** Mean and 95th percentile of NMI with the labels shuffled across samples. */
  baselineMean: number;
  baselineP95: number;
  /** (1 + #{permuted NMI ≥ observed}) / (1 + permutations): the chance of this much specialisation by accident. */
  pValue: number;
}

/**
 * NMI of the observed table against `permutations` shuffles of the labels across samples (Fisher–Yates, seeded):
 * shuffling whole samples keeps the tokens of a sample together, so the baseline carries the same within-sample
 * correlation as the data. O(permutations · m · e).
 */
export function specialisationTest(sampleCounts: ArrayLike<number>, labels: ArrayLike<number>, e: number, k: number, permutations = 200, seed = 1): SpecialisationTest {
  const observed = mutualInformation(contingency(sampleCounts, labels, e, k), e, k);
  const shuffled = Int32Array.from(labels);
  const random = new SeededRandom(seed);
  const nulls = new Float64Array(permutations);
  let atLeast = 0;
  for (let p = 0; p < permutations; p++) {
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = random.nextIndex(i + 1);
      const t = shuffled[i]!;
      shuffled[i] = shuffled[j]!;
      shuffled[j] = t;
    }
    const nmi = mutualInformation(contingency(sampleCounts, shuffled, e, k), e, k).nmi;
    nulls[p] = nmi;
    if (nmi >= observed.nmi - 1e-12) atLeast += 1;
  }
  const sorted = Float64Array.from(nulls).sort();
  const p95 = permutations > 0 ? sorted[Math.min(permutations - 1, Math.ceil(0.95 * permutations) - 1)]! : NaN;
  const mean = permutations > 0 ? nulls.reduce((s, v) => s + v, 0) / permutations : NaN;
  return { ...observed, permutations, baselineMean: mean, baselineP95: p95, pValue: (1 + atLeast) / (1 + permutations) };
}

/** Share of each label's tokens routed to each expert: e × k table → k × e rows summing to 1 (0 for an empty label). */
export function expertShares(table: ArrayLike<number>, e: number, k: number): number[][] {
  return Array.from({ length: k }, (_, j) => {
    let total = 0;
    for (let i = 0; i < e; i++) total += table[i * k + j]!;
    return Array.from({ length: e }, (_, i) => (total > 0 ? table[i * k + j]! / total : 0));
  });
}

/** Lift over uniform routing: a share (or mean mass) times e; 1 = what e experts sharing evenly give. */
export function liftOverUniform(share: number, experts: number): number {
  return share * experts;
}
