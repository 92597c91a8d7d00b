// Contract namespace `analytics`: routing statistics over a scored run — expert usage by species and
// layer, routing entropy, mean per-patch maps. Pure shared code (common/).
import type { Result } from '../result.js';
import { objectOf } from '../validate.js';
import { method } from './define.js';

export interface ExpertUsage {
  modelSha256: string;
  layers: number[];
  experts: number;
  grid: [number, number];
  species: string[];
  /** Scored samples per species. */
  counts: number[];
  /** [layer][species][expert]: mean expert mass (Σₛ combine) over the image tokens. */
  usage: number[][][];
  /** [layer][species]: mean per-token routing entropy over the image tokens (nats; ln E is uniform). */
  entropy: number[][];
  /** [layer][species][expert][gh·gw]: mean expert mass of each patch. */
  massMaps: number[][][][];
  /** [layer][species][expert][gh·gw]: mean Σₛ dispatch of each patch into the expert's slots (null where not stored). */
  dispatchMaps: number[][][][] | null;
}

export const analyticsContract = {
  expertUsage: method<Result<ExpertUsage>>()(objectOf({ modelSha256: { kind: 'string', maxLength: 64 } })),
} as const;
