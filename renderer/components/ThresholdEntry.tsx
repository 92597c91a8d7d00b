// The numeric τ entry shared by the Evaluation tab's threshold control and the case form: it moves the
// operating point through the store's one writer (ARCHITECTURE.md §11). Renderer shared component.
import { useState } from 'react';
import { useWorkbench } from '../store';
import { formatThreshold } from '../../common/format/figures';

/** Numeric τ entry, committed on Enter or blur (also on the case form). */
export function ThresholdEntry({ testId = 'threshold-input' }: { testId?: string }) {
  const threshold = useWorkbench((s) => s.threshold);
  const move = useWorkbench((s) => s.setOperatingPoint);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const value = Number(draft);
    if (draft.trim() !== '' && Number.isFinite(value)) move(value);
    setDraft(null);
  };
  return (
    <input data-testid={testId} className="threshold-input" type="text" inputMode="decimal" aria-label="Threshold"
      value={draft ?? formatThreshold(threshold)} data-threshold={threshold}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault(); // inside a form (the case form), Enter sets τ and submits nothing
          commit();
        }
        else if (event.key === 'Escape') setDraft(null);
      }} />
  );
}
