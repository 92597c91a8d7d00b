// DET curves (one per attack species, plus all attacks) as an inline SVG on normal-deviate axes, for
// the self-contained evaluation report, styled per series (series-style.ts; the legend is shared with the
// ROC), each polyline thinned in pixels (simplify-polyline.ts). Pure shared code (common/): returns markup
// built by html.ts.

import type { SpeciesDet } from '../metrics/full-evaluation.js';
import { normalQuantile } from '../metrics/normal.js';
import { curveFrameStart, MARGIN, PLOT } from './curve-frame.js';
import { html, type SafeHtml } from './html.js';
import { strokeOf } from './series-style.js';
import { simplifyPolyline } from './simplify-polyline.js';

const TICKS = [0.001, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95];
const LOW = 0.0005;
const HIGH = 0.9995;

/**
 * How far (in px of the 320 px drawing) a dropped vertex may lie from the drawn polyline. The kept
 * coordinates are then written to 0.1 px as every vertex was before thinning.
 */
export const DET_TOLERANCE_PX = 0.25;

export interface DetSvgOptions {
  /** Thinning tolerance in px; null draws every vertex (one per distinct score). */
  readonly tolerancePx?: number | null;
}


/** The SVG element: x = BPCER, y = APCER (pooled within each curve's attacks), both on probit scales. */
export function detSvg(curves: readonly SpeciesDet[], options: DetSvgOptions = {}): SafeHtml {
  const tolerancePx = options.tolerancePx === undefined ? DET_TOLERANCE_PX : options.tolerancePx;
  const zLow = normalQuantile(LOW);
  const zHigh = normalQuantile(HIGH);
  const clamp = (p: number): number => Math.min(HIGH, Math.max(LOW, p));
  const inRange = (px: number, py: number): boolean => px >= LOW && px <= HIGH && py >= LOW && py <= HIGH;
  const x = (p: number): number => MARGIN.left + ((normalQuantile(clamp(p)) - zLow) / (zHigh - zLow)) * PLOT;
  const y = (p: number): number => MARGIN.top + PLOT - ((normalQuantile(clamp(p)) - zLow) / (zHigh - zLow)) * PLOT;
  const parts = curveFrameStart({ kind: 'det', label: 'DET curves per attack species', x, y, ticks: TICKS, xTitle: 'BPCER', yTitle: 'APCER' });
  curves.forEach((entry, i) => {
    const { fpr, fnr } = entry.curve;
    const n = fpr.length;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    // Pinned: both vertices of every step that enters or leaves the plotted (unclipped) range.
    const pinned = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      xs[k] = x(fpr[k]);
      ys[k] = y(fnr[k]);
      if (k > 0 && inRange(fpr[k], fnr[k]) !== inRange(fpr[k - 1], fnr[k - 1])) pinned[k - 1] = pinned[k] = 1;
    }
    const kept = tolerancePx === null ? Uint32Array.from({ length: n }, (_, k) => k) : simplifyPolyline(xs, ys, tolerancePx, pinned);
    const points: string[] = [];
    for (const k of kept) points.push(`${xs[k].toFixed(1)},${ys[k].toFixed(1)}`);
    parts.push(html`<polyline fill="none" ${strokeOf(i)} points="${points.join(' ')}"><title>${entry.species}</title></polyline>`);
  });
  parts.push(html`</svg>`);
  return html`<figure class="curve-figure det-figure">${parts}<figcaption>DET per attack species against all bona fide samples, normal-deviate axes (rates clipped to ${LOW * 100}–${HIGH * 100} %).</figcaption></figure>`;
}
