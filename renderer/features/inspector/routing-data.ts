// Decodes a sample's routing payload once (base64 → Float32Array) and derives the per-layer maps the
// inspector draws. Renderer helper over common/routing (pure maths).
import type { SampleDetailPayload } from '../../../common/api';
import { base64ToFloat32 } from '../../../common/encoding';
import { dominantExperts, expertMass, meanImageTokenMass } from '../../../common/routing/expert-mass';
import { dispatchColumn, dispatchMassForExpert, expertColumn, patchGrid } from '../../../common/routing/maps';
import type { RoutingMode } from '../../store/inspector-slice';

export interface LayerTensors {
  layer: number;
  dispatch: Float32Array; // [n, e, s]
  combine: Float32Array; // [n, e, s]
  mass: Float32Array; // [n, e] = Σ_s combine
}

const decoded = new WeakMap<SampleDetailPayload, LayerTensors[]>();

export function layerTensors(detail: SampleDetailPayload): LayerTensors[] {
  let layers = decoded.get(detail);
  if (!layers) {
    const { tokens: n, experts: e, slots: s } = detail;
    layers = detail.layers.map((l) => {
      const combine = base64ToFloat32(l.combine);
      return { layer: l.layer, dispatch: base64ToFloat32(l.dispatch), combine, mass: expertMass(combine, n, e, s) };
    });
    decoded.set(detail, layers);
  }
  return layers;
}

export interface RoutingMap {
  /** One value per patch cell (gh·gw): a class index for 'argmax', a weight otherwise. */
  cells: Float32Array;
  categorical: boolean;
  /** The theoretical range of the values (the 'fixed' colour range). */
  fixedRange: { min: number; max: number };
  /** What the map shows, in plain words. */
  description: string;
  /** The same in the model's notation, for the tooltip. */
  notation?: string;
}

export function routingMap(detail: SampleDetailPayload, tensors: LayerTensors, mode: RoutingMode, expert: number, slot: number): RoutingMap {
  const { tokens: n, experts: e, slots: s, grid } = detail;
  const [gh, gw] = grid;
  if (mode === 'argmax') {
    const argmax = dominantExperts(tensors.mass, n, e);
    return { cells: patchGrid(Float32Array.from(argmax), gh, gw), categorical: true, fixedRange: { min: 0, max: e - 1 }, description: 'which expert each image patch mostly goes to', notation: 'argmaxₑ Σₛ combine[token, e, s]: the expert with the largest mass per token' };
  }
  if (mode === 'expert-mass') {
    return { cells: patchGrid(expertColumn(tensors.mass, n, e, expert), gh, gw), categorical: false, fixedRange: { min: 0, max: 1 }, description: `share of each patch's output that comes from expert ${expert}`, notation: `expert mass: Σₛ combine[token, ${expert}, s], summed over expert ${expert}'s slots s` };
  }
  return {
    cells: patchGrid(dispatchColumn(tensors.dispatch, n, e, s, expert, slot), gh, gw),
    categorical: false,
    fixedRange: { min: 0, max: 1 },
    description: `how much each patch feeds expert ${expert}'s input slot ${slot}`,
    notation: `dispatch[token, ${expert}, ${slot}]: the slot's input is this weighted mix of all tokens (the weights sum to 1 over tokens)`,
  };
}

export interface ClsRouting {
  /** CLS token's combine mass per expert [e]. */
  mass: Float32Array;
  /** Σₛ dispatch[CLS, e, s]: how much of CLS each expert's slots take in [e]. */
  dispatched: Float32Array;
}

export function clsRouting(detail: SampleDetailPayload, tensors: LayerTensors): ClsRouting {
  const { tokens: n, experts: e, slots: s } = detail;
  const dispatched = new Float32Array(e);
  for (let expert = 0; expert < e; expert++) dispatched[expert] = dispatchMassForExpert(tensors.dispatch, n, e, s, expert)[0]!;
  return { mass: tensors.mass.slice(0, e), dispatched };
}

/** Mean expert mass over the image tokens of a layer [e]: each expert's share of the output. */
export const expertContributions = (detail: SampleDetailPayload, tensors: LayerTensors): Float32Array =>
  meanImageTokenMass(tensors.mass, detail.tokens, detail.experts);
