// Score histogram per species as one strip per presentation (bona fide, then each attack species):
// each bin's shade is its share of that row's samples, the threshold crosses every strip, and a click
// sets it. Plain SVG (a strip per row reads where 10+ overlaid lines would not). Renderer feature component.
import { useEffect, useRef, useState } from 'react';
import { primarySource, splitSummaryOf } from '../../store/evaluation-selectors';
import { useWorkbench } from '../../store';
import { ChartFrame } from './ChartFrame';
import { niceTicks } from '../../../common/format/figures';
import { speciesColour } from '../../components/palette';
import { useChartTheme } from '../../components/theme';

const MARGIN = { left: 118, top: 6, bottom: 34 };
const ROW = 17;

function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(400);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** The threshold line alone re-renders while the slider moves. */
function StripThreshold({ toX, top, bottom, domain }: { toX: (score: number) => number; top: number; bottom: number; domain: [number, number] }) {
  const threshold = useWorkbench((s) => s.threshold);
  const theme = useChartTheme();
  const x = toX(Math.min(domain[1], Math.max(domain[0], threshold)));
  return (
    <g pointerEvents="none">
      <line x1={x} x2={x} y1={top} y2={bottom} stroke={theme.threshold} strokeWidth={2} />
      <text x={x + 4} y={top + 10} fill={theme.threshold} fontSize={11} stroke={theme.background} strokeWidth={3} paintOrder="stroke">τ</text>
    </g>
  );
}

export function SpeciesStrips() {
  const summary = useWorkbench((s) => {
    const split = splitSummaryOf(primarySource(s), s.evalSplit);
    return split && split.unusable === null ? split : null;
  });
  const pick = useWorkbench((s) => s.setOperatingPoint);
  const [ref, width] = useWidth();
  const theme = useChartTheme();
  const rows = summary ? [{ name: 'bona fide', counts: summary.histogram.bonaFide, total: summary.bonaFide, colour: theme.bonaFide },
    ...summary.speciesNames.map((name, s) => ({ name, counts: summary.histogram.bySpecies[s]!, total: summary.speciesAttackCounts[s]!, colour: speciesColour(theme, s) }))] : [];
  const height = MARGIN.top + rows.length * ROW + MARGIN.bottom;
  const edges = summary?.histogram.edges;
  const domain: [number, number] = edges && edges.length > 1 ? [edges[0]!, edges.at(-1)!] : [0, 1];
  // Room on the right for the widest "n=…" label.
  const rightMargin = 14 + 6.2 * Math.max(3, ...rows.map((row) => `n=${row.total}`.length));
  const plotRight = Math.max(MARGIN.left + 40, width - rightMargin);
  const toX = (score: number) => MARGIN.left + ((score - domain[0]) / (domain[1] - domain[0] || 1)) * (plotRight - MARGIN.left);
  const maxShare = Math.max(1e-9, ...rows.flatMap((row) => Array.from(row.counts, (c) => (row.total > 0 ? c / row.total : 0))));
  const plotBottom = MARGIN.top + rows.length * ROW;

  return (
    <ChartFrame title={`Score histogram by species · ${summary?.split ?? ''}`} testId="histogram-species" exportName={`histogram-species-${summary?.split ?? ''}`} height={height}
      note="Shade = share of the row's samples in each score bin (darkest = most). Click to set the threshold.">
      <div ref={ref} style={{ width: '100%', height: '100%' }}>
        {summary && edges && (
          <svg className="strip-surface" data-chart-surface width={width} height={height} onClick={(event) => {
            const box = event.currentTarget.getBoundingClientRect();
            const x = event.clientX - box.left;
            if (x < MARGIN.left || x > plotRight) return;
            pick(domain[0] + ((x - MARGIN.left) / (plotRight - MARGIN.left)) * (domain[1] - domain[0]));
          }} style={{ cursor: 'crosshair' }}>
            {rows.map((row, r) => {
              const y = MARGIN.top + r * ROW;
              return (
                <g key={row.name}>
                  <text x={MARGIN.left - 6} y={y + ROW / 2 + 4} textAnchor="end" fill={r === 0 ? theme.bonaFide : theme.text} fontSize={11}>{row.name.length > 17 ? `${row.name.slice(0, 16)}…` : row.name}</text>
                  <rect x={MARGIN.left} y={y + 1} width={plotRight - MARGIN.left} height={ROW - 2} fill={theme.track} />
                  {Array.from(row.counts, (count, b) => count > 0 && (
                    <rect key={b} x={toX(edges[b]!)} y={y + 1} width={Math.max(1, toX(edges[b + 1]!) - toX(edges[b]!))} height={ROW - 2}
                      fill={row.colour} fillOpacity={0.12 + 0.88 * (count / row.total / maxShare)} />
                  ))}
                  <text x={plotRight + 6} y={y + ROW / 2 + 4} fill={theme.axis} fontSize={10}>n={row.total}</text>
                </g>
              );
            })}
            {niceTicks(domain[0], domain[1]).map((tick) => (
              <g key={tick}>
                <line x1={toX(tick)} x2={toX(tick)} y1={plotBottom} y2={plotBottom + 4} stroke={theme.axis} />
                <text x={toX(tick)} y={plotBottom + 16} textAnchor="middle" fill={theme.axis} fontSize={11}>{tick}</text>
              </g>
            ))}
            <line x1={MARGIN.left} x2={plotRight} y1={plotBottom} y2={plotBottom} stroke={theme.axis} />
            <text x={(MARGIN.left + plotRight) / 2} y={height - 4} textAnchor="middle" fill={theme.axis} fontSize={11}>attack score</text>
            <StripThreshold toX={toX} top={MARGIN.top} bottom={plotBottom} domain={domain} />
          </svg>
        )}
      </div>
    </ChartFrame>
  );
}
