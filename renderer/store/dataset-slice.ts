// Dataset slice: the open dataset's listing, scan progress and recently opened folders.
// Renderer store slice; IPC happens in these actions, never in components.
import type { StateCreator } from 'zustand';
import type { ScanProgress } from '../../common/api';
import type { DatasetListing } from '../../common/dataset/types';
import type { WorkbenchState } from './create-store';
import type { StoreDeps } from './store-deps';
import { sameWorkspace } from './workspace-generation';

export interface DatasetSlice {
  listing: DatasetListing | null;
  /** Path of the listed dataset (folder, list or manifest). */
  datasetPath: string | null;
  datasetStatus: 'idle' | 'opening' | 'ready' | 'error';
  scanProgress: ScanProgress | null;
  recentDatasets: string[];
  openDataset: (path: string) => Promise<void>;
  setScanProgress: (progress: ScanProgress) => void;
}

/** ', N lines skipped' when a list or manifest had lines that did not become samples (listed in the run panel). */
const skippedNote = (listing: DatasetListing): string => {
  const count = listing.skippedCount ?? listing.skipped.length;
  if (count === 0) return '';
  return listing.source === 'folder' ? `; ${count} files skipped (see the run panel)` : `; ${count} lines skipped (see the run panel)`;
};

/** The dataset state that belongs to the open workspace: the listing shown, its path and status. */
export const datasetWorkspaceState = (): Pick<DatasetSlice, 'listing' | 'datasetPath' | 'datasetStatus' | 'scanProgress'> => ({
  listing: null, datasetPath: null, datasetStatus: 'idle', scanProgress: null,
});

export const createDatasetSlice = ({ api }: StoreDeps): StateCreator<WorkbenchState, [], [], DatasetSlice> => (set, get) => ({
  ...datasetWorkspaceState(),
  recentDatasets: [],
  openDataset: async (path) => {
    const trimmed = path.trim();
    if (trimmed === '') {
      get().showNotice({ kind: 'error', text: 'Type the path of a dataset folder first.' });
      return;
    }
    set({ datasetStatus: 'opening', scanProgress: null });
    const here = sameWorkspace(get);
    const result = await api().dataset.openFolder({ path: trimmed });
    if (!here()) return; // listed for the workspace left since
    if (!result.ok) {
      set({ datasetStatus: 'error' });
      get().showNotice({ kind: 'error', text: result.error.message });
      return;
    }
    const { counts } = result.value;
    set({ listing: result.value, datasetPath: trimmed, datasetStatus: 'ready' });
    void get().refreshRecent();
    get().showNotice({
      kind: 'info',
      text: `${counts.total} samples (${counts.bonaFide} bona fide, ${counts.attack} attack${counts.questioned ? `, ${counts.questioned} questioned` : ''}${counts.unusable ? `, ${counts.unusable} unusable` : ''})${skippedNote(result.value)}${result.value.warnings?.messages[0]?.startsWith('mixed layout') ? `; ${result.value.warnings.messages[0]}` : ''}`,
    });
  },
  setScanProgress: (scanProgress) => set({ scanProgress }),
});
