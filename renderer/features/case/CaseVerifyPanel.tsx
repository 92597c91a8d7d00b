// Verify or import a case file by path: the same checks as `uad verify-case` (zip safety, every hash,
// the schema, the custody chain), each refusal listed with its reason. Renderer feature component.
import { useEffect, useState, type FormEvent } from 'react';
import { useWorkbench } from '../../store';

export function CaseVerifyPanel() {
  const lastExport = useWorkbench((s) => s.lastExport);
  const verification = useWorkbench((s) => s.caseVerification);
  const imported = useWorkbench((s) => s.caseImport);
  const checking = useWorkbench((s) => s.caseChecking);
  const hasWorkspace = useWorkbench((s) => !!s.workspace);
  const { verifyCase, importCase } = useWorkbench.getState();
  const [path, setPath] = useState('');
  useEffect(() => { if (lastExport) setPath(lastExport.path); }, [lastExport]);
  const submit = (event: FormEvent) => { event.preventDefault(); if (path.trim()) void verifyCase(path); };

  return (
    <section className="case-verify">
      <h3>Verify or import a case file</h3>
      <form onSubmit={submit} className="case-verify-row">
        <input data-testid="case-verify-path" value={path} spellCheck={false} placeholder="/path/to/case.zip" onChange={(e) => setPath(e.target.value)} />
        <button type="submit" data-testid="case-verify" disabled={!path.trim() || checking !== null}>{checking === 'verify' ? 'Verifying…' : 'Verify'}</button>
        <button type="button" data-testid="case-import" disabled={!path.trim() || checking !== null || !hasWorkspace}
          title={hasWorkspace ? 'Verify, then unpack into the workspace folder' : 'Open a workspace to import into'} onClick={() => void importCase(path)}>
          {checking === 'import' ? 'Importing…' : 'Import'}
        </button>
      </form>
      {verification && (
        <div className={`case-result ${verification.ok ? 'ok' : 'bad'}`} data-testid="case-verification" data-ok={verification.ok ? 'true' : 'false'}>
          <strong>{verification.ok ? '✓ Verified' : '✗ Rejected'}</strong> <span className="mono">{verification.path}</span>
          {verification.summary && (
            <div>Case {verification.summary.caseId} “{verification.summary.title}” by {verification.summary.examiner} · {verification.summary.samples} sample(s), {verification.summary.annotations} annotation(s) · model {verification.summary.modelName}</div>
          )}
          {verification.manifestSha256 && <div>Manifest SHA-256 <span className="mono">{verification.manifestSha256}</span></div>}
          {verification.ok && <div>Every file matches the manifest, case.json matches its schema, the custody chain is intact.</div>}
          {verification.recordedExport && <div>This workspace recorded exporting exactly this case (custody entry {verification.recordedExport.seq}, {verification.recordedExport.at}).</div>}
          {verification.problems.length > 0 && (
            <ul className="case-problems" data-testid="case-problems">
              {verification.problems.map((p, i) => <li key={i} data-code={p.code}><span className="mono">[{p.code}]</span> {p.where ? <span className="mono">{p.where}: </span> : null}{p.message}</li>)}
            </ul>
          )}
          {imported?.folder && <div data-testid="case-import-folder" data-folder={imported.folder}>Imported into <span className="mono">{imported.folder}</span>; open <span className="mono">{imported.reportPath}</span> in a browser to read the report.</div>}
        </div>
      )}
    </section>
  );
}
