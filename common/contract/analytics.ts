// Contract namespace `analytics`: routing statistics over a scored run — expert usage by species and
// layer, routing entropy, mean per-patch maps, routing specialisation (NMI). Pure shared code (common/).
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

/** NMI between a token's dominant expert and its sample's label, with its permutation baseline (common/routing/specialisation.ts). */
export interface SpecialisationStat {
  nmi: number;
  /** Mutual information in nats. */
  mi: number;
  /** Mean and 95th percentile of NMI with labels shuffled across samples; p = (1 + #shuffles ≥ observed) / (1 + shuffles). */
  baselineMean: number;
  baselineP95: number;
  pValue: number;
  permutations: number;
  /** Image tokens counted. */
  tokens: number;
}

export interface RoutingSpecialisation {
  modelSha256: string;
  modelName: string;
  experts: number;
  species: string[];
  /** Class names by label: 0 bona fide, 1 attack. */
  classes: string[];
  samples: number;
  layers: {
    layer: number;
    species: SpecialisationStat;
    class: SpecialisationStat;
    /** [species][expert]: share of the species' image tokens whose dominant expert it is (rows sum to 1). */
    speciesShares: number[][];
  }[];
}

export const analyticsContract = {
  expertUsage: method<Result<ExpertUsage>>()(objectOf({ modelSha256: { kind: 'string', maxLength: 64 } })),
  specialisation: method<Result<RoutingSpecialisation>>()(objectOf({ modelSha256: { kind: 'string', maxLength: 64 } })),
} as const;
