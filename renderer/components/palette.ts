// Colours of the evaluation charts on the dark theme: one per run (primary first) and per species.
// Renderer (pure).

const SERIES = ['#4da3ff', '#f2c14e', '#c77dff', '#3ecf8e', '#ff9f43', '#ff6b9a', '#7fdbda'];
const SPECIES = ['#ff6b5e', '#ff9f43', '#f2c14e', '#c77dff', '#ff6b9a', '#7fdbda', '#a3d977', '#e0a3ff', '#ffb3a1', '#9ab8ff'];

export const BONA_FIDE_COLOUR = '#3ecf8e';
export const ATTACK_COLOUR = '#ff6b5e';
export const THRESHOLD_COLOUR = '#f2c14e';

export const seriesColour = (k: number): string => SERIES[k % SERIES.length]!;
export const speciesColour = (k: number): string => SPECIES[k % SPECIES.length]!;
