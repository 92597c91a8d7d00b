// Routing of one sample under one model at the selected layer: heatmap, legend, expert contributions
// and the CLS token's routing (shown apart: it has no place on the patch grid). Renderer component.
import { useMemo } from 'react';
import type { SampleDetailPayload } from '../../../common/api';
import { valueRange } from '../../../common/routing/maps';
import { useWorkbench } from '../../store';
import { ExpertBars } from './ExpertBars';
import { Legend } from './Legend';
import { clsRouting, expertContributions, layerTensors, routingMap } from './routing-data';
import { RoutingHeatmap } from './RoutingHeatmap';

export function RoutingPanel({ detail, testSuffix = '' }: { detail: SampleDetailPayload; testSuffix?: string }) {
  const layerIndex = useWorkbench((s) => s.layerIndex);
  const mode = useWorkbench((s) => s.routingMode);
  const expert = useWorkbench((s) => s.expert);
  const slot = useWorkbench((s) => s.slot);
  const opacity = useWorkbench((s) => s.opacity);
  const rangeMode = useWorkbench((s) => s.rangeMode);
  const gridLines = useWorkbench((s) => s.gridLines);
  const tensors = layerTensors(detail);
  const layer = tensors[Math.min(layerIndex, tensors.length - 1)];
  const safeExpert = Math.min(expert, detail.experts - 1);
  const safeSlot = Math.min(slot, detail.slots - 1);
  const map = useMemo(() => (layer ? routingMap(detail, layer, mode, safeExpert, safeSlot) : null), [detail, layer, mode, safeExpert, safeSlot]);
  const range = useMemo(() => (map ? (map.categorical || rangeMode === 'fixed' ? map.fixedRange : valueRange(map.cells)) : { min: 0, max: 1 }), [map, rangeMode]);
  if (!layer || !map) return <div className="muted" data-testid="no-routing">This model has no Soft-MoE routing outputs: nothing is routed.</div>;
  const cls = clsRouting(detail, layer);
  const renderKey = `${layer.layer}:${mode}:${safeExpert}:${safeSlot}:${rangeMode}:${opacity}:${gridLines}`;
  return (
    <div className="routing-panel">
      <RoutingHeatmap inputPng={detail.inputPng} grid={detail.grid} map={map} range={range} opacity={opacity} gridLines={gridLines}
        renderKey={renderKey} testId={`routing-heatmap${testSuffix}`} />
      <Legend map={map} range={range} experts={detail.experts} />
      <ExpertBars title={`Expert contributions, block ${layer.layer} (mean mass over image tokens)`} values={expertContributions(detail, layer)} testId={`expert-contributions${testSuffix}`} />
      <div className="cls-routing" data-testid={`cls-routing${testSuffix}`}>
        <ExpertBars title="Class token (the one the score is read from): share of its output from each expert" values={cls.mass} testId={`cls-mass${testSuffix}`} />
        <ExpertBars title="Class token: share of it fed into each expert’s slots" values={cls.dispatched} max={Math.max(...cls.dispatched, 1e-9)} testId={`cls-dispatch${testSuffix}`} />
      </div>
    </div>
  );
}
