// The switch "decide out-of-domain samples by score": off by default (samples outside the model's domain are
// inconclusive non-responses, counted in APNRR / BPNRR), on to decide them by score; it says how many samples
// of the evaluated split it moves. Renderer feature component.
import { useWorkbench } from '../../store';
import { outOfDomainCount } from '../../store/evaluation-selectors';

export function OutOfDomainSwitch() {
  const on = useWorkbench((s) => s.evalDecideOutOfDomainByScore);
  const set = useWorkbench((s) => s.setDecideOutOfDomainByScore);
  const count = useWorkbench(outOfDomainCount);
  const samples = `${count} sample${count === 1 ? '' : 's'}`;
  return (
    <label className="cert-note" data-testid="decide-out-of-domain-switch" data-count={count}
      title="Off: samples outside the model's domain are inconclusive non-responses (APNRR / BPNRR). On: they are decided by score like the others.">
      <input type="checkbox" data-testid="decide-out-of-domain" checked={on} onChange={(e) => void set(e.target.checked)} />
      {' '}Decide out-of-domain samples by score{' '}
      <span className="muted" data-testid="decide-out-of-domain-count">
        ({count === 0 ? 'no sample of this split is outside the domain' : on ? `${samples} decided by score instead of counted as non-responses` : `would move ${samples} from the non-responses to the decided`})
      </span>
    </label>
  );
}
