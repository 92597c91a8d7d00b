// Project bar: workspace, the open models (ModelList.tsx), dataset and the Run button, with run progress below.
// Renderer feature component.
import { useWorkbench } from '../../store';
import { DatasetField } from './DatasetField';
import { ModelField, ModelList } from './ModelList';
import { PathField } from '../../components/PathField';
import { RunProgressBar } from './RunProgressBar';

export function ProjectBar() {
  const recentWorkspaces = useWorkbench((s) => s.recentWorkspaces);
  const workspace = useWorkbench((s) => s.workspace);
  const openWorkspace = useWorkbench((s) => s.openWorkspace);
  const closeWorkspace = useWorkbench((s) => s.closeWorkspace);
  const running = useWorkbench((s) => s.runStatus === 'running');
  const workspacePath = useWorkbench((s) => s.workspacePath);
  const demo = useWorkbench((s) => s.appInfo?.demo);
  const loadDemo = useWorkbench((s) => s.loadDemo);
  // The dataset field is a workspace's: a new workspace remounts it empty (App.tsx remounts the tab the same way).
  const generation = useWorkbench((s) => s.workspaceGeneration);

  return (
    <section className="project-bar" aria-label="Project">
      <div className="workspace-row">
        <PathField label="Workspace" placeholder="folder for the workspace database" recent={recentWorkspaces}
          action={workspace ? 'Switch' : 'Open'} testId="workspace" current={workspacePath ?? undefined} onSubmit={openWorkspace} browse="workspace" />
        {workspace && (
          <button type="button" data-testid="workspace-close" disabled={running} onClick={() => void closeWorkspace()}
            title={running ? 'A scoring run is in progress; cancel it or wait before closing the workspace' : `Close ${workspace.file}; nothing of it stays on any tab`}>Close workspace</button>
        )}
      </div>
      <ModelField />
      <DatasetField key={`dataset-${generation}`} />
      <div className="run-row">
        <RunProgressBar />
        {demo?.model && !workspace && (
          <button type="button" data-testid="load-demo" onClick={() => void loadDemo()}
            title={`Open ${demo.workspace}, load the bundled La-SoftMoE demo model and list the synthetic demo dataset`}>Try the demo</button>
        )}
      </div>
      <ModelList />
    </section>
  );
}
