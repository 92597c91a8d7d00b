// Run slice: start, watch and cancel a scoring run; progress and streamed results come as events.
// Renderer store slice.
import type { StateCreator } from 'zustand';
import type { ModelSlot, RunFinished, RunProgress } from '../../common/api';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';

export interface RunSlice {
  runStatus: 'idle' | 'starting' | 'running' | 'cancelling';
  progress: RunProgress | null;
  lastFinished: RunFinished | null;
  /** Face detection for the next run: detect (one sample per face), none (whole images), auto (the model's sidecar). */
  facesChoice: 'detect' | 'none' | 'auto';
  setFacesChoice: (choice: 'detect' | 'none' | 'auto') => void;
  /**
   * The one place a scoring run is started: scores the dataset with the model in `slot`. Every listed model is
   * `listedSlots(get())` (model-slots.ts), for a run that scores several at once.
   */
  startRun: (datasetPath: string, slot: ModelSlot, batchSize?: number) => Promise<void>;
  cancelRun: () => Promise<void>;
  onRunProgress: (progress: RunProgress) => void;
  onRunFinished: (finished: RunFinished) => void;
}

/**
 * The run state that belongs to the open workspace: the last run's progress and summary, and the face
 * choice made for it. `runStatus` is not reset: the host refuses a switch while a run is in progress.
 */
export const runWorkspaceState = (): Pick<RunSlice, 'progress' | 'lastFinished' | 'facesChoice'> => ({
  progress: null, lastFinished: null, facesChoice: 'auto',
});

export const createRunSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], RunSlice> => (set, get) => ({
  runStatus: 'idle',
  ...runWorkspaceState(),
  setFacesChoice: (facesChoice) => set({ facesChoice }),
  startRun: async (datasetPath, slot, batchSize) => {
    const model = get().models[slot];
    if (!model) {
      get().showNotice({ kind: 'error', text: `Open a model in slot ${slot} first.` });
      return;
    }
    set({ runStatus: 'starting', progress: null, lastFinished: null });
    const here = sameWorkspace(get);
    const result = await api().run.start({ datasetPath: datasetPath.trim(), slot, faces: get().facesChoice, ...(batchSize ? { batchSize } : {}) });
    if (!result.ok) {
      set({ runStatus: 'idle' });
      get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    set({ runStatus: 'running' });
    if (!here()) return;
    get().showNotice({ kind: 'info', text: `Run ${result.value.runId}: scoring ${result.value.total} samples with ${model.name}` });
    await get().loadSamples(model.sha256);
  },
  cancelRun: async () => {
    set({ runStatus: 'cancelling' });
    await api().run.cancel();
  },
  onRunProgress: (progress) => set({ progress, runStatus: get().runStatus === 'idle' ? 'running' : get().runStatus }),
  onRunFinished: (finished) => {
    set({ runStatus: 'idle', lastFinished: finished });
    get().showNotice({
      kind: finished.status === 'failed' ? 'error' : 'info',
      text: `Run ${finished.runId} ${finished.status}: ${finished.scored} scored, ${finished.skipped} skipped, ${finished.failed} failed${finished.error ? ` — ${finished.error}` : ''}`,
    });
    void get().refreshWorkspace();
    void get().loadSamples(finished.modelSha256);
  },
});
