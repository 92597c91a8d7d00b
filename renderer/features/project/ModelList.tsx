// The project bar's list of open models (slots A to F): each row its slot in the model's series colour, name,
// τ and the criterion and data the τ was chosen on, and a close button; the field below adds another model file
// in the first free slot (ModelField). A and B are the two compared (ARCHITECTURE.md §11). Renderer feature component.
import { MODEL_SLOTS, type ModelSlot } from '../../../common/contract/model';
import { formatThreshold } from '../../../common/format/figures';
import { PathField } from '../../components/PathField';
import { seriesVar } from '../../components/palette';
import { useWorkbench } from '../../store';
import { slotThresholdChosenOn, slotThresholdValue } from '../../store/slot-threshold';
import { listedSlots } from '../../store/model-slots';

function ModelRow({ slot }: { slot: ModelSlot }) {
  const model = useWorkbench((s) => s.models[slot]);
  const tau = useWorkbench((s) => slotThresholdValue(s, slot));
  const chosenOn = useWorkbench((s) => slotThresholdChosenOn(s, slot));
  const busy = useWorkbench((s) => s.modelBusy !== null || s.runStatus !== 'idle');
  const closeModel = useWorkbench((s) => s.closeModel);
  if (!model) return null;
  return (
    <li className="model-row" data-testid={`model-row-${slot}`} data-threshold={tau ?? ''} title={`${slot} · ${model.name} · τ ${formatThreshold(tau)} (${chosenOn})\n${model.onnxPath}`}>
      <span className="model-slot-badge" style={{ borderColor: seriesVar(MODEL_SLOTS.indexOf(slot)) }} aria-label={`slot ${slot}`}>{slot}</span>
      <span className="model-row-name">{model.name}</span>
      <span className="model-row-tau" data-testid={`model-tau-${slot}`}>τ {formatThreshold(tau)}</span>
      <span className="model-row-on muted" data-testid={`model-tau-on-${slot}`}>{chosenOn}</span>
      <button type="button" className="model-row-close" data-testid={`model-remove-${slot}`} disabled={busy}
        aria-label={`Close model ${slot} (${model.name})`} title={`Close model ${slot}`} onClick={() => void closeModel(slot)}>×</button>
    </li>
  );
}

/** The Model field: a model file typed, picked or recent goes into the first free slot (empty again after each add). */
export function ModelField() {
  const slots = useWorkbench((s) => listedSlots(s).join(''));
  const recentModels = useWorkbench((s) => s.recentModels);
  const modelBusy = useWorkbench((s) => s.modelBusy);
  const addModel = useWorkbench((s) => s.addModel);
  const full = slots.length === MODEL_SLOTS.length;
  return (
    <PathField key={slots} label="Model" placeholder={full ? `${MODEL_SLOTS.length} models open: close one to add another` : '/path/to/model.onnx (model.json beside it)'}
      recent={recentModels} action={slots.length > 0 ? 'Add' : 'Load'} busy={modelBusy !== null} disabled={full} testId="model" onSubmit={addModel} browse="model" />
  );
}

/** The open models, one chip each, across the bar's width. */
export function ModelList() {
  const slots = useWorkbench((s) => listedSlots(s).join(''));
  if (slots.length === 0) return null;
  return (
    <div className="open-models">
      <span className="open-models-label" id="open-models-label">Models</span>
      <ul className="model-list" aria-labelledby="open-models-label" data-testid="model-list">
        {[...slots].map((slot) => <ModelRow key={slot} slot={slot as ModelSlot} />)}
      </ul>
    </div>
  );
}
