// App slice: host facts (mode, versions), the notice line shown to the analyst, and the wiring of the
// host's push events into the store. Renderer store slice; IPC happens in these actions, never in components.
import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../common/api';
import type { MenuCommand, PathKind } from '../../common/contract/app';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';

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
  /**
   * Subscribes the store to the host's push events: scan, run, probe and projection progress, streamed
   * run results, finished runs; desktop menu commands go to `onMenuCommand` (they act on the page).
   * Returns the unsubscribe.
   */
  connectHostEvents: (onMenuCommand: (command: MenuCommand) => void) => () => void;
  /** The host path of a file dropped onto the window, or '' where the host cannot tell (browser mode). */
  droppedFilePath: (file: File) => string;
}

export const createAppSlice = ({ api, droppedFilePath }: StoreDeps): StateCreator<WorkbenchState, [], [], AppSlice> => (set, get) => ({
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
  connectHostEvents: (onMenuCommand) => {
    const host = api();
    const unsubscribe = [
      host.dataset.onScanProgress((progress) => get().setScanProgress(progress)),
      host.run.onProgress((progress) => get().onRunProgress(progress)),
      host.run.onResults(({ modelSha256, rows }) => get().applyRunResults(modelSha256, rows)),
      host.run.onFinished((finished) => get().onRunFinished(finished)),
      host.explain.onProbeProgress((progress) => get().onProbeProgress(progress)),
      host.explain.onProjectionProgress((progress) => get().onProjectionProgress(progress)),
      host.app.onMenuCommand(onMenuCommand),
    ];
    return () => unsubscribe.forEach((u) => u());
  },
  droppedFilePath,
});
