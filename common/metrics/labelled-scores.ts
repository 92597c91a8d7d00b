// Input type and validation for the evaluation engine (ISO/IEC 30107-3 metrics).
// Pure shared code (common/): no Node, no DOM; used by the renderer's worker, the CLI and case files.

/**
 * Conventions used by every function in common/metrics:
 * - score: higher means "more likely an attack" (the model's `attack_score`).
 * - label: 1 = attack presentation (the POSITIVE class), 0 = bona fide presentation.
 * - decision: a sample is called an attack when score >= threshold.
 * - NaN / ±Infinity scores are rejected with a MetricsInputError (as sklearn rejects them), never
 *   silently dropped, because a missing score usually means a failed inference that must be seen.
 * - Invalid input (empty, one class only, length mismatch, labels outside {0,1}) also throws
 *   MetricsInputError; metrics functions never return NaN for bad input.
 */
export interface LabelledScores {
  /** One score per sample; finite; higher = more likely attack. */
  readonly scores: Float64Array;
  /** One label per sample: 1 = attack (positive class), 0 = bona fide. */
  readonly labels: Uint8Array;
  /**
   * Attack species (presentation attack instrument species) per sample, as an index into
   * `speciesNames`. Read for attacks only; the value for bona fide samples is ignored.
   * When absent, every attack belongs to one species named `DEFAULT_SPECIES_NAME`.
   */
  readonly speciesCodes?: Uint32Array | Uint16Array | Uint8Array;
  readonly speciesNames?: readonly string[];
  /** Subject identity per sample (index into `identityNames`); used for bootstrap by identity. */
  readonly identityCodes?: Uint32Array;
  readonly identityNames?: readonly string[];
}

export const POSITIVE_LABEL = 1;
export const NEGATIVE_LABEL = 0;
export const DEFAULT_SPECIES_NAME = 'attack';

/** Thrown for every invalid input to the metrics library; `code` is stable for callers. */
export class MetricsInputError extends Error {
  readonly code: 'empty' | 'length-mismatch' | 'non-finite-score' | 'bad-label' | 'one-class' | 'bad-species' | 'bad-argument';

  constructor(code: MetricsInputError['code'], message: string) {
    super(message);
    this.name = 'MetricsInputError';
    this.code = code;
  }
}

/** Counts found while validating; callers reuse them instead of scanning again. */
export interface ValidatedCounts {
  readonly attackCount: number;
  readonly bonaFideCount: number;
}

/**
 * Checks lengths, finiteness, labels and that both classes are present. O(n).
 * Throws MetricsInputError naming the first offending sample index.
 */
export function validateLabelledScores(data: LabelledScores): ValidatedCounts {
  const { scores, labels } = data;
  const n = scores.length;
  if (n === 0) throw new MetricsInputError('empty', 'no scores: the metrics need at least one attack and one bona fide sample');
  if (labels.length !== n) {
    throw new MetricsInputError('length-mismatch', `scores and labels differ in length (${n} scores, ${labels.length} labels)`);
  }
  let attackCount = 0;
  for (let i = 0; i < n; i++) {
    const score = scores[i];
    // `score - score !== 0` is true exactly for NaN and ±Infinity, in one comparison.
    if (score - score !== 0) {
      throw new MetricsInputError('non-finite-score', `score of sample ${i} is ${score}; scores must be finite numbers (NaN means a missing score)`);
    }
    const label = labels[i];
    if (label === POSITIVE_LABEL) attackCount++;
    else if (label !== NEGATIVE_LABEL) {
      throw new MetricsInputError('bad-label', `label of sample ${i} is ${label}; labels must be 1 (attack) or 0 (bona fide)`);
    }
  }
  const bonaFideCount = n - attackCount;
  if (attackCount === 0 || bonaFideCount === 0) {
    const only = attackCount === 0 ? 'bona fide (label 0)' : 'attacks (label 1)';
    throw new MetricsInputError('one-class', `all ${n} samples are ${only}; the metrics need both attacks and bona fide samples`);
  }
  validateCodes(data.speciesCodes, data.speciesNames, n, 'species', labels);
  validateCodes(data.identityCodes, data.identityNames, n, 'identity', undefined);
  return { attackCount, bonaFideCount };
}

function validateCodes(
  codes: ArrayLike<number> | undefined,
  names: readonly string[] | undefined,
  n: number,
  what: string,
  onlyWhereAttack: Uint8Array | undefined,
): void {
  if (codes === undefined && names === undefined) return;
  if (codes === undefined || names === undefined) {
    throw new MetricsInputError('bad-species', `${what} codes and ${what} names must be given together`);
  }
  if (codes.length !== n) {
    throw new MetricsInputError('length-mismatch', `${what} codes differ in length from scores (${codes.length} vs ${n})`);
  }
  for (let i = 0; i < n; i++) {
    if (onlyWhereAttack !== undefined && onlyWhereAttack[i] !== POSITIVE_LABEL) continue;
    if (codes[i] >= names.length) {
      throw new MetricsInputError('bad-species', `${what} code ${codes[i]} of sample ${i} has no name (${names.length} names given)`);
    }
  }
}

/** Rejects thresholds and target rates that cannot mean anything. */
export function requireNumber(value: number, what: string): void {
  if (Number.isNaN(value)) throw new MetricsInputError('bad-argument', `${what} is NaN`);
}

export function requireRate(value: number, what: string): void {
  if (!(value >= 0 && value <= 1)) throw new MetricsInputError('bad-argument', `${what} must be a rate in [0, 1], got ${value}`);
}
