// Case view: the annotated and bookmarked samples, case-file export, and verification / import of a
// case file. Renderer feature component (the "Case file" tab).
import { useEffect } from 'react';
import { useWorkbench } from '../../store';
import './case.css';
import { CaseExportForm } from './CaseExportForm';
import { CaseSamples } from './CaseSamples';
import { CaseVerifyPanel } from './CaseVerifyPanel';

export function CaseView() {
  const workspaceFile = useWorkbench((s) => s.workspace?.file ?? null);
  useEffect(() => { if (workspaceFile) void useWorkbench.getState().loadAnnotations(); }, [workspaceFile]);
  return (
    <div className="case-view" data-testid="case-view">
      <section className="case-list">
        <h3>Samples with findings or bookmarks</h3>
        {workspaceFile ? <CaseSamples /> : <div className="empty-state">Open a workspace to build a case.</div>}
      </section>
      <aside className="case-side">
        <CaseExportForm />
        <CaseVerifyPanel />
      </aside>
    </div>
  );
}
