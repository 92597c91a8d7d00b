// Whether a sidecar's `domain` statistics can give a verdict at all: every precision matrix symmetric and
// positive-definite (a Cholesky attempt), means and thresholds finite, thresholds above 0, lengths consistent.
// A block that fails keeps its reason and makes every verdict "unknown", never "inside" (ARCHITECTURE.md §5).
// Pure shared code (common/).
import { parseDomainSpec, type DomainSpec, type ViewStats } from './face-domain.js';

/** A `domain` block that was present but cannot be used, with the reason. */
export interface InvalidDomain { invalid: string }
/** The sidecar's `domain` block as loaded: usable statistics, or why they are not. */
export type DomainBlock = DomainSpec | InvalidDomain;

/** Relative asymmetry accepted (the stored numbers carry 7 significant digits), beyond 1e-9 of the largest entry. */
const SYMMETRY_TOLERANCE = 1e-5;

/** Why the row-major k × k matrix is not symmetric positive-definite, or null when it is. */
export function positiveDefiniteProblem(matrix: ArrayLike<number>, k: number): string | null {
  if (matrix.length !== k * k) return `has ${matrix.length} entries, expected ${k * k}`;
  let scale = 0;
  for (let i = 0; i < k * k; i++) {
    if (!Number.isFinite(matrix[i]!)) return `entry ${i} is not a finite number`;
    scale = Math.max(scale, Math.abs(matrix[i]!));
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const a = matrix[i * k + j]!;
      const b = matrix[j * k + i]!;
      if (Math.abs(a - b) > SYMMETRY_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)) + 1e-9 * scale) {
        return `is not symmetric (entry [${i}][${j}] is ${a}, [${j}][${i}] is ${b})`;
      }
    }
  }
  // Cholesky P = L Lᵀ on the lower triangle; a pivot at or below round-off of the largest entry means not positive-definite.
  const floor = k * Number.EPSILON * scale;
  const lower = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let pivot = matrix[j * k + j]!;
    for (let m = 0; m < j; m++) pivot -= lower[j * k + m]! ** 2;
    if (!(pivot > floor)) return `is not positive-definite (Cholesky pivot ${j + 1} of ${k} is ${pivot.toPrecision(3)})`;
    const root = Math.sqrt(pivot);
    lower[j * k + j] = root;
    for (let i = j + 1; i < k; i++) {
      let sum = matrix[i * k + j]!;
      for (let m = 0; m < j; m++) sum -= lower[i * k + m]! * lower[j * k + m]!;
      lower[i * k + j] = sum / root;
    }
  }
  return null;
}

function finiteList(values: ArrayLike<number>, length: number, where: string): string | null {
  if (values.length !== length) return `${where} has ${values.length} values, expected ${length}`;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return `${where}[${i}] is not a finite number`;
  return null;
}

function viewProblem(view: ViewStats, k: number, where: string): string | null {
  if (!Number.isInteger(k) || k < 1) return `${where} has ${k} dimensions`;
  if (!(Number.isFinite(view.threshold) && view.threshold > 0)) return `${where}.threshold must be a finite number above 0, got ${view.threshold}`;
  if (view.classes.length < 1) return `${where}.classes lists no class`;
  for (const [i, c] of view.classes.entries()) {
    const problem = finiteList(c.mean, k, `${where}.classes[${i}].mean`);
    if (problem !== null) return problem;
  }
  const precision = positiveDefiniteProblem(view.precision, k);
  return precision === null ? null : `${where}.precision ${precision}`;
}

const checked = new WeakMap<DomainSpec, string | null>();

/** Why these statistics cannot give a verdict, or null when they can. Computed once per spec object. */
export function domainStatsProblem(spec: DomainSpec): string | null {
  const known = checked.get(spec);
  if (known !== undefined) return known;
  let problem = viewProblem(spec, spec.dims, 'domain');
  if (problem === null && spec.image) problem = viewProblem(spec.image, spec.image.features.length, 'domain.image');
  if (problem === null && spec.appearance) {
    const view = spec.appearance; // the lengths of its center and basis are checked where the block is parsed (face-domain.ts)
    problem = viewProblem(view, view.features.length, 'domain.appearance')
      ?? finiteList(view.center, view.center.length, 'domain.appearance.center')
      ?? finiteList(view.basis, view.basis.length, 'domain.appearance.basis');
  }
  checked.set(spec, problem);
  return problem;
}

/** Why a loaded block cannot give a verdict (null when it can, or when there is none). */
export function domainBlockProblem(block: DomainBlock | undefined): string | null {
  if (block === undefined) return null;
  return 'invalid' in block ? block.invalid : domainStatsProblem(block);
}

/** The statistics when they can give a verdict, else undefined. */
export function usableDomain(block: DomainBlock | undefined): DomainSpec | undefined {
  return block !== undefined && domainBlockProblem(block) === null ? (block as DomainSpec) : undefined;
}

/** The sidecar's `domain` value as loaded: undefined when absent, the statistics, or the reason they are unusable. */
export function readDomainBlock(value: unknown): DomainBlock | undefined {
  let spec: DomainSpec | undefined;
  try {
    spec = parseDomainSpec(value);
  } catch (err) {
    return { invalid: err instanceof Error ? err.message : String(err) };
  }
  if (spec === undefined) return undefined;
  const problem = domainStatsProblem(spec);
  return problem === null ? spec : { invalid: problem };
}

/** For a run's domain counts: why no sample could have a verdict, when the statistics are there but unusable. */
export function unusableDomainReason(sidecar: { domain?: DomainBlock }): { unknownReason?: string } {
  const problem = domainBlockProblem(sidecar.domain);
  return problem === null ? {} : { unknownReason: `the model's domain statistics are unusable: ${problem}` };
}
