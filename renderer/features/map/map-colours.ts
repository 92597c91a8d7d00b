// Colours of the embedding map's points by label, species, attack class, decision, error type or score, read from the
// sample table at the current threshold, in the theme's colours. Renderer (pure, no DOM).
import type { SampleTable } from '../../../common/api';
import { viridis } from '../../../common/routing/colormap';
import { ATTACK_CLASSES, classOfCategory } from '../../../common/metrics/attack-classes';
import { decisionOf } from '../../../common/metrics/decision';
import { rgbOf, seriesColour, speciesColour, type ChartTheme } from '../../components/palette';
import type { MapColouring } from '../../store/explain-slice';

const hex = rgbOf;

export interface LegendEntry { label: string; colour: [number, number, number] }

/** RGBA per point ([n, 4]) and the legend; `rows` gives each point's row in the table (−1: not in it). */
export function pointColours(table: SampleTable, rows: Int32Array, by: MapColouring, threshold: number, theme: ChartTheme): { colours: Uint8Array; legend: LegendEntry[] } {
  const GREY = hex(theme.muted);
  const FALSE_ACCEPT = hex(theme.attack);
  const FALSE_REJECT = hex(seriesColour(theme, 4));
  const BONA_FIDE_COLOUR = theme.bonaFide;
  const ATTACK_COLOUR = theme.attack;
  const colours = new Uint8Array(rows.length * 4);
  const species = [...new Set(table.species)].sort();
  const speciesIndex = new Map(species.map((s, i) => [s, i]));
  const legend: LegendEntry[] =
    by === 'label' ? [{ label: 'bona fide', colour: hex(BONA_FIDE_COLOUR) }, { label: 'attack', colour: hex(ATTACK_COLOUR) }, { label: 'questioned', colour: GREY }]
      : by === 'species' ? species.map((s, i) => ({ label: s, colour: hex(speciesColour(theme, i)) }))
        : by === 'class' ? [{ label: 'bona fide', colour: hex(BONA_FIDE_COLOUR) }, ...ATTACK_CLASSES.map((c, i) => ({ label: c, colour: c === 'unclassified' ? GREY : hex(seriesColour(theme, i + 1)) }))]
        : by === 'decision' ? [{ label: 'called bona fide', colour: hex(BONA_FIDE_COLOUR) }, { label: 'called attack', colour: hex(ATTACK_COLOUR) }, { label: 'not scored', colour: GREY }]
          : by === 'error' ? [{ label: 'correct', colour: GREY }, { label: 'false accept', colour: FALSE_ACCEPT }, { label: 'false reject', colour: FALSE_REJECT }]
            : [{ label: 'score 0', colour: viridis(0) }, { label: 'score 0.5', colour: viridis(0.5) }, { label: 'score 1', colour: viridis(1) }];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    let colour = GREY;
    if (row >= 0) {
      const score = table.score[row] ?? null;
      const label = table.label[row] ?? null;
      const decision = decisionOf(score, threshold);
      if (by === 'label') colour = label === null ? GREY : label === 1 ? legend[1]!.colour : legend[0]!.colour;
      else if (by === 'species') colour = hex(speciesColour(theme, speciesIndex.get(table.species[row]!) ?? 0));
      else if (by === 'class') colour = label === null ? GREY : label === 0 ? legend[0]!.colour : legend[1 + ATTACK_CLASSES.indexOf(classOfCategory(table.category[row]!))]!.colour;
      else if (by === 'decision') colour = decision === null ? GREY : decision === 'attack' ? legend[1]!.colour : legend[0]!.colour;
      else if (by === 'error') colour = decision === null ? GREY : label === 1 && decision === 'bona-fide' ? FALSE_ACCEPT : label === 0 && decision === 'attack' ? FALSE_REJECT : GREY;
      else colour = score === null ? GREY : viridis(score);
    }
    colours.set([colour[0], colour[1], colour[2], 200], i * 4);
  }
  return { colours, legend };
}
