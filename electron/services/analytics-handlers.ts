// Contract handlers of the `analytics` namespace: expert usage and routing specialisation of a scored
// model, computed from the workspace's stored routing summaries. Node side.
import type { NamespaceHandlers } from '../../common/api.js';
import { expertUsage } from '../workspace/analytics.js';
import { guarded } from './guarded.js';
import type { WorkbenchSession } from './session.js';
import { routingSpecialisation } from '../workspace/specialisation.js';

export function analyticsHandlers(session: WorkbenchSession): NamespaceHandlers<'analytics'> {
  return {
    expertUsage: async ({ modelSha256 }) => guarded(() => expertUsage(session.requireWorkspace(), modelSha256)),
    specialisation: async ({ modelSha256 }) => guarded(() => routingSpecialisation(session.requireWorkspace(), modelSha256)),
  };
}
