// Evaluation view: ROC/DET curves, score histograms, ISO/IEC 30107-3 error rates with bootstrap
// intervals, threshold tuning with provenance, and runs compared side by side. Renderer feature component.
import { useEffect } from 'react';
import { useWorkbench } from '../../store';
import { primarySource } from '../../store/evaluation-selectors';
import { CertificationPanel } from './CertificationPanel';
import { ComparisonTable } from './ComparisonTable';
import { PairedComparison } from './PairedComparison';
import { DetChart, RocChart, useHasCurves } from './CurveCharts';
import { ConfusionMatrix, ErrorJumps } from './ErrorBreakdown';
import { MetricsPanel } from './MetricsPanel';
import { ReportAction } from './ReportAction';
import { MetricsExport, SavedThresholds } from './SavedThresholds';
import { ClassHistogram } from './ScoreHistograms';
import { SpeciesStrips } from './SpeciesStrips';
import { SourceBar } from './SourceBar';
import { ThresholdControl } from './ThresholdControl';
import './evaluation.css';

function EmptyState() {
  const hasWorkspace = useWorkbench((s) => s.workspace !== null);
  const loading = useWorkbench((s) => s.evalSources.some((x) => x.status === 'loading'));
  const unusable = useWorkbench((s) => {
    const split = primarySource(s)?.summary?.splits.find((x) => x.split === s.evalSplit);
    return split?.unusable ?? null;
  });
  const text = loading ? 'Preparing the scores…'
    : unusable ? `This split cannot be evaluated: ${unusable}`
    : hasWorkspace ? 'No scored model yet: score a dataset, or load a scores CSV to evaluate any system.'
    : 'Open a workspace with scored samples, or load a scores CSV (score,label[,species][,identity]).';
  return <div className="empty-state eval-empty" data-testid="evaluation-empty">{text}</div>;
}

export function EvaluationView() {
  const open = useWorkbench((s) => s.openEvaluation);
  const workspaceFile = useWorkbench((s) => s.workspace?.file ?? null);
  const lastRun = useWorkbench((s) => s.lastFinished?.runId ?? null);
  const ready = useHasCurves();

  // Loads the workspace's runs; the rates follow the operating point through the store itself.
  useEffect(() => { void open(); }, [open, workspaceFile, lastRun]);

  return (
    <div className="evaluation-view" data-testid="evaluation-view" data-ready={ready ? 'true' : 'false'}>
      <div className="eval-toolbar">
        <SourceBar />
        <MetricsExport />
        {ready && <ReportAction />}
      </div>
      {!ready ? <EmptyState /> : (
        <>
          <ThresholdControl />
          <div className="eval-grid">
            {/* One column beside the charts below 1280 px; from 1280 px three columns above them (evaluation.css). */}
            <div className="eval-side" data-testid="evaluation-figures">
              <MetricsPanel />
              <CertificationPanel />
              <div className="eval-breakdown">
                <ErrorJumps />
                <ConfusionMatrix />
              </div>
            </div>
            <div className="eval-charts">
              <RocChart />
              <DetChart />
              <ClassHistogram />
              <SpeciesStrips />
              <ComparisonTable />
              <PairedComparison />
              <SavedThresholds />
            </div>
          </div>
        </>
      )}
    </div>
  );
}
