// "Check one image": the fastest answer to "is this photograph an attack?". A typed path (or an image dropped
// on the desktop app) is scored by run.check into the workspace as a questioned sample; one result card per face
// gives the outcome (common/metrics/outcome.ts; an inconclusive one its reason first, the score greyed), the
// score, the domain verdict, the aligned crop and the routing map. Renderer feature component.
import { useState, type FormEvent } from 'react';
import type { CheckResult } from '../../../common/api';
import { outcomeOf, outcomeText, unscoredInput } from '../../../common/metrics/outcome';
import type { CheckCard } from '../../store/check-slice';
import { useWorkbench } from '../../store';
import { RoutingPanel } from '../inspector/RoutingPanel';
import './check.css';
import { formatDistance, formatScore, formatThreshold } from '../../../common/format/figures';

function ResultCard({ card, result }: { card: CheckCard; result: CheckResult }) {
  const threshold = useWorkbench((s) => s.threshold);
  const { face, detail } = card;
  const outcome = face.score === null
    ? outcomeOf({ score: null, threshold, ...unscoredInput(face.reason ?? 'no score', result.minConfidence) })
    : outcomeOf({ score: face.score, threshold, domain: { inDomain: face.inDomain, distance: face.domainDistance, limit: result.domainLimit } });
  const decided = outcome.reason === null;
  const domain = face.score === null ? null
    : face.inDomain === null ? 'domain unknown (the model has no domain statistics)'
      : `${face.inDomain ? 'inside' : 'outside'} the model's domain · distance ${formatDistance(face.domainDistance)} of limit ${formatDistance(result.domainLimit)}`;
  return (
    <article className="check-card" data-testid="check-card" data-outcome={outcome.outcome} data-sample-id={face.sampleId}>
      <header>
        <strong>{face.faceIndex === null ? 'whole image' : `face ${face.faceIndex}`}</strong>
        {face.faceBox && <span className="muted mono"> box [{face.faceBox.join(' ')}]</span>}
      </header>
      <p className={decided ? `check-outcome ${outcome.outcome === 'attack' ? 'attack' : 'bona-fide'}` : 'check-outcome inconclusive'} data-testid="check-card-outcome">{outcomeText(outcome)}</p>
      {face.score !== null && <div className={decided ? 'check-score' : 'check-score greyed'} data-testid="check-card-score">score {formatScore(face.score)} · τ {formatThreshold(threshold)}</div>}
      {domain && <div className="muted" data-testid="check-card-domain">{domain}</div>}
      {detail && (
        <div className="check-visuals">
          <figure data-testid="check-card-crop">
            <img src={`data:image/png;base64,${detail.inputPng}`} alt={`aligned face crop ${face.faceIndex ?? ''}`} className="pixelated" />
            <figcaption>{detail.face ? 'aligned face crop' : 'model input'} · {detail.size}²</figcaption>
          </figure>
          <div data-testid="check-card-routing"><RoutingPanel detail={detail} testSuffix={`-check-${face.sampleId}`} /></div>
        </div>
      )}
      {card.detailError && <p className="error" role="alert">{card.detailError}</p>}
    </article>
  );
}

export function CheckPanel() {
  const [path, setPath] = useState('');
  const status = useWorkbench((s) => s.checkStatus);
  const result = useWorkbench((s) => s.checkResult);
  const cards = useWorkbench((s) => s.checkCards);
  const checkImage = useWorkbench((s) => s.checkImage);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void checkImage(path);
  };
  return (
    <section className="check-panel" data-testid="check-panel" data-status={status} aria-label="Check one image">
      <form onSubmit={submit} className="check-form">
        <label>Check one image <input data-testid="check-path" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/photo.jpg (or drop it on the desktop app)" spellCheck={false} /></label>
        <button type="submit" data-testid="check-run" disabled={status === 'checking'}>{status === 'checking' ? 'Checking…' : 'Check'}</button>
      </form>
      {result && (
        <div className="check-result" data-testid="check-result" data-count={cards.length}>
          <div className="muted">{result.path} · {result.modelName}{result.scratchWorkspace ? ` · new scratch workspace ${result.scratchWorkspace}` : ` · workspace ${result.workspace.file}`}</div>
          <div className="check-cards">{cards.map((card) => <ResultCard key={card.face.sampleId} card={card} result={result} />)}</div>
        </div>
      )}
    </section>
  );
}
