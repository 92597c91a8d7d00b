// Runs side by side on the evaluated split: AUC, EER, BPCER20/100 and the rates at each run's own
// own operating point, with the τ's origin said (metrics-engine.ts `ownThreshold`). Renderer feature component.
import { useWorkbench } from '../../store';
import { CRITERION_LABELS } from '../../components/format';
import { formatRate, formatThreshold } from '../../../common/format/figures';
import { seriesVar } from '../../components/palette';

export function ComparisonTable() {
  const rows = useWorkbench((s) => s.evalQuery?.comparison);
  const criterion = useWorkbench((s) => s.evalCriterion);
  const sourceSplit = useWorkbench((s) => s.evalSourceSplit);
  if (!rows || rows.length < 2) return null;
  return (
    <section className="comparison" aria-label="Comparison">
      <h3>Comparison on {rows[0]!.split} <span className="muted">· operating point: {criterion === 'fixed' ? "each run at its own τ: the primary at the fixed τ, another at its saved τ, else its own EER" : `${CRITERION_LABELS[criterion]} chosen on each run's own ${sourceSplit}`}</span></h3>
      <table data-testid="comparison-table">
        <thead>
          <tr>
            <th>run</th><th>AUC</th><th>EER</th><th>BPCER20</th><th>BPCER100</th><th>τ</th>
            <th>APCER max</th><th>APCER pooled</th><th>BPCER</th><th>ACER</th><th>HTER</th><th>ACC</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, k) => (
            <tr key={row.sourceId} data-testid="comparison-row" data-source={row.name}>
              <th scope="row"><span className="swatch" style={{ background: seriesVar(k) }} />{row.name}{row.split !== rows[0]!.split ? <span className="muted"> ({row.split})</span> : null}</th>
              {row.error ? <td colSpan={11} className="error">{row.error}</td> : (
                <>
                  <td className="num">{formatRate(row.auc)}</td>
                  <td className="num">{formatRate(row.eer)}</td>
                  <td className="num">{formatRate(row.bpcer20)}</td>
                  <td className="num">{formatRate(row.bpcer100)}</td>
                  <td className="num mono" data-testid="comparison-threshold" data-threshold={row.threshold} title={row.thresholdSays}>{formatThreshold(row.threshold)} <span className="muted">{row.thresholdSays}</span></td>
                  <td className="num">{formatRate(row.rates?.apcerMax)}</td>
                  <td className="num">{formatRate(row.rates?.apcerPooled)}</td>
                  <td className="num">{formatRate(row.rates?.bpcer)}</td>
                  <td className="num">{formatRate(row.rates?.acer)}</td>
                  <td className="num">{formatRate(row.rates?.hter)}</td>
                  <td className="num">{formatRate(row.rates?.acc)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
