// Where the errors are: the confusion matrix (presentation × decision) with the error rate of each row
// as a bar (BPCER, APCER per species). Clicking a count or bar opens those samples in the browser.
// Renderer feature component.
import { useWorkbench } from '../../store';
import { primarySource } from '../../store/evaluation-selectors';
import { formatRate } from '../../../common/format/figures';
import { speciesVar } from '../../components/palette';

export function ConfusionMatrix() {
  const confusion = useWorkbench((s) => s.evalQuery?.confusion);
  const rates = useWorkbench((s) => s.evalQuery?.rates);
  const show = useWorkbench((s) => s.showSamplesWhere);
  const linked = useWorkbench((s) => primarySource(s)?.kind === 'model');
  if (!confusion || !rates) return null;
  const title = (count: number) => (linked ? `Show these ${count} samples in the browser` : 'External scores file: no samples to show');
  const cell = (r: number, decision: 'bona-fide' | 'attack') => {
    const count = decision === 'bona-fide' ? confusion.calledBonaFide[r]! : confusion.calledAttack[r]!;
    const error = r === 0 ? decision === 'attack' : decision === 'bona-fide';
    const filter = r === 0 ? { label: 'bona-fide' as const, decision } : { label: 'attack' as const, species: [confusion.rowNames[r]!], decision };
    return (
      <td className={`num confusion-cell${error && count > 0 ? ' error-cell' : ''}`}>
        <button type="button" data-testid="confusion-cell" data-row={confusion.rowNames[r]} data-decision={decision} disabled={!linked || count === 0}
          title={title(count)} onClick={() => void show(filter)}>{count}</button>
      </td>
    );
  };
  // Bars share one scale (the worst error rate, at least 5 %) so small rates stay visible and rows compare.
  const errorRate = (r: number) => {
    const total = confusion.calledBonaFide[r]! + confusion.calledAttack[r]!;
    return total > 0 ? (r === 0 ? confusion.calledAttack[r]! : confusion.calledBonaFide[r]!) / total : 0;
  };
  const scale = Math.max(0.05, ...confusion.rowNames.map((_, r) => errorRate(r)));
  return (
    <section className="confusion" aria-label="Confusion matrix and APCER per species">
      <h3>Errors by presentation <span className="muted">· click a count or bar to see the samples</span></h3>
      <table data-testid="confusion-matrix">
        <thead><tr><th>presentation</th><th>called bona fide</th><th>called attack</th><th className="rate-head">error rate (BPCER / APCER)</th></tr></thead>
        <tbody>
          {confusion.rowNames.map((name, r) => {
            const rate = errorRate(r);
            const errors = r === 0 ? confusion.calledAttack[r]! : confusion.calledBonaFide[r]!;
            const worst = r > 0 && name === rates.worstSpecies && rate > 0;
            return (
              <tr key={name}>
                <th scope="row" className={r === 0 ? 'bona' : ''} title={name}>{name}</th>
                {cell(r, 'bona-fide')}
                {cell(r, 'attack')}
                <td className="rate-cell">
                  <button type="button" className="species-bar" data-testid={r === 0 ? 'bpcer-bar' : 'species-bar'} data-species={r === 0 ? undefined : name} disabled={!linked || errors === 0}
                    title={title(errors)} onClick={() => void show(r === 0 ? { label: 'bona-fide', error: 'false-reject' } : { label: 'attack', species: [name], error: 'false-accept' })}>
                    <span className="bar-track"><span className="bar-fill" style={{ width: `${(100 * rate) / scale}%`, background: r === 0 ? 'var(--bona)' : worst ? 'var(--attack)' : speciesVar(r - 1) }} /></span>
                    <span className="num species-apcer">{formatRate(rate)}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted confusion-summary">Rows: bona fide, then each attack species. APCER max {formatRate(rates.apcerMax)} ({rates.worstSpecies}) · pooled {formatRate(rates.apcerPooled)} · BPCER {formatRate(rates.bpcer)}</p>
    </section>
  );
}

export function ErrorJumps() {
  const rates = useWorkbench((s) => s.evalQuery?.rates);
  const show = useWorkbench((s) => s.showSamplesWhere);
  const linked = useWorkbench((s) => primarySource(s)?.kind === 'model');
  if (!rates) return null;
  return (
    <div className="error-jumps">
      <button type="button" data-testid="show-false-accepts" disabled={!linked} onClick={() => void show({ label: 'attack', error: 'false-accept' })}>
        Show false accepts ({rates.attacksCalledBonaFide})
      </button>
      <button type="button" data-testid="show-false-rejects" disabled={!linked} onClick={() => void show({ label: 'bona-fide', error: 'false-reject' })}>
        Show false rejects ({rates.bonaFideCalledAttack})
      </button>
    </div>
  );
}
