// Messages between the analysis client (caller's thread) and the analysis worker thread, which holds
// one model's normalised embeddings and answers nearest-neighbour queries off the main thread.
// Node side; plain data and typed arrays only.

export type AnalysisRequest =
  /** Loads a model's embeddings (float16 [ids.length, dims]) under a cache key; replaces any other. */
  | { type: 'load'; id: number; key: string; ids: Int32Array; dims: number; f16: Uint16Array }
  | { type: 'knn'; id: number; key: string; sampleId: number; k: number };

export type AnalysisResponse =
  | { type: 'loaded'; id: number; rows: number }
  | { type: 'knn'; id: number; neighbours: { sampleId: number; similarity: number }[] }
  | { type: 'error'; id: number; message: string };
