// Exact k-nearest-neighbour search by cosine similarity over a model's embeddings: rows are normalised
// once, a query is one pass of dot products with a bounded min-heap of the k best. Pure shared code
// (common/). Notation: n rows, d dimensions, k neighbours.
import { fromFloat16Bits } from '../routing/float16.js';

let halfTable: Float32Array | null = null;

/** Every float16 bit pattern's value (256 KiB, built once): decoding 10⁸ values by lookup, not arithmetic. */
function float16Table(): Float32Array {
  halfTable ??= Float32Array.from({ length: 65536 }, (_, bits) => fromFloat16Bits(bits));
  return halfTable;
}

/** Unit-length rows as float32, [n, d] row-major; an all-zero row stays zero (similarity 0 to everything). */
export function normalisedRows(values: ArrayLike<number>, n: number, d: number, float16 = false): Float32Array {
  if (values.length !== n * d) throw new RangeError(`expected ${n}×${d} values, got ${values.length}`);
  const out = new Float32Array(n * d);
  const table = float16 ? float16Table() : null;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    let sum = 0;
    for (let j = 0; j < d; j++) {
      const v = table ? table[values[base + j]!]! : values[base + j]!;
      const finite = Number.isFinite(v) ? v : 0; // a non-finite component cannot rank anything
      out[base + j] = finite;
      sum += finite * finite;
    }
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let j = 0; j < d; j++) out[base + j]! *= scale;
  }
  return out;
}

export interface Neighbour {
  /** Row index into the matrix. */
  index: number;
  /** Cosine similarity in [−1, 1]. */
  similarity: number;
}

/** Ranking: higher similarity first, then the lower row index (a stable, total order). */
const better = (a: Neighbour, b: Neighbour): boolean => a.similarity > b.similarity || (a.similarity === b.similarity && a.index < b.index);

/**
 * The k rows of `unit` (normalised, [n, d]) most similar to row `queryIndex` (excluded from its own
 * result), best first. Exact: every row is compared.
 */
export function nearestToRow(unit: Float32Array, n: number, d: number, queryIndex: number, k: number): Neighbour[] {
  if (queryIndex < 0 || queryIndex >= n) throw new RangeError(`query row ${queryIndex} is outside 0…${n - 1}`);
  return nearest(unit, n, d, unit.subarray(queryIndex * d, (queryIndex + 1) * d), k, queryIndex);
}

/** The k rows most similar to a unit-length query vector, best first; `skip` names a row to leave out. */
export function nearest(unit: Float32Array, n: number, d: number, query: Float32Array, k: number, skip = -1): Neighbour[] {
  const size = Math.max(0, Math.min(Math.floor(k), n - (skip >= 0 && skip < n ? 1 : 0)));
  if (size === 0) return [];
  // heap[0] is the worst of the kept k (a min-heap under `better`).
  const heap: Neighbour[] = [];
  const siftDown = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst]!, heap[l]!)) worst = l;
      if (r < heap.length && better(heap[worst]!, heap[r]!)) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  const siftUp = (start: number) => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!better(heap[parent]!, heap[i]!)) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  for (let row = 0; row < n; row++) {
    if (row === skip) continue;
    const base = row * d;
    let dot = 0;
    for (let j = 0; j < d; j++) dot += unit[base + j]! * query[j]!;
    const candidate = { index: row, similarity: dot };
    if (heap.length < size) {
      heap.push(candidate);
      siftUp(heap.length - 1);
    } else if (better(candidate, heap[0]!)) {
      heap[0] = candidate;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}
