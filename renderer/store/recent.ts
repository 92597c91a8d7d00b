// Recently used paths (workspaces, models, datasets), kept by the host (contract app.recent) rather than
// in this page's origin-bound storage, so a restart or a new browser-mode port still lists them. Renderer.
import type { RecentPaths, UadApi } from '../../common/api';

/** The host's lists, or null when it could not answer (the lists shown stay as they are). */
export async function fetchRecent(api: UadApi): Promise<RecentPaths | null> {
  const result = await api.app.recent();
  return result.ok ? result.value : null;
}
