// Routing summaries from Soft-MoE weights: per-token expert mass, dominant expert, routing entropy.
// Pure shared code (common/). Tensors are row-major typed arrays; shapes in comments.
//
// Notation: n tokens (CLS at index 0), e experts, s slots per expert.
// combine[n, e, s]: token n's weight on slot (e, s); each token's row sums to 1 over e·s.
// expert mass m[n, e] = Σ_s combine[n, e, s]: how much of token n's output comes from expert e.
import { decodeFloat16 } from './float16.js';

/**
 * Expert mass of one sample: combine [n, e, s] → mass [n, e]. O(n·e·s).
 * `offset` selects the sample inside a batched tensor ([b, n, e, s] with offset = b·n·e·s).
 */
export function expertMass(combine: ArrayLike<number>, n: number, e: number, s: number, offset = 0): Float32Array {
  const mass = new Float32Array(n * e);
  for (let token = 0; token < n; token++) {
    for (let expert = 0; expert < e; expert++) {
      let sum = 0;
      const base = offset + (token * e + expert) * s;
      for (let slot = 0; slot < s; slot++) sum += combine[base + slot]!;
      mass[token * e + expert] = sum;
    }
  }
  return mass;
}

/** Argmax expert of each token (ties → lowest index): mass [n, e] → Uint8Array [n]. */
export function dominantExperts(mass: ArrayLike<number>, n: number, e: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let token = 0; token < n; token++) {
    let best = 0;
    for (let expert = 1; expert < e; expert++) {
      if (mass[token * e + expert]! > mass[token * e + best]!) best = expert;
    }
    out[token] = best;
  }
  return out;
}

/** Shannon entropy (nats) of each token's expert distribution, renormalised to sum 1: [n, e] → [n]. */
export function routingEntropy(mass: ArrayLike<number>, n: number, e: number): Float32Array {
  const out = new Float32Array(n);
  for (let token = 0; token < n; token++) {
    let total = 0;
    for (let expert = 0; expert < e; expert++) total += Math.max(0, mass[token * e + expert]!);
    let h = 0;
    if (total > 0) {
      for (let expert = 0; expert < e; expert++) {
        const p = Math.max(0, mass[token * e + expert]!) / total;
        if (p > 0) h -= p * Math.log(p);
      }
    }
    out[token] = h;
  }
  return out;
}

/** Mean expert mass over the image tokens (CLS excluded): [n, e] → [e]. */
export function meanImageTokenMass(mass: ArrayLike<number>, n: number, e: number): Float32Array {
  const out = new Float32Array(e);
  for (let token = 1; token < n; token++) {
    for (let expert = 0; expert < e; expert++) out[expert]! += mass[token * e + expert]!;
  }
  for (let expert = 0; expert < e; expert++) out[expert]! /= Math.max(1, n - 1);
  return out;
}

/**
 * The expert that most image tokens (CLS excluded) pick as their argmax: a one-number routing
 * summary per sample, used to filter the browser. Ties → lowest index. mass [n, e] → expert.
 */
export function dominantImageExpert(mass: ArrayLike<number>, n: number, e: number): number {
  const votes = new Array<number>(e).fill(0);
  const argmax = dominantExperts(mass, n, e);
  for (let token = 1; token < n; token++) votes[argmax[token]!]! += 1;
  let best = 0;
  for (let expert = 1; expert < e; expert++) if (votes[expert]! > votes[best]!) best = expert;
  return best;
}

/**
 * The sample's dominant expert (dominantImageExpert) in its last MoE layer, from the per-layer expert mass as
 * float16 bits ([n, e] each, sidecar order); null for a dense model (no layers or no experts). Computed once per
 * scored sample, when the workspace records it; the run's live results reuse that value.
 */
export function lastLayerDominantExpert(expertMassByLayer: readonly Uint16Array[], experts: number): number | null {
  const last = expertMassByLayer[expertMassByLayer.length - 1];
  if (!last || experts <= 0) return null;
  const mass = decodeFloat16(last);
  return dominantImageExpert(mass, mass.length / experts, experts);
}
