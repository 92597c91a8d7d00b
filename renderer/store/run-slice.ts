// Run slice: start, watch and cancel a scoring run; progress and streamed results come as events.
// Renderer store slice.
import type { StateCreator } from 'zustand';
import type { ModelSlot, RunFinished, RunProgress } from '../../common/api';
import { DEFAULT_FACE_CAP, FACE_CAP_MAX, FACE_CAP_MIN, isFaceCap } from '../../common/faces/face-cap';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { listedSlots } from './model-slots';
import { sameWorkspace } from './workspace-generation';

export interface RunSlice {
  runStatus: 'idle' | 'starting' | 'running' | 'cancelling';
  progress: RunProgress | null;
  lastFinished: RunFinished | null;
  /** Face detection for the next run: detect (one sample per face), none (whole images), auto (the model's sidecar). */
  facesChoice: 'detect' | 'none' | 'auto';
  setFacesChoice: (choice: 'detect' | 'none' | 'auto') => void;
  /** With face detection: the most faces kept per photograph (the face cap), as typed; checked when Score starts. */
  maxFaces: number;
  setMaxFaces: (maxFaces: number) => void;
  /**
   * The one place a scoring run is started: scores the dataset with the model in `slot` and every other listed
   * model (`listedSlots`, model-slots.ts) in one pass — each image decoded once, one run per model, samples a
   * model already holds skipped. The browser shows `slot`'s scores.
   */
  startRun: (datasetPath: string, slot: ModelSlot, batchSize?: number) => Promise<void>;
  cancelRun: () => Promise<void>;
  onRunProgress: (progress: RunProgress) => void;
  onRunFinished: (finished: RunFinished) => void;
}

/**
 * The run state that belongs to the open workspace: the last run's progress and summary, and the face
 * choice and face cap made for it. `runStatus` is not reset: the host refuses a switch while a run is in progress.
 */
export const runWorkspaceState = (): Pick<RunSlice, 'progress' | 'lastFinished' | 'facesChoice' | 'maxFaces'> => ({
  progress: null, lastFinished: null, facesChoice: 'auto', maxFaces: DEFAULT_FACE_CAP,
});

export const createRunSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], RunSlice> => (set, get) => ({
  runStatus: 'idle',
  ...runWorkspaceState(),
  setFacesChoice: (facesChoice) => set({ facesChoice }),
  setMaxFaces: (maxFaces) => set({ maxFaces }),
  startRun: async (datasetPath, slot, batchSize) => {
    const model = get().models[slot];
    if (!model) {
      get().showNotice({ kind: 'error', text: `Open a model in slot ${slot} first.` });
      return;
    }
    const { facesChoice, maxFaces } = get();
    if (facesChoice !== 'none' && !isFaceCap(maxFaces)) {
      get().showNotice({ kind: 'error', text: `The face cap (faces kept per photograph) must be a whole number from ${FACE_CAP_MIN} to ${FACE_CAP_MAX}.` });
      return;
    }
    set({ runStatus: 'starting', progress: null, lastFinished: null });
    const here = sameWorkspace(get);
    const others = listedSlots(get()).filter((s) => s !== slot);
    const names = [model, ...others.map((s) => get().models[s]!)].map((m) => m.name);
    const result = await api().run.start({
      datasetPath: datasetPath.trim(), slot, ...(others.length > 0 ? { slots: [slot, ...others] } : {}), faces: facesChoice, ...(facesChoice !== 'none' ? { maxFaces } : {}), ...(batchSize ? { batchSize } : {}),
    });
    if (!result.ok) {
      set({ runStatus: 'idle' });
      get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    // A pass with nothing to score may finish before this answer: its finish events have set the status idle and
    // said the summary already, which stays.
    const finishedFirst = get().runStatus !== 'starting';
    if (!finishedFirst) set({ runStatus: 'running' });
    if (!here()) return;
    if (!finishedFirst) get().showNotice({ kind: 'info', text: `Run ${result.value.runId}: scoring ${result.value.total} samples with ${names.length > 1 ? `${names.length} models (${names.join(', ')}), each image decoded once` : model.name}` });
    await get().loadSamples(model.sha256);
  },
  cancelRun: async () => {
    set({ runStatus: 'cancelling' });
    await api().run.cancel();
  },
  onRunProgress: (progress) => set({ progress, runStatus: get().runStatus === 'idle' ? 'running' : get().runStatus }),
  onRunFinished: (finished) => {
    // A pass of several models finishes once per model: each says its summary; the last (no `more`) ends the run
    // here and refreshes the workspace and the browser once, on the model the browser shows.
    set({ lastFinished: finished, ...(finished.more ? {} : { runStatus: 'idle' as const }) });
    get().showNotice({
      kind: finished.status === 'failed' ? 'error' : 'info',
      text: `Run ${finished.runId} ${finished.status}: ${finished.scored} scored, ${finished.skipped} skipped, ${finished.failed} failed${finished.error ? ` — ${finished.error}` : ''}`,
    });
    if (finished.more) return;
    void get().refreshWorkspace();
    void get().loadSamples(get().browserModel ?? finished.modelSha256);
  },
});
