// The background of a lift cell, mixed from the theme's heat tokens (styles.css) so its text stays readable
// in the light and the dark theme. Renderer (pure).
import { liftStrength } from '../../../common/routing/colormap';

export function heatBackground(lift: number, maxDeviation: number): string {
  const { side, t } = liftStrength(lift, maxDeviation);
  return `color-mix(in srgb, var(--heat-${side}) ${(t * 100).toFixed(1)}%, var(--heat-neutral))`;
}
