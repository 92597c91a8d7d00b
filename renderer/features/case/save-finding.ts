// Saving the drafted finding, then, when the analyst has auto-advance on, moving to the next sample in the
// browser's current order and inspecting it. Used by the annotation panel's button and by Ctrl+Enter.
// Renderer feature helper.
import { useWorkbench } from '../../store';
import { browserOrderIds, nextSampleId } from '../browser/filter-rows';

export async function saveFinding(): Promise<boolean> {
  const sampleId = useWorkbench.getState().annotationDraft.sampleId;
  const saved = await useWorkbench.getState().saveAnnotation();
  const state = useWorkbench.getState();
  if (!saved || sampleId === null || !state.autoAdvance) return saved;
  const next = nextSampleId(browserOrderIds(state), sampleId);
  if (next === null) {
    state.showNotice({ kind: 'info', text: 'Finding saved; that was the last sample in the list.' });
    return saved;
  }
  state.selectSample(next);
  if (state.models.A) void state.inspect(next);
  return saved;
}
