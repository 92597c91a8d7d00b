// The case-file export form: which samples, title, examiner, description, evidence files or hashes only,
// output path, and the operating point (from the Evaluation tab) with its provenance; then the result
// (path, manifest hash, warnings). Renderer feature component; data-testid export-case is a stable hook.
import type { FormEvent } from 'react';
import { CASE_SOURCES, type CaseSource } from '../../../common/contract/cases';
import { useWorkbench } from '../../store';
import { ThresholdEntry } from '../../components/ThresholdEntry';
import { BrowseButton, PathProblem, usePathProblem } from '../../components/PathField';
import { formatBytes, formatThreshold } from '../../../common/format/figures';

const SOURCE_LABELS: Record<CaseSource, string> = { annotated: 'every annotated sample', bookmarks: 'bookmarked samples', selection: 'ticked samples' };

export function CaseExportForm() {
  const form = useWorkbench((s) => s.caseForm);
  const setForm = useWorkbench((s) => s.setCaseForm);
  const exporting = useWorkbench((s) => s.caseExporting);
  const lastExport = useWorkbench((s) => s.lastExport);
  const threshold = useWorkbench((s) => s.threshold);
  const provenance = useWorkbench((s) => s.thresholdProvenance);
  const model = useWorkbench((s) => s.models.A ?? null);
  const hasWorkspace = useWorkbench((s) => !!s.workspace);
  const annotated = useWorkbench((s) => Object.keys(s.latestAnnotations).length);
  const bookmarks = useWorkbench((s) => s.bookmarks.length);
  const selection = useWorkbench((s) => s.caseSelection.length);
  const counts: Record<CaseSource, number> = { annotated, bookmarks, selection };
  const examinerHint = useWorkbench((s) => s.annotationAuthor || s.defaultAuthor);
  const exportCase = useWorkbench((s) => s.exportCase);
  const outProblem = usePathProblem('case-export', form.outPath);
  const submit = (event: FormEvent) => { event.preventDefault(); void exportCase(); };

  return (
    <form className="case-form" onSubmit={submit} data-testid="case-export-form">
      <h3>Export a case file</h3>
      <fieldset>
        <legend>Samples</legend>
        {CASE_SOURCES.map((source) => (
          <label key={source} className="check">
            <input type="radio" name="case-source" value={source} checked={form.source === source} data-testid={`case-source-${source}`}
              onChange={() => setForm({ source })} /> {SOURCE_LABELS[source]} ({counts[source]})
          </label>
        ))}
      </fieldset>
      <label>Title<input data-testid="case-title" value={form.title} maxLength={200} placeholder="e.g. Passport photo check 2025-114" onChange={(e) => setForm({ title: e.target.value })} /></label>
      <label>Examiner<input data-testid="case-examiner" value={form.examiner} maxLength={100} placeholder={examinerHint || 'your name'} onChange={(e) => setForm({ examiner: e.target.value })} /></label>
      <label>Description<textarea data-testid="case-description" value={form.description} rows={2} maxLength={4000} onChange={(e) => setForm({ description: e.target.value })} /></label>
      <fieldset>
        <legend>Evidence</legend>
        <label className="check"><input type="radio" name="case-evidence" checked={form.evidence === 'embed'} data-testid="case-evidence-embed" onChange={() => setForm({ evidence: 'embed' })} /> embed the image files</label>
        <label className="check"><input type="radio" name="case-evidence" checked={form.evidence === 'hashes'} data-testid="case-evidence-hashes" onChange={() => setForm({ evidence: 'hashes' })} /> SHA-256 hashes only</label>
      </fieldset>
      <div className="case-out-row">
        <label>Save as<input data-testid="case-out-path" value={form.outPath} spellCheck={false} placeholder="default: <workspace>/cases/<case id>.zip"
          aria-invalid={outProblem ? true : undefined} onChange={(e) => setForm({ outPath: e.target.value })} /></label>
        <BrowseButton kind="case-export" testId="case-out-browse" disabled={exporting} onPicked={(chosen) => setForm({ outPath: chosen })} />
        <PathProblem problem={outProblem} testId="case-out-path-error" />
      </div>
      <div className="operating-point" data-testid="case-operating-point" data-threshold={threshold}>
        Operating point τ = <strong>{formatThreshold(threshold)}</strong> · {provenance.criterion}{provenance.split ? ` on ${provenance.split}` : ''}
        <label className="case-threshold">set τ <ThresholdEntry testId="case-threshold" /></label>
        <br /><span className="muted">Model: {model ? `${model.name} (${model.sha256.slice(0, 12)}…)` : 'the latest scored model'}</span>
      </div>
      <button type="submit" className="primary" data-testid="export-case" disabled={!hasWorkspace || exporting || counts[form.source] === 0}>
        {exporting ? 'Exporting…' : 'Export case file'}
      </button>
      {lastExport && (
        <div className="case-result ok" data-testid="case-export-result" data-path={lastExport.path} data-manifest={lastExport.manifestSha256}>
          <div>Wrote <span className="mono">{lastExport.path}</span></div>
          <div>{lastExport.samples} sample(s) · {lastExport.files} files · {formatBytes(lastExport.bytes)} · evidence {lastExport.evidence === 'embed' ? 'embedded' : 'as hashes'}</div>
          <div>Manifest SHA-256 <span className="mono" data-testid="case-manifest-hash">{lastExport.manifestSha256}</span></div>
          <div>Signed by this profile's key <span className="mono" data-testid="case-signer-fingerprint">{lastExport.signerFingerprint}</span></div>
          {lastExport.warnings.map((w) => <div key={w} className="warn">⚠ {w}</div>)}
        </div>
      )}
    </form>
  );
}
