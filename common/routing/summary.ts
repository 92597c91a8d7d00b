// Stored routing summaries of a scored sample: the rule choosing how much is kept, their encoding and decoding.
// Pure shared code (common/). Notation: L MoE layers, n tokens, e experts.
//
// Encodings of a stored row (one row per layer, or one packed row for all layers):
// - `mass`: per layer the expert mass Σ_s combine [n, e] as float16 (n·e·2 bytes; plus Σ_s dispatch, same shape);
// - `dominant`: the dominant expert of each token, decoded as a one-hot mass: all L layers in one row, `U` `D` L b
//   then the L·n expert indices at b bits each (b = 1, 2, 4 or 8: the fewest that hold e − 1), little-endian bit
//   order (a float16 mass never starts with those bytes: 0x4455 is 4.3 > 1); a single-layer row of n bytes is read too.
// The full dispatch/combine tensors are never stored: the inspector recomputes them for one sample on demand.
import { decodeFloat16 } from './float16.js';
import { dominantExperts, lastLayerDominantExpert } from './expert-mass.js';

/** Routing bytes per scored sample kept in full (`mass`); above it only the dominant expert per token is kept. */
export const ROUTING_SUMMARY_BUDGET_BYTES = 8192;

export type RoutingSummaryKind = 'mass' | 'dominant';

const PACKED_MAGIC = [0x55, 0x44] as const; // 'U', 'D'

/** Bits per stored expert index: the fewest of 1, 2, 4, 8 that hold e − 1. */
export function dominantBits(experts: number): number {
  return experts <= 2 ? 1 : experts <= 4 ? 2 : experts <= 16 ? 4 : 8;
}

/** Payload bytes per sample: mass keeps combine and dispatch mass (2 × L·n·e float16), dominant 4 + ⌈L·n·b / 8⌉. */
export function routingSummaryBytes(kind: RoutingSummaryKind, layers: number, tokens: number, experts: number): number {
  return kind === 'mass' ? 2 * layers * tokens * experts * 2 : 4 + Math.ceil((layers * tokens * dominantBits(experts)) / 8);
}

/** The default for a model: full mass summaries when they fit the budget, else the dominant expert per token. */
export function defaultRoutingSummary(layers: number, tokens: number, experts: number): RoutingSummaryKind {
  return routingSummaryBytes('mass', layers, tokens, experts) <= ROUTING_SUMMARY_BUDGET_BYTES ? 'mass' : 'dominant';
}

/** float16 expert mass [n, e] per layer (bit patterns) → one packed dominant-expert blob for all layers. */
export function packDominant(massF16ByLayer: readonly Uint16Array[], experts: number): Uint8Array {
  const n = massF16ByLayer[0] ? massF16ByLayer[0].length / experts : 0;
  const b = dominantBits(experts);
  const out = new Uint8Array(routingSummaryBytes('dominant', massF16ByLayer.length, n, experts));
  out.set([...PACKED_MAGIC, massF16ByLayer.length, b]);
  massF16ByLayer.forEach((f16, l) => {
    const dominant = dominantExperts(decodeFloat16(f16), n, experts);
    for (let t = 0; t < n; t++) {
      const bit = (l * n + t) * b;
      out[4 + (bit >> 3)]! |= dominant[t]! << (bit & 7);
    }
  });
  return out;
}

/** One routing_summaries row as stored: float16 bytes of a layer's mass (and dispatch), or one packed row. */
export interface RoutingSummaryRow {
  layer: number;
  expertMassF16: Uint8Array;
  dispatchMassF16: Uint8Array | null;
}

/** What the workspace stores of one scored sample's routing: its rows and its dominant expert. */
export interface StoredRouting {
  kind: RoutingSummaryKind;
  tokens: number;
  /** lastLayerDominantExpert of the sample: null for a dense model. */
  dominant: number | null;
  rows: RoutingSummaryRow[];
}

const bytesOf = (a: Uint16Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * The rows and dominant expert stored for one sample from its float16 expert (and dispatch) mass per layer
 * (sidecar order, `layers` their numbers): as `kind` says, by default as defaultRoutingSummary chooses. Computed
 * where the sample is scored (the inference worker) or, for items that arrive without it, when it is recorded.
 */
export function storedRouting(expertMass: readonly Uint16Array[], dispatchMass: readonly Uint16Array[] | undefined, layers: readonly number[],
  experts: number, kind?: RoutingSummaryKind): StoredRouting {
  const tokens = expertMass[0] ? expertMass[0].length / Math.max(1, experts) : 0;
  const chosen = kind ?? defaultRoutingSummary(layers.length, tokens, experts);
  const dominant = lastLayerDominantExpert(expertMass, experts);
  if (chosen === 'dominant' && expertMass.length > 0) {
    return { kind: chosen, tokens, dominant, rows: [{ layer: layers[0]!, expertMassF16: packDominant(expertMass, experts), dispatchMassF16: null }] };
  }
  return { kind: chosen, tokens, dominant, rows: massRows(expertMass, dispatchMass, layers) };
}

/** The `mass` encoding's rows: one per layer, the float16 bytes of its expert (and dispatch) mass as they are. */
export function massRows(expertMass: readonly Uint16Array[], dispatchMass: readonly Uint16Array[] | undefined, layers: readonly number[]): RoutingSummaryRow[] {
  return expertMass.map((mass, index): RoutingSummaryRow => {
    const dispatch = dispatchMass?.[index];
    return { layer: layers[index]!, expertMassF16: bytesOf(mass), dispatchMassF16: dispatch ? bytesOf(dispatch) : null };
  });
}

/**
 * Whether a blob is a packed `dominant` row of exactly `layers` layers of `tokens` tokens over `experts` experts:
 * its header, its length, and every index below `experts` (what packDominant writes, nothing else).
 */
export function isPackedDominant(blob: Uint8Array, layers: number, tokens: number, experts: number): boolean {
  const b = dominantBits(experts);
  if (blob.length !== routingSummaryBytes('dominant', layers, tokens, experts)) return false;
  if (blob[0] !== PACKED_MAGIC[0] || blob[1] !== PACKED_MAGIC[1] || blob[2] !== layers || blob[3] !== b) return false;
  const mask = (1 << b) - 1;
  const count = layers * tokens;
  for (let i = 0; i < count; i++) {
    const bit = i * b;
    if (((blob[4 + (bit >> 3)]! >> (bit & 7)) & mask) >= experts) return false;
  }
  // bits past the last index are zero, as packDominant leaves them
  const used = count * b;
  return used % 8 === 0 || (blob[blob.length - 1]! >> (used % 8)) === 0;
}

/**
 * One stored row → expert mass [n, e] per layer it holds: itself for a per-layer row, or each packed layer
 * (`layer` is the first; the model's MoE layer list names the rest). Rows that fit no encoding give nothing.
 */
export function unpackRoutingRow(blob: Uint8Array, layer: number, tokens: number, experts: number, moeLayers: readonly number[]): { layer: number; mass: Float32Array }[] {
  const count = blob[2] ?? 0;
  const b = blob[3] ?? 0;
  if (blob[0] === PACKED_MAGIC[0] && blob[1] === PACKED_MAGIC[1] && [1, 2, 4, 8].includes(b)
    && blob.length === 4 + Math.ceil((count * tokens * b) / 8)) {
    const first = moeLayers.indexOf(layer);
    if (first < 0 || first + count > moeLayers.length) return [];
    const out: { layer: number; mass: Float32Array }[] = [];
    for (let l = 0; l < count; l++) {
      const mass = new Float32Array(tokens * experts);
      for (let t = 0; t < tokens; t++) {
        const bit = (l * tokens + t) * b;
        const expert = (blob[4 + (bit >> 3)]! >> (bit & 7)) & ((1 << b) - 1);
        if (expert >= experts) return [];
        mass[t * experts + expert] = 1;
      }
      out.push({ layer: moeLayers[first + l]!, mass });
    }
    return out;
  }
  const mass = decodeRoutingSummary(blob, tokens, experts);
  return mass ? [{ layer, mass }] : [];
}

/**
 * A stored summary blob → expert mass [n, e] as float32: float16 mass as stored, or a dominant-expert blob as
 * one-hot rows (mass 1 on the dominant expert). Null when the blob fits neither encoding.
 */
export function decodeRoutingSummary(blob: Uint8Array, tokens: number, experts: number): Float32Array | null {
  if (blob.length === tokens * experts * 2) {
    const aligned = new Uint8Array(blob); // a copy: SQLite blobs need not be 2-byte aligned
    return decodeFloat16(new Uint16Array(aligned.buffer, 0, aligned.length >> 1));
  }
  if (blob.length === tokens) {
    const mass = new Float32Array(tokens * experts);
    for (let token = 0; token < tokens; token++) {
      const expert = blob[token]!;
      if (expert >= experts) return null;
      mass[token * experts + expert] = 1;
    }
    return mass;
  }
  return null;
}
