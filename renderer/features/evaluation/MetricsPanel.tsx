// ISO/IEC 30107-3 rates at the current threshold with seeded bootstrap intervals, and AUC/EER of the
// evaluated split. Values read as percent with two decimals, like the CLI. Renderer feature component.
import type { ReactNode } from 'react';
import type { Interval } from '../../../common/metrics/index';
import { primarySource, splitSummaryOf } from '../../store/evaluation-selectors';
import { useWorkbench } from '../../store';
import { formatRate, formatRateInterval, formatThreshold } from '../../../common/format/figures';
import { Term } from '../../components/Term';

function MetricCard({ name, testId, value, interval, detail, ciPending }: {
  name: ReactNode;
  testId: string;
  value: number | null | undefined;
  interval?: Interval | null;
  detail?: string;
  ciPending: boolean;
}) {
  return (
    <div className="metric-card">
      <span className="metric-name">{name}</span>
      <span className="metric-value" data-testid={testId}>{formatRate(value)}</span>
      <span className="metric-ci" data-testid={`${testId}-ci`}>{interval ? <><Term term="CI">95 % CI</Term> {formatRateInterval(interval)}</> : ciPending ? 'CI …' : '\u00a0'}</span>
      {detail && <span className="metric-detail muted">{detail}</span>}
    </div>
  );
}

function BootstrapSettings() {
  const settings = useWorkbench((s) => s.evalBootstrap);
  const setBootstrap = useWorkbench((s) => s.setBootstrap);
  const status = useWorkbench((s) => s.evalCi.status);
  const error = useWorkbench((s) => s.evalCi.error);
  return (
    <div className="bootstrap-settings muted" data-testid="bootstrap-status" data-status={status}>
      <span>Bootstrap</span>
      <select aria-label="Bootstrap replicates" value={settings.replicates} onChange={(e) => setBootstrap({ replicates: Number(e.target.value) })}>
        {[200, 1000, 2000].map((n) => <option key={n} value={n}>{n} replicates</option>)}
      </select>
      <label>seed <input aria-label="Bootstrap seed" type="number" step={1} value={settings.seed} className="seed-input"
        onChange={(e) => { const seed = Number(e.target.value); if (Number.isInteger(seed)) setBootstrap({ seed }); }} /></label>
      <select aria-label="Bootstrap resampling" value={settings.resample} onChange={(e) => setBootstrap({ resample: e.target.value as 'sample' | 'identity' })}>
        <option value="sample">by sample</option>
        <option value="identity">by identity</option>
      </select>
      <span className={status === 'error' ? 'error' : ''}>{status === 'computing' ? 'computing…' : status === 'error' ? error : ''}</span>
    </div>
  );
}

export function MetricsPanel() {
  const query = useWorkbench((s) => s.evalQuery);
  const ci = useWorkbench((s) => (s.evalCi.status === 'ready' ? s.evalCi.result : null));
  const ciPending = useWorkbench((s) => s.evalCi.status === 'computing');
  const summary = useWorkbench((s) => splitSummaryOf(primarySource(s), s.evalSplit));
  const error = useWorkbench((s) => s.evalError);
  const rates = query?.rates;
  const at = ci?.atThreshold;
  return (
    <section className="metrics-panel" aria-label="Error rates" data-testid="metrics-panel" data-threshold={query?.threshold ?? ''}>
      <h3>At <Term term="τ" /> = <span className="mono" data-testid="metrics-threshold">{formatThreshold(query?.threshold)}</span> on {query?.split ?? '—'}</h3>
      {error && <p className="error">{error}</p>}
      <div className="metric-grid">
        <MetricCard name={<><Term term="APCER" /> (ISO, worst species)</>} testId="metric-apcer-max" value={rates?.apcerMax} interval={at?.apcerMax} ciPending={ciPending} detail={rates ? `worst: ${rates.worstSpecies}` : undefined} />
        <MetricCard name={<><Term term="APCER" /> pooled</>} testId="metric-apcer-pooled" value={rates?.apcerPooled} interval={at?.apcerPooled} ciPending={ciPending} detail={rates ? `${rates.attacksCalledBonaFide} attacks missed` : undefined} />
        <MetricCard name={<Term term="BPCER" />} testId="metric-bpcer" value={rates?.bpcer} interval={at?.bpcer} ciPending={ciPending} detail={rates ? `${rates.bonaFideCalledAttack} bona fide rejected` : undefined} />
        <MetricCard name={<><Term term="ACER" /> (ISO)</>} testId="metric-acer" value={rates?.acer} interval={at?.acer} ciPending={ciPending} detail="(APCER max + BPCER) / 2" />
        <MetricCard name={<Term term="HTER" />} testId="metric-hter" value={rates?.hter} interval={at?.hter} ciPending={ciPending} detail="(APCER pooled + BPCER) / 2" />
        <MetricCard name={<Term term="ACC" />} testId="metric-acc" value={rates?.acc} ciPending={false} detail="share decided correctly" />
        <MetricCard name={<Term term="AUC" />} testId="metric-auc" value={summary?.auc} interval={ci?.auc} ciPending={ciPending} detail="attack = positive class" />
        <MetricCard name={<Term term="EER" />} testId="metric-eer" value={summary?.eer} interval={ci?.eer} ciPending={ciPending} detail={summary ? `at τ ${formatThreshold(summary.eerThreshold)}` : undefined} />
      </div>
      <p className="muted bpcer-n">
        <Term term="BPCER20" /> <b data-testid="metric-bpcer20">{formatRate(summary?.bpcer20.bpcer)}</b> (τ {formatThreshold(summary?.bpcer20.threshold)}) ·{' '}
        <Term term="BPCER100" /> <b data-testid="metric-bpcer100">{formatRate(summary?.bpcer100.bpcer)}</b> (τ {formatThreshold(summary?.bpcer100.threshold)}) on this split
      </p>
      {summary && summary.bpcer20.threshold === summary.bpcer100.threshold && (
        <p className="muted" data-testid="bpcer-same-threshold">
          Both are read at the same τ: the lowest threshold that keeps APCER ≤ 5 % already keeps it ≤ 1 %
          {summary.attacks < 100 ? ` (with ${summary.attacks} attacks, one missed attack is ${formatRate(1 / summary.attacks)}, so the two limits cannot be told apart)` : ''}, so BPCER20 = BPCER100.
        </p>
      )}
      <p className="muted" data-testid="interval-explained">
        Intervals here are bootstrap intervals (the scores resampled); the exact intervals panel gives Clopper-Pearson intervals from the error counts.
        With no errors every bootstrap replicate has none, so its interval is 0.00–0.00 %, while the exact interval still says how high the rate could be.
      </p>
      <BootstrapSettings />
    </section>
  );
}
