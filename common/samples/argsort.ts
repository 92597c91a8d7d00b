// Stable argsorts of row indexes by a numeric key, without a comparison per pair: a least-significant-digit
// radix sort over the key's IEEE 754 bits (four passes of 16 bits), O(n) for 10⁶ rows. Equal keys keep
// their input order. Pure shared code (common/).

const DIGITS = 1 << 16;

/**
 * `rows` ordered by `keys[k]` (the key of `rows[k]`), ascending or descending; equal keys (0 and -0 alike)
 * keep their order in `rows`. Keys must not be NaN.
 */
export function radixArgsort(rows: Int32Array, keys: Float64Array, descending: boolean): Int32Array {
  const n = rows.length;
  if (keys.length !== n) throw new RangeError(`${keys.length} keys for ${n} rows`);
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const key = keys[k]!;
    if (Number.isNaN(key)) throw new RangeError('a sort key is NaN');
    bits[0] = key === 0 ? 0 : key;
    // Negative numbers have their bits flipped, the others their sign set: then unsigned order is numeric order.
    let h = words[1]!;
    let l = words[0]!;
    if (h & 0x80000000) { h = ~h >>> 0; l = ~l >>> 0; } else h = (h | 0x80000000) >>> 0;
    if (descending) { h = ~h >>> 0; l = ~l >>> 0; }
    hi[k] = h;
    lo[k] = l;
  }
  let order = new Int32Array(n);
  for (let k = 0; k < n; k++) order[k] = k;
  let next = new Int32Array(n);
  const count = new Int32Array(DIGITS);
  for (const [word, shift] of [[lo, 0], [lo, 16], [hi, 0], [hi, 16]] as const) {
    count.fill(0);
    for (let k = 0; k < n; k++) count[(word[k]! >>> shift) & 0xffff]! += 1;
    let total = 0;
    for (let d = 0; d < DIGITS; d++) { const c = count[d]!; count[d] = total; total += c; }
    for (let k = 0; k < n; k++) {
      const at = order[k]!;
      next[count[(word[at]! >>> shift) & 0xffff]!++] = at;
    }
    [order, next] = [next, order];
  }
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) out[k] = rows[order[k]!]!;
  return out;
}

/** The rank of each string among the distinct values (ordered as `<` orders strings: by UTF-16 code units). */
export function stringRanks(values: readonly string[]): Map<string, number> {
  const distinct = [...new Set(values)].sort();
  return new Map(distinct.map((value, rank) => [value, rank]));
}
