// The worker's routing rows on the queue wire: read by the coordinator as the worker computed them (both
// encodings), and refused with a reason when their shape does not fit the model or the item's own masses.
import { describe, expect, it } from 'vitest';
import { isPackedDominant, packDominant, storedRouting } from '../../common/routing/summary.js';
import type { ScoredItem } from '../inference/protocol.js';
import { itemToWire, type ScoringJob } from './contract.js';
import { readFinishedJob } from './coordinator.js';

const SHA = 'a'.repeat(64);
const LAYERS = [3, 5];
const EXPERTS = 4;
const SHAPE = { layers: LAYERS, experts: EXPERTS };

function job(): ScoringJob {
  return { v: 1, run: 'abcdef0123456789', chunk: 0, model: { sha256: SHA, name: 'm' }, root: 'demo', batchSize: 8, items: [{ key: 7, path: 'a.jpg', sha256: SHA }] };
}

/** float16 bit patterns of a one-hot-ish mass, tokens × EXPERTS per layer, each token's winner varying. */
function masses(tokens: number): Uint16Array[] {
  return LAYERS.map((_, l) => Uint16Array.from({ length: tokens * EXPERTS }, (_, i) => ((i % EXPERTS) === ((Math.floor(i / EXPERTS) + l) % EXPERTS) ? 0x3c00 : 0x2e66)));
}

function scored(tokens: number): Extract<ScoredItem, { ok: true }> {
  const expertMass = masses(tokens);
  const dispatchMass = masses(tokens).reverse();
  return { key: 7, ok: true, sha256: SHA, sizeBytes: 1, score: 0.5, logits: [0.1, 0.9], expertMass, dispatchMass, routing: storedRouting(expertMass, dispatchMass, LAYERS, EXPERTS) };
}

function read(wireItem: unknown) {
  const result = JSON.parse(JSON.stringify({ v: 1, worker: { id: 'w', host: 'h', provider: 'cpu' }, items: [wireItem], decodeMs: 0, inferMs: 0, computeMs: 0 })) as unknown;
  return readFinishedJob(job(), result, new Set([7]), SHAPE).items[0]!;
}

describe('routing rows on the queue wire', () => {
  it('are read back as the worker computed them, in both encodings, without the coordinator computing them', () => {
    for (const tokens of [3, 1100]) {
      const item = scored(tokens);
      const back = read(itemToWire(item));
      expect(item.routing!.kind).toBe(tokens === 3 ? 'mass' : 'dominant');
      expect(back.ok && back.routing).toEqual(item.routing);
    }
  });

  it('are left out by a worker that has none: the workspace computes them when it records the item', () => {
    const { routing: _r, ...item } = scored(3);
    const back = read(itemToWire(item));
    expect(back.ok && back.routing).toBeUndefined();
  });

  it('are refused with a reason when they do not fit the model or the item', () => {
    const mass = itemToWire(scored(3)) as Record<string, unknown>;
    const dominant = itemToWire(scored(1100)) as Record<string, unknown> & { routing: { packed: string } };
    const packed = Buffer.from(dominant.routing.packed, 'base64');
    const bad: [unknown, RegExp][] = [
      [{ ...mass, routing: { kind: 'dominant', dominant: 0, packed: '' } }, /is 'dominant', the model's rows are 'mass'/],
      [{ ...mass, routing: { kind: 'mass', dominant: 4 } }, /dominant must be an expert from 0 to 3/],
      [{ ...mass, routing: { kind: 'mass', dominant: null } }, /dominant must be an expert/],
      [{ ...mass, routing: { kind: 'mass', dominant: 1, packed: 'AAAA' } }, /packed must be given for a 'dominant' row and only then/],
      [{ ...mass, routing: { kind: 'mass', dominant: 1, rows: [] } }, /unknown field 'rows'/],
      [{ ...mass, routing: { kind: 'other', dominant: 1 } }, /kind must be 'mass' or 'dominant'/],
      [{ ...mass, routing: { kind: 'mass', dominant: 1.5 } }, /dominant must be an integer/],
      [{ ...mass, routing: { kind: 'mass' } }, /has no 'dominant'/],
      [{ ...mass, expertMass: (mass.expertMass as string[]).slice(0, 1) }, /expert mass for 1 layers, the model has 2/],
      [{ ...mass, dispatchMass: (mass.dispatchMass as string[]).slice(0, 1) }, /dispatch mass for 1 layers/],
      [{ ...mass, expertMass: [(mass.expertMass as string[])[0], 'AAAAAA=='] }, /expert mass of layer 1 has 2 values, not 12/],
      [{ ...mass, expertMass: ['AAAAAA==', 'AAAAAA=='], dispatchMass: undefined }, /2 values is not tokens × 4 experts/],
      [{ ...dominant, routing: { ...dominant.routing, packed: packed.subarray(0, packed.length - 1).toString('base64') } }, /packed is not 2 layers × 1100 tokens/],
      [{ ...dominant, routing: { ...dominant.routing, packed: Buffer.concat([packed, Buffer.from([0])]).toString('base64') } }, /packed is not/],
      [{ ...dominant, routing: { ...dominant.routing, packed: Buffer.from([0x55, 0x44, 3, 2, ...packed.subarray(4)]).toString('base64') } }, /packed is not/],
      [{ ...dominant, routing: { kind: 'dominant', dominant: 0 } }, /packed must be given/],
    ];
    for (const [wire, reason] of bad) expect(() => read(wire), String(reason)).toThrow(reason);
  });

  it('a packed row is taken only when every index names one of the model\'s experts', () => {
    // 3 experts take 2 bits each, so a row can hold the index 3, which names no expert
    const three = [Uint16Array.from({ length: 5 * 3 }, (_, i) => (i % 3 === 1 ? 0x3c00 : 0))];
    const packed = packDominant(three, 3);
    expect(isPackedDominant(packed, 1, 5, 3)).toBe(true);
    const stray = Uint8Array.from(packed);
    stray[4] = stray[4]! | 0b11;
    expect(isPackedDominant(stray, 1, 5, 3)).toBe(false);
    const tail = Uint8Array.from(packed);
    tail[tail.length - 1] = tail[tail.length - 1]! | 0x80; // a bit past the last index
    expect(isPackedDominant(tail, 1, 5, 3)).toBe(false);
    expect(isPackedDominant(packed, 2, 5, 3)).toBe(false);
  });
});
