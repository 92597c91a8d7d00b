// Certification panel of the Evaluation tab: exact (Clopper-Pearson) intervals at the operating point,
// non-response rates, presentation vs adversarial vs digital attacks, the readiness-profile checklist
// and identity leakage between splits. The report export is ReportAction.tsx, in the tab's toolbar.
// Renderer feature component.
import { useEffect } from 'react';
import { OutOfDomainSwitch } from './OutOfDomainSwitch';
import { ATTACK_CLASS_TITLES, BUILTIN_PROFILES, profileSources, type CountedRate } from '../../../common/metrics/index';
import { useWorkbench } from '../../store';
import { primarySource } from '../../store/evaluation-selectors';
import { formatCountedRate, formatRate } from '../../../common/format/figures';
import { useSampleTable } from '../../components/use-sample-table';

const REFRESH_DEBOUNCE_MS = 250;

const counted = (rate: CountedRate | null | undefined): string => (rate ? `${formatRate(rate.rate)} · ${formatCountedRate(rate)}` : 'no attempts');

function Checklist({ pending }: { pending: boolean }) {
  const result = useWorkbench((s) => s.cert.profile);
  if (!result) return null;
  const p = result.profile;
  return (
    <div className="cert-profile">
      <p className="muted cert-note"><b>{p.status}.</b> {profileSources(p).map((source) => source.title).join('. Also: ')}. The 95 % upper bound decides pass vs. insufficient attempts.</p>
      <ul className={pending ? 'cert-checklist stale' : 'cert-checklist'} data-testid="profile-checklist">
        {result.results.map((r, i) => (
          <li key={`${r.requirementId}-${r.subject}-${i}`} className={`verdict-${r.verdict}`} data-testid="profile-requirement" data-verdict={r.verdict} title={r.text}>
            <b>{r.verdict}</b> {r.subject}: <span className="muted">{r.reason}</span>
          </li>
        ))}
      </ul>
      {p.unverified.length > 0 && <p className="muted cert-note">Not verified: {p.unverified.join(' ')}</p>}
    </div>
  );
}

export function CertificationPanel() {
  const refresh = useWorkbench((s) => s.refreshCertification);
  const threshold = useWorkbench((s) => s.threshold);
  const split = useWorkbench((s) => s.evalSplit);
  const sourceId = useWorkbench((s) => primarySource(s)?.id ?? null);
  const ready = useWorkbench((s) => primarySource(s)?.status === 'ready');
  const profileId = useWorkbench((s) => s.certProfileId);
  const userProfiles = useWorkbench((s) => s.certUserProfiles);
  const setProfile = useWorkbench((s) => s.setCertProfile);
  const addUserProfile = useWorkbench((s) => s.addUserProfile);
  const cert = useWorkbench((s) => s.cert);
  const tableRows = useWorkbench((s) => s.table?.id.length ?? 0);
  // The split check (identities per split) reads the whole table of the evaluated model.
  useSampleTable(useWorkbench((s) => primarySource(s)?.modelSha256 ?? null));
  const decideOutOfDomain = useWorkbench((s) => s.evalDecideOutOfDomainByScore);

  // Counting is O(n) in the metrics worker, which also answers the slider's queries: recount only
  // once the slider rests, so a drag never queues counts in front of them.
  useEffect(() => {
    if (!ready) return undefined;
    const timer = setTimeout(() => void refresh(), REFRESH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [refresh, ready, threshold, split, sourceId, profileId, tableRows, decideOutOfDomain]);

  const rates = cert.counted;
  // The rates held belong to an earlier operating point until the worker's recount arrives.
  const pending = cert.status === 'computing' || (rates !== null && rates.threshold !== threshold);
  return (
    <section className="cert-panel" aria-label="Certification readiness" aria-busy={pending} data-testid="cert-panel"
      data-threshold={rates?.threshold ?? ''} data-status={pending ? 'computing' : cert.status}>
      <h3>Exact intervals and readiness <span className="muted">(Clopper-Pearson 95 %, two-sided)</span></h3>
      {cert.error && <p className="error">{cert.error}</p>}
      <OutOfDomainSwitch />
      {pending && (
        <p className="muted cert-note cert-pending" role="status" data-testid="cert-pending">
          Recounting at threshold {threshold}…{rates ? ` The figures below are still those at ${rates.threshold}.` : ''}
        </p>
      )}
      {rates && (
        <div className={pending ? 'cert-results stale' : 'cert-results'}>
          <dl className="cert-rates">
            <dt>APCER_AP {rates.all.apcerAp ? `(${rates.all.apcerAp.species})` : ''}</dt><dd data-testid="cert-apcer-ap">{counted(rates.all.apcerAp)}</dd>
            <dt>APCER pooled</dt><dd data-testid="cert-apcer-pooled">{counted(rates.all.apcerPooled)}</dd>
            <dt>BPCER</dt><dd data-testid="cert-bpcer">{counted(rates.bpcer)}</dd>
          </dl>
          <div data-testid="nonresponse-rates" className="cert-nonresponse" data-count={rates.nonResponses.length}>
            <dl className="cert-rates">
              <dt>APNRR</dt><dd data-testid="cert-apnrr">{counted(rates.all.apnrr)}</dd>
              <dt>BPNRR</dt><dd data-testid="cert-bpnrr">{counted(rates.bpnrr)}</dd>
            </dl>
            <p className="muted cert-note">{rates.basis}</p>
            {rates.nonResponses.length > 0 && (
              <details><summary>{rates.nonResponses.length} non-response{rates.nonResponses.length === 1 ? '' : 's'}</summary>
                <ul className="cert-list">{rates.nonResponses.slice(0, 200).map((n, i) => <li key={i} className="mono">{n.path || `line ${n.line}`} — {n.reason}</li>)}</ul>
              </details>
            )}
          </div>
          <table className="cert-classes" data-testid="class-split">
            <thead><tr><th>Attack class</th><th>APCER_AP</th><th>APCER pooled</th></tr></thead>
            <tbody>
              {rates.byClass.map((c) => (
                <tr key={c.attackClass} data-class={c.attackClass}>
                  <td>{ATTACK_CLASS_TITLES[c.attackClass]}</td>
                  <td data-testid={`class-${c.attackClass}-apcer-ap`}>{c.apcerAp ? `${c.apcerAp.species}: ${counted(c.apcerAp)}` : '—'}</td>
                  <td>{counted(c.apcerPooled)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cert.leakage && cert.leakage.warnings.length > 0 && (
        <div className="cert-leakage" data-testid="leakage-warning">{cert.leakage.warnings.map((w) => <p key={w} className="warn">{w}</p>)}</div>
      )}
      <div className="cert-actions">
        <label>Profile{' '}
          <select data-testid="profile-select" value={profileId} onChange={(e) => setProfile(e.target.value)}>
            <option value="">none</option>
            {[...BUILTIN_PROFILES, ...userProfiles].map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
        </label>
        <label className="cert-file">add profile file… <input type="file" accept=".json,application/json" aria-label="Add a profile file"
          onChange={(e) => { const file = e.target.files?.[0]; if (file) void addUserProfile(file); e.target.value = ''; }} /></label>
      </div>
      <Checklist pending={pending} />
    </section>
  );
}
