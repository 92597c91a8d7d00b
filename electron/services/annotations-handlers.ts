// Contract handlers of the `annotations` namespace: append-only findings, bulk tags, history and bookmarks in the
// open workspace. Node side.
import type { NamespaceHandlers } from '../../common/api.js';
import type { Result } from '../../common/result.js';
import {
  AnnotationError, addAnnotation, annotationHistory, attackSpeciesOptions, bookmarkedSampleIds, latestAnnotations, setBookmark, tagSamples,
} from '../workspace/annotations.js';
import { guarded } from './guarded.js';
import { SessionError, type WorkbenchSession } from './session.js';

/** Like guarded(), keeping the annotation store's own failure codes (e.g. 'needs-second-examiner'). */
async function annotationGuarded<T>(work: () => T): Promise<Result<T>> {
  return guarded(() => {
    try {
      return work();
    } catch (err) {
      if (err instanceof AnnotationError) throw new SessionError(err.code, err.message);
      throw err;
    }
  });
}

export function annotationsHandlers(session: WorkbenchSession): NamespaceHandlers<'annotations'> {
  return {
    add: async (input) => annotationGuarded(() => addAnnotation(session.requireWorkspace(), input)),
    tag: async (input) => annotationGuarded(() => tagSamples(session.requireWorkspace(), input)),
    history: async ({ sampleId }) => annotationGuarded(() => annotationHistory(session.requireWorkspace(), sampleId)),
    list: async () => annotationGuarded(() => {
      const workspace = session.requireWorkspace();
      return { latest: latestAnnotations(workspace), bookmarks: bookmarkedSampleIds(workspace), speciesOptions: attackSpeciesOptions(workspace), defaultAuthor: workspace.actor };
    }),
    bookmark: async ({ sampleId, bookmarked }) => annotationGuarded(() => setBookmark(session.requireWorkspace(), sampleId, bookmarked)),
  };
}
