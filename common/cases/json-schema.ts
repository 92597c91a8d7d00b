// A small JSON Schema (2020-12) validator for the keywords the case schema uses; any other keyword is
// refused loudly, so the schema can never lean on a rule that is silently skipped. Pure shared code (common/).
// Covers: type, properties, required, additionalProperties, items, enum, const, pattern, minimum, maximum,
// minLength, maxLength, minItems, maxItems, format (date-time), $ref to '#/$defs/…', plus annotations.

export interface SchemaViolation {
  /** JSON pointer of the offending value ('' is the root). */
  pointer: string;
  message: string;
}

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', '$defs', 'examples']);
const KEYWORDS = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'pattern',
  'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'format', '$ref']);
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_VIOLATIONS = 50;

export class SchemaDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaDefinitionError';
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

class Validation {
  readonly violations: SchemaViolation[] = [];
  private readonly patterns = new Map<string, RegExp>();

  constructor(private readonly root: Schema) {}

  private report(pointer: string, message: string): void {
    if (this.violations.length < MAX_VIOLATIONS) this.violations.push({ pointer, message });
  }

  private resolve(ref: string): Schema {
    const match = /^#\/\$defs\/([A-Za-z0-9_-]+)$/.exec(ref);
    const defs = this.root.$defs as Record<string, Schema> | undefined;
    const target = match ? defs?.[match[1]!] : undefined;
    if (!target) throw new SchemaDefinitionError(`unsupported or unknown $ref '${ref}'`);
    return target;
  }

  private regex(pattern: string): RegExp {
    let compiled = this.patterns.get(pattern);
    if (!compiled) {
      compiled = new RegExp(pattern, 'u');
      this.patterns.set(pattern, compiled);
    }
    return compiled;
  }

  check(schema: Schema, value: unknown, pointer: string): void {
    if (this.violations.length >= MAX_VIOLATIONS) return;
    for (const key of Object.keys(schema)) {
      if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new SchemaDefinitionError(`keyword '${key}' is not supported by this validator`);
    }
    if (typeof schema.$ref === 'string') this.check(this.resolve(schema.$ref), value, pointer);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type as string[] : [schema.type as string];
      if (!types.some((t) => matchesType(value, t))) {
        this.report(pointer, `must be ${types.join(' or ')}, found ${typeOf(value)}`);
        return; // the remaining keywords would only repeat the type error
      }
    }
    if (schema.const !== undefined && !deepEqual(schema.const, value)) this.report(pointer, `must be ${JSON.stringify(schema.const)}`);
    if (Array.isArray(schema.enum) && !schema.enum.some((option) => deepEqual(option, value))) {
      this.report(pointer, `must be one of ${schema.enum.map((o) => JSON.stringify(o)).join(', ')}`);
    }
    if (typeof value === 'string') this.checkString(schema, value, pointer);
    if (typeof value === 'number') {
      if (typeof schema.minimum === 'number' && value < schema.minimum) this.report(pointer, `must be ≥ ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && value > schema.maximum) this.report(pointer, `must be ≤ ${schema.maximum}`);
    }
    if (Array.isArray(value)) this.checkArray(schema, value, pointer);
    else if (typeOf(value) === 'object') this.checkObject(schema, value as Record<string, unknown>, pointer);
  }

  private checkString(schema: Schema, value: string, pointer: string): void {
    const length = [...value].length; // code points, as JSON Schema counts
    if (typeof schema.minLength === 'number' && length < schema.minLength) this.report(pointer, `must have at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) this.report(pointer, `must have at most ${schema.maxLength} characters`);
    if (typeof schema.pattern === 'string' && !this.regex(schema.pattern).test(value)) this.report(pointer, `must match ${schema.pattern}`);
    if (schema.format === 'date-time' && (!ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) this.report(pointer, 'must be an ISO 8601 date-time');
  }

  private checkArray(schema: Schema, value: unknown[], pointer: string): void {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) this.report(pointer, `must have at least ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) this.report(pointer, `must have at most ${schema.maxItems} items`);
    if (typeof schema.items === 'object' && schema.items !== null) {
      value.forEach((item, index) => this.check(schema.items as Schema, item, `${pointer}/${index}`));
    }
  }

  private checkObject(schema: Schema, value: Record<string, unknown>, pointer: string): void {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!Object.hasOwn(value, name)) this.report(pointer, `is missing required property '${name}'`);
    }
    for (const [name, child] of Object.entries(value)) {
      const where = `${pointer}/${escapePointer(name)}`;
      if (Object.hasOwn(properties, name)) this.check(properties[name]!, child, where);
      else if (schema.additionalProperties === false) this.report(where, 'is not allowed here');
      else if (typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) {
        this.check(schema.additionalProperties as Schema, child, where);
      }
    }
  }
}

/** Walks the whole schema (every definition, not only the branches a value reaches) for unknown keywords. */
export function assertSupportedSchema(schema: Schema, where = '#'): void {
  for (const key of Object.keys(schema)) {
    if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new SchemaDefinitionError(`keyword '${key}' at ${where} is not supported by this validator`);
  }
  const children: [string, unknown][] = [
    ...Object.entries((schema.properties ?? {}) as Record<string, unknown>).map(([k, v]): [string, unknown] => [`${where}/properties/${k}`, v]),
    ...Object.entries((schema.$defs ?? {}) as Record<string, unknown>).map(([k, v]): [string, unknown] => [`${where}/$defs/${k}`, v]),
    [`${where}/items`, schema.items],
    [`${where}/additionalProperties`, schema.additionalProperties],
  ];
  for (const [path, child] of children) {
    if (typeof child === 'object' && child !== null) assertSupportedSchema(child as Schema, path);
  }
}

/**
 * Validates a parsed JSON value against a schema. Returns the violations (at most 50; empty when valid).
 * Throws SchemaDefinitionError when the schema itself uses something this validator does not implement.
 */
export function validateJsonSchema(schema: Schema, value: unknown): SchemaViolation[] {
  assertSupportedSchema(schema);
  const validation = new Validation(schema);
  validation.check(schema, value, '');
  return validation.violations;
}
