// Routing specialisation of one scored model: per MoE layer, NMI between each image token's dominant expert and its
// sample's species and class, against a sample-level permutation baseline, and each species' dominant-expert
// shares. Node side (analytics handler). O(samples · layers · n · e + permutations · samples · e).
import type { RoutingSpecialisation, SpecialisationStat } from '../../common/contract/analytics.js';
import { dominantExperts } from '../../common/routing/expert-mass.js';
import { contingency, expertShares, specialisationTest } from '../../common/routing/specialisation.js';
import { unpackRoutingRow } from '../../common/routing/summary.js';
import { modelRecord } from './models.js';
import { routingRows } from './routing-rows.js';
import type { Workspace } from './workspace.js';

/** Label shuffles per test; the seed makes a workspace's figures reproducible. */
export const SPECIALISATION_PERMUTATIONS = 200;
const SEED = 20261201;
export const CLASS_NAMES = ['bona fide', 'attack'];

export function routingSpecialisation(workspace: Workspace, modelSha256: string, permutations = SPECIALISATION_PERMUTATIONS): RoutingSpecialisation {
  const model = modelRecord(workspace, modelSha256);
  if (!model) throw new Error(`model ${modelSha256.slice(0, 12)}… has no runs in this workspace`);
  const sidecar = model.sidecar;
  const layers = sidecar.moe?.layers ?? [];
  const e = sidecar.moe?.experts ?? 0;
  const n = sidecar.architecture.grid[0] * sidecar.architecture.grid[1] + 1;
  // Questioned samples (no ground truth) have no class or species to specialise on: left out.
  const rows = routingRows(workspace, modelSha256).filter((r) => r.tokens === n && r.experts === e && r.label !== null);

  // Per sample: its labels, and per layer its image tokens' dominant-expert counts [e].
  const sampleIndex = new Map<number, number>();
  const speciesOf: string[] = [];
  const labelOf: number[] = [];
  const counts = layers.map(() => new Map<number, Float64Array>());
  const layerIndex = new Map(layers.map((l, i) => [l, i]));
  for (const row of rows) {
    if (!sampleIndex.has(row.sampleId)) {
      sampleIndex.set(row.sampleId, speciesOf.length);
      speciesOf.push(row.species);
      labelOf.push(row.label ?? -1);
    }
    const j = sampleIndex.get(row.sampleId)!;
    for (const { layer, mass } of unpackRoutingRow(row.expertMassF16, row.layer, n, e, layers)) {
      const li = layerIndex.get(layer);
      if (li === undefined) continue;
      const dominant = dominantExperts(mass, n, e);
      const c = new Float64Array(e);
      for (let token = 1; token < n; token++) c[dominant[token]!]! += 1; // image tokens only (CLS excluded)
      counts[li]!.set(j, c);
    }
  }
  const species = [...new Set(speciesOf)].sort();
  const speciesIndex = new Map(species.map((s, i) => [s, i]));
  const stat = (t: ReturnType<typeof specialisationTest>): SpecialisationStat => ({
    nmi: t.nmi, mi: t.mi, baselineMean: t.baselineMean, baselineP95: t.baselineP95, pValue: t.pValue, permutations: t.permutations, tokens: t.total,
  });

  return {
    modelSha256,
    modelName: model.name,
    experts: e,
    species,
    classes: CLASS_NAMES,
    samples: speciesOf.length,
    layers: layers.map((layer, li) => {
      // Samples with this layer's summary only, in a fixed order.
      const present = [...counts[li]!.keys()].sort((a, b) => a - b);
      const sampleCounts = new Float64Array(present.length * e);
      present.forEach((j, row) => sampleCounts.set(counts[li]!.get(j)!, row * e));
      const speciesLabels = Int32Array.from(present, (j) => speciesIndex.get(speciesOf[j]!)!);
      const classLabels = Int32Array.from(present, (j) => (labelOf[j] === 0 || labelOf[j] === 1 ? labelOf[j]! : -1));
      return {
        layer,
        species: stat(specialisationTest(sampleCounts, speciesLabels, e, species.length, permutations, SEED + li)),
        class: stat(specialisationTest(sampleCounts, classLabels, e, CLASS_NAMES.length, permutations, SEED + 1000 + li)),
        speciesShares: expertShares(contingency(sampleCounts, speciesLabels, e, species.length), e, species.length),
      };
    }),
  };
}
