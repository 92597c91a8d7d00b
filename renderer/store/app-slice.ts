// App slice: host facts (mode, versions) and the notice line shown to the analyst.
// Renderer store slice; IPC happens in these actions, never in components.
import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../common/api';
import type { PathKind } from '../../common/contract/app';
import { api } from '../bridge/client';
import type { WorkbenchState } from './index';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface AppSlice {
  appInfo: AppInfo | null;
  notice: Notice | null;
  loadAppInfo: () => Promise<void>;
  showNotice: (notice: Notice | null) => void;
  /** The desktop app's native dialog for a kind of path; null when cancelled or unavailable (said in the notice). */
  pickPath: (kind: PathKind) => Promise<string | null>;
  /** Whether a typed path fits its kind, checked by the host: the problem in words, or null when it fits. */
  checkPath: (kind: PathKind, path: string) => Promise<string | null>;
}

export const createAppSlice: StateCreator<WorkbenchState, [], [], AppSlice> = (set) => ({
  appInfo: null,
  notice: null,
  loadAppInfo: async () => {
    const result = await api().app.info();
    if (result.ok) set({ appInfo: result.value });
    else set({ notice: { kind: 'error', text: result.error.message } });
  },
  showNotice: (notice) => set({ notice }),
  pickPath: async (kind) => {
    const result = await api().app.pickPath({ kind });
    if (result.ok) return result.value;
    set({ notice: { kind: 'error', text: result.error.message } });
    return null;
  },
  checkPath: async (kind, path) => {
    const result = await api().app.checkPath({ kind, path });
    return result.ok ? result.value : result.error.message;
  },
});
