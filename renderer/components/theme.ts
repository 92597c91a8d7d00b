// The theme's colour tokens read at render time (getComputedStyle on the root) for drawings a CSS variable cannot
// reach (SVG attributes, canvas, WebGL, exported files), and a hook that re-renders when the system switches between
// the light and the dark theme. Renderer (DOM); the one place chart colours come from.
import { useMemo, useSyncExternalStore } from 'react';
import { SERIES_COUNT, SPECIES_COUNT, THEME_TOKENS, type ChartTheme } from './palette';

const LIGHT = '(prefers-color-scheme: light)';

function scheme(): 'light' | 'dark' {
  return typeof window !== 'undefined' && window.matchMedia?.(LIGHT).matches ? 'light' : 'dark';
}

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia?.(LIGHT);
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

let probe: CanvasRenderingContext2D | null | undefined;

/** A CSS colour as "#rrggbb" (a built stylesheet may shorten it), through a canvas's own parser. */
function normalised(colour: string): string {
  if (probe === undefined) probe = document.createElement('canvas').getContext('2d');
  if (!probe) return colour;
  probe.fillStyle = '#808080';
  probe.fillStyle = colour;
  return String(probe.fillStyle);
}

/** The current theme's colours, read from the root element's custom properties. */
export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string) => normalised(style.getPropertyValue(name).trim());
  const fields = Object.fromEntries(Object.entries(THEME_TOKENS).map(([key, name]) => [key, token(name)])) as Record<keyof typeof THEME_TOKENS, string>;
  return {
    scheme: scheme(),
    ...fields,
    series: Array.from({ length: SERIES_COUNT }, (_, k) => token(`--series-${k}`)),
    species: Array.from({ length: SPECIES_COUNT }, (_, k) => token(`--species-${k}`)),
  };
}

/** The chart colours of the theme in force; components using it redraw when the theme changes. */
export function useChartTheme(): ChartTheme {
  const current = useSyncExternalStore(subscribe, scheme, () => 'dark' as const);
  // Keyed by the scheme: the tokens are read again only when it changes.
  return useMemo(readChartTheme, [current]);
}
