// Contract handlers of the `dataset` namespace: list a dataset (folder, protocol list or manifest) with
// scan progress as events, and the native folder picker. Node side.
import type { NamespaceHandlers } from '../../common/api.js';
import { fail, ok } from '../../common/result.js';
import { openDataset } from '../dataset/open-dataset.js';
import type { HostEnvironment } from './host-environment.js';
import { remembering, type RecentStore } from './recent-store.js';

export function datasetHandlers(env: HostEnvironment, recent: RecentStore): NamespaceHandlers<'dataset'> {
  return {
    openFolder: remembering(recent, 'datasets', async ({ path, imageRoot }: { path: string; imageRoot?: string }, _ctx: unknown) => openDataset(path, {
      imageRoot,
      onProgress: (scanned, phase) => env.emit('dataset', 'onScanProgress', { root: path, scanned, phase }),
    })),
    pickFolder: async () => {
      if (!env.pickFolder) return fail('unsupported', 'Native dialogs exist only in the desktop app; type or paste a folder path instead.');
      return ok(await env.pickFolder());
    },
  };
}
