// The fields of N models' sidecars side by side, each row marked when the models differ on it: architecture,
// MoE configuration, input size and normalisation, classes, score semantics, training provenance, domain
// statistics. Pure shared code (common/); the Models tab draws it.
import type { ModelSidecar } from './sidecar.js';

/** The sidecar sections compared, in the order shown. */
export const DIFF_SECTIONS = ['architecture', 'moe', 'preprocessing', 'classes', 'io', 'score', 'training', 'domain'] as const;

/** Arrays longer than this are shown by length (a domain's mean vector), still compared in full. */
const LONGEST_SHOWN_ARRAY = 8;

export interface SidecarDiffRow {
  /** Dotted path, e.g. 'moe.experts' or 'preprocessing.mean'. */
  readonly field: string;
  /** One per model: the value as shown, or '—' where that model's sidecar lacks the field. */
  readonly values: readonly string[];
  readonly differs: boolean;
}

interface Leaf {
  shown: string;
  /** The value in full, for comparing. */
  exact: string;
}

function leaves(value: unknown, path: string, out: Map<string, Leaf>): void {
  if (Array.isArray(value)) {
    const exact = JSON.stringify(value);
    const scalars = value.every((v) => v === null || typeof v !== 'object');
    if (scalars) {
      out.set(path, { exact, shown: value.length > LONGEST_SHOWN_ARRAY ? `${value.length} values` : `[${value.map((v) => String(v)).join(', ')}]` });
      return;
    }
    value.forEach((v, i) => leaves(v, `${path}.${i}`, out));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) leaves(v, path === '' ? key : `${path}.${key}`, out);
    return;
  }
  out.set(path, { exact: JSON.stringify(value ?? null), shown: value === null || value === undefined ? 'none' : String(value) });
}

/** Every field of the compared sections present in any of the sidecars, in section order, each marked when the values differ. */
export function sidecarDiff(sidecars: readonly ModelSidecar[]): SidecarDiffRow[] {
  const flat = sidecars.map((sidecar) => {
    const out = new Map<string, Leaf>();
    for (const section of DIFF_SECTIONS) if (sidecar[section] !== undefined) leaves(sidecar[section], section, out);
    return out;
  });
  const fields: string[] = [];
  const seen = new Set<string>();
  for (const section of DIFF_SECTIONS) {
    for (const model of flat) {
      for (const field of model.keys()) {
        if ((field === section || field.startsWith(`${section}.`)) && !seen.has(field)) {
          seen.add(field);
          fields.push(field);
        }
      }
    }
  }
  return fields.map((field) => {
    const cells = flat.map((model) => model.get(field));
    const exact = new Set(cells.map((cell) => cell?.exact ?? '\u0000absent'));
    return { field, values: cells.map((cell) => cell?.shown ?? '—'), differs: exact.size > 1 };
  });
}
