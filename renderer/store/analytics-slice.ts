// Analytics slice: routing statistics of the scored model (expert usage, entropy, mean maps) and the routing
// specialisation of model A, and of model B when one is open, for comparison.
// Renderer store slice.
import type { StateCreator } from 'zustand';
import type { ExpertUsage, RoutingSpecialisation } from '../../common/api';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';
import { shownModelOf } from './samples-slice';

export interface AnalyticsSlice {
  usage: ExpertUsage | null;
  usageStatus: 'idle' | 'loading' | 'ready' | 'error';
  loadUsage: () => Promise<void>;
  /** One entry per compared model (the scored model, then model B if open); `error` where it has no statistics. */
  specialisation: { slot: 'A' | 'B'; result: RoutingSpecialisation | null; error: string | null }[];
  specialisationStatus: 'idle' | 'loading' | 'ready';
  loadSpecialisation: () => Promise<void>;
}

/** The analytics state that belongs to the open workspace: every routing statistic shown. */
export const analyticsWorkspaceState = (): Pick<AnalyticsSlice, 'usage' | 'usageStatus' | 'specialisation' | 'specialisationStatus'> => ({
  usage: null, usageStatus: 'idle', specialisation: [], specialisationStatus: 'idle',
});

export const createAnalyticsSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], AnalyticsSlice> => (set, get) => ({
  ...analyticsWorkspaceState(),
  loadUsage: async () => {
    const model = shownModelOf(get()) ?? get().models.A?.sha256;
    if (!model) {
      set({ usage: null, usageStatus: 'idle' });
      return;
    }
    set({ usageStatus: 'loading' });
    const here = sameWorkspace(get);
    const result = await api().analytics.expertUsage({ modelSha256: model });
    if (!here()) return; // computed on the workspace left since
    if (!result.ok) {
      set({ usageStatus: 'error' });
      get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    set({ usage: result.value, usageStatus: 'ready' });
  },
  loadSpecialisation: async () => {
    const a = shownModelOf(get()) ?? get().models.A?.sha256;
    const b = get().models.B?.sha256;
    const wanted = [...(a ? [{ slot: 'A' as const, sha: a }] : []), ...(b && b !== a ? [{ slot: 'B' as const, sha: b }] : [])];
    if (wanted.length === 0) {
      set({ specialisation: [], specialisationStatus: 'idle' });
      return;
    }
    set({ specialisationStatus: 'loading' });
    const here = sameWorkspace(get);
    const results = await Promise.all(wanted.map(async ({ slot, sha }) => {
      const result = await api().analytics.specialisation({ modelSha256: sha });
      return result.ok ? { slot, result: result.value, error: null } : { slot, result: null, error: result.error.message };
    }));
    if (here()) set({ specialisation: results, specialisationStatus: 'ready' });
  },
});
