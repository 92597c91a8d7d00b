// What each bootstrap replicate (bootstrap.ts) draws from and how its draws become counts below each distinct score:
// the draws are tallied per slot (byte-tally.ts), then read in one pass, in score order or in slot order, whichever
// touches less memory at random. Pure shared code (common/).
import type { ByteTally } from './byte-tally.js';
import type { LabelledScores } from './labelled-scores.js';
import { radixSortScores } from './radix-sort.js';
import { compactSpecies, groupOfSample, type BinaryCounts, type ThresholdIndex } from './threshold-index.js';

/**
 * A draw picks a slot: in 'sample' mode position j of a group's sample list (the groups one after another), in
 * 'identity' mode an identity's list. Every sample belongs to one slot, and has a row (its distinct score) and a
 * group (0: bona fide; 1 + k: attack species k).
 */
export interface ResamplingPlan {
  readonly distinctScores: Float64Array;
  readonly speciesCount: number;
  /** Sample lists: one per group ('sample'), or one per identity ('identity'); empty ones dropped. */
  readonly members: Uint32Array[];
  /** Slots in all: n ('sample') or the number of identity lists ('identity'). */
  readonly slotCount: number;
  /**
   * 'score': the samples in score order, each with its slot (read at random from the tally) and group, and each
   * row's end. 'slot': the samples slot after slot, each with its row (counted at random into the rows) and group,
   * and each slot's end. 'slot' when the rows' two counts take no more room than the tally (few distinct scores).
   */
  readonly order: 'score' | 'slot';
  readonly slotOrRow: Uint32Array;
  readonly group: Uint32Array;
  readonly end: Uint32Array;
  /** Row of the fixed threshold in the distinct scores; −1 without one. */
  readonly thresholdRow: number;
}

/** Which pass a plan of `slots` slots and `rows` distinct scores uses (see ResamplingPlan.order). */
export function passOrder(slots: number, rows: number): 'score' | 'slot' {
  return 8 * rows <= slots ? 'slot' : 'score';
}

export function resamplingPlan(data: LabelledScores, index: ThresholdIndex, resample: 'sample' | 'identity', threshold: number | undefined): ResamplingPlan {
  const n = data.scores.length;
  const m = index.distinctScores.length;
  const speciesCount = index.speciesNames.length;
  const { groupOfRawSpecies } = compactSpecies(data);
  const groupOf = new Uint32Array(n);
  const sampleIds = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    groupOf[i] = groupOfSample(data, groupOfRawSpecies, i);
    sampleIds[i] = i;
  }
  const members = resample === 'sample' ? membersBy(groupOf, 1 + speciesCount) : membersBy(data.identityCodes as Uint32Array, data.identityNames?.length ?? 0);
  // each sample's row: the samples in score order (the sort behind the index), a change of key starting the next row
  const { high, low, tags: sorted } = radixSortScores(data.scores, sampleIds);
  const rowOf = new Uint32Array(n);
  let row = 0;
  for (let p = 0; p < n; p++) {
    if (p > 0 && (high[p] !== high[p - 1] || low[p] !== low[p - 1])) row++;
    rowOf[sorted[p]] = row;
  }
  if (row !== m - 1) throw new Error(`the bootstrap found ${row + 1} distinct scores where the index has ${m}`);
  const slotCount = resample === 'sample' ? n : members.length;
  const order = passOrder(slotCount, m);
  const slotOrRow = new Uint32Array(n);
  const group = new Uint32Array(n);
  const end = new Uint32Array(order === 'score' ? m : slotCount);
  if (order === 'slot') {
    let e = 0;
    members.forEach((list, u) => {
      for (let j = 0; j < list.length; j++, e++) {
        slotOrRow[e] = rowOf[list[j]];
        group[e] = groupOf[list[j]];
        if (resample === 'sample') end[e] = e + 1;
      }
      if (resample === 'identity') end[u] = e;
    });
  } else {
    const slotOf = new Uint32Array(n);
    let slot = 0;
    for (const list of members) {
      for (let j = 0; j < list.length; j++) slotOf[list[j]] = resample === 'sample' ? slot + j : slot;
      slot += resample === 'sample' ? list.length : 1;
    }
    for (let p = 0; p < n; p++) {
      slotOrRow[p] = slotOf[sorted[p]];
      group[p] = groupOf[sorted[p]];
      end[rowOf[sorted[p]]] = p + 1;
    }
  }
  const thresholdRow = threshold === undefined ? -1 : index.rowOf(threshold);
  return { distinctScores: index.distinctScores, speciesCount, members, slotCount, order, slotOrRow, group, end, thresholdRow };
}

/** One replicate's counts, reused from replicate to replicate. */
export interface ReplicateCounts {
  readonly drawn: ByteTally;
  readonly counts: { -readonly [K in keyof BinaryCounts]: BinaryCounts[K] };
  /** Draws per distinct score and class ('slot' order's scratch). */
  readonly bonaFideAt: Uint32Array;
  readonly attacksAt: Uint32Array;
  readonly groupTotal: Uint32Array;
  readonly groupBelowThreshold: Uint32Array;
}

/** The replicate's counts below each distinct score (prefix sums), class totals and per-group tallies, from its tally in one pass. */
export function countDraws(plan: ResamplingPlan, replicate: ReplicateCounts): void {
  replicate.groupTotal.fill(0);
  replicate.groupBelowThreshold.fill(0);
  if (plan.order === 'score') countInScoreOrder(plan, replicate);
  else countInSlotOrder(plan, replicate);
}

/**
 * Score order: every sample's draws go to its group's running total, with no branch on the sample; the counts below
 * a row are the running totals where the row starts (bona fide: group 0; attacks: the rest), and the groups' counts
 * below the threshold are the running totals where the threshold's row starts.
 */
function countInScoreOrder(plan: ResamplingPlan, { drawn, counts, groupTotal, groupBelowThreshold }: ReplicateCounts): void {
  const { slotOrRow: slotBySorted, group: groupBySorted, end: rowEnd, thresholdRow } = plan;
  const { bonaFideBelow, attacksBelow } = counts;
  const m = rowEnd.length;
  let total = 0;
  let p = 0;
  for (let row = 0; row < m; row++) {
    if (row === thresholdRow) groupBelowThreshold.set(groupTotal);
    bonaFideBelow[row] = groupTotal[0];
    attacksBelow[row] = total - groupTotal[0];
    for (const end = rowEnd[row]; p < end; p++) {
      const times = drawn.count(slotBySorted[p]);
      groupTotal[groupBySorted[p]] += times;
      total += times;
    }
  }
  if (thresholdRow === m) groupBelowThreshold.set(groupTotal);
  bonaFideBelow[m] = counts.bonaFideCount = groupTotal[0];
  attacksBelow[m] = counts.attackCount = total - groupTotal[0];
}

function countInSlotOrder(plan: ResamplingPlan, { drawn, counts, bonaFideAt, attacksAt, groupTotal, groupBelowThreshold }: ReplicateCounts): void {
  const { slotOrRow: rowOf, group: groupOf, end: slotEnd, thresholdRow } = plan;
  bonaFideAt.fill(0);
  attacksAt.fill(0);
  let e = 0;
  for (let slot = 0; slot < slotEnd.length; slot++) {
    const end = slotEnd[slot];
    const times = drawn.count(slot);
    if (times === 0) {
      e = end;
      continue;
    }
    for (; e < end; e++) {
      const row = rowOf[e];
      const group = groupOf[e];
      if (group === 0) bonaFideAt[row] += times;
      else attacksAt[row] += times;
      groupTotal[group] += times;
      if (row < thresholdRow) groupBelowThreshold[group] += times;
    }
  }
  const { bonaFideBelow, attacksBelow } = counts;
  const m = bonaFideAt.length;
  let bonaFideSoFar = 0;
  let attacksSoFar = 0;
  for (let row = 0; row < m; row++) {
    bonaFideBelow[row] = bonaFideSoFar;
    attacksBelow[row] = attacksSoFar;
    bonaFideSoFar += bonaFideAt[row];
    attacksSoFar += attacksAt[row];
  }
  bonaFideBelow[m] = counts.bonaFideCount = bonaFideSoFar;
  attacksBelow[m] = counts.attackCount = attacksSoFar;
}

/** Members of each key 0..keyCount−1 (keys without members dropped), as index lists. O(n). */
function membersBy(keyOf: Uint32Array, keyCount: number): Uint32Array[] {
  const sizes = new Uint32Array(keyCount);
  for (let i = 0; i < keyOf.length; i++) sizes[keyOf[i]]++;
  const lists = Array.from(sizes, (size) => new Uint32Array(size));
  const fill = new Uint32Array(keyCount);
  for (let i = 0; i < keyOf.length; i++) lists[keyOf[i]][fill[keyOf[i]]++] = i;
  return lists.filter((list) => list.length > 0);
}
