// The ground truth of a sample, defined once: attack, bona fide, or questioned (no ground truth: the
// analyst's own evidence). Stored and carried as 1, 0 or null. Pure shared code (common/).

/** What a sample is known to be: 1 attack, 0 bona fide, null questioned (unknown). */
export type SampleLabel = 0 | 1 | null;

export type LabelName = 'attack' | 'bona fide' | 'questioned';

export const QUESTIONED_CATEGORY = 'questioned';
export const QUESTIONED_SPECIES = 'questioned';

/** The accepted spellings of "no ground truth" in a list, manifest or scores file (case-insensitive, trimmed). */
export const QUESTIONED_LABEL_TEXTS: readonly string[] = ['', '?', 'unknown'];

export const LABEL_TEXT_MEANING = '0 (bona fide), 1 (attack), or empty, ? or unknown (questioned)';

export const labelName = (label: SampleLabel | number): LabelName => (label === null ? 'questioned' : label === 1 ? 'attack' : 'bona fide');

export const isLabelled = (label: SampleLabel | number | undefined): label is 0 | 1 => label === 0 || label === 1;

/** True for the text of a questioned label: empty, '?' or 'unknown'. */
export const isQuestionedLabelText = (text: string): boolean => QUESTIONED_LABEL_TEXTS.includes(text.trim().toLowerCase());

/** A binary label cell: 0, 1, or questioned; anything else is an error that names it (callers add the line number). */
export function parseLabelText(text: string): { label: SampleLabel } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '0') return { label: 0 };
  if (trimmed === '1') return { label: 1 };
  if (isQuestionedLabelText(trimmed)) return { label: null };
  return { error: `label "${trimmed.slice(0, 40)}" is not ${LABEL_TEXT_MEANING}` };
}

/** The label as written in exports: '0', '1', or '' for questioned. */
export const labelCell = (label: SampleLabel): string => (label === null ? '' : String(label));
