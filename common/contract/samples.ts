// Contract namespace `samples`: the workspace's samples with scores, their images, and per-sample
// routing detail recomputed on demand. Pure shared code (common/). Binary arrays travel as base64.
import type { SampleLabel } from '../dataset/label.js';
import type { EvidenceDetails } from '../dataset/evidence-details.js';
import type { SampleFace } from '../dataset/types.js';
import type { DomainVerdict } from '../faces/domain.js';
import type { Result } from '../result.js';
import { objectOf } from '../validate.js';
import { method } from './define.js';
import { MODEL_SLOTS } from './model.js';
import type { SampleTableWire } from './sample-table-codec.js';

/** Column-oriented sample table (compact for 10⁵ rows): entry i of every column is one sample. */
export interface SampleTable {
  modelSha256: string | null;
  id: number[];
  datasetId: number[];
  path: string[];
  /** 1 attack, 0 bona fide, null questioned. */
  label: (number | null)[];
  category: string[];
  species: string[];
  split: string[];
  identity: string[];
  fileStatus: string[];
  /** null where this model has no prediction (not scored yet, or failed). */
  score: (number | null)[];
  dominantExpert: (number | null)[];
  /** Domain check under this model: 1 inside, 0 outside, null unknown (no statistics) or not scored. */
  inDomain?: (number | null)[];
  domainDistance?: (number | null)[];
  /** Why the pipeline gives a usable file no score, e.g. "no face found" (common/metrics/outcome.ts NO_FACE_REASON); null otherwise. */
  nonResponse?: (string | null)[];
}

export interface SampleImage {
  mime: 'image/jpeg' | 'image/png';
  base64: string;
  width: number;
  height: number;
}

export interface SampleDetailPayload {
  sampleId: number;
  path: string;
  sha256: string;
  modelSha256: string;
  modelName: string;
  score: number;
  logits: number[];
  probabilities: number[];
  classNames: string[];
  prompts: string[];
  attackIndex: number;
  /** The model's input after preprocessing, as a PNG (base64). */
  inputPng: string;
  size: number;
  grid: [number, number];
  tokens: number;
  experts: number;
  slots: number;
  /** Per MoE layer: dispatch and combine [tokens, experts, slots], float32 little-endian, base64. */
  layers: { layer: number; dispatch: string; combine: string }[];
  /** The detected face this sample stands for (its box and keypoints in the EXIF-oriented photograph). */
  face?: SampleFace;
  /** Size of the EXIF-oriented photograph the face coordinates refer to. */
  originalSize?: { width: number; height: number };
  /** Domain check of this sample's embedding under this model (unknown without sidecar statistics). */
  domain: DomainVerdict;
  /**
   * A photograph in which detection found no face, scored as a whole image only because the analyst asked
   * (`wholeImage: true`, logged in custody first): the detector's minimum confidence. Its outcome stays
   * inconclusive (no face found); the score is shown marked as the whole image's.
   */
  wholeImageAtRequest?: { minConfidence: number };
}

/** The file behind a sample, read now (common/dataset/evidence-details.ts), beside the hash recorded when it was scored. */
export interface SampleEvidence extends EvidenceDetails {
  sampleId: number;
  /** The photograph's path for a face sample, else the sample's path. */
  path: string;
  /** SHA-256 recorded when the sample was first scored; null before. */
  recordedSha256: string | null;
}

/** A listed sample the model gave no score (a non-response), with why; see Workspace.unscored. */
export interface UnscoredSample {
  path: string;
  label: SampleLabel;
  category: string;
  species: string;
  identity: string;
  split: string;
  reason: string;
}

export const samplesContract = {
  /** Every sample in the open workspace, with the given model's scores (or the latest scored model's); decode with decodeSampleTable. */
  list: method<Result<SampleTableWire>>()(objectOf({ modelSha256: { kind: 'string', optional: true, maxLength: 64 } })),
  /** Samples of the model's datasets it could not score (unreadable, no face, skipped), for APNRR / BPNRR; never-attempted ones are counted apart. */
  unscored: method<Result<{ samples: UnscoredSample[]; neverAttempted: number }>>()(objectOf({ modelSha256: { kind: 'string', maxLength: 64 } })),
  /** The file behind a sample: SHA-256, size, format, pixel size and EXIF (GPS presence only, never coordinates). */
  evidence: method<Result<SampleEvidence>>()(objectOf({ sampleId: { kind: 'number', integer: true, min: 1 } })),
  /** The original image, EXIF-oriented, downscaled to at most 1024 px. */
  image: method<Result<SampleImage>>()(objectOf({ sampleId: { kind: 'number', integer: true, min: 1 } })),
  /**
   * Full routing tensors of one sample under the model in a slot (recomputed). A photograph in which detection
   * found no face is never scored: the call fails with code 'no-face' and the reason, unless `wholeImage` says
   * the analyst asked to score the whole image anyway (recorded in custody before the score is computed).
   */
  detail: method<Result<SampleDetailPayload>>()(objectOf({
    sampleId: { kind: 'number', integer: true, min: 1 },
    slot: { kind: 'enum', values: MODEL_SLOTS },
    wholeImage: { kind: 'boolean', optional: true },
  })),
} as const;
