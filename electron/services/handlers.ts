// The one set of contract handlers, served by both transports (Electron IPC and the browser host).
// Node side; knows nothing about Electron: host-specific abilities arrive through HostEnvironment.
import path from 'node:path';
import type { ApiHandlers, EventSink, HostMode } from '../../common/api.js';
import type { PathKind, RecentKind } from '../../common/contract/app.js';
import { fail, ok } from '../../common/result.js';
import { openDataset } from '../dataset/open-dataset.js';
import { annotationHandlers } from './annotation-handlers.js';
import { appVersion, demoPaths, userDataDir } from './paths.js';
import { RecentStore } from './recent-store.js';
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
  /** Native open/save dialog for a kind of path, present only in Electron. */
  pickPath?: (kind: PathKind) => Promise<string | null>;
  /** The rotating log file, in the desktop app. */
  logFile?: string;
  /** Where recently opened paths are kept (default: recent.json in the user's data folder). */
  recent?: RecentStore;
}

/** Records the path of a successful open in the recent list of its kind. */
function remembering<A extends { path: string }, C, R extends { ok: boolean }>(store: RecentStore, kind: RecentKind, open: (arg: A, ctx: C) => Promise<R>) {
  return async (arg: A, ctx: C): Promise<R> => {
    const result = await open(arg, ctx);
    if (result.ok) store.remember(kind, arg.path);
    return result;
  };
}

export function createHandlers(env: HostEnvironment): ApiHandlers {
  const recent = env.recent ?? new RecentStore(path.join(userDataDir(), 'recent.json'));
  const workspace = workspaceHandlers(env.session);
  const model = modelHandlers(env.session);
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
      recent: async () => ok(recent.list()),
      pickPath: async ({ kind }) => {
        if (!env.pickPath) return fail('unsupported', 'Native dialogs exist only in the desktop app; type or paste the path instead.');
        return ok(await env.pickPath(kind));
      },
    },
    dataset: {
      openFolder: remembering(recent, 'datasets', async ({ path, imageRoot }: { path: string; imageRoot?: string }, _ctx: unknown) => openDataset(path, {
        imageRoot,
        onProgress: (scanned, phase) => env.emit('dataset', 'onScanProgress', { root: path, scanned, phase }),
      })),
      pickFolder: async () => {
        if (!env.pickFolder) return fail('unsupported', 'Native dialogs exist only in the desktop app; type or paste a folder path instead.');
        return ok(await env.pickFolder());
      },
    },
    workspace: { ...workspace, open: remembering(recent, 'workspaces', workspace.open) },
    model: { ...model, open: remembering(recent, 'models', model.open) },
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
