// Payload validators: own-property field checks (no prototype names), bounds and required fields.
// Pure shared code test (common/).
import { describe, expect, it } from 'vitest';
import { runContract } from './contract/run.js';
import { objectOf, PayloadError } from './validate.js';

describe('objectOf', () => {
  const validate = objectOf({ path: { kind: 'string' }, batch: { kind: 'number', optional: true, integer: true, min: 1, max: 1024 } });

  it('rejects prototype names as fields', () => {
    for (const key of ['toString', 'constructor', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf']) {
      const input = JSON.parse(`{"path":"a","${key}":1}`) as unknown;
      expect(() => validate(input), key).toThrow(new PayloadError(`unknown field '${key}'`));
    }
  });

  it('does not take a required field from the prototype', () => {
    const input = Object.create({ path: 'inherited' }) as object;
    expect(() => validate(input)).toThrow("'path' is required");
  });

  it('bounds numbers with a clear message', () => {
    expect(validate({ path: 'a', batch: 8 })).toEqual({ path: 'a', batch: 8 });
    expect(() => validate({ path: 'a', batch: 1e9 })).toThrow("'batch' must be ≤ 1024");
    expect(() => validate({ path: 'a', batch: 0 })).toThrow("'batch' must be ≥ 1");
    expect(() => validate({ path: 'a', batch: 2.5 })).toThrow("'batch' must be an integer");
  });
});

describe('run.start slots (enumSet)', () => {
  const start = runContract.start.validate;
  const base = { datasetPath: '/data', slot: 'A' };

  it('takes 1 to MODEL_SLOTS.length distinct slots, and no slots at all', () => {
    expect(start({ ...base, slots: ['A', 'B'] }).slots).toEqual(['A', 'B']);
    expect(start({ ...base, slots: ['B'] }).slots).toEqual(['B']);
    expect(start(base).slots).toBeUndefined();
  });

  it('refuses an empty list, too many, duplicates, unknown slots and non-lists', () => {
    expect(() => start({ ...base, slots: [] })).toThrow(/list of 1 to 6/);
    expect(() => start({ ...base, slots: ['A', 'B', 'C', 'D', 'E', 'F', 'A'] })).toThrow(/list of 1 to 6/);
    expect(() => start({ ...base, slots: ['A', 'B', 'A'] })).toThrow(/names an item twice/);
    expect(() => start({ ...base, slots: ['A', 'A'] })).toThrow(/names an item twice/);
    expect(() => start({ ...base, slots: ['A', 'G'] })).toThrow(/items must be one of A, B, C, D, E, F/);
    expect(() => start({ ...base, slots: 'A' })).toThrow(/list of 1 to 6/);
    expect(() => start({ ...base, slots: { 0: 'A', length: 1 } })).toThrow(PayloadError);
  });

  it('reads own items only: a hole is not filled from the prototype', () => {
    const holey: unknown[] = ['A'];
    holey.length = 2;
    Object.setPrototypeOf(holey, Object.assign(Object.create(Array.prototype) as object, { 1: 'B' }));
    expect(() => start({ ...base, slots: holey })).toThrow(/items must be one of/);
  });
});
