// Contract namespace `model`: open up to two models (slots A and B) for scoring and comparison.
// Pure shared code (common/).
import type { ModelSidecar } from '../model/sidecar.js';
import type { Result } from '../result.js';
import { noPayload, objectOf } from '../validate.js';
import { method } from './define.js';

export const MODEL_SLOTS = ['A', 'B'] as const;
export type ModelSlot = (typeof MODEL_SLOTS)[number];

export interface ModelInfo {
  slot: ModelSlot;
  name: string;
  sha256: string;
  onnxPath: string;
  sizeBytes: number;
  /** Execution provider actually in use, and every provider tried before it (with why it did not start). */
  provider: string;
  providerAttempts: { provider: string; ok: boolean; error?: string; device?: string; absent?: boolean }[];
  opset: number | null;
  sidecar: ModelSidecar;
}

export const modelContract = {
  open: method<Result<ModelInfo>>()(objectOf({ path: { kind: 'string' }, slot: { kind: 'enum', values: MODEL_SLOTS } })),
  list: method<Result<ModelInfo[]>>()(noPayload),
  close: method<Result<boolean>>()(objectOf({ slot: { kind: 'enum', values: MODEL_SLOTS } })),
} as const;
