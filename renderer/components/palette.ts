// Colours of the charts, taken from the theme's tokens (styles.css): one per run (primary first) and per species,
// the two classes, the threshold and the chart's furniture. The theme itself is read by ./theme.ts; the helpers
// here are pure. HTML elements use the CSS variables directly (seriesVar); SVG, canvas and WebGL drawings and
// exported files need literal colours, so they take a ChartTheme.

export const SERIES_COUNT = 7;
export const SPECIES_COUNT = 10;

/** The literal colours of one theme, as read from its CSS custom properties. */
export interface ChartTheme {
  scheme: 'light' | 'dark';
  /** Text and the chart's background (the panel it sits on). */
  text: string;
  muted: string;
  background: string;
  /** Grid lines (quiet), axes and reference lines. */
  grid: string;
  axis: string;
  /** Background of a strip or track inside a chart; the map canvas's background. */
  track: string;
  mapBackground: string;
  accent: string;
  bonaFide: string;
  attack: string;
  threshold: string;
  inspected: string;
  series: string[];
  species: string[];
}

/** The custom property each field of ChartTheme comes from (series and species are numbered). */
export const THEME_TOKENS = {
  text: '--text', muted: '--muted', background: '--panel', grid: '--line', axis: '--muted', track: '--chart-track',
  mapBackground: '--map-bg', accent: '--accent', bonaFide: '--bona', attack: '--attack', threshold: '--threshold', inspected: '--inspected',
} as const;

export const seriesColour = (theme: ChartTheme, k: number): string => theme.series[k % theme.series.length]!;
export const speciesColour = (theme: ChartTheme, k: number): string => theme.species[k % theme.species.length]!;
/** For HTML elements: the run's colour as a CSS variable, so it follows the theme without a re-render. */
export const seriesVar = (k: number): string => `var(--series-${k % SERIES_COUNT})`;
export const speciesVar = (k: number): string => `var(--species-${k % SPECIES_COUNT})`;

/** "#rgb", "#rrggbb" or "rgb(r, g, b)" as [r, g, b] (0–255); grey for anything else. */
export function rgbOf(colour: string): [number, number, number] {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(colour.trim());
  if (short) return [1, 2, 3].map((i) => parseInt(short[i]!.repeat(2), 16)) as [number, number, number];
  const hex = /^#([0-9a-f]{6})$/i.exec(colour.trim());
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16)) as [number, number, number];
  const rgb = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(colour.trim());
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return [128, 128, 128];
}
