// Expert analytics of the scored model: the species × expert usage matrix per layer (coloured by lift over
// uniform), routing specialisation (NMI), routing entropy per layer and species, and mean per-patch maps per
// expert and species. Renderer feature component.
import { useEffect, useMemo, useState } from 'react';
import { CartesianGrid, Legend as ChartLegend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { heatBackground } from './heat';
import { cssColour, expertColour, viridis } from '../../../common/routing/colormap';
import { speciesColour } from '../../components/palette';
import { ATTACK_CLASSES, ATTACK_CLASS_TITLES, classOfCategory } from '../../../common/metrics/attack-classes';
import { Term } from '../../components/Term';
import type { SampleTable } from '../../../common/api';
import { useChartTheme } from '../../components/theme';
import { liftOverUniform } from '../../../common/routing/specialisation';
import { valueRange } from '../../../common/routing/maps';
import { useWorkbench } from '../../store';
import { MiniMap } from './MiniMap';
import { SpecialisationPanel } from './SpecialisationPanel';
import { shownModelOf } from '../../store/samples-slice';
import { useSampleTable } from '../../components/use-sample-table';
import { formatLift, formatScaleValue, formatStatistic } from '../../../common/format/figures';

/** Species indices grouped by attack class (bona fide first), each group in name order, with its group's title. */
function groupedSpecies(species: string[], table: SampleTable | null): { si: number; group: string }[] {
  const groupOf = new Map<string, string>();
  if (table) for (let row = 0; row < table.species.length; row++) {
    const name = table.species[row]!;
    if (!groupOf.has(name)) groupOf.set(name, table.label[row] === 0 ? 'bona fide' : table.label[row] === 1 ? classOfCategory(table.category[row]!) : 'questioned');
  }
  const order = ['bona fide', ...ATTACK_CLASSES, 'questioned'];
  return species.map((name, si) => ({ si, group: groupOf.get(name) ?? 'unclassified', name }))
    .sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group) || a.name.localeCompare(b.name))
    .map(({ si, group }) => ({ si, group: group in ATTACK_CLASS_TITLES ? ATTACK_CLASS_TITLES[group as keyof typeof ATTACK_CLASS_TITLES] : group }));
}

export function AnalyticsView() {
  const usage = useWorkbench((s) => s.usage);
  const status = useWorkbench((s) => s.usageStatus);
  const load = useWorkbench((s) => s.loadUsage);
  const tableModel = useWorkbench(shownModelOf);
  const version = useWorkbench((s) => s.lastFinished?.runId ?? 0);
  // Opens at the last MoE layer (clamped below), where routing is most distinct.
  const [layerIndex, setLayerIndex] = useState(Number.MAX_SAFE_INTEGER);
  const [mapKind, setMapKind] = useState<'mass' | 'dispatch'>('mass');
  useEffect(() => { void load(); }, [load, tableModel, version]);
  const theme = useChartTheme();
  // The species' grouping by attack class reads each species' label and category from the whole table.
  useSampleTable();
  const table = useWorkbench((s) => s.table);
  const grouped = useMemo(() => groupedSpecies(usage?.species ?? [], table), [usage, table]);

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
  // The axis spans the values (padded), not 0 to ln E: entropies close to uniform would otherwise draw as one flat line.
  const entropies = usage.entropy.flat();
  const entropyPad = Math.max(0.15 * (Math.max(...entropies) - Math.min(...entropies)), 0.002 * uniform);
  const entropyDomain: [number, number] = [Math.max(0, Math.min(...entropies) - entropyPad), Math.min(uniform, Math.max(...entropies) + entropyPad)]
    .map((v) => Number(v.toFixed(4))) as [number, number];
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
            {grouped.flatMap(({ si, group }, k) => [
              ...(k === 0 || grouped[k - 1]!.group !== group ? [<tr key={`group-${group}`} className="group-row"><th colSpan={2 + usage.experts} scope="colgroup">{group}</th></tr>] : []),
              <tr key={usage.species[si]}>
                <td>{usage.species[si]}</td><td className="num">{usage.counts[si]}</td>
                {usage.usage[li]![si]!.map((v, e) => {
                  const lift = liftOverUniform(v, usage.experts);
                  return <td key={e} className="num heat" data-lift={lift} title={`lift over uniform ${formatStatistic(lift)}`} style={{ background: heatBackground(lift, maxLiftDeviation) }}>{formatStatistic(v)} <span className="muted">{formatLift(lift)}</span></td>;
                })}
              </tr>,
            ])}
          </tbody>
        </table>
        <p className="muted">Species are grouped by attack class. Each row sums to 1: every image token's output is split across the experts. Uniform use is {formatStatistic(1 / usage.experts)} per expert;
          × is the <Term term="lift">lift</Term> over it, coloured orange above and blue below (full colour at ±{formatStatistic(maxLiftDeviation)}, this layer's largest).</p>
      </section>
      <SpecialisationPanel layerIndex={li} />
      <section>
        <h3>Routing entropy per layer (mean over image tokens; uniform = ln {usage.experts} = {formatStatistic(uniform)} nats)</h3>
        <p className="muted">The vertical axis spans {formatStatistic(entropyDomain[0])}–{formatStatistic(entropyDomain[1])} nats, not 0–{formatStatistic(uniform)}: lower means a species' tokens go to fewer experts.</p>
        <div style={{ height: 220 }} data-testid="entropy-chart">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={entropyData} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
              <CartesianGrid stroke={theme.grid} />
              <XAxis dataKey="layer" stroke={theme.axis} />
              <YAxis domain={entropyDomain} stroke={theme.axis} tickFormatter={formatStatistic} width={56} />
              <Tooltip contentStyle={{ background: theme.background, border: `1px solid ${theme.grid}`, color: theme.text }} />
              <ChartLegend />
              {usage.species.map((s, si) => <Line key={s} dataKey={s} stroke={speciesColour(theme, si)} dot isAnimationActive={false} />)}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </section>
      <section>
        <h3>
          Mean per-patch maps by expert and species (block {usage.layers[li]}) ·{' '}
          <select aria-label="Map kind" value={mapKind} onChange={(e) => setMapKind(e.target.value as 'mass' | 'dispatch')} data-testid="analytics-map-kind">
            <option value="mass">share of each expert (expert mass)</option>
            <option value="dispatch" disabled={!usage.dispatchMaps}>what each patch feeds the expert (dispatch){usage.dispatchMaps ? '' : ' — not stored for this run'}</option>
          </select>
        </h3>
        <div className="map-grid" style={{ gridTemplateColumns: `140px repeat(${usage.experts}, 92px)` }}>
          <span />{Array.from({ length: usage.experts }, (_, e) => <span key={e}><i className="expert-swatch" style={{ background: cssColour(expertColour(e)) }} />expert {e}</span>)}
          {grouped.map(({ si }) => usage.species[si]!).map((species) => {
            const si = usage.species.indexOf(species);
            return [
              <span key={`${species}-name`} className="map-species">{species}</span>,
              ...maps[li]![si]!.map((values, e) => <MiniMap key={`${species}-${e}`} values={values} grid={usage.grid} range={mapRange} title={`${species}, expert ${e}`} />),
            ];
          })}
        </div>
        <div className="map-scale" data-testid="analytics-map-scale">
          <div className="colour-bar" style={{ background: `linear-gradient(to right, ${Array.from({ length: 11 }, (_, i) => `${cssColour(viridis(i / 10))} ${i * 10}%`).join(', ')})` }} />
          <div className="colour-bar-labels"><span>{formatScaleValue(mapRange.min)}</span><span>{formatScaleValue((mapRange.min + mapRange.max) / 2)}</span><span>{formatScaleValue(mapRange.max)}</span></div>
          <p className="muted">One colour scale for every map above ({mapKind === 'dispatch' ? 'dispatch weight' : 'expert mass'} per patch, mean over the species' samples).</p>
        </div>
      </section>
    </div>
  );
}
