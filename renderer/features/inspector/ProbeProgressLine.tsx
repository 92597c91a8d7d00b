// Progress of a running probe (variants scored of the total) with its cancel button, or the last probe
// error. Renderer component; data-testid probe-progress and probe-cancel are automation hooks.
import type { ProbeKind } from '../../../common/contract/explain';
import { useWorkbench } from '../../store';

export function ProbeProgressLine({ kinds }: { kinds: ProbeKind[] }) {
  const running = useWorkbench((s) => s.probeRunning);
  const error = useWorkbench((s) => s.probeError);
  const cancel = useWorkbench((s) => s.cancelProbe);
  if (running && kinds.includes(running.kind)) {
    return (
      <div className="probe-progress" data-testid="probe-progress">
        <progress max={Math.max(1, running.total)} value={running.done} />
        <span className="muted">{running.total > 0 ? `${running.done} / ${running.total} variants scored` : 'starting…'}</span>
        <button type="button" data-testid="probe-cancel" onClick={() => void cancel()}>Cancel</button>
      </div>
    );
  }
  return error ? <div className="error" role="alert">{error}</div> : null;
}
