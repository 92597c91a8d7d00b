// The case.json schema (common/cases/case.schema.json, kept in the repo) and its check, shared by the
// exporter (a self-check before writing) and the verifier. Node side (cases).
import { validateJsonSchema, type SchemaViolation } from '../../common/cases/json-schema.js';
import caseSchema from '../../common/cases/case.schema.json' with { type: 'json' };

export const CASE_SCHEMA = caseSchema as Record<string, unknown>;

export function validateCaseJson(value: unknown): SchemaViolation[] {
  return validateJsonSchema(CASE_SCHEMA, value);
}
