// Occlusion sensitivity of the inspected sample under model A: the score change when each cell of the
// token grid (or a coarse 7 × 7) is masked, drawn with the routing maps' controls (opacity, colour range,
// grid lines) beside the routing heatmap of the selected layer. Renderer component; data-testid
// occlusion-map (data-cells, data-render-key once drawn) is a stable automation hook.
import { useMemo } from 'react';
import type { SampleDetailPayload } from '../../../common/api';
import type { OcclusionResult } from '../../../common/contract/explain';
import { occlusionDeltas } from '../../../common/explain/occlusion';
import { valueRange } from '../../../common/routing/maps';
import { useWorkbench } from '../../store';
import { Legend } from './Legend';
import { layerTensors, routingMap, type RoutingMap } from './routing-data';
import { RoutingHeatmap } from './RoutingHeatmap';
import { ProbeProgressLine } from './ProbeProgressLine';
import { formatScore } from '../../../common/format/figures';

export function occlusionMap(result: OcclusionResult): RoutingMap {
  return {
    cells: occlusionDeltas(result.baseScore, result.scores),
    categorical: false,
    fixedRange: { min: -1, max: 1 },
    description: `score change when each of ${result.grid[0]}×${result.grid[1]} cells is masked (base − masked; > 0: the cell pushes towards attack)`,
  };
}

export function OcclusionPanel({ detail, sampleId }: { detail: SampleDetailPayload; sampleId: number }) {
  const grid = useWorkbench((s) => s.occlusionGrid);
  const setGrid = useWorkbench((s) => s.setOcclusionGrid);
  const probes = useWorkbench((s) => (s.probes?.sampleId === sampleId ? s.probes.byKind : null));
  const running = useWorkbench((s) => s.probeRunning);
  const run = useWorkbench((s) => s.runOcclusion);
  const opacity = useWorkbench((s) => s.opacity);
  const rangeMode = useWorkbench((s) => s.rangeMode);
  const gridLines = useWorkbench((s) => s.gridLines);
  const layerIndex = useWorkbench((s) => s.layerIndex);
  const mode = useWorkbench((s) => s.routingMode);
  const expert = useWorkbench((s) => s.expert);
  const slot = useWorkbench((s) => s.slot);
  const saved = probes?.[grid === '7x7' ? 'occlusion-7x7' : 'occlusion-tokens'];
  const result = saved?.result.kind === 'occlusion' ? saved.result : null;
  const map = useMemo(() => (result ? occlusionMap(result) : null), [result]);
  const range = useMemo(() => (map ? (rangeMode === 'fixed' ? map.fixedRange : valueRange(map.cells)) : { min: 0, max: 1 }), [map, rangeMode]);
  const layer = layerTensors(detail)[Math.min(layerIndex, detail.layers.length - 1)];
  const routing = useMemo(() => (layer ? routingMap(detail, layer, mode, Math.min(expert, detail.experts - 1), Math.min(slot, detail.slots - 1)) : null), [detail, layer, mode, expert, slot]);
  const routingRange = useMemo(() => (routing ? (routing.categorical || rangeMode === 'fixed' ? routing.fixedRange : valueRange(routing.cells)) : { min: 0, max: 1 }), [routing, rangeMode]);
  const busy = running !== null;
  return (
    <section className="probe-panel" data-testid="occlusion-panel">
      <div className="probe-bar">
        <strong>Occlusion sensitivity</strong>
        <select data-testid="occlusion-grid" value={grid} onChange={(e) => setGrid(e.target.value as typeof grid)} aria-label="Occlusion grid">
          <option value="tokens">token grid ({detail.grid[0]}×{detail.grid[1]})</option>
          <option value="7x7">coarse 7×7</option>
        </select>
        <button type="button" data-testid="occlusion-run" disabled={busy} onClick={() => void run(sampleId)}>{result ? 'Run again' : 'Run'}</button>
        {saved && <span className="muted">saved {saved.createdAt.slice(0, 19).replace('T', ' ')} · base score {formatScore(saved.result.baseScore)}</span>}
      </div>
      <ProbeProgressLine kinds={['occlusion-tokens', 'occlusion-7x7']} />
      {map && result && (
        <div className="probe-maps">
          <figure>
            <RoutingHeatmap inputPng={detail.inputPng} grid={result.grid} map={map} range={range} opacity={opacity} gridLines={gridLines}
              renderKey={`occlusion:${result.grid.join('x')}:${saved!.createdAt}:${rangeMode}:${opacity}:${gridLines}`} testId="occlusion-map" size={224} />
            <Legend map={map} range={range} experts={detail.experts} />
          </figure>
          {routing && layer && (
            <figure>
              <RoutingHeatmap inputPng={detail.inputPng} grid={detail.grid} map={routing} range={routingRange} opacity={opacity} gridLines={gridLines}
                renderKey={`beside:${layer.layer}:${mode}:${expert}:${slot}`} testId="occlusion-routing-beside" size={224} />
              <figcaption className="muted">routing, block {layer.layer}: {routing.description}</figcaption>
            </figure>
          )}
        </div>
      )}
    </section>
  );
}
