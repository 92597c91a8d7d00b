// Contract handlers of the `explain` namespace: nearest neighbours over a model's stored embeddings.
// Node side.
import type { NamespaceHandlers } from '../../common/api.js';
import { fail, ok, type Result } from '../../common/result.js';
import { AnalysisError } from '../explain/analysis.js';
import { EmbeddingError } from '../workspace/embeddings.js';
import { guarded } from './session-handlers.js';
import type { WorkbenchSession } from './session.js';

/** Like guarded, keeping the codes of the analysis and embedding errors. */
async function explained<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (err) {
    if (err instanceof AnalysisError || err instanceof EmbeddingError) return fail(err.code, err.message);
    return guarded(() => { throw err; });
  }
}

export function explainHandlers(session: WorkbenchSession): NamespaceHandlers<'explain'> {
  return {
    similar: async ({ sampleId, modelSha256, k }) => explained(() =>
      session.analysis.similar(session.requireWorkspace(), modelSha256, sampleId, k)),
  };
}
