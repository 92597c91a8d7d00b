// Always-visible legend of the routing heatmap: a viridis bar with its range, or expert swatches.
// Renderer component.
import { cssColour, expertColour, viridis } from '../../../common/routing/colormap';
import type { RoutingMap } from './routing-data';
import { formatScaleValue, formatShare } from '../../../common/format/figures';

export function Legend({ map, range, experts }: { map: RoutingMap; range: { min: number; max: number }; experts: number }) {
  if (map.categorical) {
    const counts = new Array<number>(experts).fill(0);
    for (const v of map.cells) counts[v]! += 1;
    return (
      <div className="legend" data-testid="routing-legend">
        <div className="legend-title" title={map.notation}>{map.description}</div>
        <div className="legend-swatches">
          {counts.map((count, e) => (
            <span key={e} className="legend-swatch"><i style={{ background: cssColour(expertColour(e)) }} />expert {e} · {formatShare(count / map.cells.length)} of patches</span>
          ))}
        </div>
      </div>
    );
  }
  const stops = Array.from({ length: 11 }, (_, i) => `${cssColour(viridis(i / 10))} ${i * 10}%`).join(', ');
  return (
    <div className="legend" data-testid="routing-legend">
      <div className="legend-title" title={map.notation}>{map.description}</div>
      <div className="colour-bar" style={{ background: `linear-gradient(to right, ${stops})` }} />
      <div className="colour-bar-labels"><span>{formatScaleValue(range.min)}</span><span>{formatScaleValue((range.min + range.max) / 2)}</span><span>{formatScaleValue(range.max)}</span></div>
    </div>
  );
}
