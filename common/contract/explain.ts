// Contract namespace `explain`: what a sample resembles (nearest neighbours by embedding) and what drives its
// score (occlusion and perturbation probes on the engine, saved with the sample). Pure shared code (common/).
import type { Result } from '../result.js';
import type { PerturbationId } from '../explain/perturb.js';
import { noPayload, objectOf } from '../validate.js';
import { event, method } from './define.js';
import { MODEL_SLOTS } from './model.js';

/** Most neighbours one query returns. */
export const MAX_NEIGHBOURS = 200;

export interface SimilarSamples {
  modelSha256: string;
  /** Width of the embedding compared. */
  dims: number;
  /** Scored samples of this model with an embedding (all were compared: the search is exact). */
  searched: number;
  /** Best first; the query sample itself is left out. */
  neighbours: { sampleId: number; similarity: number }[];
}

export type ProbeJob = { kind: 'occlusion'; grid: [number, number] } | { kind: 'perturbation' };

export interface OcclusionResult {
  kind: 'occlusion';
  grid: [number, number];
  /** What a masked cell is filled with. */
  mask: 'preprocessing mean colour';
  baseScore: number;
  /** Attack score with each cell masked, row-major [gh·gw]. */
  scores: number[];
}

export interface PerturbationResult {
  kind: 'perturbation';
  baseScore: number;
  families: { id: PerturbationId; label: string; unit: string; strengths: number[]; scores: number[] }[];
}

export type ProbeResult = OcclusionResult | PerturbationResult;

/** Which occlusion grid: the model's token grid, or a coarse 7 × 7. */
export const OCCLUSION_GRIDS = ['tokens', '7x7'] as const;
export type OcclusionGrid = (typeof OCCLUSION_GRIDS)[number];
/** Probe kinds as saved in the workspace (one result per kind, sample and model). */
export type ProbeKind = 'occlusion-tokens' | 'occlusion-7x7' | 'perturbation';

export interface SavedProbe {
  kind: ProbeKind;
  sampleId: number;
  modelSha256: string;
  /** SHA-256 of the file when probed. */
  sampleSha256: string;
  createdAt: string;
  result: ProbeResult;
}

export interface ProbeProgress {
  sampleId: number;
  kind: ProbeKind;
  done: number;
  total: number;
}

export const PROJECTION_METHODS = ['umap', 'pca'] as const;
export type ProjectionMethod = (typeof PROJECTION_METHODS)[number];
export type ProjectionPhase = 'reading' | 'pca' | 'neighbours' | 'layout' | 'placing';

/** Seed of every projection: the same embeddings always give the same map. */
export const PROJECTION_SEED = 42;

/** Every scored sample of one model placed in 2-D (cached in the workspace per model and scoring state). */
export interface EmbeddingProjection {
  modelSha256: string;
  method: ProjectionMethod;
  seed: number;
  /** Changes whenever a run adds or replaces embeddings of this model. */
  stateKey: string;
  n: number;
  /** Sample ids, int32 little-endian, base64. */
  ids: string;
  /** Coordinates [n, 2], float32 little-endian, base64. */
  xy: string;
  createdAt: string;
  /** Seconds the projection took when it was computed. */
  seconds: number;
  cached: boolean;
}

export interface ProjectionProgress {
  modelSha256: string;
  phase: ProjectionPhase;
  done: number;
  total: number;
}

export const explainContract = {
  /** The k samples most similar (cosine of stored embeddings) to one sample, within one model's embeddings. */
  similar: method<Result<SimilarSamples>>()(objectOf({
    sampleId: { kind: 'number', integer: true, min: 1 },
    modelSha256: { kind: 'string', maxLength: 64 },
    k: { kind: 'number', integer: true, min: 1, max: MAX_NEIGHBOURS },
  })),
  /** Occlusion sensitivity of one sample under the model in a slot; saved in the workspace. One probe runs at a time. */
  occlusion: method<Result<SavedProbe>>()(objectOf({
    sampleId: { kind: 'number', integer: true, min: 1 },
    slot: { kind: 'enum', values: MODEL_SLOTS },
    grid: { kind: 'enum', values: OCCLUSION_GRIDS },
  })),
  /** The perturbation ladders of one sample under the model in a slot; saved in the workspace. */
  perturbation: method<Result<SavedProbe>>()(objectOf({
    sampleId: { kind: 'number', integer: true, min: 1 },
    slot: { kind: 'enum', values: MODEL_SLOTS },
  })),
  /** Stops the probe in progress; resolves false when none runs. */
  cancelProbe: method<Result<boolean>>()(noPayload),
  /** The probes saved for one sample under one model. */
  savedProbes: method<Result<SavedProbe[]>>()(objectOf({
    sampleId: { kind: 'number', integer: true, min: 1 },
    modelSha256: { kind: 'string', maxLength: 64 },
  })),
  onProbeProgress: event<ProbeProgress>(),
  /** The 2-D map of every scored sample of a model: from the workspace's cache, or computed in the analysis worker. */
  projection: method<Result<EmbeddingProjection>>()(objectOf({
    modelSha256: { kind: 'string', maxLength: 64 },
    method: { kind: 'enum', values: PROJECTION_METHODS },
  })),
  /** Stops the projection in progress; resolves false when none runs. */
  cancelProjection: method<Result<boolean>>()(noPayload),
  onProjectionProgress: event<ProjectionProgress>(),
} as const;
