// UI slice: which tab is showing and overlay toggles. Renderer store slice.
import type { StateCreator } from 'zustand';
import type { WorkbenchState } from './create-store';

export type TabId = 'samples' | 'evaluation' | 'analytics' | 'models' | 'case';

export interface UiSlice {
  tab: TabId;
  helpOpen: boolean;
  setTab: (tab: TabId) => void;
  setHelpOpen: (open: boolean) => void;
}

export const createUiSlice: StateCreator<WorkbenchState, [], [], UiSlice> = (set) => ({
  tab: 'samples',
  helpOpen: false,
  setTab: (tab) => set({ tab }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
});
