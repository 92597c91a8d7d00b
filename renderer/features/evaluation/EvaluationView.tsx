// Evaluation view: ROC/DET curves, ISO/IEC 30107-3 error rates and threshold tuning.
// Renderer feature component (filled in by the evaluation feature).
export function EvaluationView() {
  return <div className="empty-state" data-testid="evaluation-view">Score a dataset to evaluate it.</div>;
}
