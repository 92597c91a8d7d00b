// Contract namespace `model`: open up to six models (slots A to F) for scoring and comparison; A and B are the
// two compared (inspector A|B, disagreement filters, paired statistics).
// Pure shared code (common/).
import type { ModelSidecar } from '../model/sidecar.js';
import type { Result } from '../result.js';
import { noPayload, objectOf } from '../validate.js';
import { method } from './define.js';

export const MODEL_SLOTS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type ModelSlot = (typeof MODEL_SLOTS)[number];

/** The first slot no model holds, in slot order; null when all six are taken. */
export function firstFreeSlot(taken: Iterable<ModelSlot>): ModelSlot | null {
  const used = new Set(taken);
  return MODEL_SLOTS.find((slot) => !used.has(slot)) ?? null;
}

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
