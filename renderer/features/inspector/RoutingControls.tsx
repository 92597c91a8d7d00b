// Controls of the routing view: layer (slider + select), map mode, expert, slot, opacity, colour range,
// grid lines. Renderer component; layer-select and expert-select are stable automation hooks.
import { useWorkbench } from '../../store';
import type { RoutingMode } from '../../store/inspector-slice';
import { GLOSSARY } from '../../components/glossary';
import { Term } from '../../components/Term';

export function RoutingControls({ layers, experts, slots }: { layers: number[]; experts: number; slots: number }) {
  const layerIndex = useWorkbench((s) => s.layerIndex);
  const mode = useWorkbench((s) => s.routingMode);
  const expert = useWorkbench((s) => s.expert);
  const slot = useWorkbench((s) => s.slot);
  const opacity = useWorkbench((s) => s.opacity);
  const rangeMode = useWorkbench((s) => s.rangeMode);
  const gridLines = useWorkbench((s) => s.gridLines);
  const set = useWorkbench((s) => s.setRouting);
  return (
    <div className="routing-controls">
      <label><span><Term term="Soft-MoE">MoE</Term> layer</span>
        <input type="range" min={0} max={layers.length - 1} value={layerIndex} data-testid="layer-slider" onChange={(e) => set({ layerIndex: Number(e.target.value) })} />
        <select data-testid="layer-select" value={layerIndex} onChange={(e) => set({ layerIndex: Number(e.target.value) })}>
          {layers.map((l, i) => <option key={l} value={i}>block {l}</option>)}
        </select>
      </label>
      <label title={`Main expert: the expert each patch mostly goes to (argmax of the expert mass). Share of one expert: ${GLOSSARY['expert mass']} What feeds one slot: ${GLOSSARY.dispatch}`}><Term term="Soft-MoE">Map</Term>
        <select data-testid="mode-select" value={mode} onChange={(e) => set({ routingMode: e.target.value as RoutingMode })}>
          <option value="argmax">main expert of each patch</option>
          <option value="expert-mass">share of one expert</option>
          <option value="dispatch">what feeds one expert slot</option>
        </select>
      </label>
      <label><Term term="expert">Expert</Term>
        <select data-testid="expert-select" value={expert} disabled={mode === 'argmax'} onChange={(e) => set({ expert: Number(e.target.value) })}>
          {Array.from({ length: experts }, (_, e) => <option key={e} value={e}>expert {e}</option>)}
        </select>
      </label>
      <label><Term term="slot">Slot</Term>
        <input type="number" min={0} max={slots - 1} value={slot} disabled={mode !== 'dispatch'} data-testid="slot-select"
          onChange={(e) => set({ slot: Math.min(slots - 1, Math.max(0, Math.floor(Number(e.target.value) || 0))) })} />
        <span className="muted" title={`slots are numbered 0 to ${slots - 1} for each expert`}>of 0–{slots - 1}</span>
      </label>
      <label>Opacity
        <input type="range" min={0} max={1} step={0.05} value={opacity} data-testid="opacity" onChange={(e) => set({ opacity: Number(e.target.value) })} />
      </label>
      <label>Colour range
        <select data-testid="range-mode" value={rangeMode} disabled={mode === 'argmax'} onChange={(e) => set({ rangeMode: e.target.value as 'fixed' | 'per-image' })}>
          <option value="fixed">fixed [0, 1]</option>
          <option value="per-image">per image (min–max)</option>
        </select>
      </label>
      <label className="check"><input type="checkbox" checked={gridLines} data-testid="grid-lines" onChange={(e) => set({ gridLines: e.target.checked })} /> grid lines</label>
    </div>
  );
}
