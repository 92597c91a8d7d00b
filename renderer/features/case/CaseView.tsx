// Case view: annotated samples, case-file export and verification.
// Renderer feature component (filled in by the case-file feature).
export function CaseView() {
  return <div className="empty-state" data-testid="case-view">Annotate samples to build a case.</div>;
}
