// Messages between the inference engine (caller's thread) and its worker thread.
// Node side; plain data and typed arrays only (structured clone, transferables).
import type { ProbeJob, ProbeResult } from '../../common/contract/explain.js';
import type { DomainVerdict } from '../../common/faces/domain.js';
import type { ModelSidecar } from '../../common/model/sidecar.js';
import type { OriginalImageInfo } from '../onnx/preprocess.js';
import type { ProviderAttempt, ProviderName } from '../onnx/providers.js';
import type { ScoredItem } from '../workspace/scored-item.js';
import type { DecodedBatch } from './decode-batch.js';

export interface ScoreItem {
  /** Caller's key (the workspace sample id). */
  key: number;
  path: string;
  /** Keypoints of a detected face (EXIF-oriented image pixels): the model then sees the aligned face crop. */
  face?: { keypoints: [number, number][] };
}

/** One image's outcome, as the workspace records it (electron/workspace/scored-item.ts). */
export type { ScoredItem };

export interface SampleDetail {
  path: string;
  sha256: string;
  original: OriginalImageInfo;
  /** The model's input as RGB uint8, size × size × 3. */
  rgb: Uint8Array;
  size: number;
  score: number;
  logits: number[];
  probabilities: number[];
  /** Empty when the model has no embedding output. */
  embedding: Float32Array;
  /** Low-level statistics of the normalised input tensor (common/faces/image-stats.ts). */
  inputStats: number[];
  /** The domain check of this sample (absent when the model has no embedding output). */
  domain?: DomainVerdict;
  /** Per MoE layer: full dispatch and combine of this sample, [n, e, s] row-major. */
  layers: { layer: number; dispatch: Float32Array; combine: Float32Array }[];
  tokens: number;
  experts: number;
  slots: number;
}

export type WorkerRequest =
  | { type: 'load'; id: number; onnxPath: string; sidecar: ModelSidecar; providers: ProviderName[]; intraOpThreads: number; decodeThreads?: number; keepAppearance?: boolean; appearanceSide?: number }
  | { type: 'score'; id: number; items: ScoreItem[] }
  /** A batch already decoded for this model by the caller (one decode shared by several models' engines). */
  | { type: 'scoreDecoded'; id: number; batch: DecodedBatch }
  | { type: 'detail'; id: number; path: string; face?: ScoreItem['face'] }
  /** `cancel` is an Int32Array's SharedArrayBuffer: element 0 set to 1 stops the probe between batches. */
  | { type: 'probe'; id: number; path: string; face?: ScoreItem['face']; job: ProbeJob; cancel: SharedArrayBuffer }
  | { type: 'close'; id: number };

export type WorkerResponse =
  | { type: 'loaded'; id: number; provider: ProviderName; attempts: ProviderAttempt[]; inputNames: string[]; outputNames: string[]; decodeThreads: number }
  | { type: 'scored'; id: number; items: ScoredItem[]; decodeMs: number; inferMs: number }
  | { type: 'detail'; id: number; detail: SampleDetail }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'probed'; id: number; sha256: string; result: ProbeResult }
  | { type: 'closed'; id: number }
  | { type: 'error'; id: number; message: string };
