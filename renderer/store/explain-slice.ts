// Explain slice: what the inspected sample resembles — its nearest neighbours by embedding under model A,
// shown as a strip and usable as a grid filter. Renderer store slice; IPC happens only in these actions.
import type { StateCreator } from 'zustand';
import type { SimilarSamples } from '../../common/api';
import { api } from '../bridge/client';
import type { WorkbenchState } from './index';

export interface ExplainSlice {
  similar: (SimilarSamples & { sampleId: number }) | null;
  similarStatus: 'idle' | 'loading' | 'ready' | 'error';
  similarError: string | null;
  similarK: number;
  setSimilarK: (k: number) => void;
  /** Finds the k nearest samples of this one under the model in slot A. */
  findSimilar: (sampleId: number) => Promise<void>;
  /** Limits the sample browser to the sample and its neighbours. */
  showSimilarInGrid: () => void;
}

export const createExplainSlice: StateCreator<WorkbenchState, [], [], ExplainSlice> = (set, get) => ({
  similar: null,
  similarStatus: 'idle',
  similarError: null,
  similarK: 10,
  setSimilarK: (similarK) => set({ similarK }),
  findSimilar: async (sampleId) => {
    const model = get().details.A?.modelSha256 ?? get().models.A?.sha256;
    if (!model) {
      set({ similar: null, similarStatus: 'error', similarError: 'Open a model in slot A first.' });
      return;
    }
    set({ similarStatus: 'loading', similarError: null });
    const result = await api().explain.similar({ sampleId, modelSha256: model, k: get().similarK });
    if (get().inspectedId !== sampleId) return; // the analyst moved on
    if (result.ok) set({ similar: { ...result.value, sampleId }, similarStatus: 'ready' });
    else set({ similar: null, similarStatus: 'error', similarError: result.error.message });
  },
  showSimilarInGrid: () => {
    const similar = get().similar;
    if (!similar) return;
    get().setFilter({ only: { ids: [similar.sampleId, ...similar.neighbours.map((n) => n.sampleId)], label: `sample ${similar.sampleId} and its ${similar.neighbours.length} nearest` } });
  },
});
