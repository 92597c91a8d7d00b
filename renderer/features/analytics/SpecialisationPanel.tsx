// Routing specialisation in Expert analytics: per MoE layer, NMI between each image token's dominant expert and its
// sample's species and class with the permutation baseline, for model A and model B side by side, and each species'
// dominant-expert shares coloured by lift over uniform. Renderer feature component; test id specialisation-nmi.
import { useEffect } from 'react';
import type { SpecialisationStat } from '../../../common/api';
import { heatBackground } from './heat';
import { cssColour, expertColour } from '../../../common/routing/colormap';
import { liftOverUniform } from '../../../common/routing/specialisation';
import { useWorkbench } from '../../store';
import { specialisationReading } from '../../../common/routing/specialisation-reading';
import { Term } from '../../components/Term';
import { formatLift, formatStatistic } from '../../../common/format/figures';
import { shownModelOf } from '../../store/samples-slice';
import { formatPValue } from '../../../common/metrics/paired-comparison';

function Stat({ stat }: { stat: SpecialisationStat }) {
  const above = stat.nmi > stat.baselineP95;
  return (
    <>
      <td className="num" data-nmi={stat.nmi}><strong>{formatStatistic(stat.nmi)}</strong></td>
      <td className="num muted">{formatStatistic(stat.baselineMean)} / {formatStatistic(stat.baselineP95)}</td>
      <td className="num" title={above ? 'above the 95th percentile of shuffled labels' : 'within what shuffled labels give'}>{formatPValue(stat.pValue)}</td>
    </>
  );
}

export function SpecialisationPanel({ layerIndex }: { layerIndex: number }) {
  const entries = useWorkbench((s) => s.specialisation);
  const status = useWorkbench((s) => s.specialisationStatus);
  const load = useWorkbench((s) => s.loadSpecialisation);
  const tableModel = useWorkbench(shownModelOf);
  const modelB = useWorkbench((s) => s.models.B?.sha256 ?? null);
  const version = useWorkbench((s) => s.lastFinished?.runId ?? 0);
  useEffect(() => { void load(); }, [load, tableModel, modelB, version]);

  const ready = entries.filter((e) => e.result && e.result.layers.length > 0);
  return (
    <section data-testid="specialisation-nmi" data-state={status} data-models={ready.length}>
      <h3>Routing specialisation: does a token's dominant expert tell its sample's species or class?</h3>
      {status === 'loading' && entries.length === 0 && <p className="muted">Computing…</p>}
      {entries.filter((e) => e.error).map((e) => <p key={e.slot} className="muted" data-testid={`specialisation-missing-${e.slot}`}>Model {e.slot}: {e.error}</p>)}
      {ready.length > 0 && (
        <table className="usage-matrix">
          <thead>
            <tr><th rowSpan={2}>model</th><th rowSpan={2}>MoE block</th><th colSpan={3}>species</th><th colSpan={3}>class (bona fide / attack)</th></tr>
            <tr><th><Term term="NMI" /></th><th>shuffled mean / p95</th><th><Term term="p" /></th><th><Term term="NMI" /></th><th>shuffled mean / p95</th><th><Term term="p" /></th></tr>
          </thead>
          <tbody>
            {ready.flatMap(({ slot, result }) => result!.layers.map((l) => (
              <tr key={`${slot}-${l.layer}`} data-testid={`specialisation-row-${slot}-${l.layer}`}>
                <td>{slot} · {result!.modelName}</td><td className="num">{l.layer}</td>
                <Stat stat={l.species} /><Stat stat={l.class} />
              </tr>
            )))}
          </tbody>
        </table>
      )}
      {ready.length > 0 && (
        <ul className="specialisation-reading" data-testid="specialisation-reading">
          {ready.map(({ slot, result }) => {
            const last = result!.layers.at(-1)!;
            return (
              <li key={slot}>Model {slot}, block {last.layer}: species — {specialisationReading(last.species.nmi, last.species.pValue)} (NMI {formatStatistic(last.species.nmi)});
                bona fide / attack — {specialisationReading(last.class.nmi, last.class.pValue)} (NMI {formatStatistic(last.class.nmi)}).</li>
            );
          })}
        </ul>
      )}
      {ready.length > 0 && (
        <p className="muted">
          A small p says the effect is real; the NMI says how large it is. NMI = I(expert; label) ÷ mean of their entropies over image tokens (0: the expert says nothing about the label, 1: each
          label has its own experts). Baseline: {ready[0]!.result!.layers[0]!.species.permutations} shuffles of the labels across
          samples (tokens of a sample stay together); p = share of shuffles at least as specialised.
        </p>
      )}
      <div className="specialisation-shares">
        {ready.map(({ slot, result }) => {
          const r = result!;
          const layer = r.layers[Math.min(layerIndex, r.layers.length - 1)]!;
          const lifts = layer.speciesShares.flat().map((v) => liftOverUniform(v, r.experts));
          const maxDeviation = Math.max(0.01, ...lifts.map((v) => Math.abs(v - 1)));
          return (
            <table key={slot} className="usage-matrix" data-testid={`specialisation-shares-${slot}`}>
              <caption>Model {slot} · block {layer.layer}: share of each species' image tokens whose dominant expert it is (× lift over uniform 1/{r.experts})</caption>
              <thead><tr><th>species</th>{Array.from({ length: r.experts }, (_, e) => <th key={e}><i className="expert-swatch" style={{ background: cssColour(expertColour(e)) }} />expert {e}</th>)}</tr></thead>
              <tbody>
                {r.species.map((species, si) => (
                  <tr key={species}>
                    <td>{species}</td>
                    {layer.speciesShares[si]!.map((share, e) => {
                      const lift = liftOverUniform(share, r.experts);
                      return <td key={e} className="num heat" style={{ background: heatBackground(lift, maxDeviation) }} title={`lift ${formatStatistic(lift)}`}>{formatStatistic(share)} <span className="muted">{formatLift(lift)}</span></td>;
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </div>
    </section>
  );
}
