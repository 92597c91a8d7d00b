// The workbench shell: header with host facts, dataset opener, notice line and the sample list.
// Renderer root component.
import { useEffect } from 'react';
import { api } from '../../bridge/client';
import { useWorkbench } from '../../store';
import { DatasetOpenBar } from '../dataset/DatasetOpenBar';
import { SampleTable } from '../dataset/SampleTable';

export function App() {
  const appInfo = useWorkbench((s) => s.appInfo);
  const notice = useWorkbench((s) => s.notice);
  const listing = useWorkbench((s) => s.listing);
  const scan = useWorkbench((s) => s.scanProgress);
  const status = useWorkbench((s) => s.datasetStatus);

  useEffect(() => {
    const { loadAppInfo, setScanProgress } = useWorkbench.getState();
    void loadAppInfo();
    return api().dataset.onScanProgress(setScanProgress);
  }, []);

  return (
    <div className="shell" data-testid="app-shell" data-ready={appInfo ? 'true' : 'false'}>
      <header className="shell-header">
        <h1>UAD Workbench</h1>
        <span className="subtitle">unified face attack detection</span>
        {appInfo && (
          <span className="host-badge" data-testid="host-mode" title={Object.entries(appInfo.versions).map(([k, v]) => `${k} ${v}`).join('\n')}>
            {appInfo.mode === 'browser' ? 'browser mode' : 'desktop'} · v{appInfo.version}
          </span>
        )}
      </header>
      <DatasetOpenBar />
      <div className="notice-line" role="status" data-testid="notice" data-kind={notice?.kind ?? ''}>
        {status === 'opening' && scan ? `Scanning… ${scan.scanned} files (${scan.phase})` : notice?.text ?? ''}
      </div>
      {listing && <div className="dataset-root" data-testid="dataset-root">{listing.root}</div>}
      <main className="shell-main">
        <SampleTable />
      </main>
    </div>
  );
}
