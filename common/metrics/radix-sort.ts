// LSD radix sort of float64 scores carrying a small integer tag (class / species group) per score.
// Pure shared code (common/): the one O(n) × passes sort behind ThresholdIndex.build.

/**
 * Why radix: the index needs the scores in order *with* their group, and a comparator sort of an
 * index permutation costs ~10× a native numeric sort in V8. Sorting the IEEE-754 bit patterns,
 * mapped to unsigned integers that order like the numbers, moves keys and tags together in a
 * few linear passes. Passes whose digit is the same for every key are skipped, which makes
 * float32-rounded scores (the usual model output, low 29 mantissa bits zero) cheaper still.
 */

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LOW_WORD = LITTLE_ENDIAN ? 0 : 1;
const HIGH_WORD = 1 - LOW_WORD;

export interface SortedScoreKeys {
  /** High 32 bits of each sortable key, ascending with the score. */
  readonly high: Uint32Array;
  /** Low 32 bits of each sortable key. */
  readonly low: Uint32Array;
  /** The tag of each score, permuted with it. Stable: equal scores keep their input order. */
  readonly tags: Uint32Array;
}

/**
 * Sorts `scores` ascending together with `tags`. Scores must be finite or ±Infinity (NaN has no
 * place in the order; callers validate first); −0 is treated as +0. Time O(n · passes) with
 * passes ≤ 8 (8-bit digits below 65 536 scores, else 4 passes of 16-bit digits); memory 24·n bytes.
 */
export function radixSortScores(scores: Float64Array, tags: Uint32Array): SortedScoreKeys {
  const n = scores.length;
  const words = new Uint32Array(scores.buffer, scores.byteOffset, 2 * n);
  let low = new Uint32Array(n);
  let high = new Uint32Array(n);
  let tagsOut = new Uint32Array(n);
  const digitBits = n < 65536 ? 8 : 16;
  const bins = 1 << digitBits;
  const mask = bins - 1;
  const passesPerWord = 32 / digitBits;
  const histograms = new Uint32Array(2 * passesPerWord * bins);

  for (let i = 0; i < n; i++) {
    let lowWord = words[2 * i + LOW_WORD];
    let highWord = words[2 * i + HIGH_WORD];
    if (scores[i] === 0) {
      lowWord = 0; // −0 → +0, so both zeros are one tied score
      highWord = 0;
    }
    // Negative numbers: flip every bit (larger magnitude sorts first); positive: set the sign bit.
    if ((highWord & 0x80000000) !== 0) {
      lowWord = ~lowWord >>> 0;
      highWord = ~highWord >>> 0;
    } else {
      highWord = (highWord | 0x80000000) >>> 0;
    }
    low[i] = lowWord;
    high[i] = highWord;
    tagsOut[i] = tags[i];
    for (let p = 0; p < passesPerWord; p++) {
      histograms[p * bins + ((lowWord >>> (p * digitBits)) & mask)]++;
      histograms[(passesPerWord + p) * bins + ((highWord >>> (p * digitBits)) & mask)]++;
    }
  }

  let lowSpare = new Uint32Array(n);
  let highSpare = new Uint32Array(n);
  let tagsSpare = new Uint32Array(n);
  for (let pass = 0; pass < 2 * passesPerWord; pass++) {
    const base = pass * bins;
    let occupied = 0;
    let offset = 0;
    for (let b = 0; b < bins; b++) {
      const count = histograms[base + b];
      if (count !== 0) occupied++;
      histograms[base + b] = offset;
      offset += count;
    }
    if (occupied <= 1) continue; // every key has this digit: the pass would not move anything
    const source = pass < passesPerWord ? low : high;
    const shift = (pass % passesPerWord) * digitBits;
    for (let i = 0; i < n; i++) {
      const to = histograms[base + ((source[i] >>> shift) & mask)]++;
      lowSpare[to] = low[i];
      highSpare[to] = high[i];
      tagsSpare[to] = tagsOut[i];
    }
    [low, lowSpare] = [lowSpare, low];
    [high, highSpare] = [highSpare, high];
    [tagsOut, tagsSpare] = [tagsSpare, tagsOut];
  }
  return { high, low, tags: tagsOut };
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** The score whose sortable key is (high, low): the inverse of the mapping above. */
export function scoreOfKey(high: number, low: number): number {
  if ((high & 0x80000000) !== 0) {
    scratchWords[HIGH_WORD] = (high & 0x7fffffff) >>> 0;
    scratchWords[LOW_WORD] = low;
  } else {
    scratchWords[HIGH_WORD] = ~high >>> 0;
    scratchWords[LOW_WORD] = ~low >>> 0;
  }
  return scratch[0];
}
