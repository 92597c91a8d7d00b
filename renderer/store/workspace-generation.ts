// The workspace generation: a counter the store raises each time a workspace is opened, switched or
// closed, so an answer asked for under one workspace is dropped when it lands under another.
// Renderer store (pure helper; ARCHITECTURE.md §11).
import type { StoreApi } from 'zustand';
import type { WorkbenchState } from './create-store';

/**
 * Captures the current workspace generation; the returned check says whether the store is still on it.
 * An action calls it before an await and checks it after: a host reply or a metrics worker answer for
 * the workspace left meanwhile is dropped, never shown on the next one.
 */
export function sameWorkspace(get: () => Pick<WorkbenchState, 'workspaceGeneration'>): () => boolean {
  const generation = get().workspaceGeneration;
  return () => get().workspaceGeneration === generation;
}

/**
 * Runs `leave` with the state just left whenever the workspace generation moves: what a slice keeps
 * outside the store (a cache, a timer, sources held by the metrics workers) is let go there.
 */
export function onWorkspaceLeft(store: StoreApi<WorkbenchState>, leave: (previous: WorkbenchState) => void): () => void {
  return store.subscribe((state, previous) => {
    if (state.workspaceGeneration !== previous.workspaceGeneration) leave(previous);
  });
}
