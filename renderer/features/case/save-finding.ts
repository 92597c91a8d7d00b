// Saving the drafted finding, then, when the analyst has auto-advance on, moving to the next sample in the
// browser's current order and inspecting it. Used by the annotation panel's button and by Ctrl+Enter.
// Renderer feature helper.
import { useWorkbench } from '../../store';
import { nextSampleId } from '../browser/filter-rows';

export async function saveFinding(): Promise<boolean> {
  const sampleId = useWorkbench.getState().annotationDraft.sampleId;
  const saved = await useWorkbench.getState().saveAnnotation();
  const state = useWorkbench.getState();
  if (!saved || sampleId === null || !state.autoAdvance) return saved;
  // The browser's order is the host's (its paged query, findings and the A vs B filter included), not a table held here.
  const order = await state.browserOrderIds();
  if (order === null) return saved;
  const next = nextSampleId(order, sampleId);
  if (next === null) {
    state.showNotice({ kind: 'info', text: 'Finding saved; that was the last sample in the list.' });
    return saved;
  }
  const now = useWorkbench.getState();
  now.selectSample(next);
  if (now.models.A) void now.inspect(next);
  return saved;
}
