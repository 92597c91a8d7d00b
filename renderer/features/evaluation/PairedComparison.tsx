// The paired comparison on the Evaluation tab when two or more runs are evaluated: the primary (A) against each
// overlay (B) on their common samples, each at its own τ — McNemar per class, DeLong ΔAUC, bootstrap Δ intervals,
// per-species Holm p and the plain readings (eval-paired-slice.ts; the numbers of `uad compare --json`, whose
// keys the cells carry in data-key). Renderer feature component.
import type { PairedOutput } from '../../workers/metrics-protocol';
import { formatPValue, type DifferenceInterval } from '../../../common/metrics/index';
import { useWorkbench } from '../../store';
import { formatAuc, formatAucDifference, formatRate, formatRateDifference, formatThreshold } from '../../../common/format/figures';

/** A number cell carrying its exact value and its `uad compare --json` key. */
function Value({ k, value, text }: { k: string; value: number; text: string }) {
  return <td className="num" data-testid="paired-value" data-key={k} data-value={value}>{text}</td>;
}

function RateRow({ name, k, d }: { name: string; k: string | null; d: DifferenceInterval }) {
  const cell = (part: 'diff' | 'low' | 'high', text: string) => (k === null ? <td className="num">{text}</td> : <Value k={`bootstrap.${k}.${part}`} value={d[part]} text={text} />);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td className="num">{formatRate(d.a)}</td>
      <td className="num">{formatRate(d.b)}</td>
      {cell('diff', formatRateDifference(d.diff))}
      {cell('low', formatRateDifference(d.low))}
      {cell('high', formatRateDifference(d.high))}
      <td />
    </tr>
  );
}

function Pair({ pair, says }: { pair: PairedOutput; says: [string, string] }) {
  const c = pair.comparison;
  const attacks = c.species.reduce((sum, s) => sum + s.attacks, 0);
  const d = c.delong;
  return (
    <div className="paired-pair" data-testid="paired-pair" data-a={pair.a} data-b={pair.b} data-threshold-a={c.thresholdA} data-threshold-b={c.thresholdB}>
      <h4>A: {pair.a} <span className="muted">τ {formatThreshold(c.thresholdA)} ({says[0]})</span> · B: {pair.b} <span className="muted">τ {formatThreshold(c.thresholdB)} ({says[1]})</span></h4>
      <p className="muted" data-testid="paired-n" data-n={c.n}>
        {c.n} paired samples ({attacks} attacks, {c.n - attacks} bona fide){pair.onlyA + pair.onlyB > 0 ? ` — on the intersection: ${pair.onlyA} scored only by A and ${pair.onlyB} only by B left out` : ''};
        bootstrap {c.bootstrap.replicates} replicates by {c.bootstrap.resample}, seed {c.bootstrap.seed}. Every difference is B − A.
      </p>
      <table className="paired-table">
        <thead><tr><th>measure</th><th>A</th><th>B</th><th>B − A (points)</th><th colSpan={2}>{Math.round(c.bootstrap.level * 100)} % CI of B − A</th><th>p</th></tr></thead>
        <tbody>
          <RateRow name="APCER max" k="apcer_max" d={c.bootstrap.apcerMax} />
          <RateRow name="APCER pooled" k={null} d={c.bootstrap.apcerPooled} />
          <RateRow name="BPCER" k="bpcer" d={c.bootstrap.bpcer} />
          <RateRow name="ACER" k="acer" d={c.bootstrap.acer} />
          <RateRow name="EER" k="eer" d={c.bootstrap.eer} />
          <tr>
            <th scope="row">AUC (DeLong)</th>
            <Value k="delong.auc_a" value={d.aucA} text={formatAuc(d.aucA)} />
            <Value k="delong.auc_b" value={d.aucB} text={formatAuc(d.aucB)} />
            <Value k="delong.diff" value={d.diff} text={formatAucDifference(d.diff)} />
            <Value k="delong.low" value={d.low} text={formatAucDifference(d.low)} />
            <Value k="delong.high" value={d.high} text={formatAucDifference(d.high)} />
            <Value k="delong.p" value={d.p} text={formatPValue(d.p)} />
          </tr>
        </tbody>
      </table>
      <table className="paired-table">
        <thead><tr><th>McNemar</th><th>b01 (A right, B wrong)</th><th>b10 (A wrong, B right)</th><th>p</th></tr></thead>
        <tbody>
          {([['attacks (APCER)', 'attack', c.mcnemar.attack], ['bona fide (BPCER)', 'bona_fide', c.mcnemar.bonaFide]] as const).map(([name, k, m]) => (
            <tr key={k}>
              <th scope="row">{name}</th>
              <Value k={`mcnemar.${k}.b01`} value={m.b01} text={String(m.b01)} />
              <Value k={`mcnemar.${k}.b10`} value={m.b10} text={String(m.b10)} />
              <Value k={`mcnemar.${k}.p`} value={m.p} text={formatPValue(m.p)} />
            </tr>
          ))}
        </tbody>
      </table>
      {c.species.length > 0 && (
        <table className="paired-table">
          <thead><tr><th>species</th><th>attacks</th><th>APCER A</th><th>APCER B</th><th>B − A (points)</th><th>b01/b10</th><th>p (Holm)</th></tr></thead>
          <tbody>
            {c.species.map((s, i) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                <td className="num">{s.attacks}</td>
                <td className="num">{formatRate(s.apcerA)}</td>
                <td className="num">{formatRate(s.apcerB)}</td>
                <Value k={`species.${i}.diff`} value={s.diff} text={formatRateDifference(s.diff)} />
                <td className="num">{s.b01}/{s.b10}</td>
                <Value k={`species.${i}.p_holm`} value={s.pHolm} text={formatPValue(s.pHolm)} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ul className="paired-readings" data-testid="paired-readings">
        {c.readings.map((reading) => <li key={reading}>{reading}</li>)}
      </ul>
    </div>
  );
}

export function PairedComparison() {
  const paired = useWorkbench((s) => s.evalPaired);
  if (paired.status === 'idle') return null;
  return (
    <section className="paired-comparison" aria-label="Paired comparison" data-testid="paired-comparison" data-status={paired.status}>
      <h3>Paired comparison <span className="muted">· the same samples, each run at its own τ</span></h3>
      {paired.status === 'computing' && paired.pairs.length === 0 && <p className="muted">Comparing…</p>}
      {paired.error !== null && <p className="error" role="alert">{paired.error}</p>}
      {paired.pairs.map((pair, k) => <Pair key={`${pair.a}\u0000${pair.b}`} pair={pair} says={paired.says[k] ?? ['', '']} />)}
    </section>
  );
}
