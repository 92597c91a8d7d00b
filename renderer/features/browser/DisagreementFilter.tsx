// The browser's disagreement filter between model A and model B, each decided at its own τ (said beside it):
// "A and B disagree", "only A wrong", "only B wrong", "both wrong" (common/samples/sample-query.ts).
// Renderer feature component; data-testid filter-disagreement is a stable automation hook.
import { DISAGREEMENTS, type Disagreement } from '../../../common/samples/sample-query';
import { slotThresholdSays, slotThresholdValue, useWorkbench } from '../../store';
import { formatThreshold } from '../../../common/format/figures';

const LABELS: Record<Disagreement, string> = {
  disagree: 'A and B disagree',
  'only-a-wrong': 'only A wrong',
  'only-b-wrong': 'only B wrong',
  'both-wrong': 'both wrong',
};

export function DisagreementFilter() {
  const hasB = useWorkbench((s) => !!s.models.B);
  const kind = useWorkbench((s) => s.disagreement);
  const setDisagreement = useWorkbench((s) => s.setDisagreement);
  const tauB = useWorkbench((s) => slotThresholdValue(s, 'B'));
  const saysB = useWorkbench((s) => slotThresholdSays(s, 'B'));
  const tauA = useWorkbench((s) => s.threshold);
  if (!hasB) return null;
  return (
    <div className="disagreement-filter">
      <label>
        A vs B{' '}
        <select data-testid="filter-disagreement" value={kind ?? ''} onChange={(e) => void setDisagreement(e.target.value === '' ? null : (e.target.value as Disagreement))}>
          <option value="">any</option>
          {DISAGREEMENTS.map((d) => <option key={d} value={d}>{LABELS[d]}</option>)}
        </select>
      </label>
      <span className="muted" data-testid="disagreement-thresholds">A at τ {formatThreshold(tauA)} · B {tauB === null ? `undecided: ${saysB}` : `at τ ${formatThreshold(tauB)} (${saysB})`}</span>
    </div>
  );
}
