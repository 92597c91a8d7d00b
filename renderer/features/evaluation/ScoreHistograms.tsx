// Score histogram of the primary run's evaluated split per class (bona fide, attack), each bin as a
// share of its class, with the threshold drawn; a click sets the threshold. Renderer feature component.
import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { primarySource, splitSummaryOf } from '../../store/evaluation-selectors';
import { useWorkbench } from '../../store';
import type { SplitSummary } from '../../workers/metrics-protocol';
import { ChartFrame } from './ChartFrame';
import { formatTick, niceTicks } from '../../../common/format/figures';
import { ScorePickLayer, SvgLegend, ThresholdLine } from './chart-layers';
import { useChartTheme } from '../../components/theme';

function usePrimarySplit(): SplitSummary | null {
  return useWorkbench((s) => {
    const summary = splitSummaryOf(primarySource(s), s.evalSplit);
    return summary && summary.unusable === null ? summary : null;
  });
}

/** Step data: one point per bin's left edge plus the last edge, values as percent of the class. */
function stepData(summary: SplitSummary): Record<string, number>[] {
  const { edges, bonaFide, attacks } = summary.histogram;
  const bins = bonaFide.length;
  const share = (count: number, total: number) => (total > 0 ? (100 * count) / total : 0);
  return Array.from({ length: bins + 1 }, (_, b) => {
    const bin = Math.min(b, bins - 1);
    return { x: edges[b]!, bonaFide: share(bonaFide[bin]!, summary.bonaFide), attack: share(attacks[bin]!, summary.attacks) };
  });
}

/** The threshold line, subscribed on its own so a moving slider redraws only this layer. */
function LiveThreshold() {
  const threshold = useWorkbench((s) => s.threshold);
  return <ThresholdLine threshold={threshold} />;
}

const percentTick = (v: number) => `${Math.round(v)}%`;
const scoreTick = formatTick;

export function ClassHistogram() {
  const summary = usePrimarySplit();
  const pick = useWorkbench((s) => s.setOperatingPoint);
  const data = useMemo(() => (summary ? stepData(summary) : []), [summary]);
  const theme = useChartTheme();
  if (!summary) return null;
  const domain: [number, number] = [summary.histogram.edges[0]!, summary.histogram.edges.at(-1)!];
  return (
    <ChartFrame title={`Score histogram by class · ${summary.split}`} testId="histogram-class" exportName={`histogram-class-${summary.split}`}
      note={`${summary.bonaFide} bona fide, ${summary.attacks} attacks; bins of ${scoreTick((domain[1] - domain[0]) / summary.histogram.bonaFide.length)}. Click to set the threshold.`}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 24, right: 16, bottom: 22, left: 4 }}>
          <CartesianGrid stroke={theme.grid} />
          <XAxis type="number" dataKey="x" domain={domain} ticks={niceTicks(domain[0], domain[1])} tickFormatter={scoreTick} stroke={theme.axis}
            label={{ value: 'attack score', position: 'insideBottom', offset: -12, fill: theme.axis, fontSize: 11 }} />
          <YAxis tickFormatter={percentTick} stroke={theme.axis} width={60}
            label={{ value: 'share of class', angle: -90, position: 'insideLeft', offset: 4, fill: theme.axis, fontSize: 11, style: { textAnchor: 'middle' } }} />
          <Area dataKey="bonaFide" type="stepAfter" stroke={theme.bonaFide} fill={theme.bonaFide} fillOpacity={0.25} isAnimationActive={false} name="bona fide" />
          <Area dataKey="attack" type="stepAfter" stroke={theme.attack} fill={theme.attack} fillOpacity={0.25} isAnimationActive={false} name="attack" />
          <ScorePickLayer onPick={(value) => pick(value)} />
          <LiveThreshold />
          <SvgLegend corner="above" entries={[{ label: 'bona fide', colour: theme.bonaFide }, { label: 'attack', colour: theme.attack }, { label: 'threshold τ', colour: theme.threshold }]} />
        </AreaChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
