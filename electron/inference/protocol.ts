// Messages between the inference engine (caller's thread) and its worker thread.
// Node side; plain data and typed arrays only (structured clone, transferables).
import type { ProbeJob, ProbeResult } from '../../common/contract/explain.js';
import type { DomainVerdict } from '../../common/faces/domain.js';
import type { ModelSidecar } from '../../common/model/sidecar.js';
import type { OriginalImageInfo } from '../onnx/preprocess.js';
import type { ProviderAttempt, ProviderName } from '../onnx/providers.js';

export interface ScoreItem {
  /** Caller's key (the workspace sample id). */
  key: number;
  path: string;
  /** Keypoints of a detected face (EXIF-oriented image pixels): the model then sees the aligned face crop. */
  face?: { keypoints: [number, number][] };
}

export type ScoredItem =
  | {
      key: number;
      ok: true;
      sha256: string;
      sizeBytes: number;
      score: number;
      logits: number[];
      /** Per MoE layer (sidecar order): expert mass Σ_s combine, float16 bits, [n, e] row-major. */
      expertMass: Uint16Array[];
      /** Per MoE layer: Σ_s dispatch (how much of each token each expert's slots take in), float16 [n, e]. */
      dispatchMass?: Uint16Array[];
      /** The model's `embedding` output, float16 bits, [d]. */
      embedding?: Uint16Array;
      /** Low-level statistics of the normalised input tensor (common/faces/image-stats.ts), the domain check's image view. */
      inputStats?: number[];
      /** Pooled features of the appearance network, [D], only when the engine was asked to keep them (domain-stats). */
      appearancePooled?: Float32Array;
      /** Domain check of the embedding (and the other views) against the sidecar's statistics (float32 embedding). */
      domain?: DomainVerdict;
    }
  | { key: number; ok: false; reason: string; sha256?: string; sizeBytes?: number };

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
  | { type: 'load'; id: number; onnxPath: string; sidecar: ModelSidecar; providers: ProviderName[]; intraOpThreads: number; decodeThreads?: number; keepAppearance?: boolean }
  | { type: 'score'; id: number; items: ScoreItem[] }
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
