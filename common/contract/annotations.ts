// Contract namespace `annotations`: the analyst's findings on samples (verdict, tags, note, review
// status) as an append-only history, and bookmarks for building a case. Pure shared code (common/).
import type { Result } from '../result.js';
import { noPayload, objectOf, PayloadError, type Validator } from '../validate.js';
import { method } from './define.js';

export const VERDICTS = ['bona-fide', 'attack', 'inconclusive'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** open: a first finding; reviewed: re-read by its author; verified: confirmed by a second examiner. */
export const ANNOTATION_STATUSES = ['open', 'reviewed', 'verified'] as const;
export type AnnotationStatus = (typeof ANNOTATION_STATUSES)[number];

export const MAX_TAGS = 32;
export const MAX_TAG_LENGTH = 64;
export const MAX_NOTE_LENGTH = 8000;
export const MAX_AUTHOR_LENGTH = 100;
/** The most samples one bulk action may tag (a box on the embedding map can hold many). */
export const MAX_BULK_SAMPLES = 20_000;

/** One saved annotation; a sample's current finding is its newest one. */
export interface Annotation {
  id: number;
  sampleId: number;
  author: string;
  /** ISO 8601, the Node side's clock. */
  createdAt: string;
  verdict: Verdict;
  /** The attack species the analyst names (only with verdict 'attack'; '' when unnamed). */
  attackSpecies: string;
  tags: string[];
  note: string;
  status: AnnotationStatus;
}

export interface AnnotationOverview {
  /** The newest annotation of every annotated sample, by sample id. */
  latest: Annotation[];
  /** Bookmarked sample ids, ascending. */
  bookmarks: number[];
  /** Attack species named in this workspace's datasets, offered as verdict choices. */
  speciesOptions: string[];
  /** Author recorded when the analyst gives none (the workspace's actor). */
  defaultAuthor: string;
}

const addFields = objectOf({
  sampleId: { kind: 'number', integer: true, min: 1 },
  verdict: { kind: 'enum', values: VERDICTS },
  attackSpecies: { kind: 'string', optional: true, maxLength: 128 },
  tags: { kind: 'stringArray', optional: true, maxItems: MAX_TAGS },
  note: { kind: 'string', optional: true, maxLength: MAX_NOTE_LENGTH },
  status: { kind: 'enum', values: ANNOTATION_STATUSES },
  author: { kind: 'string', optional: true, maxLength: MAX_AUTHOR_LENGTH },
});

/** The add payload, with tag lengths checked too (the generic string-list check does not bound items). */
const addValidator: Validator<ReturnType<typeof addFields>> = (input) => {
  const value = addFields(input);
  for (const tag of value.tags ?? []) {
    if (tag.length > MAX_TAG_LENGTH) throw new PayloadError(`a tag is longer than ${MAX_TAG_LENGTH} characters`);
  }
  return value;
};

export type AnnotationInput = ReturnType<typeof addValidator>;

const bulkFields = objectOf({
  tags: { kind: 'stringArray', maxItems: MAX_TAGS },
  verdict: { kind: 'enum', values: VERDICTS, optional: true },
  author: { kind: 'string', optional: true, maxLength: MAX_AUTHOR_LENGTH },
});

/** A bulk action on a selection: tags (and optionally a verdict) for many samples, by sample id. */
export interface BulkTagInput {
  sampleIds: number[];
  tags: string[];
  verdict?: Verdict;
  author?: string;
}

/** The bulk payload: the flat fields through objectOf, the id list by hand. */
const bulkValidator: Validator<BulkTagInput> = (input) => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new PayloadError('argument must be an object');
  const { sampleIds, ...rest } = input as Record<string, unknown>;
  const flat = bulkFields(rest);
  if (!Array.isArray(sampleIds) || sampleIds.length === 0) throw new PayloadError("'sampleIds' must be a non-empty list of sample ids");
  if (sampleIds.length > MAX_BULK_SAMPLES) throw new PayloadError(`at most ${MAX_BULK_SAMPLES} samples per bulk action`);
  for (const id of sampleIds) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) throw new PayloadError("'sampleIds' must hold positive integers");
  }
  for (const tag of flat.tags) {
    if (tag.length > MAX_TAG_LENGTH) throw new PayloadError(`a tag is longer than ${MAX_TAG_LENGTH} characters`);
  }
  return { ...flat, sampleIds: [...sampleIds] as number[] };
};

export const annotationsContract = {
  /** Appends a new annotation (never edits an old one) and logs a custody 'annotate' entry. */
  add: method<Result<Annotation>>()(addValidator),
  /**
   * Tags the selected samples: one new annotation each (continuing its newest finding, tags added) and one
   * custody 'annotate' entry listing every sample id. Resolves to the annotations written.
   */
  tag: method<Result<Annotation[]>>()(bulkValidator),
  /** Every annotation of one sample, oldest first. */
  history: method<Result<Annotation[]>>()(objectOf({ sampleId: { kind: 'number', integer: true, min: 1 } })),
  /** The newest annotation per sample, the bookmarks and the verdict choices of the open workspace. */
  list: method<Result<AnnotationOverview>>()(noPayload),
  /** Sets or clears a bookmark; resolves to every bookmarked sample id. */
  bookmark: method<Result<number[]>>()(objectOf({ sampleId: { kind: 'number', integer: true, min: 1 }, bookmarked: { kind: 'boolean' } })),
} as const;
