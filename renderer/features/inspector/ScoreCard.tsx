// Score card of one sample under one model: score, decision at the current threshold, margin, and the
// probability of each class prompt. Renderer component.
import type { SampleDetailPayload } from '../../../common/api';
import { useWorkbench } from '../../store';
import { decisionOf } from '../../../common/metrics/decision';

export function ScoreCard({ detail }: { detail: SampleDetailPayload }) {
  const threshold = useWorkbench((s) => s.threshold);
  const decision = decisionOf(detail.score, threshold)!;
  const margin = detail.score - threshold;
  return (
    <div className="score-card" data-testid="score-card">
      <div className="score-line">
        <span className="big" data-testid="inspector-score">{detail.score.toFixed(4)}</span>
        <span className={`decision-pill ${decision}`} data-testid="inspector-decision">{decision === 'attack' ? 'ATTACK' : 'BONA FIDE'}</span>
      </div>
      <div className="muted">threshold {threshold.toFixed(4)} · margin {margin >= 0 ? '+' : ''}{margin.toFixed(4)} · {detail.modelName}</div>
      <table className="prompt-table">
        <tbody>
          {detail.classNames.map((name, i) => (
            <tr key={name}>
              <td>{detail.prompts[i] ? `“${detail.prompts[i]}”` : name}</td>
              <td className="num">{(detail.probabilities[i]! * 100).toFixed(2)}%</td>
              <td className="bar-cell"><div className={`pbar ${i === detail.attackIndex ? 'attack' : 'bona'}`} style={{ width: `${detail.probabilities[i]! * 100}%` }} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
