// Routing statistics over the stored per-token summaries of one model: expert usage by species and
// layer, routing entropy, mean patch maps. Node side (analytics handler). O(samples · layers · n · e).
import type { ExpertUsage } from '../../common/contract/analytics.js';
import { routingEntropy } from '../../common/routing/expert-mass.js';
import { decodeFloat16 } from '../../common/routing/float16.js';
import { unpackRoutingRow } from '../../common/routing/summary.js';
import { modelRecord } from './models.js';
import { routingWithSpecies, scoredSpecies } from './predictions.js';
import type { Workspace } from './workspace.js';

const toUint16 = (bytes: Uint8Array): Uint16Array => {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Uint16Array(copy.buffer);
};

export function expertUsage(workspace: Workspace, modelSha256: string): ExpertUsage {
  const model = modelRecord(workspace, modelSha256);
  if (!model) throw new Error(`model ${modelSha256.slice(0, 12)}… has no runs in this workspace`);
  const sidecar = model.sidecar;
  const layers = sidecar.moe?.layers ?? [];
  const e = sidecar.moe?.experts ?? 0;
  const [gh, gw] = sidecar.architecture.grid;
  const cells = gh * gw;
  const n = cells + 1;
  const species = scoredSpecies(workspace, modelSha256);
  const speciesIndex = new Map(species.map((s, i) => [s, i]));
  const layerIndex = new Map(layers.map((l, i) => [l, i]));
  const zeros = (...dims: number[]): number[] | number[][] => (dims.length === 1 ? new Array<number>(dims[0]!).fill(0) : Array.from({ length: dims[0]! }, () => zeros(...dims.slice(1)) as number[]));
  const usage = zeros(layers.length, species.length, e) as unknown as number[][][];
  const entropy = zeros(layers.length, species.length) as unknown as number[][];
  const massMaps = Array.from({ length: layers.length }, () => Array.from({ length: species.length }, () => Array.from({ length: e }, () => new Float64Array(cells))));
  const dispatchMaps = Array.from({ length: layers.length }, () => Array.from({ length: species.length }, () => Array.from({ length: e }, () => new Float64Array(cells))));
  const counts = new Array<number>(species.length).fill(0);
  const samplesPerLayer = Array.from({ length: layers.length }, () => new Array<number>(species.length).fill(0));
  const dispatchSamples = Array.from({ length: layers.length }, () => new Array<number>(species.length).fill(0));

  const rows = routingWithSpecies(workspace, modelSha256);
  for (const row of rows) {
    const si = speciesIndex.get(row.species);
    if (si === undefined || row.tokens !== n || row.experts !== e) continue;
    // one row per layer, or one packed row of dominant experts for every layer (one-hot mass)
    for (const { layer, mass } of unpackRoutingRow(row.expertMassF16, row.layer, n, e, layers)) {
      const li = layerIndex.get(layer);
      if (li === undefined) continue;
      const h = routingEntropy(mass, n, e);
      let hSum = 0;
      for (let token = 1; token < n; token++) {
        hSum += h[token]!;
        for (let expert = 0; expert < e; expert++) {
          const v = mass[token * e + expert]!;
          usage[li]![si]![expert]! += v / cells;
          massMaps[li]![si]![expert]![token - 1]! += v;
        }
      }
      entropy[li]![si]! += hSum / cells;
      samplesPerLayer[li]![si]! += 1;
    }
    const li = layerIndex.get(row.layer);
    if (li === undefined) continue;
    if (row.dispatchMassF16) {
      const dispatch = decodeFloat16(toUint16(row.dispatchMassF16)); // [n, e]
      for (let token = 1; token < n; token++) {
        for (let expert = 0; expert < e; expert++) dispatchMaps[li]![si]![expert]![token - 1]! += dispatch[token * e + expert]!;
      }
      dispatchSamples[li]![si]! += 1;
    }
  }
  for (let si = 0; si < species.length; si++) counts[si] = Math.max(0, ...samplesPerLayer.map((l) => l[si]!));
  const hasDispatch = dispatchSamples.some((l) => l.some((c) => c > 0));
  return {
    modelSha256,
    layers,
    experts: e,
    grid: [gh, gw],
    species,
    counts,
    usage: usage.map((l, li) => l.map((s, si) => s.map((v) => v / Math.max(1, samplesPerLayer[li]![si]!)))),
    entropy: entropy.map((l, li) => l.map((v, si) => v / Math.max(1, samplesPerLayer[li]![si]!))),
    massMaps: massMaps.map((l, li) => l.map((s, si) => s.map((map) => Array.from(map, (v) => v / Math.max(1, samplesPerLayer[li]![si]!))))),
    dispatchMaps: hasDispatch ? dispatchMaps.map((l, li) => l.map((s, si) => s.map((map) => Array.from(map, (v) => v / Math.max(1, dispatchSamples[li]![si]!))))) : null,
  };
}
