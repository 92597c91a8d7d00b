// Keeps the derived evaluation (rates, confusion counts, curve markers, bootstrap) in step with the
// operating point and the runs under evaluation: a store-level subscription, so it works whichever tab
// is showing. Renderer store wiring (used once, where the store is created).
import type { StoreApi } from 'zustand';
import { EVALUATION_KEY_FIELDS, evaluationKey } from './evaluation-selectors';
import type { WorkbenchState } from './create-store';

/** Subscribes `store`: whenever the evaluation key changes, the worker is asked again. Returns the unsubscribe. */
export function keepEvaluationInStep(store: StoreApi<WorkbenchState>): () => void {
  return store.subscribe((state, previous) => {
    if (EVALUATION_KEY_FIELDS.every((field) => state[field] === previous[field])) return;
    if (evaluationKey(state) !== evaluationKey(previous)) state.refreshEvaluation();
  });
}
