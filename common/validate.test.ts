// Payload validators: own-property field checks (no prototype names), bounds and required fields.
// Pure shared code test (common/).
import { describe, expect, it } from 'vitest';
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
