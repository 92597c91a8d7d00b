// The one set of contract handlers, served by both transports (Electron IPC and the browser host).
// Node side; knows nothing about Electron: host-specific abilities arrive through HostEnvironment.
import type { ApiHandlers, EventSink, HostMode } from '../../common/api.js';
import { fail, ok } from '../../common/result.js';
import { openDataset } from '../dataset/open-dataset.js';
import { annotationHandlers } from './annotation-handlers.js';
import { appVersion, demoPaths } from './paths.js';
import { caseHandlers } from './case-handlers.js';
import { explainHandlers } from './explain-handlers.js';
import { runHandlers } from './run-handlers.js';
import { samplesHandlers } from './samples-handlers.js';
import { guarded, modelHandlers, workspaceHandlers } from './session-handlers.js';
import { thresholdHandlers } from './threshold-handlers.js';
import { expertUsage } from './analytics.js';
import { routingSpecialisation } from './specialisation.js';
import type { WorkbenchSession } from './session.js';
import { runtimeVersions } from './versions.js';

export interface HostEnvironment {
  mode: HostMode;
  emit: EventSink;
  session: WorkbenchSession;
  /** Native folder dialog, present only in Electron. */
  pickFolder?: () => Promise<string | null>;
  /** The rotating log file, in the desktop app. */
  logFile?: string;
}

export function createHandlers(env: HostEnvironment): ApiHandlers {
  return {
    app: {
      info: async () => ok({
        name: 'UAD Workbench',
        version: appVersion(),
        mode: env.mode,
        platform: `${process.platform}-${process.arch}`,
        versions: runtimeVersions(),
        nativeDialogs: env.pickFolder !== undefined,
        demo: demoPaths(),
        logFile: env.logFile ?? null,
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
    workspace: workspaceHandlers(env.session),
    model: modelHandlers(env.session),
    run: runHandlers(env.session, env.emit),
    samples: samplesHandlers(env.session),
    thresholds: thresholdHandlers(env.session),
    annotations: annotationHandlers(env.session),
    cases: caseHandlers(env.session),
    explain: explainHandlers(env.session, env.emit),
    analytics: {
      expertUsage: async ({ modelSha256 }) => guarded(() => expertUsage(env.session.requireWorkspace(), modelSha256)),
      specialisation: async ({ modelSha256 }) => guarded(() => routingSpecialisation(env.session.requireWorkspace(), modelSha256)),
    },
  };
}
