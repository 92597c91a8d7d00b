// The one set of contract handlers, served by both transports (Electron IPC and the browser host).
// Node side; knows nothing about Electron: host-specific abilities arrive through HostEnvironment.
import { createRequire } from 'node:module';
import type { ApiHandlers, EventSink, HostMode } from '../../common/api.js';
import { fail, ok } from '../../common/result.js';
import { openDataset } from '../dataset/open-dataset.js';
import { appVersion } from './paths.js';

export interface HostEnvironment {
  mode: HostMode;
  emit: EventSink;
  /** Native folder dialog, present only in Electron. */
  pickFolder?: () => Promise<string | null>;
}

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unavailable';
  }
}


export function createHandlers(env: HostEnvironment): ApiHandlers {
  return {
    app: {
      info: async () => ok({
        name: 'UAD Workbench',
        version: appVersion(),
        mode: env.mode,
        platform: `${process.platform}-${process.arch}`,
        versions: {
          node: process.versions.node,
          electron: process.versions.electron ?? 'not running',
          onnxruntime: packageVersion('onnxruntime-node'),
          sharp: packageVersion('sharp'),
        },
        nativeDialogs: env.pickFolder !== undefined,
      }),
    },
    dataset: {
      openFolder: async ({ path, imageRoot }) => openDataset(path, {
        imageRoot,
        onProgress: (scanned, phase) => env.emit('dataset', 'onScanProgress', { root: path, scanned, phase }),
      }),
      pickFolder: async () => {
        if (!env.pickFolder) return fail('unsupported', 'Native dialogs exist only in the desktop app; type or paste a folder path instead.');
        return ok(await env.pickFolder());
      },
    },
  };
}
