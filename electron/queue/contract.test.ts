// The queue's message validators: own properties and known keys only, bounded sizes, results tied to their
// job; and the wire encoding of a scored item, which must give back the same bits (NaN, ±Infinity, -0 included).
import { describe, expect, it } from 'vitest';
import type { ScoredItem } from '../inference/protocol.js';
import { ContractError, itemFromWire, itemToWire, jobBatches, parseScoringJob, parseScoringResult, type ScoringJob } from './contract.js';

const SHA = 'a'.repeat(64);
function job(): ScoringJob {
  return { v: 1, run: 'abcdef0123456789', chunk: 3, model: { sha256: SHA, name: 'm' }, root: 'demo', batchSize: 8, items: [{ key: 7, path: 'live/a.jpg', sha256: SHA }] };
}

describe('queue contract', () => {
  it('accepts a well-formed job and refuses malformed ones with a reason', () => {
    expect(parseScoringJob(job())).toEqual(job());
    expect(parseScoringJob({ ...job(), batches: [1] })).toEqual({ ...job(), batches: [1] });
    const bad: [unknown, RegExp][] = [
      [{ ...job(), extra: 1 }, /unknown field 'extra'/],
      [{ ...job(), items: [] }, /empty/],
      [{ ...job(), items: Array.from({ length: 1025 }, (_, i) => ({ key: i, path: 'a', sha256: SHA })) }, /more than 1024/],
      [{ ...job(), items: [{ key: 1, path: '/etc/passwd', sha256: SHA }] }, /relative/],
      [{ ...job(), items: [{ key: 1, path: 'a', sha256: SHA }, { key: 1, path: 'b', sha256: SHA }] }, /appears twice/],
      [{ ...job(), model: { sha256: 'nothex', name: 'm' } }, /malformed/],
      [{ ...job(), root: '../up' }, /malformed/],
      [{ ...job(), v: 2 }, /version/],
      [{ ...job(), batches: [2] }, /add up to 2, not the 1 items/],
      [{ ...job(), batches: [9] }, /batches\[0\] must be an integer from 1 to 8/],
      [{ ...job(), batches: [0, 1] }, /batches\[0\] must be an integer from 1/],
      ['a string', /not an object/],
      [Object.assign(Object.create({ v: 1 }) as object, { ...job(), v: undefined }), /plain object/],
    ];
    for (const [value, reason] of bad) expect(() => parseScoringJob(value), String(reason)).toThrow(reason);
  });

  it('cuts a job into its batches: by the sizes given, else every batchSize items', () => {
    const items = [0, 1, 2, 3, 4, 5, 6];
    expect(jobBatches(items, 3)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(jobBatches(items, 3, [1, 3, 3])).toEqual([[0], [1, 2, 3], [4, 5, 6]]);
  });

  it('reads only own properties: a prototype cannot supply a missing field', () => {
    const inherited = Object.create(null) as Record<string, unknown>;
    Object.assign(inherited, job());
    delete inherited.root;
    Object.setPrototypeOf(inherited, { root: 'demo' });
    expect(() => parseScoringJob(inherited)).toThrow(ContractError);
    const parsed = JSON.parse('{"__proto__": {"root": "demo"}}') as object;
    expect(() => parseScoringJob({ ...job(), model: parsed })).toThrow(/unknown field '__proto__'|has no/);
  });

  it('round-trips a scored item bit for bit, special numbers included', () => {
    const item: ScoredItem = {
      key: 7, ok: true, sha256: SHA, sizeBytes: 10, score: -0, logits: [Number.NaN, Infinity, -Infinity, 0.1 + 0.2],
      expertMass: [new Uint16Array([1, 65535, 0x7e00])], dispatchMass: [new Uint16Array([2, 3])], embedding: new Uint16Array([0x3c00, 0x8000]),
      inputStats: [1e-310, -1.5], domain: { known: true, distance: 1 / 3, inDomain: false, threshold: 2, percentile: 99, imageDistance: Infinity },
    };
    const wire = JSON.parse(JSON.stringify(itemToWire(item))) as unknown;
    const result = parseScoringResult({ v: 1, worker: { id: 'w', host: 'h', provider: 'cpu' }, items: [wire], decodeMs: 1, inferMs: 2, computeMs: 3 }, job());
    const back = itemFromWire(result.items[0]!);
    expect(back).toEqual(item);
    expect(Object.is((back as { score: number }).score, -0)).toBe(true);
  });

  it('refuses a result that does not answer its job', () => {
    const ok = itemToWire({ key: 7, ok: true, sha256: SHA, sizeBytes: 1, score: 0.5, logits: [], expertMass: [] });
    const result = (items: unknown[]) => ({ v: 1, worker: { id: 'w', host: 'h', provider: 'cpu' }, items, decodeMs: 0, inferMs: 0, computeMs: 0 });
    expect(() => parseScoringResult(result([]), job())).toThrow(/0 items for a job of 1/);
    expect(() => parseScoringResult(result([{ ...ok, key: 8 }]), job())).toThrow(/not a sample of its job/);
    expect(() => parseScoringResult(result([{ ...ok, sha256: 'b'.repeat(64) }]), job())).toThrow(/SHA-256 is not the job's/);
    expect(() => parseScoringResult(result([{ ...ok, expertMass: ['!!'] }]), job())).toThrow(/malformed/);
    expect(() => parseScoringResult({ ...result([ok]), decodeMs: -1 }, job())).toThrow(/decodeMs/);
  });
});
