// One-image check slice: one image (dropped in the desktop app, or its path typed) is scored by run.check into
// the open workspace as a questioned sample (or a new scratch workspace, named in the notice), then each
// scored face's detail (aligned crop, routing) is fetched for its result card. Renderer store slice.
import type { StateCreator } from 'zustand';
import type { CheckedFace, CheckResult, SampleDetailPayload } from '../../common/api';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';

export interface CheckCard {
  face: CheckedFace;
  /** The face's detail under model A (aligned crop, routing); null for a face without a score or while loading. */
  detail: SampleDetailPayload | null;
  detailError: string | null;
}

export interface CheckSlice {
  checkStatus: 'idle' | 'checking' | 'done' | 'error';
  checkResult: CheckResult | null;
  checkCards: CheckCard[];
  /** Checks one image with model A (the bundled demo model is loaded first when slot A is empty). */
  checkImage: (path: string) => Promise<void>;
}

/** The check's result belongs to the workspace it landed in. */
export const checkWorkspaceState = (): Pick<CheckSlice, 'checkStatus' | 'checkResult' | 'checkCards'> => ({
  checkStatus: 'idle', checkResult: null, checkCards: [],
});

export const createCheckSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], CheckSlice> => (set, get) => ({
  ...checkWorkspaceState(),
  checkImage: async (path) => {
    const image = path.trim();
    if (image === '') {
      get().showNotice({ kind: 'error', text: 'Type the path of an image to check first.' });
      return;
    }
    if (!get().models.A) {
      const demo = get().appInfo?.demo?.model;
      if (!demo) {
        get().showNotice({ kind: 'error', text: 'Load a model in slot A on the Models tab first.' });
        return;
      }
      if (!(await get().openModel(demo, 'A'))) return;
    }
    set({ checkStatus: 'checking', checkResult: null, checkCards: [] });
    const result = await api().run.check({ path: image, slot: 'A' });
    if (!result.ok) {
      set({ checkStatus: 'error' });
      get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    const checked = result.value;
    set({
      workspace: checked.workspace, checkResult: checked, checkStatus: 'done',
      checkCards: checked.faces.map((face) => ({ face, detail: null, detailError: null })),
      ...(checked.scratchWorkspace === null ? {} : { workspacePath: checked.scratchWorkspace }),
    });
    const faces = checked.faces.length === 1 && checked.faces[0]!.faceIndex === null ? 'no face scored' : `${checked.faces.length} face${checked.faces.length === 1 ? '' : 's'}`;
    get().showNotice({
      kind: 'info',
      text: checked.scratchWorkspace === null
        ? `Checked ${image}: ${faces}; added to workspace ${checked.workspace.file} as a questioned sample.`
        : `Checked ${image}: ${faces}; no workspace was open, so it is in a new scratch workspace at ${checked.scratchWorkspace}.`,
    });
    void get().refreshRecent();
    await get().loadSamples(checked.modelSha256);
    const cards = await Promise.all(checked.faces.map(async (face): Promise<CheckCard> => {
      if (face.score === null) return { face, detail: null, detailError: null };
      const detail = await api().samples.detail({ sampleId: face.sampleId, slot: 'A' });
      return detail.ok ? { face, detail: detail.value, detailError: null } : { face, detail: null, detailError: detail.error.message };
    }));
    if (get().checkResult === checked) set({ checkCards: cards });
  },
});
