// Analytics slice: routing statistics of the scored model (expert usage, entropy, mean maps).
// Renderer store slice.
import type { StateCreator } from 'zustand';
import type { ExpertUsage } from '../../common/api';
import { api } from '../bridge/client';
import type { WorkbenchState } from './index';

export interface AnalyticsSlice {
  usage: ExpertUsage | null;
  usageStatus: 'idle' | 'loading' | 'ready' | 'error';
  loadUsage: () => Promise<void>;
}

export const createAnalyticsSlice: StateCreator<WorkbenchState, [], [], AnalyticsSlice> = (set, get) => ({
  usage: null,
  usageStatus: 'idle',
  loadUsage: async () => {
    const model = get().table?.modelSha256 ?? get().models.A?.sha256;
    if (!model) {
      set({ usage: null, usageStatus: 'idle' });
      return;
    }
    set({ usageStatus: 'loading' });
    const result = await api().analytics.expertUsage({ modelSha256: model });
    if (!result.ok) {
      set({ usageStatus: 'error' });
      get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    set({ usage: result.value, usageStatus: 'ready' });
  },
});
