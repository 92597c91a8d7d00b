// Perturbation probe: the families of image degradation an attack or a recapture introduces, their
// strength ladders, the pure pixel operations (gamma, noise, print-like halftone, screen-like moiré) and
// the strength at which the decision flips. JPEG, blur and rescaling are done with sharp on the Node side.
// Pure shared code (common/). Images are RGB, HWC uint8, size × size × 3.
import { isCalledAttack } from '../metrics/decision.js';
import { SeededRandom } from '../metrics/prng.js';

export type PerturbationId = 'jpeg' | 'blur' | 'rescale' | 'gamma' | 'noise' | 'halftone' | 'moire';

export interface PerturbationFamily {
  id: PerturbationId;
  label: string;
  /** What a strength value means. */
  unit: string;
  /** Increasing strength, mildest first. */
  strengths: number[];
}

/** The ladders every probe runs (fixed, so probes of different samples compare). */
export const PERTURBATIONS: readonly PerturbationFamily[] = [
  { id: 'jpeg', label: 'JPEG recompression', unit: 'quality (lower is stronger)', strengths: [90, 75, 60, 45, 30, 15, 5] },
  { id: 'blur', label: 'Gaussian blur', unit: 'σ in pixels', strengths: [0.5, 0.8, 1.2, 1.6, 2.4, 3.2] },
  { id: 'rescale', label: 'down-and-up scaling', unit: 'scale factor (lower is stronger)', strengths: [0.8, 0.6, 0.45, 0.33, 0.25, 0.15] },
  { id: 'gamma', label: 'gamma', unit: 'exponent γ (output = input^γ)', strengths: [1.2, 1.5, 1.8, 2.2, 2.6, 3] },
  { id: 'noise', label: 'Gaussian noise', unit: 'σ in grey levels', strengths: [2, 4, 8, 12, 18, 25] },
  { id: 'halftone', label: 'halftone (print-like)', unit: 'blend of a 4-pixel dot screen', strengths: [0.1, 0.2, 0.35, 0.5, 0.75, 1] },
  { id: 'moire', label: 'moiré (screen-like)', unit: 'modulation depth', strengths: [0.05, 0.1, 0.2, 0.3, 0.45, 0.6] },
];

/** Seed of the noise family: the same sample gives the same probe every time. */
export const NOISE_SEED = 0x5eed;

const clampByte = (v: number): number => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/** out = 255·(in/255)^γ per channel. */
export function applyGamma(rgb: Uint8Array, gamma: number): Uint8Array {
  const table = Uint8Array.from({ length: 256 }, (_, v) => clampByte(255 * (v / 255) ** gamma));
  return rgb.map((v) => table[v]!);
}

/** Additive Gaussian noise of standard deviation sigma (grey levels), seeded (Box–Muller). */
export function applyNoise(rgb: Uint8Array, sigma: number, seed = NOISE_SEED): Uint8Array {
  const random = new SeededRandom(seed);
  const out = new Uint8Array(rgb.length);
  for (let i = 0; i < rgb.length; i += 2) {
    const u = 1 - random.nextDouble(); // (0, 1]
    const v = random.nextDouble();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = clampByte(rgb[i]! + sigma * r * Math.cos(2 * Math.PI * v));
    if (i + 1 < rgb.length) out[i + 1] = clampByte(rgb[i + 1]! + sigma * r * Math.sin(2 * Math.PI * v));
  }
  return out;
}

/** Screen angles of the three channels (as a print's colour plates are turned against each other). */
const SCREEN_ANGLES = [15, 75, 0].map((d) => (d * Math.PI) / 180);
const SCREEN_PERIOD = 4;

/**
 * Print-like halftone: each channel thresholded against a rotated cosine dot screen of a 4-pixel period
 * (ink on or off), blended with the original by `strength` in [0, 1].
 */
export function applyHalftone(rgb: Uint8Array, size: number, strength: number): Uint8Array {
  const out = new Uint8Array(rgb.length);
  const w = (2 * Math.PI) / SCREEN_PERIOD;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < 3; c++) {
        const a = SCREEN_ANGLES[c]!;
        const u = x * Math.cos(a) + y * Math.sin(a);
        const v = -x * Math.sin(a) + y * Math.cos(a);
        const screen = (Math.cos(w * u) * Math.cos(w * v) + 1) / 2; // [0, 1]
        const i = (y * size + x) * 3 + c;
        const ink = rgb[i]! / 255 > screen ? 255 : 0;
        out[i] = clampByte((1 - strength) * rgb[i]! + strength * ink);
      }
    }
  }
  return out;
}

/** Frequency (cycles per pixel) and angles of the two gratings whose beat is the moiré. */
const MOIRE_FREQUENCY = 0.45;
const MOIRE_ANGLES = [0, 5].map((d) => (d * Math.PI) / 180);

/**
 * Screen-like moiré: a display's pixel grid photographed slightly off-axis aliases into a low-frequency
 * beat; modelled as the product of two gratings near the Nyquist rate, 5° apart, modulating the image
 * by depth `strength`: out = in · (1 + strength · g₁ · g₂).
 */
export function applyMoire(rgb: Uint8Array, size: number, strength: number): Uint8Array {
  const out = new Uint8Array(rgb.length);
  const w = 2 * Math.PI * MOIRE_FREQUENCY;
  const [a1, a2] = MOIRE_ANGLES as [number, number];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const g = Math.cos(w * (x * Math.cos(a1) + y * Math.sin(a1))) * Math.cos(w * (x * Math.cos(a2) + y * Math.sin(a2)));
      const factor = 1 + strength * g;
      const i = (y * size + x) * 3;
      for (let c = 0; c < 3; c++) out[i + c] = clampByte(rgb[i + c]! * factor);
    }
  }
  return out;
}

/**
 * The first strength of a ladder at which the decision (attack when score ≥ τ) differs from the
 * unperturbed one, or null when none of the strengths flips it.
 */
export function flipStrength(baseScore: number, strengths: readonly number[], scores: readonly number[], threshold: number): number | null {
  const baseAttack = isCalledAttack(baseScore, threshold);
  for (let i = 0; i < Math.min(strengths.length, scores.length); i++) {
    if (isCalledAttack(scores[i]!, threshold) !== baseAttack) return strengths[i]!;
  }
  return null;
}
