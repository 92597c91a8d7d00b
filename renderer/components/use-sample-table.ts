// The whole sample table for a view that needs every row (map, case samples, "more like this", the
// evaluation's split check): asks the store to load it once; the browser itself never does (ARCHITECTURE.md §9).
// Renderer shared hook.
import { useEffect } from 'react';
import { useWorkbench } from '../store';

export function useSampleTable(modelSha256?: string | null): void {
  const ensure = useWorkbench((s) => s.ensureSampleTable);
  const workspace = useWorkbench((s) => s.workspace?.file ?? null);
  const generation = useWorkbench((s) => s.workspaceGeneration);
  useEffect(() => {
    if (workspace !== null && modelSha256 !== null) void ensure(modelSha256);
  }, [ensure, workspace, generation, modelSha256]);
}
