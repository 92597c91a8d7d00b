// Contract handlers of the `app` namespace: what this host is (mode, versions, dialogs, demo paths, log
// file), the recently opened paths, the native path picker, the typed-path check and reading a scores CSV
// named by path. Node side.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { NamespaceHandlers } from '../../common/api.js';
import { fail, ok } from '../../common/result.js';
import { needsHead, pathProblem } from '../../common/path-check.js';
import type { HostEnvironment } from './host-environment.js';
import { pathFacts } from './path-facts.js';
import { appVersion, demoPaths } from '../base/paths.js';
import type { RecentStore } from './recent-store.js';
import { runtimeVersions } from '../base/versions.js';

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
    checkPath: async ({ kind, path: typed }) => ok(pathProblem(kind, typed, await pathFacts(typed, needsHead(kind)))),
    readScoresCsv: async ({ path: typed }) => {
      const problem = pathProblem('scores', typed, await pathFacts(typed, true));
      if (problem !== null) return fail('invalid-argument', problem, typed);
      const target = path.resolve(typed.trim());
      try {
        return ok({ name: path.basename(target), text: await readFile(target, 'utf8') });
      } catch (error) {
        return fail('io', `Cannot read ${typed}: ${(error as Error).message}`, typed);
      }
    },
  };
}
