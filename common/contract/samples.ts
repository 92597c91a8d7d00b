// Contract namespace `samples`: the workspace's samples with scores, their images, and per-sample
// routing detail recomputed on demand. Pure shared code (common/). Binary arrays travel as base64.
import type { SampleLabel } from '../dataset/label.js';
import type { EvidenceDetails } from '../dataset/evidence-details.js';
import type { SampleFace } from '../dataset/types.js';
import type { DomainVerdict } from '../faces/domain.js';
import type { Result } from '../result.js';
import { objectOf, PayloadError, type Validator } from '../validate.js';
import { method } from './define.js';
import { MODEL_SLOTS } from './model.js';
import type { SampleTableWire } from './sample-table-codec.js';
import { VERDICTS, type Verdict } from './annotations.js';

/** Column-oriented sample table (compact for 10⁵ rows): entry i of every column is one sample. */
export interface SampleTable {
  modelSha256: string | null;
  id: number[];
  datasetId: number[];
  path: string[];
  /** 1 attack, 0 bona fide, null questioned. */
  label: (number | null)[];
  category: string[];
  species: string[];
  split: string[];
  identity: string[];
  fileStatus: string[];
  /** null where this model has no prediction (not scored yet, or failed). */
  score: (number | null)[];
  dominantExpert: (number | null)[];
  /** Domain check under this model: 1 inside, 0 outside, null unknown (no statistics) or not scored. */
  inDomain?: (number | null)[];
  domainDistance?: (number | null)[];
  /** Why the pipeline gives a usable file no score, e.g. "no face found" (common/metrics/outcome.ts NO_FACE_REASON); null otherwise. */
  nonResponse?: (string | null)[];
}

export interface SampleImage {
  mime: 'image/jpeg' | 'image/png';
  base64: string;
  width: number;
  height: number;
}

export interface SampleDetailPayload {
  sampleId: number;
  path: string;
  sha256: string;
  modelSha256: string;
  modelName: string;
  score: number;
  logits: number[];
  probabilities: number[];
  classNames: string[];
  prompts: string[];
  attackIndex: number;
  /** The model's input after preprocessing, as a PNG (base64). */
  inputPng: string;
  size: number;
  grid: [number, number];
  tokens: number;
  experts: number;
  slots: number;
  /** Per MoE layer: dispatch and combine [tokens, experts, slots], float32 little-endian, base64. */
  layers: { layer: number; dispatch: string; combine: string }[];
  /** The detected face this sample stands for (its box and keypoints in the EXIF-oriented photograph). */
  face?: SampleFace;
  /** Size of the EXIF-oriented photograph the face coordinates refer to. */
  originalSize?: { width: number; height: number };
  /** Domain check of this sample's embedding under this model (unknown without sidecar statistics). */
  domain: DomainVerdict;
  /**
   * A photograph in which detection found no face, scored as a whole image only because the analyst asked
   * (`wholeImage: true`, logged in custody first): the detector's minimum confidence. Its outcome stays
   * inconclusive (no face found); the score is shown marked as the whole image's.
   */
  wholeImageAtRequest?: { minConfidence: number };
}

/** The file behind a sample, read now (common/dataset/evidence-details.ts), beside the hash recorded when it was scored. */
export interface SampleEvidence extends EvidenceDetails {
  sampleId: number;
  /** The photograph's path for a face sample, else the sample's path. */
  path: string;
  /** SHA-256 recorded when the sample was first scored; null before. */
  recordedSha256: string | null;
}

/** A listed sample the model gave no score (a non-response), with why; see Workspace.unscored. */
export interface UnscoredSample {
  path: string;
  label: SampleLabel;
  category: string;
  species: string;
  identity: string;
  split: string;
  reason: string;
}

/** The sample browser's filter (common/samples/sample-query.ts applies it). */
export interface BrowserFilter {
  label: 'all' | 'bona-fide' | 'attack' | 'questioned';
  /** Species to show; empty means all. */
  species: string[];
  split: string;
  /** The outcome at τ: called attack, called bona fide, or inconclusive (scored outside the model's domain). */
  decision: 'all' | 'attack' | 'bona-fide' | 'inconclusive';
  /** false-accept: an attack called bona fide; false-reject: a bona fide sample called attack. */
  error: 'all' | 'false-accept' | 'false-reject' | 'any-error';
  scoreMin: number | null;
  scoreMax: number | null;
  dominantExpert: number | null;
  /** Domain check: inside, outside, or unknown (no statistics in the model's sidecar). */
  domain: 'all' | 'in' | 'out' | 'unknown';
  scored: 'all' | 'scored' | 'unscored';
  search: string;
  /** The analyst's finding: its verdict ('none': no finding yet). */
  verdict: 'all' | 'none' | Verdict;
  /** Only samples whose newest finding carries this tag ('' = any). */
  tag: string;
  /** Only these samples (a nearest-neighbour list or a selection on the embedding map); null = no such limit. */
  only: { ids: number[]; label: string } | null;
}

/** What the verdict and tag filters read: each sample's newest finding, by sample id. */
export type LatestFindings = Readonly<Record<number, { verdict: Verdict; tags: readonly string[] }>>;

/** The filter that keeps every sample. */
export const EMPTY_FILTER: BrowserFilter = {
  label: 'all', species: [], split: 'all', decision: 'all', error: 'all',
  scoreMin: null, scoreMax: null, dominantExpert: null, domain: 'all', scored: 'all', search: '', verdict: 'all', tag: '', only: null,
};

export type SortKey = 'id' | 'score' | 'margin' | 'path' | 'species';

/** A window of the browser's rows, computed where the workspace is: rows [offset, offset + limit) of the filtered, sorted samples. */
export interface SampleQuery {
  /** Scores of this model (default: the latest scored model). */
  modelSha256?: string;
  filter: BrowserFilter;
  sort: { key: SortKey; descending: boolean };
  /** τ, for the decision, error and margin filters and the margin sort. */
  threshold: number;
  offset: number;
  limit: number;
  /** Also return the ids of every matched row in display order (for selecting them all); such a query waits for the whole table. */
  withIds?: boolean;
  /**
   * While the host has read only part of the table: answer over at most its first `upTo` samples, the `read` of an
   * earlier window's `partial`, so that the windows of one partial answer agree. Ignored once the table is whole.
   */
  upTo?: number;
  /**
   * Only the rows where this model (decided at `threshold`) and a second model (at its own τ) part: they disagree,
   * only this one is wrong, only the second, or both (common/samples/sample-query.ts `filterDisagreement`).
   */
  disagreement?: { kind: (typeof DISAGREEMENT_KINDS)[number]; modelSha256: string; threshold: number };
}

/** The disagreement kinds a query may ask for (the same list as common/samples/sample-query.ts `DISAGREEMENTS`). */
export const DISAGREEMENT_KINDS = ['disagree', 'only-a-wrong', 'only-b-wrong', 'both-wrong'] as const;

export interface SampleWindow {
  modelSha256: string | null;
  /** Samples in the workspace. */
  total: number;
  /** Samples the filter keeps. */
  matched: number;
  offset: number;
  /** The window's rows in display order (at most `limit`). */
  rows: SampleTableWire;
  /** Every value of the workspace's species and split columns, sorted: the filter's choices. */
  columns: { species: string[]; split: string[] };
  /** With `withIds`: the id of every matched row, in display order. */
  ids?: number[];
  /**
   * Present only when the answer covers just the first `read` of the `total` samples (in id order), the host
   * still reading the rest: `matched` and `rows` are then those of that part, and the same query asked again
   * later answers over more of it, then over all (ARCHITECTURE.md §9).
   */
  partial?: { read: number; total: number };
}

/** Most rows one window returns. */
export const MAX_WINDOW_ROWS = 5000;
/** Most ids an `only` limit carries (a map selection of every sample of a 10⁶-sample workspace fits). */
export const MAX_ONLY_IDS = 2_000_000;

const LABELS = ['all', 'bona-fide', 'attack', 'questioned'] as const;
const DECISIONS = ['all', 'attack', 'bona-fide', 'inconclusive'] as const;
const ERRORS = ['all', 'false-accept', 'false-reject', 'any-error'] as const;
const DOMAINS = ['all', 'in', 'out', 'unknown'] as const;
const SCORED = ['all', 'scored', 'unscored'] as const;
const FINDING_VERDICTS = ['all', 'none', ...VERDICTS] as const;
export const SORT_KEYS = ['id', 'score', 'margin', 'path', 'species'] as const satisfies readonly SortKey[];

const filterFields = objectOf({
  label: { kind: 'enum', values: LABELS }, species: { kind: 'stringArray', maxItems: 1000 }, split: { kind: 'string', maxLength: 200 },
  decision: { kind: 'enum', values: DECISIONS }, error: { kind: 'enum', values: ERRORS }, domain: { kind: 'enum', values: DOMAINS },
  scored: { kind: 'enum', values: SCORED }, search: { kind: 'string', maxLength: 1000 },
  verdict: { kind: 'enum', values: FINDING_VERDICTS }, tag: { kind: 'string', maxLength: 200 },
  scoreMin: { kind: 'number', optional: true }, scoreMax: { kind: 'number', optional: true }, dominantExpert: { kind: 'number', optional: true, integer: true, min: 0 },
});
const queryFields = objectOf({
  modelSha256: { kind: 'string', optional: true, maxLength: 64 }, threshold: { kind: 'number' },
  offset: { kind: 'number', integer: true, min: 0 }, limit: { kind: 'number', integer: true, min: 0, max: MAX_WINDOW_ROWS },
  withIds: { kind: 'boolean', optional: true }, upTo: { kind: 'number', optional: true, integer: true, min: 0 },
});
const sortFields = objectOf({ key: { kind: 'enum', values: SORT_KEYS }, descending: { kind: 'boolean' } });
const onlyFields = objectOf({ label: { kind: 'string', maxLength: 500 } });
const disagreementFields = objectOf({
  kind: { kind: 'enum', values: DISAGREEMENT_KINDS }, modelSha256: { kind: 'string', maxLength: 64 }, threshold: { kind: 'number' },
});

function record(input: unknown, name: string): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new PayloadError(`'${name}' must be an object`);
  return input as Record<string, unknown>;
}

/** The nullable fields as null for the field table (which knows optional, not null), then back. */
function nullsAsAbsent(input: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out = { ...input };
  for (const key of keys) if (out[key] === null) delete out[key];
  return out;
}

/** Validates a SampleQuery: the filter's every field, the sort, the window's bounds. */
export const sampleQueryOf: Validator<SampleQuery> = (input) => {
  const top = record(input, 'argument');
  const { filter: filterInput, sort: sortInput, disagreement: disagreementInput, ...rest } = top;
  const query = queryFields(rest);
  const disagreement = disagreementInput === undefined || disagreementInput === null ? {} : { disagreement: disagreementFields(record(disagreementInput, 'disagreement')) };
  const filterRecord = record(filterInput, 'filter');
  const { only: onlyInput, ...filterRest } = filterRecord;
  const fields = filterFields(nullsAsAbsent(filterRest, ['scoreMin', 'scoreMax', 'dominantExpert']));
  let only: BrowserFilter['only'] = null;
  if (onlyInput !== null && onlyInput !== undefined) {
    const { ids, ...onlyRest } = record(onlyInput, 'filter.only');
    const { label } = onlyFields(onlyRest);
    if (!Array.isArray(ids) || ids.length > MAX_ONLY_IDS || ids.some((id) => !Number.isSafeInteger(id))) {
      throw new PayloadError(`'filter.only.ids' must be a list of at most ${MAX_ONLY_IDS} integer sample ids`);
    }
    only = { ids: ids as number[], label };
  }
  const filter: BrowserFilter = {
    ...fields, scoreMin: fields.scoreMin ?? null, scoreMax: fields.scoreMax ?? null, dominantExpert: fields.dominantExpert ?? null, only,
  };
  return { ...query, filter, sort: sortFields(record(sortInput, 'sort')), ...disagreement };
};

export const samplesContract = {
  /** Every sample in the open workspace, with the given model's scores (or the latest scored model's); decode with decodeSampleTable. */
  list: method<Result<SampleTableWire>>()(objectOf({ modelSha256: { kind: 'string', optional: true, maxLength: 64 } })),
  /** A window of the browser's rows for a filter, sort and τ, with the counts and the filter's choices (common/samples/sample-query.ts). */
  query: method<Result<SampleWindow>>()(sampleQueryOf),
  /** Samples of the model's datasets it could not score (unreadable, no face, skipped), for APNRR / BPNRR; never-attempted ones are counted apart. */
  unscored: method<Result<{ samples: UnscoredSample[]; neverAttempted: number }>>()(objectOf({ modelSha256: { kind: 'string', maxLength: 64 } })),
  /** The file behind a sample: SHA-256, size, format, pixel size and EXIF (GPS presence only, never coordinates). */
  evidence: method<Result<SampleEvidence>>()(objectOf({ sampleId: { kind: 'number', integer: true, min: 1 } })),
  /** The original image, EXIF-oriented, downscaled to at most 1024 px. */
  image: method<Result<SampleImage>>()(objectOf({ sampleId: { kind: 'number', integer: true, min: 1 } })),
  /**
   * Full routing tensors of one sample under the model in a slot (recomputed). A photograph in which detection
   * found no face is never scored: the call fails with code 'no-face' and the reason, unless `wholeImage` says
   * the analyst asked to score the whole image anyway (recorded in custody before the score is computed).
   */
  detail: method<Result<SampleDetailPayload>>()(objectOf({
    sampleId: { kind: 'number', integer: true, min: 1 },
    slot: { kind: 'enum', values: MODEL_SLOTS },
    wholeImage: { kind: 'boolean', optional: true },
  })),
} as const;
