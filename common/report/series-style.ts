// How each curve of the evaluation report is drawn: one colour per series from a palette of distinct hues
// (black only for the first, all attacks), then the same hues dashed, so no two series look alike; and
// the legend that names them, shared by the DET and the ROC. Pure shared code (common/).
import type { SpeciesDet } from '../metrics/full-evaluation.js';
import { html, type SafeHtml } from './html.js';

const PALETTE = ['#111111', '#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#393b79'];
const DASHES = ['', '6 3', '2 2', '8 3 2 3'];

export interface SeriesStyle {
  readonly colour: string;
  /** SVG stroke-dasharray ('' = solid). */
  readonly dash: string;
  readonly width: number;
}

/** The style of series `index` (0 = all attacks, drawn thicker). */
export function seriesStyle(index: number): SeriesStyle {
  const round = Math.floor(index / PALETTE.length);
  return { colour: PALETTE[index % PALETTE.length]!, dash: DASHES[round % DASHES.length]!, width: index === 0 ? 2 : 1.2 };
}

/** Stroke attributes of a series, for a polyline or path. */
export function strokeOf(index: number): SafeHtml {
  const style = seriesStyle(index);
  return html`stroke="${style.colour}" stroke-width="${style.width}"${style.dash ? html` stroke-dasharray="${style.dash}"` : ''}`;
}

/** One legend for every curve figure: a sample of each line (colour and dash) and the series' name. */
export function seriesLegend(curves: readonly SpeciesDet[]): SafeHtml {
  const items = curves.map((entry, i) => html`<li data-series="${entry.species}"><svg xmlns="http://www.w3.org/2000/svg" width="22" height="8" aria-hidden="true"><line x1="1" y1="4" x2="21" y2="4" ${strokeOf(i)}/></svg> ${entry.species} (${entry.attacks} attacks)</li>`);
  return html`<ul class="legend">${items}</ul>`;
}
