// Horizontal bars of one value per expert (contributions, CLS routing). Renderer component.
import { cssColour, expertColour } from '../../../common/routing/colormap';
import { formatStatistic } from '../../../common/format/figures';

export function ExpertBars({ title, values, testId, max = 1 }: { title: string; values: ArrayLike<number>; testId: string; max?: number }) {
  return (
    <div className="expert-bars" data-testid={testId}>
      <div className="legend-title">{title}</div>
      {Array.from(values, (v, e) => (
        <div key={e} className="expert-bar">
          <span className="expert-name"><i className="expert-swatch" style={{ background: cssColour(expertColour(e)) }} />expert {e}</span>
          <div className="track"><div className="fill" style={{ width: `${Math.min(100, (100 * v) / (max || 1))}%`, background: cssColour(expertColour(e)) }} /></div>
          <span className="num">{formatStatistic(v)}</span>
        </div>
      ))}
    </div>
  );
}
