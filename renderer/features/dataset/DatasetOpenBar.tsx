// Dataset opener: native folder dialog in Electron, a path field with recent entries in a browser.
// Renderer feature component.
import { useState, type FormEvent } from 'react';
import { useWorkbench } from '../../store';

export function DatasetOpenBar() {
  const nativeDialogs = useWorkbench((s) => s.appInfo?.nativeDialogs ?? false);
  const recent = useWorkbench((s) => s.recentDatasets);
  const status = useWorkbench((s) => s.datasetStatus);
  const openDataset = useWorkbench((s) => s.openDataset);
  const pickAndOpen = useWorkbench((s) => s.pickAndOpenDataset);
  const [path, setPath] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void openDataset(path);
  };

  return (
    <form className="open-bar" onSubmit={submit} aria-label="Open dataset">
      <label htmlFor="dataset-path">Dataset folder</label>
      <input
        id="dataset-path"
        data-testid="dataset-path"
        list="recent-datasets"
        value={path}
        placeholder="/path/to/dataset (live/…, attack/<species>/… or UniAttackData layout)"
        onChange={(e) => setPath(e.target.value)}
        spellCheck={false}
      />
      <datalist id="recent-datasets">
        {recent.map((p) => <option key={p} value={p} />)}
      </datalist>
      <button type="submit" data-testid="dataset-open" disabled={status === 'opening'}>
        {status === 'opening' ? 'Opening…' : 'Open'}
      </button>
      {nativeDialogs && (
        <button type="button" onClick={() => void pickAndOpen()} disabled={status === 'opening'}>Browse…</button>
      )}
    </form>
  );
}
