// One image's scoring outcome as the workspace records it (Workspace.recordBatch): what the inference
// engine's worker returns per image (electron/inference/protocol.ts). Node side; plain data and typed arrays.
import type { DomainVerdict } from '../../common/faces/domain.js';
import type { StoredRouting } from '../../common/routing/summary.js';

export type ScoredItem =
  | {
      key: number;
      ok: true;
      sha256: string;
      sizeBytes: number;
      /** Frames of an animated image, when more than 1: frame 1 is the one scored. */
      frames?: number;
      score: number;
      logits: number[];
      /** Per MoE layer (sidecar order): expert mass Σ_s combine, float16 bits, [n, e] row-major. */
      expertMass: Uint16Array[];
      /** Per MoE layer: Σ_s dispatch (how much of each token each expert's slots take in), float16 [n, e]. */
      dispatchMass?: Uint16Array[];
      /**
       * The rows and dominant expert the workspace stores (common/routing/summary.ts storedRouting of the masses
       * above, by the default rule), computed off the recording thread by the inference worker; recomputed when absent.
       */
      routing?: StoredRouting;
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
