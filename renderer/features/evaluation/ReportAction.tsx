// The Evaluation tab's "Evaluation report" action, in the tab's toolbar beside the metrics downloads: the HTML report
// (bootstrap intervals included) computed on the metrics workers, with its progress, cancel and error. Renderer
// feature component.
import { useWorkbench } from '../../store';

export function ReportAction() {
  const exportReport = useWorkbench((s) => s.exportEvaluationReport);
  const report = useWorkbench((s) => s.certReport);
  const progress = useWorkbench((s) => s.certReportProgress);
  const cancelReport = useWorkbench((s) => s.cancelEvaluationReport);
  // The report holds the exact intervals: it waits for the certification counts.
  const counted = useWorkbench((s) => s.cert.counted !== null);
  const preparing = report.status === 'preparing';
  return (
    <div className="report-action">
      {/* The report (bootstrap intervals included) is computed on two metrics workers: seconds at 10⁶ scores. */}
      <button type="button" className="cta" data-testid="export-report" onClick={() => void exportReport()} disabled={!counted || preparing}
        aria-busy={preparing} data-status={report.status} title="An HTML report of this evaluation: every rate and caveat on this tab, ROC and DET, and a sign-off block">
        {preparing ? `Preparing report…${progress ? ` ${Math.floor((100 * progress.done) / progress.total)} %` : ''}` : 'Evaluation report'}
      </button>
      {preparing && <button type="button" data-testid="cancel-report" onClick={cancelReport}>Cancel report</button>}
      {report.status === 'error' && <p className="error" role="alert" data-testid="export-report-error">{report.error}</p>}
    </div>
  );
}
