// The one set of contract handlers, served by both transports (Electron IPC and the browser host): each
// namespace's handlers live in electron/services/<namespace>-handlers.ts and are composed here. Node side;
// knows nothing about Electron: host-specific abilities arrive through HostEnvironment.
import path from 'node:path';
import type { ApiHandlers } from '../../common/api.js';
import { analyticsHandlers } from './analytics-handlers.js';
import { annotationsHandlers } from './annotations-handlers.js';
import { appHandlers } from './app-handlers.js';
import { casesHandlers } from './cases-handlers.js';
import { datasetHandlers } from './dataset-handlers.js';
import { explainHandlers } from './explain-handlers.js';
import { modelHandlers } from './model-handlers.js';
import { userDataDir } from '../base/paths.js';
import { RecentStore, remembering } from './recent-store.js';
import { runHandlers } from './run-handlers.js';
import { SettingsStore } from './settings-store.js';
import { samplesHandlers } from './samples-handlers.js';
import type { HostEnvironment } from './host-environment.js';
import { thresholdsHandlers } from './thresholds-handlers.js';
import { workspaceHandlers } from './workspace-handlers.js';

export function createHandlers(env: HostEnvironment): ApiHandlers {
  const recent = env.recent ?? new RecentStore(path.join(userDataDir(), 'recent.json'));
  const settings = env.settings ?? new SettingsStore(path.join(userDataDir(), 'settings.json'));
  const workspace = workspaceHandlers(env.session);
  const model = modelHandlers(env.session);
  return {
    app: appHandlers(env, recent),
    dataset: datasetHandlers(env, recent),
    workspace: { ...workspace, open: remembering(recent, 'workspaces', workspace.open) },
    model: { ...model, open: remembering(recent, 'models', model.open) },
    run: runHandlers(env.session, env.emit, settings),
    samples: samplesHandlers(env.session),
    thresholds: thresholdsHandlers(env.session),
    annotations: annotationsHandlers(env.session),
    cases: casesHandlers(env.session),
    explain: explainHandlers(env.session, env.emit),
    analytics: analyticsHandlers(env.session),
  };
}
