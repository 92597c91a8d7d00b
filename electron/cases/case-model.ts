// The model a case file reports under, chosen one way for the app and `uad export-case`: among the models that ran in
// the workspace, those with predictions first; a model whose runs scored nothing (every photograph without a face)
// still reports its unscored samples as inconclusive with their reason (ARCHITECTURE.md §7). Node side (cases).
import type { Workspace } from '../workspace/workspace.js';

export interface CaseModelCandidate {
  sha256: string;
  name: string;
  predictions: number;
}

/**
 * The models a case can report under, newest run first: those whose SHA-256 starts with `prefix` when one is given,
 * else the models with predictions, else (none scored anything) every model that ran.
 */
export function caseModelCandidates(workspace: Workspace, prefix?: string): CaseModelCandidate[] {
  const ran = workspace.ranModels();
  if (prefix !== undefined) return ran.filter((m) => m.sha256.startsWith(prefix.toLowerCase()));
  const scored = ran.filter((m) => m.predictions > 0);
  return scored.length > 0 ? scored : ran;
}
