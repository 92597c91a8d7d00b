// Expert analytics of the scored model: the species × expert usage matrix per layer (coloured by lift over
// uniform), routing specialisation (NMI), routing entropy per layer and species, and mean per-patch maps per
// expert and species. Renderer feature component.
import { useEffect, useMemo, useState } from 'react';
import { CartesianGrid, Legend as ChartLegend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { heatBackground } from './heat';
import { cssColour, expertColour, viridis } from '../../../common/routing/colormap';
import { liftOverUniform } from '../../../common/routing/specialisation';
import { valueRange } from '../../../common/routing/maps';
import { useWorkbench } from '../../store';
import { MiniMap } from './MiniMap';
import { SpecialisationPanel } from './SpecialisationPanel';
import { shownModelOf } from '../../store/samples-slice';

export function AnalyticsView() {
  const usage = useWorkbench((s) => s.usage);
  const status = useWorkbench((s) => s.usageStatus);
  const load = useWorkbench((s) => s.loadUsage);
  const tableModel = useWorkbench(shownModelOf);
  const version = useWorkbench((s) => s.lastFinished?.runId ?? 0);
  const [layerIndex, setLayerIndex] = useState(0);
  const [mapKind, setMapKind] = useState<'mass' | 'dispatch'>('mass');
  useEffect(() => { void load(); }, [load, tableModel, version]);

  const entropyData = useMemo(() => usage?.layers.map((layer, li) => ({
    layer: `block ${layer}`,
    ...Object.fromEntries(usage.species.map((s, si) => [s, Number(usage.entropy[li]![si]!.toFixed(4))])),
  })) ?? [], [usage]);

  if (!usage) return <div className="empty-state" data-testid="analytics-view">{status === 'loading' ? 'Computing routing statistics…' : 'Score a dataset with a Soft-MoE model to see how its experts are used.'}</div>;
  if (usage.layers.length === 0) return <div className="empty-state" data-testid="analytics-view">This model has no Soft-MoE routing outputs: it has no experts to analyse.</div>;
  const li = Math.min(layerIndex, usage.layers.length - 1);
  const maps = mapKind === 'dispatch' && usage.dispatchMaps ? usage.dispatchMaps : usage.massMaps;
  const mapRange = valueRange(maps[li]!.flat(2));
  const uniform = Math.log(usage.experts);
  const maxLiftDeviation = Math.max(0.005, ...usage.usage[li]!.flat().map((v) => Math.abs(liftOverUniform(v, usage.experts) - 1)));

  return (
    <div className="analytics-view" data-testid="analytics-view">
      <div className="routing-controls">
        <label>MoE layer
          <select data-testid="analytics-layer" value={li} onChange={(e) => setLayerIndex(Number(e.target.value))}>
            {usage.layers.map((l, i) => <option key={l} value={i}>block {l}</option>)}
          </select>
        </label>
        <span className="muted">{usage.counts.reduce((a, b) => a + b, 0)} scored samples · {usage.experts} experts · model {usage.modelSha256.slice(0, 12)}…</span>
      </div>
      <section>
        <h3>Expert usage: mean expert mass over image tokens (block {usage.layers[li]})</h3>
        <table className="usage-matrix" data-testid="usage-matrix">
          <thead><tr><th>species</th><th>n</th>{Array.from({ length: usage.experts }, (_, e) => <th key={e}><i className="expert-swatch" style={{ background: cssColour(expertColour(e)) }} />expert {e}</th>)}</tr></thead>
          <tbody>
            {usage.species.map((species, si) => (
              <tr key={species}>
                <td>{species}</td><td className="num">{usage.counts[si]}</td>
                {usage.usage[li]![si]!.map((v, e) => {
                  const lift = liftOverUniform(v, usage.experts);
                  return <td key={e} className="num heat" data-lift={lift.toFixed(4)} title={`lift over uniform ${lift.toFixed(3)}`} style={{ background: heatBackground(lift, maxLiftDeviation) }}>{v.toFixed(3)} <span className="muted">×{lift.toFixed(2)}</span></td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">Each row sums to 1: every image token's output is split across the experts. Uniform use is {(1 / usage.experts).toFixed(3)} per expert;
          × is the lift over it, coloured orange above and blue below (full colour at ±{maxLiftDeviation.toFixed(3)}, this layer's largest).</p>
      </section>
      <SpecialisationPanel layerIndex={li} />
      <section>
        <h3>Routing entropy per layer (mean over image tokens; uniform = ln {usage.experts} = {uniform.toFixed(3)} nats)</h3>
        <div style={{ height: 220 }} data-testid="entropy-chart">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={entropyData} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
              <CartesianGrid stroke="#26313c" />
              <XAxis dataKey="layer" stroke="#8b98a5" />
              <YAxis domain={[0, Number(uniform.toFixed(2))]} stroke="#8b98a5" />
              <Tooltip contentStyle={{ background: '#161d24', border: '1px solid #26313c' }} />
              <ChartLegend />
              {usage.species.map((s, si) => <Line key={s} dataKey={s} stroke={cssColour(viridis(si / Math.max(1, usage.species.length - 1)))} dot isAnimationActive={false} />)}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </section>
      <section>
        <h3>
          Mean per-patch maps by expert and species (block {usage.layers[li]}) ·{' '}
          <select aria-label="Map kind" value={mapKind} onChange={(e) => setMapKind(e.target.value as 'mass' | 'dispatch')} data-testid="analytics-map-kind">
            <option value="mass">expert mass (Σₛ combine)</option>
            <option value="dispatch" disabled={!usage.dispatchMaps}>dispatch (Σₛ dispatch){usage.dispatchMaps ? '' : ' — not stored for this run'}</option>
          </select>
        </h3>
        <div className="map-grid" style={{ gridTemplateColumns: `140px repeat(${usage.experts}, 92px)` }}>
          <span />{Array.from({ length: usage.experts }, (_, e) => <span key={e}><i className="expert-swatch" style={{ background: cssColour(expertColour(e)) }} />expert {e}</span>)}
          {usage.species.map((species, si) => [
            <span key={`${species}-name`} className="map-species">{species}</span>,
            ...maps[li]![si]!.map((values, e) => <MiniMap key={`${species}-${e}`} values={values} grid={usage.grid} range={mapRange} title={`${species}, expert ${e}`} />),
          ])}
        </div>
        <p className="muted">Shared colour range {mapRange.min.toPrecision(3)} – {mapRange.max.toPrecision(3)} (viridis).</p>
      </section>
    </div>
  );
}
