// A small canvas of one per-patch map (gh·gw values) in viridis over a shared range. Renderer component.
import { useEffect, useRef } from 'react';
import { cssColour, viridis } from '../../../common/routing/colormap';

export function MiniMap({ values, grid, range, size = 84, title }: { values: number[]; grid: [number, number]; range: { min: number; max: number }; size?: number; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const [gh, gw] = grid;
    const span = range.max - range.min;
    for (let r = 0; r < gh; r++) {
      for (let c = 0; c < gw; c++) {
        ctx.fillStyle = cssColour(viridis(span > 0 ? (values[r * gw + c]! - range.min) / span : 0));
        ctx.fillRect(Math.floor((c * size) / gw), Math.floor((r * size) / gh), Math.ceil(size / gw), Math.ceil(size / gh));
      }
    }
  }, [values, grid, range, size]);
  return <canvas ref={canvas} width={size} height={size} title={title} className="mini-map" />;
}
