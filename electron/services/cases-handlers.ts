// Contract handlers of the `cases` namespace: export a case file from the open workspace, verify one,
// import one. Node side.
import type { NamespaceHandlers } from '../../common/api.js';
import type { CaseExportRequest } from '../../common/contract/cases.js';
import { CaseExportError } from '../cases/case-data.js';
import { caseModelCandidates } from '../cases/case-model.js';
import { exportCase } from '../cases/export-case.js';
import { importCase, recordedExport } from '../cases/import-case.js';
import { verifyCaseFile } from '../cases/verify-case.js';
import { bookmarkedSampleIds, latestAnnotations } from '../workspace/annotations.js';
import type { Workspace } from '../workspace/workspace.js';
import { guarded } from './guarded.js';
import { SessionError, type WorkbenchSession } from './session.js';

/** The samples a request names: its selection, the bookmarks, or every annotated sample. */
export function caseSampleIds(workspace: Workspace, request: Pick<CaseExportRequest, 'source' | 'sampleIds'>): number[] {
  const ids = request.source === 'bookmarks' ? bookmarkedSampleIds(workspace)
    : request.source === 'annotated' ? latestAnnotations(workspace).map((a) => a.sampleId)
    : request.sampleIds ?? [];
  if (ids.length === 0) {
    throw new SessionError('empty', request.source === 'bookmarks' ? 'No bookmarked samples: bookmark samples in the inspector first.'
      : request.source === 'annotated' ? 'No annotated samples: annotate samples in the inspector first.' : 'Select samples to export.');
  }
  return ids;
}

/** The model the case reports under: the one asked for, else slot A's, else the latest scored (caseModelCandidates). */
function caseModel(session: WorkbenchSession, workspace: Workspace, requested?: string): string {
  const wanted = requested?.toLowerCase() ?? session.engines.get('A')?.model.sha256;
  const model = wanted ? caseModelCandidates(workspace, wanted).find((m) => m.sha256 === wanted) : caseModelCandidates(workspace)[0];
  if (!model) throw new SessionError('no-model', wanted ? `Model ${wanted.slice(0, 12)}… has not run in this workspace; score with it first.` : 'No model has run in this workspace; score the dataset first.');
  return model.sha256;
}

const asSessionError = (err: unknown): never => {
  if (err instanceof CaseExportError) throw new SessionError(err.code, err.message);
  throw err;
};

export function casesHandlers(session: WorkbenchSession): NamespaceHandlers<'cases'> {
  return {
    export: async (request) => guarded(async () => {
      const workspace = session.requireWorkspace();
      return exportCase(workspace, {
        ...request, sampleIds: caseSampleIds(workspace, request), modelSha256: caseModel(session, workspace, request.modelSha256),
      }).catch(asSessionError);
    }, 'export-error'),
    verify: async ({ path }) => guarded(() => {
      const workspace = session.workspace;
      return verifyCaseFile(path, workspace ? { findRecordedExport: (hash) => recordedExport(workspace, hash) } : {});
    }),
    import: async ({ path }) => guarded(() => importCase(session.requireWorkspace(), path), 'import-error'),
  };
}
