// Verify or import a case file by path: the same checks as `uad verify-case`, integrity (zip safety,
// every hash, schema, consistency) and signer shown apart, each refusal listed with its reason; every
// case-supplied text is shown escaped. Renderer feature component.
import { useEffect, useState, type FormEvent } from 'react';
import type { CaseVerification } from '../../../common/api';
import { escapeForDisplay as shown } from '../../../common/display-text';
import { useWorkbench } from '../../store';
import { BrowseButton, PathProblem, usePathProblem } from '../../components/PathField';

function SignerLine({ v }: { v: CaseVerification }) {
  const s = v.signer;
  const text = s.status === 'trusted' ? `Signed by a trusted key: ${shown(s.name ?? '')}`
    : s.status === 'unknown' ? 'Not authentic: signed by a key this profile does not trust (confirm its fingerprint with its owner before trusting it)'
    : s.status === 'untrusted' ? `Not authentic: this profile's trust cannot be relied on (${shown(s.reason ?? '')})`
    : s.status === 'unsigned' ? 'Not authentic: the case is unsigned, nothing shows who made it'
    : 'Not authentic: the signature does not match the manifest';
  return (
    <div data-testid="case-signer" data-status={s.status} className={s.status === 'trusted' ? 'signer-ok' : 'signer-bad'}>
      <strong>Signer:</strong> {text}{s.fingerprint && <> · <span className="mono">{s.fingerprint}</span></>}
    </div>
  );
}

export function CaseVerifyPanel() {
  const lastExport = useWorkbench((s) => s.lastExport);
  const verification = useWorkbench((s) => s.caseVerification);
  const imported = useWorkbench((s) => s.caseImport);
  const checking = useWorkbench((s) => s.caseChecking);
  const hasWorkspace = useWorkbench((s) => !!s.workspace);
  const { verifyCase, importCase } = useWorkbench.getState();
  const [path, setPath] = useState('');
  useEffect(() => { if (lastExport) setPath(lastExport.path); }, [lastExport]);
  const problem = usePathProblem('case', path);
  const submit = (event: FormEvent) => { event.preventDefault(); if (path.trim()) void verifyCase(path); };

  return (
    <section className="case-verify">
      <h3>Verify or import a case file</h3>
      <form onSubmit={submit} className="case-verify-row">
        <input data-testid="case-verify-path" value={path} spellCheck={false} placeholder="/path/to/case.zip"
          aria-invalid={problem ? true : undefined} onChange={(e) => setPath(e.target.value)} />
        <BrowseButton kind="case" testId="case-verify-browse" disabled={checking !== null} onPicked={(chosen) => { setPath(chosen); void verifyCase(chosen); }} />
        <button type="submit" data-testid="case-verify" disabled={!path.trim() || checking !== null}>{checking === 'verify' ? 'Verifying…' : 'Verify'}</button>
        <button type="button" data-testid="case-import" disabled={!path.trim() || checking !== null || !hasWorkspace}
          title={hasWorkspace ? 'Verify, then unpack into the workspace folder' : 'Open a workspace to import into'} onClick={() => void importCase(path)}>
          {checking === 'import' ? 'Importing…' : 'Import'}
        </button>
        <PathProblem problem={problem} testId="case-verify-path-error" />
      </form>
      {verification && (
        <div className={`case-result ${verification.authentic ? 'ok' : 'bad'}`} data-testid="case-verification"
          data-ok={verification.ok ? 'true' : 'false'} data-authentic={verification.authentic ? 'true' : 'false'}>
          <strong data-testid="case-verdict">{verification.authentic ? '✓ Authentic: intact and signed by a trusted key' : verification.ok ? '⚠ Intact but not authentic' : '✗ Rejected'}</strong>{' '}
          <span className="mono">{shown(verification.path)}</span>
          {verification.summary && (
            <div>Case {shown(verification.summary.caseId)} “{shown(verification.summary.title)}” by {shown(verification.summary.examiner)} · {verification.summary.samples} sample(s), {verification.summary.annotations} annotation(s) · model {shown(verification.summary.modelName)}</div>
          )}
          {verification.manifestSha256 && <div>Manifest SHA-256 <span className="mono">{verification.manifestSha256}</span></div>}
          <div data-testid="case-integrity" data-ok={verification.ok ? 'true' : 'false'}>
            <strong>Integrity:</strong> {verification.ok
              ? 'every file matches the manifest; case.json matches its schema, annotations, custody chain and report (hashes alone do not show who made a case)'
              : 'damaged or tampered (see below)'}
          </div>
          <SignerLine v={verification} />
          {(verification.notes ?? []).map((note) => <div key={note} className="muted" data-testid="case-verify-note">{note}</div>)}
          {verification.recordedExport && <div>This workspace recorded exporting exactly this case (custody entry {verification.recordedExport.seq}, {verification.recordedExport.at}).</div>}
          {verification.problems.length > 0 && (
            <ul className="case-problems" data-testid="case-problems">
              {verification.problems.map((p, i) => <li key={i} data-code={p.code}><span className="mono">[{shown(p.code)}]</span> {p.where ? <span className="mono">{shown(p.where)}: </span> : null}{shown(p.message)}</li>)}
            </ul>
          )}
          {imported?.folder && <div data-testid="case-import-folder" data-folder={imported.folder}>Imported into <span className="mono">{shown(imported.folder)}</span>; open <span className="mono">{shown(imported.reportPath ?? '')}</span> in a browser to read the report.</div>}
        </div>
      )}
    </section>
  );
}
