// The sample inspector: the original image beside the model's input, the score card, and the routing
// views for the selected layer — under model A, and model B side by side when comparing.
// Renderer feature component; data-testid sample-inspector is a stable automation hook.
import { useWorkbench } from '../../store';
import { AnnotationPanel } from '../case/AnnotationPanel';
import { EvidencePanel } from './EvidencePanel';
import { DomainBadge, FaceOverlay } from './FaceOverlay';
import { MoreLikeThis } from './MoreLikeThis';
import { OcclusionPanel } from './OcclusionPanel';
import { PerturbationProbe } from './PerturbationProbe';
import { RoutingControls } from './RoutingControls';
import { RoutingPanel } from './RoutingPanel';
import { ScoreCard } from './ScoreCard';
import { formatConfidence } from '../../../common/format/figures';

export function Inspector() {
  const id = useWorkbench((s) => s.inspectedId);
  const status = useWorkbench((s) => s.inspectorStatus);
  const details = useWorkbench((s) => s.details);
  const errors = useWorkbench((s) => s.detailErrors);
  const original = useWorkbench((s) => s.original);
  const compare = useWorkbench((s) => s.compare);
  const hasB = useWorkbench((s) => !!s.models.B);
  const setCompare = useWorkbench((s) => s.setCompare);
  const noFace = useWorkbench((s) => s.noFace);
  const scoreWholeImage = useWorkbench((s) => s.scoreWholeImage);
  const a = details.A;
  // A whole image scored at the analyst's request is no face's evidence: no probes, no neighbours.
  const wholeImage = a?.wholeImageAtRequest !== undefined;
  if (id === null) {
    return <aside className="inspector empty-state" data-testid="sample-inspector" data-status="idle">Select a sample and press Enter (or double-click) to inspect it.</aside>;
  }
  return (
    <aside className="inspector" data-testid="sample-inspector" data-status={status} data-sample-id={id}>
      <header className="inspector-header">
        <strong className="path" title={a?.path}>{a?.path ?? `sample ${id}`}</strong>
        {a && <span className="muted mono" title="SHA-256 of the file">{a.sha256.slice(0, 16)}…</span>}
        {a && <DomainBadge domain={a.domain} />}
        <label className="check" title={hasB ? 'Show model B beside model A' : 'Load a second model on the Models tab to compare'}>
          <input type="checkbox" data-testid="compare-toggle" checked={compare} disabled={!hasB} onChange={(e) => setCompare(e.target.checked)} /> compare A | B
        </label>
      </header>
      {status === 'loading' && <div className="muted">Recomputing routing…</div>}
      {Object.entries(errors).map(([slot, message]) => <div key={slot} className="error" role="alert">Model {slot}: {message}</div>)}
      {noFace !== null && (
        <section className="no-face" data-testid="inspector-no-face">
          <p className="inconclusive-reason" data-testid="inspector-outcome-reason">{noFace}</p>
          <p className="muted">This photograph is not scored: the model judges faces, and detection found none.</p>
          <button type="button" data-testid="score-whole-image" onClick={() => void scoreWholeImage()}
            title="Score the whole photograph as the model's input; the request is recorded in the workspace's custody log">Score the whole image anyway</button>
          {original && <figure><img src={`data:${original.mime};base64,${original.base64}`} alt="original" className="no-face-original" /><figcaption>original · {original.width}×{original.height}</figcaption></figure>}
        </section>
      )}
      {a && (
        <>
          <div className="inspector-top">
            <figure>
              {original ? <FaceOverlay original={original} detail={a} /> : <div className="thumb-placeholder" />}
              <figcaption>original{original ? ` · ${original.width}×${original.height}` : ''}{a.face ? ` · face ${a.face.index}, confidence ${formatConfidence(a.face.confidence)}` : ''}</figcaption>
            </figure>
            <figure {...(a.face ? { 'data-testid': 'aligned-crop' } : {})}>
              <img src={`data:image/png;base64,${a.inputPng}`} alt="model input" className="pixelated" data-testid="model-input-image" />
              <figcaption>{a.face ? 'aligned face crop' : 'model input'} · {a.size}²{a.layers.length > 0 ? `, ${a.grid[0]}×${a.grid[1]} patches` : ''}</figcaption>
            </figure>
            {!(compare && details.B) && <ScoreCard detail={a} />}
          </div>
          <RoutingControls layers={a.layers.map((l) => l.layer)} experts={a.experts} slots={a.slots} />
          <div className={compare && details.B ? 'compare-grid' : ''}>
            <section>
              {compare && details.B && <><h3>A · {a.modelName}</h3><ScoreCard detail={a} /></>}
              <RoutingPanel detail={a} />
            </section>
            {compare && details.B && (
              <section data-testid="compare-b">
                <h3>B · {details.B.modelName}</h3>
                <ScoreCard detail={details.B} slot="B" />
                <RoutingPanel detail={details.B} testSuffix="-b" />
              </section>
            )}
          </div>
          {!wholeImage && (
            <>
              <OcclusionPanel detail={a} sampleId={id} />
              <PerturbationProbe sampleId={id} />
              <MoreLikeThis sampleId={id} />
            </>
          )}
        </>
      )}
      {/* The finding comes after the evidence it rests on; every sample takes one, scored or not (no face, failed). */}
      <AnnotationPanel sampleId={id} />
      <EvidencePanel />
    </aside>
  );
}
