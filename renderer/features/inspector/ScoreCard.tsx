// Score card of one sample under one model: its outcome at the current threshold (common/metrics/outcome.ts;
// an inconclusive one shows its reason first and the score greyed; a whole image scored at the analyst's request
// is marked so), margin, and the probability of each class prompt. Renderer component.
import type { SampleDetailPayload } from '../../../common/api';
import { useWorkbench } from '../../store';
import { outcomeOf, outcomeText } from '../../../common/metrics/outcome';
import { formatRate, formatScore, formatThreshold } from '../../../common/format/figures';

export function ScoreCard({ detail }: { detail: SampleDetailPayload }) {
  const threshold = useWorkbench((s) => s.threshold);
  const domain = detail.domain.known ? { inDomain: detail.domain.inDomain, distance: detail.domain.distance, limit: detail.domain.threshold } : null;
  // A whole image scored at the analyst's request stays undecided: no face was found (common/metrics/outcome.ts).
  const outcome = outcomeOf({ score: detail.score, threshold, domain, noFace: detail.wholeImageAtRequest ?? null });
  const margin = detail.score - threshold;
  return (
    <div className="score-card" data-testid="score-card" data-outcome={outcome.outcome}>
      {outcome.reason !== null && <p className="inconclusive-reason" data-testid="inspector-outcome-reason">{outcomeText(outcome)}</p>}
      {detail.wholeImageAtRequest && <p className="whole-image-note" data-testid="whole-image-note">Whole image, scored at the analyst&apos;s request</p>}
      <div className="score-line">
        <span className={`big${outcome.reason === null ? '' : ' greyed'}`} data-testid="inspector-score">{formatScore(detail.score)}</span>
        {outcome.reason === null
          ? <span className={`decision-pill ${outcome.outcome === 'attack' ? 'attack' : 'bona-fide'}`} data-testid="inspector-decision">{outcome.outcome === 'attack' ? 'ATTACK' : 'BONA FIDE'}</span>
          : <span className="decision-pill inconclusive" data-testid="inspector-decision">INCONCLUSIVE</span>}
      </div>
      <div className="muted">threshold τ {formatThreshold(threshold)} · margin {margin >= 0 ? '+' : ''}{formatScore(margin)} · {detail.modelName}</div>
      <table className="prompt-table">
        <tbody>
          {detail.classNames.map((name, i) => (
            <tr key={name}>
              <td>{detail.prompts[i] ? `“${detail.prompts[i]}”` : name}</td>
              <td className="num">{formatRate(detail.probabilities[i])}</td>
              <td className="bar-cell"><div className={`pbar ${i === detail.attackIndex ? 'attack' : 'bona'}`} style={{ width: `${detail.probabilities[i]! * 100}%` }} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
