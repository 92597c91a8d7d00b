// Contract handlers of the `workspace` and `model` namespaces, over the session. Node side.
import type { NamespaceHandlers } from '../../common/api.js';
import { fail, ok, type Result } from '../../common/result.js';
import { SessionError, type WorkbenchSession } from './session.js';

/** Maps expected failures (SessionError, bad files) to data; lets bugs through to dispatch's handler. */
export async function guarded<T>(work: () => T | Promise<T>, failureCode = 'failed'): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (err) {
    if (err instanceof SessionError) return fail(err.code, err.message);
    const message = err instanceof Error ? err.message : String(err);
    return fail(failureCode, message);
  }
}

export function workspaceHandlers(session: WorkbenchSession): NamespaceHandlers<'workspace'> {
  return {
    open: async ({ path }) => guarded(() => session.openWorkspace(path), 'workspace-error'),
    summary: async () => guarded(() => session.summary()),
  };
}

export function modelHandlers(session: WorkbenchSession): NamespaceHandlers<'model'> {
  return {
    open: async ({ path, slot }) => guarded(() => session.openModel(path, slot), 'model-error'),
    list: async () => ok(session.models()),
    close: async ({ slot }) => guarded(() => session.closeModel(slot)),
  };
}
