// Contract namespace `thresholds`: operating points saved in the workspace with their provenance
// (criterion, split, data hash, time, model; ARCHITECTURE.md §6–7). Pure shared code (common/).
import type { Result } from '../result.js';
import { objectOf } from '../validate.js';
import { method } from './define.js';

export interface SavedThreshold {
  id: number;
  /** The model whose scores the threshold was chosen for; null for an external scores file. */
  modelSha256: string | null;
  value: number;
  /** e.g. 'fixed', 'eer', 'min-hter', 'bpcer20', 'bpcer100', 'apcer20'. */
  criterion: string;
  /** The split (or file) the criterion was computed on, e.g. 'dev'. */
  split: string;
  /** SHA-256 (hex) of the scores the criterion saw, sorted by score then label. */
  dataHash: string;
  /** The full provenance record as the renderer built it (criterion spec, counts, achieved rates…). */
  provenance: Record<string, unknown>;
  /** When the workspace stored it (ISO 8601, the Node side's clock). */
  createdAt: string;
}

/** Longest provenance JSON accepted; a provenance record is a few hundred bytes. */
export const MAX_PROVENANCE_JSON = 65_536;

export const thresholdsContract = {
  /** Stores an operating point with its provenance and logs a custody 'threshold' entry. */
  save: method<Result<SavedThreshold>>()(objectOf({
    modelSha256: { kind: 'string', optional: true, maxLength: 64 },
    value: { kind: 'number' },
    criterion: { kind: 'string', maxLength: 64 },
    split: { kind: 'string', maxLength: 256 },
    dataHash: { kind: 'string', maxLength: 64 },
    /** JSON text of an object. */
    provenance: { kind: 'string', maxLength: MAX_PROVENANCE_JSON },
  })),
  /** Saved thresholds, newest first; only the given model's when modelSha256 is set. */
  list: method<Result<SavedThreshold[]>>()(objectOf({ modelSha256: { kind: 'string', optional: true, maxLength: 64 } })),
} as const;
