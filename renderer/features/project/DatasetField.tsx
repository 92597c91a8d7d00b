// Dataset field: a folder, protocol list or manifest path with recent entries; List previews it from
// disk, Score runs the model in slot A over it into the workspace. Native Folder…/List… dialogs in the
// desktop app; a typed path is checked inline.
// Renderer feature component.
import { useEffect, useState, type FormEvent } from 'react';
import { FACE_CAP_MAX, FACE_CAP_MIN, isFaceCap } from '../../../common/faces/face-cap';
import { useWorkbench } from '../../store';
import { listedSlots } from '../../store/model-slots';
import { BrowseButton, PathProblem, usePathProblem } from '../../components/PathField';

export function DatasetField() {
  const recent = useWorkbench((s) => s.recentDatasets);
  const status = useWorkbench((s) => s.datasetStatus);
  const runStatus = useWorkbench((s) => s.runStatus);
  const canScore = useWorkbench((s) => !!s.workspace && !!s.models.A);
  const modelCount = useWorkbench((s) => listedSlots(s).length);
  const openDataset = useWorkbench((s) => s.openDataset);
  const startRun = useWorkbench((s) => s.startRun);
  const listedPath = useWorkbench((s) => s.datasetPath);
  const faces = useWorkbench((s) => s.facesChoice);
  const setFaces = useWorkbench((s) => s.setFacesChoice);
  const maxFaces = useWorkbench((s) => s.maxFaces);
  const setMaxFaces = useWorkbench((s) => s.setMaxFaces);
  const [path, setPath] = useState('');
  useEffect(() => { if (listedPath) setPath(listedPath); }, [listedPath]);
  const problem = usePathProblem('dataset-file', path);
  const picked = (chosen: string) => { setPath(chosen); void openDataset(chosen); };

  const list = (event: FormEvent) => {
    event.preventDefault();
    void openDataset(path);
  };

  return (
    <form className="path-field dataset-field" onSubmit={list} aria-label="Dataset">
      <label>
        <span>Dataset</span>
        <input data-testid="dataset-path" list="recent-datasets" value={path} spellCheck={false}
          placeholder="folder (live/…, attack/<species>/…), UniAttackData list (.txt) or manifest (.csv)"
          aria-invalid={problem ? true : undefined} onChange={(e) => setPath(e.target.value)} />
      </label>
      <datalist id="recent-datasets">{recent.map((p) => <option key={p} value={p} />)}</datalist>
      <button type="submit" data-testid="dataset-open" disabled={status === 'opening' || path.trim() === ''}>
        {status === 'opening' ? 'Listing…' : 'List'}
      </button>
      <BrowseButton kind="dataset-folder" testId="dataset-browse" label="Folder…" disabled={status === 'opening'} onPicked={picked} />
      <BrowseButton kind="dataset-file" testId="dataset-browse-file" label="List…" disabled={status === 'opening'} onPicked={picked} />
      <PathProblem problem={problem} testId="dataset-path-error" />
      <label className="faces-choice" title="Face detection: one sample per detected face (aligned crop), whole images, or as the model's sidecar says">
        <span>Faces</span>
        <select data-testid="faces-toggle" value={faces} onChange={(e) => setFaces(e.target.value as 'detect' | 'none' | 'auto')}>
          <option value="auto">auto (model)</option>
          <option value="detect">detect faces</option>
          <option value="none">whole images</option>
        </select>
      </label>
      <label className="faces-cap" title={`Face cap: the most faces kept per photograph, best first (${FACE_CAP_MIN} to ${FACE_CAP_MAX}); the run says which photographs had more`}>
        <span>max</span>
        <input type="number" data-testid="max-faces" aria-label="Max faces per photograph" min={FACE_CAP_MIN} max={FACE_CAP_MAX} step={1} value={Number.isNaN(maxFaces) ? '' : maxFaces}
          disabled={faces === 'none'} aria-invalid={isFaceCap(maxFaces) ? undefined : true} onChange={(e) => setMaxFaces(e.target.value === '' ? Number.NaN : Number(e.target.value))} />
      </label>
      <button type="button" data-testid="run-start" className="primary"
        disabled={!canScore || runStatus !== 'idle' || path.trim() === ''}
        title={canScore ? (modelCount > 1 ? `Score this dataset with the ${modelCount} listed models in one pass (each image decoded once) into the workspace` : 'Score this dataset with the model into the workspace') : 'Open a workspace and a model first'}
        onClick={() => void startRun(path, 'A')}>
        {modelCount > 1 ? `Score with ${modelCount} models` : 'Score'}
      </button>
    </form>
  );
}
