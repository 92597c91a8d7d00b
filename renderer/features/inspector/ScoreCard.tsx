// Score card of one sample under one model: its outcome at that model's own τ, said which (slot-threshold.ts;
// common/metrics/outcome.ts;
// an inconclusive one shows its reason first and the score greyed; a whole image scored at the analyst's request
// is marked so), margin, and the probability of each class prompt. Renderer component.
import type { ModelSlot, SampleDetailPayload } from '../../../common/api';
import { slotThresholdSays, slotThresholdValue, useWorkbench } from '../../store';
import { outcomeOf, outcomeText } from '../../../common/metrics/outcome';
import { formatMargin, formatRate, formatScore, formatThreshold } from '../../../common/format/figures';

export function ScoreCard({ detail, slot = 'A' }: { detail: SampleDetailPayload; slot?: ModelSlot }) {
  const own = useWorkbench((s) => slotThresholdValue(s, slot));
  const says = useWorkbench((s) => slotThresholdSays(s, slot));
  if (own === null) {
    return (
      <div className="score-card" data-testid="score-card" data-outcome="no-threshold">
        <div className="score-line"><span className="big" data-testid="inspector-score">{formatScore(detail.score)}</span></div>
        <p className="muted" data-testid="score-card-threshold">{says}</p>
      </div>
    );
  }
  return <DecidedScoreCard detail={detail} threshold={own} says={says} />;
}

function DecidedScoreCard({ detail, threshold, says }: { detail: SampleDetailPayload; threshold: number; says: string }) {
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
      <div className="muted" data-testid="score-card-threshold" data-threshold={threshold}>threshold τ {formatThreshold(threshold)} ({says}) · margin {formatMargin(margin)} · {detail.modelName}</div>
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
