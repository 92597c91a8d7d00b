// Contract namespace `explain`: what a sample resembles (nearest neighbours by embedding). Pure shared
// code (common/).
import type { Result } from '../result.js';
import { objectOf } from '../validate.js';
import { method } from './define.js';

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

export const explainContract = {
  /** The k samples most similar (cosine of stored embeddings) to one sample, within one model's embeddings. */
  similar: method<Result<SimilarSamples>>()(objectOf({
    sampleId: { kind: 'number', integer: true, min: 1 },
    modelSha256: { kind: 'string', maxLength: 64 },
    k: { kind: 'number', integer: true, min: 1, max: MAX_NEIGHBOURS },
  })),
} as const;
