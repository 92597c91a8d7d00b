// Workspace and model slice: the open workspace (summary, recents), the models listed in slots A to F (A and B
// the two compared), and the
// one action that clears every slice's workspace state when the workspace changes (workspace-reset.ts).
// Renderer store slice; IPC happens in these actions.
import type { StateCreator } from 'zustand';
import type { ModelInfo, ModelSlot, WorkspaceSummary } from '../../common/api';
import { firstFreeSlot, MODEL_SLOTS } from '../../common/contract/model';
import { listedSlots } from './model-slots';
import { fetchRecent } from './recent';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { workspaceInitialState } from './workspace-reset';

export interface WorkspaceSlice {
  workspace: WorkspaceSummary | null;
  /** The path the analyst opened (folder or file), shown back in the workspace field. */
  workspacePath: string | null;
  recentWorkspaces: string[];
  recentModels: string[];
  models: Partial<Record<ModelSlot, ModelInfo>>;
  modelBusy: ModelSlot | null;
  /** Raised by every reset: an answer asked for under an earlier generation is dropped (workspace-generation.ts). */
  workspaceGeneration: number;
  /**
   * Puts every slice's workspace state back to its initial value and raises the generation: the one
   * way a workspace is left (open, switch, close), so nothing of it is reachable afterwards.
   */
  resetWorkspaceState: () => void;
  openWorkspace: (path: string) => Promise<boolean>;
  /** Closes the open workspace in the host and resets every slice's workspace state: the no-workspace screen. */
  closeWorkspace: () => Promise<boolean>;
  /** Reloads the recent workspaces, models and datasets from the host. */
  refreshRecent: () => Promise<void>;
  refreshWorkspace: () => Promise<void>;
  openModel: (path: string, slot: ModelSlot) => Promise<boolean>;
  /** Opens a model file in the first free slot (A when none is open); refused with a notice when all six hold one. */
  addModel: (path: string) => Promise<boolean>;
  closeModel: (slot: ModelSlot) => Promise<void>;
  /** Opens the default demo workspace, loads the bundled model and lists the demo test split. */
  loadDemo: () => Promise<void>;
}

export const createWorkspaceSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], WorkspaceSlice> => (set, get) => ({
  workspace: null,
  workspacePath: null,
  recentWorkspaces: [],
  recentModels: [],
  models: {},
  modelBusy: null,
  workspaceGeneration: 0,
  resetWorkspaceState: () => set({ ...workspaceInitialState(), workspaceGeneration: get().workspaceGeneration + 1 }),
  openWorkspace: async (path) => {
    const result = await api().workspace.open({ path: path.trim() });
    if (!result.ok) {
      get().showNotice({ kind: 'error', text: result.error.message });
      return false;
    }
    get().resetWorkspaceState();
    set({ workspace: result.value, workspacePath: path.trim() });
    void get().refreshRecent();
    get().showNotice({ kind: 'info', text: `Workspace ${result.value.file}: ${result.value.samples} samples, ${result.value.runs.length} runs` });
    await Promise.all([get().loadSamples(), get().loadAnnotations()]); // the browser shows each sample's finding
    return true;
  },
  closeWorkspace: async () => {
    const result = await api().workspace.close();
    if (!result.ok) {
      get().showNotice({ kind: 'error', text: result.error.message });
      return false;
    }
    get().resetWorkspaceState();
    set({ workspace: null, workspacePath: null });
    // The notice names no file of the closed workspace: nothing of it stays on screen.
    get().showNotice({ kind: 'info', text: result.value ? 'Workspace closed' : 'No workspace was open' });
    return true;
  },
  refreshRecent: async () => {
    const lists = await fetchRecent(api());
    if (lists) set({ recentWorkspaces: lists.workspaces, recentModels: lists.models, recentDatasets: lists.datasets });
  },
  refreshWorkspace: async () => {
    const result = await api().workspace.summary();
    if (result.ok) set({ workspace: result.value });
  },
  openModel: async (path, slot) => {
    set({ modelBusy: slot });
    const result = await api().model.open({ path: path.trim(), slot });
    set({ modelBusy: null });
    if (!result.ok) {
      get().showNotice({ kind: 'error', text: result.error.message });
      return false;
    }
    set({ models: { ...get().models, [slot]: result.value } });
    void get().refreshRecent();
    get().showNotice({ kind: 'info', text: `Model ${slot}: ${result.value.name} on ${result.value.provider}` });
    if (slot === 'A') await get().loadSamples(result.value.sha256);
    return true;
  },
  addModel: async (path) => {
    const slot = firstFreeSlot(listedSlots(get()));
    if (slot === null) {
      get().showNotice({ kind: 'error', text: `${MODEL_SLOTS.length} models are open, the most the workbench holds: close one to add another.` });
      return false;
    }
    return get().openModel(path, slot);
  },
  loadDemo: async () => {
    const demo = get().appInfo?.demo;
    if (!demo?.model) return;
    if (!(await get().openWorkspace(demo.workspace))) return;
    if (!(await get().openModel(demo.model, 'A'))) return;
    const test = demo.datasets.find((d) => /p1_image_test/.test(d)) ?? demo.datasets[0];
    if (test) await get().openDataset(test);
  },
  closeModel: async (slot) => {
    const result = await api().model.close({ slot });
    if (!result.ok) {
      get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    const models = { ...get().models };
    delete models[slot];
    set({ models });
  },
});
