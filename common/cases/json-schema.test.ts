// The small JSON Schema validator against hand-written cases, and the repo's case schema against it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertSupportedSchema, SchemaDefinitionError, validateJsonSchema } from './json-schema.js';

const schema = {
  type: 'object',
  required: ['id', 'tags'],
  additionalProperties: false,
  properties: {
    id: { $ref: '#/$defs/hash' },
    score: { type: ['number', 'null'], minimum: 0, maximum: 1 },
    tags: { type: 'array', maxItems: 2, items: { type: 'string', minLength: 1 } },
    kind: { enum: ['a', 'b', null] },
    at: { type: 'string', format: 'date-time' },
    version: { const: 1 },
    count: { type: 'integer' },
  },
  $defs: { hash: { type: 'string', pattern: '^[0-9a-f]{4}$' } },
};

describe('validateJsonSchema', () => {
  it('accepts a valid value', () => {
    expect(validateJsonSchema(schema, { id: 'ab12', score: null, tags: ['x'], kind: null, at: '2025-01-02T03:04:05.678Z', version: 1, count: 3 })).toEqual([]);
  });

  it('names every violation with its JSON pointer', () => {
    const violations = validateJsonSchema(schema, { id: 'XYZ', score: 1.5, tags: ['', 'b', 'c'], kind: 'z', at: 'yesterday', version: 2, count: 1.5, extra: true });
    const byPointer = Object.fromEntries(violations.map((v) => [v.pointer, v.message]));
    expect(byPointer['/id']).toMatch(/must match/);
    expect(byPointer['/score']).toMatch(/≤ 1/);
    expect(byPointer['/tags']).toMatch(/at most 2 items/);
    expect(byPointer['/tags/0']).toMatch(/at least 1 characters/);
    expect(byPointer['/kind']).toMatch(/one of/);
    expect(byPointer['/at']).toMatch(/date-time/);
    expect(byPointer['/version']).toMatch(/must be 1/);
    expect(byPointer['/count']).toMatch(/must be integer, found number/);
    expect(byPointer['/extra']).toMatch(/not allowed/);
  });

  it('reports missing required properties and wrong root types', () => {
    expect(validateJsonSchema(schema, {})).toEqual([
      { pointer: '', message: "is missing required property 'id'" },
      { pointer: '', message: "is missing required property 'tags'" },
    ]);
    expect(validateJsonSchema(schema, [])).toEqual([{ pointer: '', message: 'must be object, found array' }]);
  });

  it('refuses a schema that uses keywords it does not implement, even in unused definitions', () => {
    expect(() => validateJsonSchema({ type: 'object', $defs: { x: { oneOf: [] } } }, {})).toThrow(SchemaDefinitionError);
    expect(() => validateJsonSchema({ $ref: '#/definitions/x' }, {})).toThrow(/\$ref/);
  });
});

describe('case.schema.json', () => {
  it('is valid JSON that uses only the keywords the validator implements', () => {
    const caseSchema = JSON.parse(readFileSync(new URL('./case.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(() => assertSupportedSchema(caseSchema)).not.toThrow();
    expect(validateJsonSchema(caseSchema, {}).map((v) => v.message)).toContain("is missing required property 'limitations'");
  });
});
