// ROC and DET curves of the primary run and its overlays (recharts), with the operating points
// drawn and clickable vertices that set the threshold. Renderer feature component.
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { normalQuantile } from '../../../common/metrics/index';
import { comparableSplitOf, primarySource, splitSummaryOf, type EvalSource } from '../../store/evaluation-selectors';
import { useWorkbench } from '../../store';
import type { CurvePoints, SplitSummary } from '../../workers/metrics-protocol';
import { ChartFrame } from './ChartFrame';
import { CurvePickLayer, OperatingMarkers, SvgLegend, type MarkerPoint } from './chart-layers';
import { formatRate, formatRateTick, formatThreshold } from '../../../common/format/figures';
import { seriesColour, type ChartTheme } from '../../components/palette';
import { useChartTheme } from '../../components/theme';
const DET_TICK_RATES = [0.0001, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 0.9, 0.95];
const DET_UPPER_RATE = 0.95;
const DET_CLIP = 1e-7;

interface Series {
  source: EvalSource;
  summary: SplitSummary;
  colour: string;
}

/** The primary run first, then each overlay that has the evaluated split. */
function useSeries(theme: ChartTheme): Series[] {
  const sources = useWorkbench((s) => s.evalSources);
  const primaryId = useWorkbench((s) => s.evalPrimaryId);
  const compareIds = useWorkbench((s) => s.evalCompareIds);
  const split = useWorkbench((s) => s.evalSplit);
  return useMemo(() => {
    const ids = primaryId === null ? [] : [primaryId, ...compareIds.filter((id) => id !== primaryId)];
    return ids.flatMap((id, k) => {
      const source = sources.find((x) => x.id === id);
      const summary = k === 0 ? splitSummaryOf(source ?? null, split) : comparableSplitOf(source ?? null, split);
      return source && summary && summary.unusable === null ? [{ source, summary, colour: seriesColour(theme, k) }] : [];
    });
  }, [sources, primaryId, compareIds, split, theme]);
}

export const toData = (curve: CurvePoints) => Array.from(curve.x, (x, k) => ({ x, y: curve.y[k]! }));
export const probit = (rate: number) => normalQuantile(Math.min(1 - DET_CLIP, Math.max(DET_CLIP, rate)));
/** Drops ticks closer than `gap` to the previous kept one, so labels never overlap. */
const RATE_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** The ROC chart's grid, percent axes and chance diagonal (the Evaluation tab's and the Models tab's overlay). */
export function rocFrame(theme: ChartTheme) {
  return [
    <CartesianGrid key="grid" stroke={theme.grid} />,
    <XAxis key="x" type="number" dataKey="x" domain={[0, 1]} ticks={RATE_TICKS} tickFormatter={(v: number) => `${v * 100}%`} stroke={theme.axis}
      label={{ value: 'BPCER (bona fide called attack)', position: 'insideBottom', offset: -12, fill: theme.axis, fontSize: 11 }} />,
    <YAxis key="y" type="number" dataKey="y" domain={[0, 1]} ticks={RATE_TICKS} tickFormatter={(v: number) => `${v * 100}%`} stroke={theme.axis} width={60}
      label={{ value: '1 − APCER pooled', angle: -90, position: 'insideLeft', offset: 4, fill: theme.axis, fontSize: 11, style: { textAnchor: 'middle' } }} />,
    <ReferenceLine key="chance" segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke={theme.axis} strokeDasharray="4 4" />,
  ];
}

/** The DET chart's grid, normal-deviate axes and EER diagonal, over `detAxes` of the plotted summaries. */
export function detFrame(theme: ChartTheme, { domain, ticks, tickFormatter }: ReturnType<typeof detAxes>) {
  return [
    <CartesianGrid key="grid" stroke={theme.grid} />,
    <XAxis key="x" type="number" dataKey="x" domain={domain} ticks={ticks} tickFormatter={tickFormatter} allowDataOverflow stroke={theme.axis} interval={0} fontSize={10}
      label={{ value: 'BPCER', position: 'insideBottom', offset: -12, fill: theme.axis, fontSize: 11 }} />,
    <YAxis key="y" type="number" dataKey="y" domain={domain} ticks={ticks} tickFormatter={tickFormatter} allowDataOverflow stroke={theme.axis} width={60} interval={0} fontSize={10}
      label={{ value: 'APCER pooled', angle: -90, position: 'insideLeft', offset: 4, fill: theme.axis, fontSize: 11, style: { textAnchor: 'middle' } }} />,
    <ReferenceLine key="eer" segment={[{ x: domain[0], y: domain[0] }, { x: domain[1], y: domain[1] }]} stroke={theme.axis} strokeDasharray="4 4" ifOverflow="hidden" />,
  ];
}

function spacedTicks(ticks: number[], gap: number): number[] {
  const kept: number[] = [];
  for (const tick of ticks) if (kept.length === 0 || tick - kept[kept.length - 1]! >= gap) kept.push(tick);
  return kept;
}
const tickRateLabel = formatRateTick;

/** DET axes on normal deviates for these splits: the lowest rate a split can resolve is about 1 / (class size), so the axes start at the tick below it. */
export function detAxes(summaries: readonly SplitSummary[]): { domain: [number, number]; ticks: number[]; tickFormatter: (value: number) => string } {
  const smallestClass = Math.min(...summaries.map((summary) => Math.min(summary.attacks, summary.bonaFide)), Infinity);
  const resolvable = Number.isFinite(smallestClass) ? 0.5 / smallestClass : 0.001;
  const lowerRate = [...DET_TICK_RATES].reverse().find((rate) => rate <= resolvable) ?? DET_TICK_RATES[0]!;
  const domain: [number, number] = [probit(lowerRate), probit(DET_UPPER_RATE)];
  const ticks = spacedTicks(DET_TICK_RATES.filter((rate) => rate >= lowerRate).map(probit), (domain[1] - domain[0]) * 0.085);
  const tickFormatter = (value: number) => tickRateLabel(DET_TICK_RATES.find((rate) => Math.abs(probit(rate) - value) < 1e-9) ?? 0);
  return { domain, ticks, tickFormatter };
}

function seriesLabel(series: Series): string {
  return `${series.source.name} (AUC ${formatRate(series.summary.auc)}, EER ${formatRate(series.summary.eer)})`;
}

/** Operating points: the primary at the current threshold, overlays at their comparison thresholds. */
function useMarkers(series: Series[], toPoint: (bpcer: number, apcerPooled: number) => [number, number]): MarkerPoint[] {
  const query = useWorkbench((s) => s.evalQuery);
  return useMemo(() => {
    if (!query) return [];
    return series.flatMap((entry, k) => {
      const rates = k === 0 ? query.rates : query.comparison.find((row) => row.sourceId === entry.source.id)?.rates;
      if (!rates) return [];
      const [x, y] = toPoint(rates.bpcer, rates.apcerPooled);
      return [{ x, y, colour: entry.colour, label: k === 0 ? `τ ${formatThreshold(rates.threshold)}` : undefined, threshold: rates.threshold, bpcer: rates.bpcer, apcerPooled: rates.apcerPooled }];
    });
  }, [query, series, toPoint]);
}

export const rocPoint = (bpcer: number, apcerPooled: number): [number, number] => [bpcer, 1 - apcerPooled];
export const detPoint = (bpcer: number, apcerPooled: number): [number, number] => [probit(bpcer), probit(apcerPooled)];

function RocMarkers({ series }: { series: Series[] }) {
  return <OperatingMarkers points={useMarkers(series, rocPoint)} />;
}

function DetMarkers({ series }: { series: Series[] }) {
  return <OperatingMarkers points={useMarkers(series, detPoint)} />;
}

export function RocChart() {
  const theme = useChartTheme();
  const series = useSeries(theme);
  const pick = useWorkbench((s) => s.setOperatingPoint);
  const data = useMemo(() => series.map((entry) => toData(entry.summary.roc)), [series]);
  const primary = series[0];
  return (
    <ChartFrame title={`ROC · ${primary ? `${primary.summary.split} split` : ''}`} testId="roc-chart" exportName={`roc-${primary?.source.name ?? ''}-${primary?.summary.split ?? ''}`}
      note="Attack is the positive class. Click the curve to use that operating point.">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 8, right: 16, bottom: 22, left: 4 }}>
          {rocFrame(theme)}
          {series.map((entry, k) => (
            <Line key={entry.source.id} data={data[k]} dataKey="y" type="linear" dot={false} stroke={entry.colour} strokeWidth={k === 0 ? 2 : 1.5} isAnimationActive={false} name={entry.source.name} />
          ))}
          {primary && <CurvePickLayer curve={primary.summary.roc} onPick={(value) => pick(value)}
            describe={(k) => `τ ${formatThreshold(primary.summary.roc.thresholds[k])} · BPCER ${formatRate(primary.summary.roc.x[k])} · APCER ${formatRate(1 - primary.summary.roc.y[k]!)}`} />}
          <SvgLegend entries={series.map((entry) => ({ label: seriesLabel(entry), colour: entry.colour }))} />
          <RocMarkers series={series} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function DetChart() {
  const theme = useChartTheme();
  const series = useSeries(theme);
  const pick = useWorkbench((s) => s.setOperatingPoint);
  const data = useMemo(() => series.map((entry) => toData(entry.summary.det)), [series]);
  const primary = series[0];
  return (
    <ChartFrame title={`DET · ${primary ? `${primary.summary.split} split` : ''} (normal-deviate axes)`} testId="det-chart" exportName={`det-${primary?.source.name ?? ''}-${primary?.summary.split ?? ''}`}
      note="Both rates on Φ⁻¹ scales; the dashed diagonal is APCER = BPCER (the EER line).">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 8, right: 16, bottom: 22, left: 4 }}>
          {detFrame(theme, detAxes(series.map((entry) => entry.summary)))}
          {series.map((entry, k) => (
            <Line key={entry.source.id} data={data[k]} dataKey="y" type="linear" dot={false} stroke={entry.colour} strokeWidth={k === 0 ? 2 : 1.5} isAnimationActive={false} name={entry.source.name} />
          ))}
          {primary && <CurvePickLayer curve={primary.summary.det} onPick={(value) => pick(value)} describe={(k) => `τ ${formatThreshold(primary.summary.det.thresholds[k])}`} />}
          <SvgLegend corner="top-right" entries={series.map((entry) => ({ label: entry.source.name, colour: entry.colour }))} />
          <DetMarkers series={series} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** For the view: whether any run is ready to draw. */
export function useHasCurves(): boolean {
  return useWorkbench((s) => {
    const summary = splitSummaryOf(primarySource(s), s.evalSplit);
    return summary !== null && summary.unusable === null;
  });
}
