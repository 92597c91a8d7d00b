// The routing heatmap: the model's input image with the patch grid coloured by the selected routing map,
// nearest-neighbour cells (zero is a colour, never transparent), optional grid lines.
// Renderer component; data-testid routing-heatmap is a stable automation hook.
import { useEffect, useRef } from 'react';
import { cssColour, expertColour, viridis } from '../../../common/routing/colormap';
import type { RoutingMap } from './routing-data';

export interface HeatmapProps {
  inputPng: string;
  grid: [number, number];
  map: RoutingMap;
  range: { min: number; max: number };
  opacity: number;
  gridLines: boolean;
  /** Describes what is drawn; set on the canvas once drawn, so tests can wait for it. */
  renderKey: string;
  size?: number;
  testId?: string;
}

export function RoutingHeatmap({ inputPng, grid, map, range, opacity, gridLines, renderKey, size = 288, testId = 'routing-heatmap' }: HeatmapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    let live = true;
    const image = new Image();
    image.onload = () => {
      const ctx = element.getContext('2d');
      if (!ctx || !live) return;
      const [gh, gw] = grid;
      const cellW = size / gw;
      const cellH = size / gh;
      ctx.imageSmoothingEnabled = false;
      ctx.clearRect(0, 0, size, size);
      ctx.drawImage(image, 0, 0, size, size);
      const span = range.max - range.min;
      for (let row = 0; row < gh; row++) {
        for (let col = 0; col < gw; col++) {
          const value = map.cells[row * gw + col]!;
          const colour = map.categorical ? expertColour(value) : viridis(span > 0 ? (value - range.min) / span : 0);
          ctx.fillStyle = cssColour(colour, opacity);
          ctx.fillRect(Math.floor(col * cellW), Math.floor(row * cellH), Math.ceil(cellW), Math.ceil(cellH));
        }
      }
      if (gridLines) {
        ctx.strokeStyle = 'rgba(255, 255, 255, 0.35)';
        ctx.lineWidth = 1;
        ctx.beginPath();
        for (let col = 0; col <= gw; col++) { ctx.moveTo(Math.round(col * cellW) + 0.5, 0); ctx.lineTo(Math.round(col * cellW) + 0.5, size); }
        for (let row = 0; row <= gh; row++) { ctx.moveTo(0, Math.round(row * cellH) + 0.5); ctx.lineTo(size, Math.round(row * cellH) + 0.5); }
        ctx.stroke();
      }
      element.dataset.renderKey = renderKey;
    };
    image.src = `data:image/png;base64,${inputPng}`;
    return () => { live = false; };
  }, [inputPng, grid, map, range, opacity, gridLines, renderKey, size]);
  return <canvas ref={canvas} width={size} height={size} className="heatmap" data-testid={testId} aria-label={`routing heatmap: ${map.description}`} />;
}
