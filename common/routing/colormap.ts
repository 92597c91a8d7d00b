// Colour maps for heatmaps: viridis (perceptually uniform; zero is a colour, never transparent) and a
// categorical palette for experts. Pure shared code (common/).

// Viridis anchor colours at t = 0, 1/8, …, 1 (matplotlib's map), linearly interpolated between anchors.
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
];

/** Viridis colour of t ∈ [0, 1] (clamped; NaN → the t = 0 colour). */
export function viridis(t: number): [number, number, number] {
  const x = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t));
  const position = x * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(position));
  const f = position - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** Distinct, colour-blind-friendly expert colours (Okabe–Ito), cycled beyond eight. */
export const EXPERT_COLOURS: readonly [number, number, number][] = [
  [0, 114, 178], [230, 159, 0], [0, 158, 115], [204, 121, 167], [86, 180, 233], [213, 94, 0], [240, 228, 66], [140, 140, 140],
];

export const expertColour = (expert: number): [number, number, number] => EXPERT_COLOURS[expert % EXPERT_COLOURS.length]!;

export const cssColour = ([r, g, b]: [number, number, number], alpha = 1): string => `rgba(${r}, ${g}, ${b}, ${alpha})`;

/**
 * Diverging colour of a lift over uniform (1 = uniform): grey at 1, towards orange above and blue below, full
 * strength at `maxDeviation` from 1 (the table's largest, so a 0.258 vs 0.25 difference shows).
 */
/** How far a lift is towards its end of the diverging scale: 'over' or 'under' uniform, t in [0, 1]. */
export function liftStrength(lift: number, maxDeviation: number): { side: 'over' | 'under'; t: number } {
  const t = Number.isFinite(lift) && maxDeviation > 0 ? Math.min(1, Math.abs(lift - 1) / maxDeviation) : 0;
  return { side: lift >= 1 ? 'over' : 'under', t };
}

export function liftColour(lift: number, maxDeviation: number): [number, number, number] {
  const grey: [number, number, number] = [58, 70, 84];
  const target: [number, number, number] = lift >= 1 ? [232, 131, 58] : [58, 141, 232];
  const t = Number.isFinite(lift) && maxDeviation > 0 ? Math.min(1, Math.abs(lift - 1) / maxDeviation) : 0;
  return [0, 1, 2].map((i) => Math.round(grey[i]! + (target[i]! - grey[i]!) * t)) as [number, number, number];
}
