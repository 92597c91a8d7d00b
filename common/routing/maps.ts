// Per-token maps for the routing views: expert mass, per-slot dispatch, argmax expert, laid out on the
// patch grid (CLS excluded). Pure shared code (common/).
// Notation: n tokens (CLS at 0, then the gh×gw patch grid row-major), e experts, s slots per expert.
// dispatch[n, e, s]: each slot's weights over tokens sum to 1; combine[n, e, s]: each token's row sums to 1.

/** Dispatch weight of every token into slot (expert, slot): [n]. */
export function dispatchColumn(dispatch: ArrayLike<number>, n: number, e: number, s: number, expert: number, slot: number): Float32Array {
  const out = new Float32Array(n);
  const column = expert * s + slot;
  for (let token = 0; token < n; token++) out[token] = dispatch[token * e * s + column]!;
  return out;
}

/** Σ_s dispatch[n, e, s] for one expert: how much of each token the expert's slots take in, [n]. */
export function dispatchMassForExpert(dispatch: ArrayLike<number>, n: number, e: number, s: number, expert: number): Float32Array {
  const out = new Float32Array(n);
  for (let token = 0; token < n; token++) {
    let sum = 0;
    const base = token * e * s + expert * s;
    for (let slot = 0; slot < s; slot++) sum += dispatch[base + slot]!;
    out[token] = sum;
  }
  return out;
}

/** Column `expert` of a [n, e] matrix: [n]. */
export function expertColumn(mass: ArrayLike<number>, n: number, e: number, expert: number): Float32Array {
  const out = new Float32Array(n);
  for (let token = 0; token < n; token++) out[token] = mass[token * e + expert]!;
  return out;
}

/** The patch-grid part of a per-token vector (drops CLS at index 0): [n] → [gh·gw]. */
export function patchGrid(values: ArrayLike<number>, gh: number, gw: number): Float32Array {
  if (values.length !== gh * gw + 1) throw new Error(`expected ${gh * gw + 1} tokens for a ${gh}×${gw} grid plus CLS, got ${values.length}`);
  const out = new Float32Array(gh * gw);
  for (let i = 0; i < gh * gw; i++) out[i] = values[i + 1]!;
  return out;
}

/** Min and max of the finite values (0, 0 for none). */
export function valueRange(values: ArrayLike<number>): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) ? { min, max } : { min: 0, max: 0 };
}
