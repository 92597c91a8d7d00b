// SVG layers drawn inside recharts charts through its scale hooks: operating-point markers, the
// threshold line, a legend that survives export, and a pick layer that turns a click on the plot into
// the nearest curve point's threshold. Renderer feature components (children of a recharts chart).
import { useState, type MouseEvent } from 'react';
import { usePlotArea, useXAxisInverseScale, useXAxisScale, useYAxisScale } from 'recharts';
import type { CurvePoints } from '../../workers/metrics-protocol';
import { useChartTheme } from '../../components/theme';

const clamp = (value: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, value));

export interface MarkerPoint {
  x: number;
  y: number;
  colour: string;
  /** Drawn next to the marker, e.g. the operating point's rates. */
  label?: string;
  /** The operating point drawn, carried on the marker as data attributes. */
  threshold: number;
  bpcer: number;
  apcerPooled: number;
}

/** Crosshair and dot at each operating point; values outside the axes are pinned to the plot edge. */
export function OperatingMarkers({ points }: { points: MarkerPoint[] }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const area = usePlotArea();
  const theme = useChartTheme();
  if (!xScale || !yScale || !area) return null;
  return (
    <g className="operating-markers" pointerEvents="none">
      {points.map((point, k) => {
        const px = clamp(xScale(point.x) ?? area.x, area.x, area.x + area.width);
        const py = clamp(yScale(point.y) ?? area.y, area.y, area.y + area.height);
        const right = px > area.x + area.width * 0.6;
        // Near the bottom edge the label goes above the point, clear of the axis ticks.
        const labelY = py > area.y + area.height * 0.8 ? py - 10 - k * 14 : py + 16 + k * 14;
        return (
          <g key={k} data-testid="operating-marker" data-primary={k === 0 ? 'true' : 'false'} data-threshold={point.threshold} data-bpcer={point.bpcer} data-apcer-pooled={point.apcerPooled}>
            {k === 0 && <line x1={px} x2={px} y1={area.y} y2={area.y + area.height} stroke={point.colour} strokeOpacity={0.45} strokeDasharray="4 3" />}
            {k === 0 && <line x1={area.x} x2={area.x + area.width} y1={py} y2={py} stroke={point.colour} strokeOpacity={0.45} strokeDasharray="4 3" />}
            <circle cx={px} cy={py} r={5} fill={point.colour} stroke={theme.background} strokeWidth={1.5} />
            {point.label && (
              <text x={px + (right ? -8 : 8)} y={labelY} textAnchor={right ? 'end' : 'start'} fill={point.colour} fontSize={11} stroke={theme.background} strokeWidth={3} paintOrder="stroke">{point.label}</text>
            )}
          </g>
        );
      })}
    </g>
  );
}

/** Vertical threshold line across the plot (histograms). */
export function ThresholdLine({ threshold }: { threshold: number }) {
  const xScale = useXAxisScale();
  const area = usePlotArea();
  const theme = useChartTheme();
  const colour = theme.threshold;
  if (!xScale || !area) return null;
  const px = clamp(xScale(threshold) ?? area.x, area.x, area.x + area.width);
  return (
    <g className="threshold-line" pointerEvents="none">
      <line x1={px} x2={px} y1={area.y} y2={area.y + area.height} stroke={colour} strokeWidth={2} />
      <text x={px + 4} y={area.y + 12} fill={colour} fontSize={11} stroke={theme.background} strokeWidth={3} paintOrder="stroke">τ</text>
    </g>
  );
}

export interface LegendEntry {
  label: string;
  colour: string;
  dashed?: boolean;
}

/**
 * Legend drawn in the SVG so exports keep it: inside the plot's lower-right or upper-right corner, or
 * in one row above the plot ('above'; leave ~24 px of top margin for it).
 */
export function SvgLegend({ entries, corner = 'bottom-right' }: { entries: LegendEntry[]; corner?: 'bottom-right' | 'top-right' | 'above' }) {
  const area = usePlotArea();
  const theme = useChartTheme();
  if (!area || entries.length === 0) return null;
  const textWidth = (label: string) => 6.4 * label.length;
  if (corner === 'above') {
    let x = area.x;
    return (
      <g className="svg-legend" pointerEvents="none">
        {entries.map((entry) => {
          const at = x;
          x += 32 + textWidth(entry.label) + 12;
          return (
            <g key={entry.label} transform={`translate(${at} ${area.y - 12})`}>
              <line x1={0} x2={20} y1={0} y2={0} stroke={entry.colour} strokeWidth={2} strokeDasharray={entry.dashed ? '4 3' : undefined} />
              <text x={26} y={4} fill={theme.text} fontSize={11}>{entry.label}</text>
            </g>
          );
        })}
      </g>
    );
  }
  const lineHeight = 15;
  const width = Math.min(area.width - 8, 12 + 26 + Math.max(...entries.map((e) => textWidth(e.label))));
  const height = entries.length * lineHeight + 8;
  const x = area.x + area.width - width - 4;
  const y = corner === 'bottom-right' ? area.y + area.height - height - 4 : area.y + 4;
  return (
    <g className="svg-legend" pointerEvents="none">
      <rect x={x} y={y} width={width} height={height} rx={3} fill={theme.background} fillOpacity={0.9} stroke={theme.grid} />
      {entries.map((entry, k) => (
        <g key={entry.label} transform={`translate(${x + 8} ${y + 4 + k * lineHeight + lineHeight / 2})`}>
          <line x1={0} x2={20} y1={0} y2={0} stroke={entry.colour} strokeWidth={2} strokeDasharray={entry.dashed ? '4 3' : undefined} />
          <text x={26} y={4} fill={theme.text} fontSize={11}>{entry.label}</text>
        </g>
      ))}
    </g>
  );
}

/**
 * Transparent hit area over the plot: hovering shows the nearest vertex of `curve` (in pixels) and its
 * threshold, clicking picks that threshold. Skipped on export.
 */
export function CurvePickLayer({ curve, onPick, describe }: { curve: CurvePoints; onPick: (threshold: number) => void; describe: (k: number) => string }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const area = usePlotArea();
  const theme = useChartTheme();
  const [hover, setHover] = useState<{ k: number; px: number; py: number } | null>(null);
  if (!xScale || !yScale || !area || curve.x.length === 0) return null;

  const nearest = (event: MouseEvent<SVGRectElement>): { k: number; px: number; py: number } | null => {
    const box = event.currentTarget.ownerSVGElement?.getBoundingClientRect();
    if (!box) return null;
    const mx = event.clientX - box.left;
    const my = event.clientY - box.top;
    let best = -1;
    let bestDistance = Infinity;
    let bestPx = 0;
    let bestPy = 0;
    for (let k = 0; k < curve.x.length; k++) {
      const px = clamp(xScale(curve.x[k]) ?? 0, area.x, area.x + area.width);
      const py = clamp(yScale(curve.y[k]) ?? 0, area.y, area.y + area.height);
      const distance = (px - mx) ** 2 + (py - my) ** 2;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = k;
        bestPx = px;
        bestPy = py;
      }
    }
    return best < 0 ? null : { k: best, px: bestPx, py: bestPy };
  };

  return (
    <g data-export="skip">
      {hover && (
        <g pointerEvents="none">
          <circle cx={hover.px} cy={hover.py} r={7} fill="none" stroke={theme.text} strokeWidth={1.5} />
          <text x={hover.px + (hover.px > area.x + area.width * 0.55 ? -10 : 10)} y={hover.py - 10} textAnchor={hover.px > area.x + area.width * 0.55 ? 'end' : 'start'}
            fill={theme.text} fontSize={11} stroke={theme.background} strokeWidth={3} paintOrder="stroke">{describe(hover.k)}</text>
        </g>
      )}
      <rect data-testid="curve-pick" x={area.x} y={area.y} width={area.width} height={area.height} fill="transparent" style={{ cursor: 'crosshair' }}
        onMouseMove={(event) => setHover(nearest(event))}
        onMouseLeave={() => setHover(null)}
        onClick={(event) => {
          const hit = nearest(event);
          if (hit) onPick(curve.thresholds[hit.k]!);
        }} />
    </g>
  );
}

/** Transparent hit area over a histogram: clicking sets the threshold to the score under the pointer. */
export function ScorePickLayer({ onPick }: { onPick: (score: number) => void }) {
  const inverse = useXAxisInverseScale();
  const area = usePlotArea();
  if (!inverse || !area) return null;
  return (
    <rect data-export="skip" x={area.x} y={area.y} width={area.width} height={area.height} fill="transparent" style={{ cursor: 'crosshair' }}
      onClick={(event) => {
        const box = event.currentTarget.ownerSVGElement?.getBoundingClientRect();
        if (!box) return;
        const score = Number(inverse(event.clientX - box.left));
        if (Number.isFinite(score)) onPick(score);
      }} />
  );
}
