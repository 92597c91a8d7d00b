// Scoring-run progress: bar, counts, speed, ETA, the provider badge, photographs over the face cap, a queued run's
// workers and a cancel button.
// Renderer component; data-testid run-progress and provider-badge are stable automation hooks.
import { domainCountsText } from '../../../common/faces/domain';
import { cappedFacesText } from '../../../common/faces/face-cap';
import { fallbackAttempts } from '../../../common/model/provider-attempts';
import { useWorkbench } from '../../store';
import { SkippedLines } from './SkippedLines';
import { formatPerSecond } from '../../../common/format/figures';


function eta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

export function RunProgressBar() {
  const progress = useWorkbench((s) => s.progress);
  const status = useWorkbench((s) => s.runStatus);
  const finished = useWorkbench((s) => s.lastFinished);
  const modelA = useWorkbench((s) => s.models.A);
  const cancel = useWorkbench((s) => s.cancelRun);
  const provider = progress?.provider ?? modelA?.provider;
  const device = modelA?.providerAttempts.find((a) => a.ok && a.provider === provider)?.device;
  const fellBack = fallbackAttempts(modelA?.providerAttempts ?? []);
  const fraction = progress && progress.total > 0 ? progress.done / progress.total : 0;
  const state = status !== 'idle' ? status : finished ? finished.status : 'idle';
  const workers = status === 'idle' ? finished?.workers : progress?.workers;
  return (
    <div className="run-progress" data-testid="run-progress" data-state={state} data-done={progress?.done ?? 0} data-total={progress?.total ?? 0}>
      {provider && (
        <span className={`provider-badge provider-${provider}${fellBack.length > 0 ? ' fallback' : ''}`} data-testid="provider-badge" title={modelA?.providerAttempts.map((a) => `${a.provider}: ${a.ok ? 'in use' : a.error}`).join('\n')}>
          {provider.toUpperCase()}{device ? ` · ${device}` : ''}{fellBack.length > 0 ? ' (fallback)' : ''}
        </span>
      )}
      <div className="bar" role="progressbar" aria-label="Scoring progress" aria-valuemin={0} aria-valuemax={progress?.total ?? 0} aria-valuenow={progress?.done ?? 0}>
        <div className="fill" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <span className="run-text">
        {progress
          ? `${progress.done}/${progress.total} · ${formatPerSecond(progress.imagesPerSecond)} img/s · ETA ${status === 'idle' ? '—' : eta(progress.etaSeconds)} · ${progress.failed} failed · ${progress.skipped} already scored`
          : 'no run yet'}
        {status === 'idle' && finished ? ` · ${finished.status}` : ''}
      </span>
      {status === 'idle' && finished?.domain && (
        <span className="run-domain" data-testid="run-domain-summary">{domainCountsText(finished.domain, finished.faces === 'detect' ? 'faces' : 'samples')}</span>
      )}
      {status === 'idle' && finished?.facesCapped && finished.facesCapped.length > 0 && (
        <span className="run-faces-capped" data-testid="run-faces-capped">
          {`${finished.facesCapped.length} photograph(s) had more than ${finished.maxFaces ?? '?'} faces: `}
          {finished.facesCapped.slice(0, 5).map((c) => `${c.path} ${cappedFacesText(c, 'the face cap')}`).join('; ')}
          {finished.facesCapped.length > 5 ? `; … and ${finished.facesCapped.length - 5} more` : ''}
        </span>
      )}
      {workers && workers.length > 0 && (
        <ul className="run-workers" data-testid="run-workers" aria-label="Queue workers">
          {workers.map((w) => (
            <li key={w.id} title={w.id}>
              {`${w.host} (${w.provider}): ${w.samples} samples in ${w.jobs} jobs · ${formatPerSecond(w.samplesPerSecond)} samples/s · ${w.failures} failed`}
            </li>
          ))}
        </ul>
      )}
      {(status === 'running' || status === 'cancelling') && (
        <button type="button" data-testid="run-cancel" onClick={() => void cancel()} disabled={status === 'cancelling'}>
          {status === 'cancelling' ? 'Cancelling…' : 'Cancel'}
        </button>
      )}
      <SkippedLines />
    </div>
  );
}
