// The frame both report curves (det-svg.ts, roc-svg.ts) are drawn in: the 320 px square, its plot box, grid lines
// and tick labels at the given rates, and the axis titles. Pure shared code (common/): returns markup built by html.ts.
import { formatRateTick } from '../format/figures.js';
import { html, type SafeHtml } from './html.js';

export const SIZE = 320;
export const MARGIN = { left: 48, right: 12, top: 12, bottom: 40 };
/** Width and height of the plot box inside the margins. */
export const PLOT = SIZE - MARGIN.left - MARGIN.right;

export interface CurveFrame {
  /** The svg's class and accessible name. */
  kind: 'det' | 'roc';
  label: string;
  /** Pixel position of a rate on each axis. */
  x: (rate: number) => number;
  y: (rate: number) => number;
  ticks: readonly number[];
  xTitle: string;
  yTitle: string;
}

/** The opening `<svg>`, plot box, grid and tick labels; `extras` (e.g. a diagonal) go before the axis titles. */
export function curveFrameStart({ kind, label, x, y, ticks, xTitle, yTitle }: CurveFrame, extras: readonly SafeHtml[] = []): SafeHtml[] {
  const parts: SafeHtml[] = [];
  parts.push(html`<svg xmlns="http://www.w3.org/2000/svg" class="${kind}" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}" role="img" aria-label="${label}">`);
  parts.push(html`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${PLOT}" height="${PLOT}" fill="none" stroke="#999"/>`);
  for (const tick of ticks) {
    parts.push(html`<line x1="${x(tick).toFixed(1)}" y1="${MARGIN.top}" x2="${x(tick).toFixed(1)}" y2="${MARGIN.top + PLOT}" stroke="#e3e3e3"/>`);
    parts.push(html`<line x1="${MARGIN.left}" y1="${y(tick).toFixed(1)}" x2="${MARGIN.left + PLOT}" y2="${y(tick).toFixed(1)}" stroke="#e3e3e3"/>`);
    parts.push(html`<text x="${x(tick).toFixed(1)}" y="${MARGIN.top + PLOT + 14}" font-size="9" text-anchor="middle">${formatRateTick(tick)}</text>`);
    parts.push(html`<text x="${MARGIN.left - 4}" y="${(y(tick) + 3).toFixed(1)}" font-size="9" text-anchor="end">${formatRateTick(tick)}</text>`);
  }
  parts.push(...extras);
  parts.push(html`<text x="${MARGIN.left + PLOT / 2}" y="${SIZE - 6}" font-size="10" text-anchor="middle">${xTitle}</text>`);
  parts.push(html`<text x="10" y="${MARGIN.top + PLOT / 2}" font-size="10" text-anchor="middle" transform="rotate(-90 10 ${MARGIN.top + PLOT / 2})">${yTitle}</text>`);
  return parts;
}
