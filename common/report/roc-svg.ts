// ROC curves (one per attack species, plus all attacks) as an inline SVG on linear axes, beside the DET in
// the self-contained evaluation report, styled per series like the DET (series-style.ts) and thinned in
// pixels (simplify-polyline.ts). Pure shared code (common/): returns markup built by html.ts.
import type { SpeciesDet } from '../metrics/full-evaluation.js';
import { curveFrameStart, MARGIN, PLOT } from './curve-frame.js';
import { html, type SafeHtml } from './html.js';
import { strokeOf } from './series-style.js';
import { simplifyPolyline } from './simplify-polyline.js';

const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];
const TOLERANCE_PX = 0.25;

/** The figure: x = BPCER (bona fide called attack), y = 1 − APCER (attacks detected), both 0–100 %. */
export function rocSvg(curves: readonly SpeciesDet[]): SafeHtml {
  const x = (p: number): number => MARGIN.left + p * PLOT;
  const y = (p: number): number => MARGIN.top + PLOT - p * PLOT;
  const chance = html`<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#bbb" stroke-dasharray="3 3"/>`;
  const parts = curveFrameStart({ kind: 'roc', label: 'ROC curves per attack species', x, y, ticks: TICKS, xTitle: 'BPCER', yTitle: '1 − APCER (attacks detected)' }, [chance]);
  curves.forEach((entry, i) => {
    const { fpr, fnr } = entry.curve;
    const n = fpr.length;
    // The curve from the corner (0, 0) through every operating point to (1, 1).
    const xs = new Float64Array(n + 2);
    const ys = new Float64Array(n + 2);
    xs[0] = x(0); ys[0] = y(0);
    for (let k = 0; k < n; k++) { xs[k + 1] = x(fpr[k]!); ys[k + 1] = y(1 - fnr[k]!); }
    xs[n + 1] = x(1); ys[n + 1] = y(1);
    const kept = simplifyPolyline(xs, ys, TOLERANCE_PX, new Uint8Array(n + 2));
    const d = Array.from(kept, (k, j) => `${j === 0 ? 'M' : 'L'}${xs[k]!.toFixed(1)},${ys[k]!.toFixed(1)}`).join(' ');
    parts.push(html`<path fill="none" ${strokeOf(i)} d="${d}"><title>${entry.species}</title></path>`);
  });
  parts.push(html`</svg>`);
  return html`<figure class="curve-figure roc-figure">${parts}<figcaption>ROC per attack species against all bona fide samples, linear axes; the dashed diagonal is chance.</figcaption></figure>`;
}
