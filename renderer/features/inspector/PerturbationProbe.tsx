// Perturbation probe of the inspected sample under model A: the attack score along each degradation
// ladder (JPEG, blur, rescaling, gamma, noise, halftone, moiré) with τ drawn, and the strength at which
// the decision flips. Renderer component; data-testid perturbation-probe (data-status, data-families) is a
// stable automation hook.
import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { PerturbationResult } from '../../../common/contract/explain';
import { flipStrength } from '../../../common/explain/perturb';
import { useWorkbench } from '../../store';
import { seriesColour } from '../../components/palette';
import { useChartTheme } from '../../components/theme';
import { ProbeProgressLine } from './ProbeProgressLine';
import { formatScore, formatThreshold } from '../../../common/format/figures';

/** One row per ladder step (0 = unperturbed), one column per family. */
export function ladderRows(result: PerturbationResult): Record<string, number>[] {
  const steps = Math.max(...result.families.map((f) => f.strengths.length));
  return Array.from({ length: steps + 1 }, (_, step) => {
    const row: Record<string, number> = { step };
    for (const family of result.families) {
      if (step === 0) row[family.id] = result.baseScore;
      else if (step <= family.scores.length) row[family.id] = family.scores[step - 1]!;
    }
    return row;
  });
}

export function PerturbationProbe({ sampleId }: { sampleId: number }) {
  const saved = useWorkbench((s) => (s.probes?.sampleId === sampleId ? s.probes.byKind.perturbation : undefined));
  const running = useWorkbench((s) => s.probeRunning);
  const run = useWorkbench((s) => s.runPerturbation);
  const threshold = useWorkbench((s) => s.threshold);
  const result = saved?.result.kind === 'perturbation' ? saved.result : null;
  const rows = useMemo(() => (result ? ladderRows(result) : []), [result]);
  const theme = useChartTheme();
  return (
    <section className="probe-panel" data-testid="perturbation-probe" data-status={result ? 'ready' : running?.kind === 'perturbation' ? 'running' : 'idle'}
      data-families={result?.families.length ?? 0}>
      <div className="probe-bar">
        <strong>Perturbation probe</strong>
        <button type="button" data-testid="perturbation-run" disabled={running !== null} onClick={() => void run(sampleId)}>{result ? 'Run again' : 'Run'}</button>
        {saved && <span className="muted">saved {saved.createdAt.slice(0, 19).replace('T', ' ')} · unperturbed score {formatScore(saved.result.baseScore)} · τ = {formatThreshold(threshold)}</span>}
      </div>
      <ProbeProgressLine kinds={['perturbation']} />
      {result && (
        <div className="probe-chart">
          <LineChart width={460} height={220} data={rows} margin={{ top: 8, right: 12, bottom: 16, left: 0 }}>
            <CartesianGrid stroke={theme.grid} />
            <XAxis dataKey="step" stroke={theme.axis} label={{ value: 'strength step (0 = none)', position: 'insideBottom', offset: -8, fill: theme.axis, fontSize: 11 }} />
            <YAxis domain={[0, 1]} stroke={theme.axis} width={36} />
            <Tooltip contentStyle={{ background: theme.background, border: `1px solid ${theme.grid}`, color: theme.text }} formatter={(v) => (typeof v === 'number' ? formatScore(v) : String(v))} labelFormatter={(step) => `step ${String(step)}`} />
            <ReferenceLine y={threshold} stroke={theme.threshold} strokeDasharray="4 3" label={{ value: 'τ', fill: theme.threshold, position: 'right' }} />
            {result.families.map((f, i) => <Line key={f.id} dataKey={f.id} name={f.label} stroke={seriesColour(theme, i)} dot={{ r: 2 }} isAnimationActive={false} />)}
            <Legend wrapperStyle={{ fontSize: 11 }} />
          </LineChart>
          <table className="probe-table" data-testid="perturbation-flips">
            <thead><tr><th>degradation</th><th>strengths</th><th>decision flips at</th><th>score at strongest</th></tr></thead>
            <tbody>
              {result.families.map((f) => {
                const flip = flipStrength(result.baseScore, f.strengths, f.scores, threshold);
                return (
                  <tr key={f.id} data-family={f.id} data-flip={flip ?? ''}>
                    <td>{f.label}</td>
                    <td className="muted">{f.strengths.join(', ')} ({f.unit})</td>
                    <td>{flip === null ? 'no flip' : flip}</td>
                    <td className="num">{formatScore(f.scores.at(-1))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
