// Contract handlers of the `thresholds` namespace: saved operating points with provenance, each save
// logged in the custody chain in the same transaction. Node side.
import type { NamespaceHandlers } from '../../common/api.js';
import type { SavedThreshold } from '../../common/contract/thresholds.js';
import { insertThreshold, listThresholds } from '../workspace/thresholds.js';
import type { Workspace } from '../workspace/workspace.js';
import { guarded } from './guarded.js';
import { SessionError, type WorkbenchSession } from './session.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface ThresholdToSave {
  modelSha256?: string;
  value: number;
  criterion: string;
  split: string;
  dataHash: string;
  provenance: string;
}

/** Checks what the validator cannot (hash shapes, provenance is a JSON object) and stores it. */
export function saveThreshold(workspace: Workspace, input: ThresholdToSave): SavedThreshold {
  const model = input.modelSha256?.toLowerCase() ?? null;
  if (model !== null && !SHA256_HEX.test(model)) throw new SessionError('invalid-argument', 'modelSha256 must be a SHA-256 in hex (64 characters).');
  if (!SHA256_HEX.test(input.dataHash)) throw new SessionError('invalid-argument', 'dataHash must be a SHA-256 in lowercase hex (64 characters).');
  const criterion = input.criterion.trim();
  if (criterion === '') throw new SessionError('invalid-argument', 'criterion must name how the threshold was chosen (e.g. fixed, eer, bpcer20).');
  let provenance: unknown;
  try {
    provenance = JSON.parse(input.provenance);
  } catch {
    throw new SessionError('invalid-argument', 'provenance must be JSON text.');
  }
  if (typeof provenance !== 'object' || provenance === null || Array.isArray(provenance)) {
    throw new SessionError('invalid-argument', 'provenance must be a JSON object.');
  }
  return insertThreshold(workspace, { modelSha256: model, value: input.value, criterion, split: input.split, dataHash: input.dataHash, provenance: provenance as Record<string, unknown> });
}

export function thresholdsHandlers(session: WorkbenchSession): NamespaceHandlers<'thresholds'> {
  return {
    save: async (input) => guarded(() => saveThreshold(session.requireWorkspace(), input), 'threshold-error'),
    list: async ({ modelSha256 }) => guarded(() => listThresholds(session.requireWorkspace(), modelSha256)),
  };
}
