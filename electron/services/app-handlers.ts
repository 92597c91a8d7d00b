// Contract handlers of the `app` namespace: what this host is (mode, versions, dialogs, demo paths, log
// file), the recently opened paths, the native path picker and the typed-path check. Node side.
import type { NamespaceHandlers } from '../../common/api.js';
import { fail, ok } from '../../common/result.js';
import { pathProblem } from '../../common/path-check.js';
import type { HostEnvironment } from './handlers.js';
import { pathFacts } from './path-facts.js';
import { appVersion, demoPaths } from './paths.js';
import type { RecentStore } from './recent-store.js';
import { runtimeVersions } from './versions.js';

export function appHandlers(env: HostEnvironment, recent: RecentStore): NamespaceHandlers<'app'> {
  return {
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
    checkPath: async ({ kind, path }) => ok(pathProblem(kind, path, await pathFacts(path))),
  };
}
