// Contract handlers of the `workspace` namespace: open a workspace, read its summary, close it. Node side.
import type { NamespaceHandlers } from '../../common/api.js';
import { guarded } from './guarded.js';
import type { WorkbenchSession } from './session.js';

export function workspaceHandlers(session: WorkbenchSession): NamespaceHandlers<'workspace'> {
  return {
    open: async ({ path }) => guarded(() => session.openWorkspace(path), 'workspace-error'),
    summary: async () => guarded(() => session.summary()),
    close: async () => guarded(() => session.closeWorkspace(), 'workspace-error'),
  };
}
