// The workbench shell: header, project bar (workspace, model, dataset, run), tabs, notice line, and
// the global keyboard shortcuts. Renderer root component; connects the store to the host's push events.
import { useEffect } from 'react';
import { useWorkbench } from '../../store';
import { HelpOverlay } from './HelpOverlay';
import { ProjectBar } from '../project/ProjectBar';
import { handleDrop } from './drop-target';
import { focusTestId, runMenuCommand } from './menu-commands';
import { TABS } from './tabs';

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.tagName === 'INPUT' || element.tagName === 'SELECT' || element.tagName === 'TEXTAREA' || element.isContentEditable);
}

export function App() {
  const appInfo = useWorkbench((s) => s.appInfo);
  const notice = useWorkbench((s) => s.notice);
  const scan = useWorkbench((s) => s.scanProgress);
  const datasetStatus = useWorkbench((s) => s.datasetStatus);
  const tab = useWorkbench((s) => s.tab);
  const setTab = useWorkbench((s) => s.setTab);
  // A new workspace remounts the tab (and the project bar its dataset field), so no field typed under the last one
  // survives; the workspace and model fields are not a workspace's and keep what is being typed.
  const generation = useWorkbench((s) => s.workspaceGeneration);

  useEffect(() => {
    const state = useWorkbench.getState();
    void state.loadAppInfo();
    void state.refreshRecent();
    void state.refreshWorkspace();
    return state.connectHostEvents((command) => {
      const s = useWorkbench.getState();
      runMenuCommand(command, { setTab: s.setTab, setHelpOpen: s.setHelpOpen, closeWorkspace: () => void s.closeWorkspace(), focus: focusTestId });
    });
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const s = useWorkbench.getState();
      if (event.key === 'Escape' && s.helpOpen) { s.setHelpOpen(false); return; }
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '?') s.setHelpOpen(!s.helpOpen);
      else if (event.key === '/') { document.querySelector<HTMLInputElement>('[data-testid="filter-search"]')?.focus(); event.preventDefault(); }
      else if (event.key === ']' || event.key === '[') {
        const layers = s.details.A?.layers.length ?? 0;
        if (layers > 0) s.setRouting({ layerIndex: Math.min(layers - 1, Math.max(0, s.layerIndex + (event.key === ']' ? 1 : -1))) });
      } else if (event.key === 'e') {
        const experts = s.details.A?.experts ?? 0;
        if (experts > 0) s.setRouting({ expert: (s.expert + 1) % experts });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const onDragOver = (event: DragEvent) => { if (event.dataTransfer?.types.includes('Files')) event.preventDefault(); };
    const onDrop = (event: DragEvent) => {
      const s = useWorkbench.getState();
      handleDrop(event, {
        openModel: (p) => void s.addModel(p),
        verifyCase: (p) => { s.setTab('case'); void s.verifyCase(p); },
        openDataset: (p) => void s.openDataset(p),
        checkImage: (p) => { s.setTab('samples'); void s.checkImage(p); },
        notice: (text) => s.showNotice({ kind: 'info', text }),
        pathOf: s.droppedFilePath,
      });
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => { window.removeEventListener('dragover', onDragOver); window.removeEventListener('drop', onDrop); };
  }, []);

  const Active = TABS.find((t) => t.id === tab)?.component ?? TABS[0]!.component;
  return (
    <div className="shell" data-testid="app-shell" data-ready={appInfo ? 'true' : 'false'}>
      <header className="shell-header">
        <h1>UAD Workbench</h1>
        <span className="subtitle">unified face attack detection</span>
        <nav className="tabs" role="tablist">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" aria-selected={t.id === tab} data-testid={`tab-${t.id}`} onClick={() => setTab(t.id)}>{t.label}</button>
          ))}
        </nav>
        <button type="button" className="help-button" onClick={() => useWorkbench.getState().setHelpOpen(true)} title="Keyboard shortcuts (?)">?</button>
        {appInfo && (
          <span className="host-badge" data-testid="host-mode" title={Object.entries(appInfo.versions).map(([k, v]) => `${k} ${v}`).join('\n')}>
            {appInfo.mode === 'browser' ? 'browser mode' : 'desktop'} · v{appInfo.version}
          </span>
        )}
      </header>
      <ProjectBar />
      <div className="notice-line" role="status" data-testid="notice" data-kind={notice?.kind ?? ''}>
        {datasetStatus === 'opening' && scan ? `Scanning… ${scan.scanned} files (${scan.phase})` : notice?.text ?? ''}
      </div>
      <main className="shell-main"><Active key={`tab-${generation}`} /></main>
      <HelpOverlay />
    </div>
  );
}
