// Messages between the analysis client (caller's thread) and the analysis worker thread, which holds
// one model's normalised embeddings and answers nearest-neighbour queries and projections off the main thread.
// Node side; plain data and typed arrays only.
import type { ProjectionMethod, ProjectionPhase } from '../../common/contract/explain.js';

export type AnalysisRequest =
  /** Loads a model's embeddings (float16 [ids.length, dims]) under a cache key; replaces any other. */
  | { type: 'load'; id: number; key: string; ids: Int32Array; dims: number; f16: Uint16Array }
  | { type: 'knn'; id: number; key: string; sampleId: number; k: number }
  /** `cancel` is an Int32Array's SharedArrayBuffer: element 0 set to 1 stops the projection between steps. */
  | { type: 'project'; id: number; key: string; method: ProjectionMethod; seed: number; cancel: SharedArrayBuffer };

export type AnalysisResponse =
  | { type: 'loaded'; id: number; rows: number }
  | { type: 'knn'; id: number; neighbours: { sampleId: number; similarity: number }[] }
  | { type: 'progress'; id: number; phase: ProjectionPhase; done: number; total: number }
  | { type: 'projected'; id: number; ids: Int32Array; xy: Float32Array }
  | { type: 'error'; id: number; message: string };
