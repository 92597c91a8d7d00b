// Contract handlers of the `model` namespace: open, list and close the models in slots A and B. Node side.
import type { NamespaceHandlers } from '../../common/api.js';
import { ok } from '../../common/result.js';
import { guarded } from './guarded.js';
import type { WorkbenchSession } from './session.js';

export function modelHandlers(session: WorkbenchSession): NamespaceHandlers<'model'> {
  return {
    open: async ({ path, slot }) => guarded(() => session.openModel(path, slot), 'model-error'),
    list: async () => ok(session.models()),
    close: async ({ slot }) => guarded(() => session.closeModel(slot)),
  };
}
