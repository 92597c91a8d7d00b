// Payload validators for contract methods: untrusted input from a renderer or an HTTP client.
// Pure shared code (common/). Each validator returns the typed value or throws PayloadError.

export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

export type Validator<T> = (input: unknown) => T;

const MAX_STRING = 8192;

export const noPayload: Validator<void> = (input) => {
  if (input !== undefined && input !== null && !(typeof input === 'object' && Object.keys(input).length === 0)) {
    throw new PayloadError('this method takes no argument');
  }
};

function asRecord(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new PayloadError('argument must be an object');
  }
  return input as Record<string, unknown>;
}

type FieldSpec = { kind: 'string'; optional?: boolean; maxLength?: number }
  | { kind: 'number'; optional?: boolean; min?: number; max?: number; integer?: boolean }
  | { kind: 'boolean'; optional?: boolean }
  | { kind: 'enum'; values: readonly string[]; optional?: boolean }
  | { kind: 'stringArray'; optional?: boolean; maxItems?: number }
  /** A list of distinct values of `values`: at least one, at most one of each. */
  | { kind: 'enumSet'; values: readonly string[]; optional?: boolean };

type FieldValue<S extends FieldSpec> = S extends { kind: 'string' } ? string
  : S extends { kind: 'number' } ? number
  : S extends { kind: 'boolean' } ? boolean
  : S extends { kind: 'enum'; values: readonly (infer V)[] } ? V
  : S extends { kind: 'stringArray' } ? string[]
  : S extends { kind: 'enumSet'; values: readonly (infer V)[] } ? V[]
  : never;

type ObjectOf<F extends Record<string, FieldSpec>> =
  { [K in keyof F as F[K] extends { optional: true } ? never : K]: FieldValue<F[K]> } &
  { [K in keyof F as F[K] extends { optional: true } ? K : never]?: FieldValue<F[K]> };

function checkField(name: string, spec: FieldSpec, value: unknown): unknown {
  switch (spec.kind) {
    case 'string': {
      if (typeof value !== 'string') throw new PayloadError(`'${name}' must be a string`);
      if (value.length > (spec.maxLength ?? MAX_STRING)) throw new PayloadError(`'${name}' is too long`);
      if (value.includes('\0')) throw new PayloadError(`'${name}' contains a NUL character`);
      return value;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new PayloadError(`'${name}' must be a finite number`);
      if (spec.integer && !Number.isInteger(value)) throw new PayloadError(`'${name}' must be an integer`);
      if (spec.min !== undefined && value < spec.min) throw new PayloadError(`'${name}' must be ≥ ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) throw new PayloadError(`'${name}' must be ≤ ${spec.max}`);
      return value;
    }
    case 'boolean': {
      if (typeof value !== 'boolean') throw new PayloadError(`'${name}' must be true or false`);
      return value;
    }
    case 'enum': {
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        throw new PayloadError(`'${name}' must be one of ${spec.values.join(', ')}`);
      }
      return value;
    }
    case 'stringArray': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
        throw new PayloadError(`'${name}' must be a list of strings`);
      }
      if (value.length > (spec.maxItems ?? 100_000)) throw new PayloadError(`'${name}' has too many items`);
      return value;
    }
    case 'enumSet': {
      if (!Array.isArray(value) || value.length === 0 || value.length > spec.values.length) {
        throw new PayloadError(`'${name}' must be a list of 1 to ${spec.values.length} of ${spec.values.join(', ')}`);
      }
      const items = Array.from({ length: value.length }, (_, i) => (Object.hasOwn(value, i) ? value[i] : undefined) as unknown);
      if (items.some((v) => typeof v !== 'string' || !spec.values.includes(v))) throw new PayloadError(`'${name}' items must be one of ${spec.values.join(', ')}`);
      if (new Set(items).size !== items.length) throw new PayloadError(`'${name}' names an item twice`);
      return items;
    }
  }
}

/** An object validator from a field table; unknown fields are rejected so typos surface. */
export function objectOf<F extends Record<string, FieldSpec>>(fields: F): Validator<ObjectOf<F>> {
  return (input) => {
    const record = asRecord(input);
    for (const key of Object.keys(record)) {
      // Own properties only: 'toString' or 'constructor' must not pass as fields through the prototype.
      if (!Object.hasOwn(fields, key)) throw new PayloadError(`unknown field '${key}'`);
    }
    const out: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(fields)) {
      const value = Object.hasOwn(record, name) ? record[name] : undefined;
      if (value === undefined) {
        if (!spec.optional) throw new PayloadError(`'${name}' is required`);
        continue;
      }
      out[name] = checkField(name, spec, value);
    }
    return out as ObjectOf<F>;
  };
}
