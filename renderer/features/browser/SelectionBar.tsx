// The bulk bar over a multi-selection (shift/ctrl-click in the table, a box or lasso on the map): tags, and
// optionally a verdict, for every selected sample in one action that the custody log records once.
// Renderer feature component.
import { useState, type FormEvent } from 'react';
import type { Verdict } from '../../../common/api';
import { useWorkbench } from '../../store';

export function SelectionBar() {
  const count = useWorkbench((s) => s.selectedIds.length);
  const workspaceOpen = useWorkbench((s) => (s.browserPage?.total ?? 0) > 0);
  const [tags, setTags] = useState('');
  const [verdict, setVerdict] = useState<Verdict | ''>('');
  const [busy, setBusy] = useState(false);
  if (count < 2 || !workspaceOpen) return null;
  const list = tags.split(',').map((t) => t.trim()).filter(Boolean);
  const apply = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const done = await useWorkbench.getState().tagSelected(list, verdict || undefined);
    setBusy(false);
    if (done) { setTags(''); setVerdict(''); }
  };
  return (
    <form className="selection-bar" data-testid="selection-bar" data-count={count} onSubmit={(e) => void apply(e)} aria-label="Bulk action on the selection">
      <strong>{count} selected</strong>
      <label>tags
        <input data-testid="bulk-tags" value={tags} placeholder="comma-separated" maxLength={400} onChange={(e) => setTags(e.target.value)} />
      </label>
      <label>verdict
        <select data-testid="bulk-verdict" value={verdict} onChange={(e) => setVerdict(e.target.value as Verdict | '')}>
          <option value="">keep each sample's</option>
          <option value="attack">attack</option><option value="bona-fide">bona fide</option><option value="inconclusive">inconclusive</option>
        </select>
      </label>
      <button type="submit" className="primary" data-testid="bulk-apply" disabled={busy || (list.length === 0 && verdict === '')}
        title="Adds a new finding to each selected sample (nothing is overwritten) and one custody entry naming them all">Apply to {count}</button>
      <button type="button" onClick={() => useWorkbench.getState().selectSample(null)}>Clear selection</button>
    </form>
  );
}
