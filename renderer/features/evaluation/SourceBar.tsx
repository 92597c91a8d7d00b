// What is evaluated: the primary run, overlays for comparison (workspace models or external scores
// CSV files, by path on the host or uploaded), and the evaluated split. Renderer feature component.
import { useRef, useState, type FormEvent } from 'react';
import { useWorkbench } from '../../store';
import { BrowseButton, PathProblem, usePathProblem } from '../../components/PathField';
import { NO_MODELS, NO_SPLITS, primarySource } from '../../store/evaluation-selectors';
import { seriesVar } from '../../components/palette';

function AddModel() {
  const models = useWorkbench((s) => s.workspace?.models ?? NO_MODELS);
  const loaded = useWorkbench((s) => s.evalSources);
  const add = useWorkbench((s) => s.addModelSource);
  const available = models.filter((m) => !loaded.some((x) => x.modelSha256 === m.sha256));
  if (available.length === 0) return null;
  return (
    <select data-testid="eval-add-model" aria-label="Add a scored model" value="" onChange={(e) => {
      const model = available.find((m) => m.sha256 === e.target.value);
      if (model) void add(model.sha256, model.name);
    }}>
      <option value="">+ scored model…</option>
      {available.map((m) => <option key={m.sha256} value={m.sha256}>{m.name} · {m.sha256.slice(0, 8)} ({m.predictions})</option>)}
    </select>
  );
}

const SCORES_HINT = 'Evaluate any system\'s scores: CSV with header score,label[,species][,identity]; label 1 = attack, 0 = bona fide; higher = more likely attack';

/** A scores CSV by path (checked on the host as it is typed; Browse… in the desktop app), or uploaded. */
function LoadScoresFile() {
  const input = useRef<HTMLInputElement>(null);
  const addFile = useWorkbench((s) => s.addScoresFile);
  const addPath = useWorkbench((s) => s.addScoresPath);
  const [path, setPath] = useState('');
  const problem = usePathProblem('scores', path);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim() !== '') void addPath(path);
  };
  return (
    <form className="path-field scores-path-field" onSubmit={submit} aria-label="Scores CSV">
      <input data-testid="scores-path" value={path} spellCheck={false} placeholder="/path/to/test.csv" aria-label="Scores CSV path"
        title={SCORES_HINT} aria-invalid={problem ? true : undefined} onChange={(e) => setPath(e.target.value)} />
      <button type="submit" data-testid="scores-open" disabled={path.trim() === ''}>Load</button>
      <BrowseButton kind="scores" testId="scores-browse" onPicked={(picked) => { setPath(picked); void addPath(picked); }} />
      <input ref={input} data-testid="scores-file" type="file" accept=".csv,text/csv" hidden onChange={(e) => {
        for (const file of Array.from(e.target.files ?? [])) void addFile(file);
        e.target.value = '';
      }} />
      <button type="button" data-testid="scores-file-button" onClick={() => input.current?.click()} title={SCORES_HINT}>
        Upload…
      </button>
      <PathProblem problem={problem} testId="scores-path-error" />
    </form>
  );
}

export function SourceBar() {
  const sources = useWorkbench((s) => s.evalSources);
  const primaryId = useWorkbench((s) => s.evalPrimaryId);
  const compareIds = useWorkbench((s) => s.evalCompareIds);
  const setPrimary = useWorkbench((s) => s.setEvalPrimary);
  const toggleCompare = useWorkbench((s) => s.toggleEvalCompare);
  const remove = useWorkbench((s) => s.removeEvalSource);
  const splits = useWorkbench((s) => primarySource(s)?.summary?.splits ?? NO_SPLITS);
  const split = useWorkbench((s) => s.evalSplit);
  const setSplit = useWorkbench((s) => s.setEvalSplit);
  const overlayOrder = (id: string) => 1 + compareIds.filter((x) => x !== primaryId).indexOf(id);
  return (
    <div className="source-bar">
      <span className="muted">Runs</span>
      <ul className="source-list" data-testid="eval-sources">
        {sources.map((source) => {
          const primary = source.id === primaryId;
          const overlaid = compareIds.includes(source.id);
          const colour = primary ? seriesVar(0) : overlaid ? seriesVar(overlayOrder(source.id)) : 'transparent';
          return (
            <li key={source.id} className={`source-chip${primary ? ' primary' : ''}`} data-testid="eval-source" data-source={source.name} data-status={source.status}>
              <span className="swatch" style={{ background: colour }} />
              <label title="Primary run: drives the threshold, rates and histograms">
                <input type="radio" name="eval-primary" checked={primary} disabled={source.status !== 'ready'} onChange={() => void setPrimary(source.id)} />
                {source.name}
              </label>
              {source.kind === 'file' && <span className="muted">(file)</span>}
              {source.status === 'loading' && <span className="muted">loading…</span>}
              {source.status === 'error' && <span className="error" title={source.error ?? ''}>failed</span>}
              {!primary && source.status === 'ready' && (
                <label className="check" title="Overlay on ROC/DET and compare side by side">
                  <input type="checkbox" data-testid="eval-compare" checked={overlaid} onChange={() => toggleCompare(source.id)} />overlay
                </label>
              )}
              <button type="button" className="chip-remove" aria-label={`Remove ${source.name}`} onClick={() => remove(source.id)}>×</button>
            </li>
          );
        })}
      </ul>
      <AddModel />
      <LoadScoresFile />
      <label className="split-select">Evaluate on
        <select data-testid="eval-split" value={split} onChange={(e) => setSplit(e.target.value)}>
          {splits.map((s) => <option key={s.split} value={s.split} disabled={s.unusable !== null}>{s.split} ({s.samples}){s.unusable ? ' — not usable' : ''}</option>)}
        </select>
      </label>
    </div>
  );
}
