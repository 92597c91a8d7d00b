// The routing rows a worker computed, checked against the coordinator's model before they are written
// (ARCHITECTURE.md §13): layer count, tokens and experts from the model and the item's own masses, the kind
// the default rule gives for them, and a packed row's every byte. Sizes on the wire are never taken as given.
// Node side (coordinator).
import { defaultRoutingSummary, isPackedDominant, massRows, type StoredRouting } from '../../common/routing/summary.js';
import type { ScoredItem } from '../inference/protocol.js';
import { ContractError, type WireRouting } from './contract.js';

/** What the model says a sample's routing must look like: its MoE layer numbers and its expert count. */
export interface RoutingShape {
  layers: readonly number[];
  experts: number;
}

type Scored = Extract<ScoredItem, { ok: true }>;

/**
 * The item's masses checked against the model: one per MoE layer, each tokens × experts long (tokens the same
 * for every layer), dispatch mass (when given) the same. Returns tokens. Throws ContractError.
 */
function massTokens(item: Pick<Scored, 'key' | 'expertMass' | 'dispatchMass'>, shape: RoutingShape): number {
  const what = `result item ${item.key}`;
  if (item.expertMass.length !== shape.layers.length) throw new ContractError(`${what} has expert mass for ${item.expertMass.length} layers, the model has ${shape.layers.length}`);
  if (item.dispatchMass && item.dispatchMass.length !== item.expertMass.length) throw new ContractError(`${what} has dispatch mass for ${item.dispatchMass.length} layers, expert mass for ${item.expertMass.length}`);
  if (item.expertMass.length === 0) return 0;
  const experts = Math.max(1, shape.experts);
  const first = item.expertMass[0]!.length;
  const tokens = first / experts;
  if (!Number.isInteger(tokens) || tokens < 1) throw new ContractError(`${what}: expert mass of ${first} values is not tokens × ${experts} experts`);
  for (const [name, masses] of [['expert', item.expertMass], ['dispatch', item.dispatchMass ?? []]] as const) {
    const odd = masses.findIndex((m) => m.length !== first);
    if (odd >= 0) throw new ContractError(`${what}: ${name} mass of layer ${odd} has ${masses[odd]!.length} values, not ${first}`);
  }
  return tokens;
}

/**
 * The stored routing of a scored item from its worker's wire rows, after checking them against the model;
 * undefined when the worker sent none (the workspace then computes them by the same rule). Throws ContractError.
 */
export function routingFromWire(item: Scored, wire: WireRouting | undefined, shape: RoutingShape): StoredRouting | undefined {
  const tokens = massTokens(item, shape);
  if (wire === undefined) return undefined;
  const what = `result item ${item.key}.routing`;
  const layers = shape.layers.length;
  const kind = defaultRoutingSummary(layers, tokens, shape.experts);
  if (wire.kind !== kind) throw new ContractError(`${what} is '${wire.kind}', the model's rows are '${kind}'`);
  const moe = layers > 0 && shape.experts > 0;
  if (!moe && wire.dominant !== null) throw new ContractError(`${what}.dominant must be null for a model without experts`);
  if (moe && (wire.dominant === null || wire.dominant >= shape.experts)) throw new ContractError(`${what}.dominant must be an expert from 0 to ${shape.experts - 1}`);
  if (kind === 'mass') return { kind, tokens, dominant: wire.dominant, rows: massRows(item.expertMass, item.dispatchMass, shape.layers) };
  const bytes = new Uint8Array(Buffer.from(wire.packed ?? '', 'base64')); // its own copy, not a view of Buffer's pool
  if (!isPackedDominant(bytes, layers, tokens, shape.experts)) throw new ContractError(`${what}.packed is not ${layers} layers × ${tokens} tokens of experts below ${shape.experts}`);
  return { kind, tokens, dominant: wire.dominant, rows: [{ layer: shape.layers[0]!, expertMassF16: bytes, dispatchMassF16: null }] };
}
