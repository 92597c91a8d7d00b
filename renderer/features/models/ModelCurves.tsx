// The Models tab's overlay: the ROC and DET curves of every open model with scores in the workspace, one series
// per model in its slot's colour, each model's own τ marked on its curve (renderer/store/slot-threshold.ts). The
// curves and the points come from the metrics worker (eval-sources-slice.ts). Renderer feature component.
import { useEffect, useMemo, useState } from 'react';
import { Line, LineChart, ResponsiveContainer } from 'recharts';
import { MODEL_SLOTS, type ModelSlot } from '../../../common/contract/model';
import { formatRate, formatThreshold } from '../../../common/format/figures';
import { seriesColour } from '../../components/palette';
import { useChartTheme } from '../../components/theme';
import { useWorkbench } from '../../store';
import { splitSummaryOf } from '../../store/evaluation-selectors';
import { listedSlots } from '../../store/model-slots';
import { slotThresholdValue } from '../../store/slot-threshold';
import type { RatesAtOutput, SplitSummary } from '../../workers/metrics-protocol';
import { ChartFrame } from '../evaluation/ChartFrame';
import { OperatingMarkers, SvgLegend, type MarkerPoint } from '../evaluation/chart-layers';
import { detAxes, detFrame, detPoint, rocFrame, rocPoint, toData } from '../evaluation/CurveCharts';

interface ModelSeries {
  slot: ModelSlot;
  name: string;
  sourceId: string;
  summary: SplitSummary;
  colour: string;
  tau: number | null;
}

/** Every listed model whose scores are loaded and usable on the evaluated split, in slot order. */
function useModelSeries(): ModelSeries[] {
  const theme = useChartTheme();
  const models = useWorkbench((s) => s.models);
  const sources = useWorkbench((s) => s.evalSources);
  const split = useWorkbench((s) => s.evalSplit);
  const taus = useWorkbench((s) => MODEL_SLOTS.map((slot) => slotThresholdValue(s, slot)).join(','));
  return useMemo(() => {
    const tau = taus.split(',');
    return listedSlots({ models }).flatMap((slot) => {
      const model = models[slot]!;
      const source = sources.find((x) => x.id === `model:${model.sha256}` && x.status === 'ready') ?? null;
      const summary = splitSummaryOf(source, split);
      const k = MODEL_SLOTS.indexOf(slot);
      const value = tau[k] === '' ? null : Number(tau[k]);
      return source && summary && summary.unusable === null
        ? [{ slot, name: model.name, sourceId: source.id, summary, colour: seriesColour(theme, k), tau: value }] : [];
    });
  }, [models, sources, split, taus, theme]);
}

/** Each series' rates at its own τ, asked of the worker whenever a τ or a curve changes. */
function useTauRates(series: ModelSeries[]): (RatesAtOutput | null)[] {
  const ratesAtPoints = useWorkbench((s) => s.ratesAtPoints);
  const [rates, setRates] = useState<{ key: string; value: (RatesAtOutput | null)[] }>({ key: '', value: [] });
  const key = series.map((entry) => `${entry.sourceId}|${entry.summary.split}|${entry.tau}`).join(';');
  useEffect(() => {
    let live = true;
    const points = series.map((entry) => ({ sourceId: entry.sourceId, split: entry.summary.split, threshold: entry.tau ?? Number.NaN }));
    void ratesAtPoints(points.filter((p) => Number.isFinite(p.threshold))).then((answers) => {
      if (!live) return;
      let next = 0;
      setRates({ key, value: points.map((p) => (Number.isFinite(p.threshold) ? answers[next++] ?? null : null)) });
    });
    return () => { live = false; };
  }, [key, ratesAtPoints]); // the key names everything the points are made of
  return rates.key === key ? rates.value : [];
}

function markers(series: ModelSeries[], rates: (RatesAtOutput | null)[], toPoint: (bpcer: number, apcerPooled: number) => [number, number]): MarkerPoint[] {
  return series.flatMap((entry, k) => {
    const at = rates[k];
    if (!at) return [];
    const [x, y] = toPoint(at.bpcer, at.apcerPooled);
    return [{ x, y, colour: entry.colour, label: `${entry.slot} τ ${formatThreshold(at.threshold)}`, threshold: at.threshold, bpcer: at.bpcer, apcerPooled: at.apcerPooled }];
  });
}

const legend = (series: ModelSeries[]) => series.map((entry) => ({
  label: `${entry.slot} · ${entry.name} (AUC ${formatRate(entry.summary.auc)}, EER ${formatRate(entry.summary.eer)})`, colour: entry.colour,
}));

function RocOverlay({ series, rates }: { series: ModelSeries[]; rates: (RatesAtOutput | null)[] }) {
  const theme = useChartTheme();
  const data = useMemo(() => series.map((entry) => toData(entry.summary.roc)), [series]);
  const split = series[0]?.summary.split ?? '';
  return (
    <ChartFrame title={`ROC of the open models · ${split} split`} testId="models-roc" exportName={`models-roc-${split}`}
      note="One curve per model; each dot is the model at its own τ.">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 8, right: 16, bottom: 22, left: 4 }}>
          {rocFrame(theme)}
          {series.map((entry, k) => (
            <Line key={entry.slot} data={data[k]} dataKey="y" type="linear" dot={false} stroke={entry.colour} strokeWidth={1.75} isAnimationActive={false} name={entry.name} />
          ))}
          <SvgLegend entries={legend(series)} />
          <OperatingMarkers points={markers(series, rates, rocPoint)} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

function DetOverlay({ series, rates }: { series: ModelSeries[]; rates: (RatesAtOutput | null)[] }) {
  const theme = useChartTheme();
  const data = useMemo(() => series.map((entry) => toData(entry.summary.det)), [series]);
  const axes = detAxes(series.map((entry) => entry.summary));
  const split = series[0]?.summary.split ?? '';
  return (
    <ChartFrame title={`DET of the open models · ${split} split (normal-deviate axes)`} testId="models-det" exportName={`models-det-${split}`}
      note="Both rates on Φ⁻¹ scales; the dashed diagonal is APCER = BPCER.">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 8, right: 16, bottom: 22, left: 4 }}>
          {detFrame(theme, axes)}
          {series.map((entry, k) => (
            <Line key={entry.slot} data={data[k]} dataKey="y" type="linear" dot={false} stroke={entry.colour} strokeWidth={1.75} isAnimationActive={false} name={entry.name} />
          ))}
          <SvgLegend corner="top-right" entries={series.map((entry) => ({ label: `${entry.slot} · ${entry.name}`, colour: entry.colour }))} />
          <OperatingMarkers points={markers(series, rates, detPoint)} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function ModelCurves() {
  const load = useWorkbench((s) => s.loadListedModelSources);
  // Reloaded when the list, the workspace's scored models or the last finished run change.
  const wanted = useWorkbench((s) => `${listedSlots(s).map((slot) => s.models[slot]!.sha256).join(',')}|${s.workspace?.file ?? ''}|${(s.workspace?.models ?? []).map((m) => m.sha256).join(',')}|${s.lastFinished?.runId ?? ''}`);
  useEffect(() => { void load(); }, [wanted, load]);
  const series = useModelSeries();
  const rates = useTauRates(series);
  const listed = useWorkbench((s) => listedSlots(s).length);
  if (listed === 0) return null;
  return (
    <section className="model-curves" aria-label="Curves of the open models" data-testid="model-curves" data-series={series.map((entry) => entry.slot).join('')}>
      <h3>Curves of the open models <span className="muted">· {series.length} of {listed} with scores in this workspace</span></h3>
      {series.length > 0 && (
        <div className="model-curves-grid">
          <RocOverlay series={series} rates={rates} />
          <DetOverlay series={series} rates={rates} />
        </div>
      )}
    </section>
  );
}
