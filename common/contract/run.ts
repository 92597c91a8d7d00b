// Contract namespace `run`: start, watch and cancel a scoring run; results stream as events.
// Pure shared code (common/).
import type { CappedPhoto } from '../faces/face-cap.js';
import { FACE_CAP_MAX, FACE_CAP_MIN } from '../faces/face-cap.js';
import type { Result } from '../result.js';
import { noPayload, objectOf } from '../validate.js';
import { event, method } from './define.js';
import { MODEL_SLOTS } from './model.js';
import type { WorkspaceSummary } from './workspace.js';

/** One queue worker's share of a queued run (ARCHITECTURE.md §13), as the coordinator has committed it. */
export interface RunWorkerProgress {
  id: string;
  host: string;
  provider: string;
  jobs: number;
  samples: number;
  failures: number;
  samplesPerSecond: number;
}

/** Where the app's Score runs: queueUrl '' scores here (the default); a redis:// or rediss:// URL hands the
 * work to the `uad worker` processes on that queue, in jobs of jobSize samples. Kept by the host. */
export interface ScoringSettings {
  queueUrl: string;
  jobSize: number;
}

export interface RunProgress {
  runId: number;
  total: number;
  done: number;
  scored: number;
  failed: number;
  skipped: number;
  imagesPerSecond: number;
  etaSeconds: number | null;
  provider: string;
  /** A queued run's workers so far (absent for a local run). */
  workers?: RunWorkerProgress[];
}

export interface RunResultRow {
  sampleId: number;
  ok: boolean;
  score: number | null;
  dominantExpert: number | null;
  reason?: string;
}

/** Domain check of a run's predictions: how many of the scored samples lie outside the model's domain. */
export interface RunDomainCounts {
  scored: number;
  /** Samples with a verdict (the model's sidecar has statistics). */
  known: number;
  outside: number;
  /** Why no sample has a verdict when the model's domain statistics are unusable (absent: none, or they are usable). */
  unknownReason?: string;
}

export interface RunFinished {
  runId: number;
  modelSha256: string;
  status: 'completed' | 'cancelled' | 'failed';
  scored: number;
  failed: number;
  skipped: number;
  wallSeconds: number;
  error?: string;
  /** Face detection of this run: 'detect' (one sample per face) or 'none'. */
  faces?: 'detect' | 'none';
  /** With face detection: the most faces kept per photograph, and the photographs that had more (absent: none had). */
  maxFaces?: number;
  facesCapped?: CappedPhoto[];
  domain?: RunDomainCounts;
  /** A queued run's workers and what each scored (absent for a local run). */
  workers?: RunWorkerProgress[];
  /** True when more runs of the same pass (its other models) are still to say they finished; absent on the last. */
  more?: boolean;
}

/** One face of a checked image (or the image itself when it has no score), as stored in the workspace. */
export interface CheckedFace {
  sampleId: number;
  /** 1-based face index within the photograph; null for the whole image. */
  faceIndex: number | null;
  faceBox: number[] | null;
  score: number | null;
  domainDistance: number | null;
  inDomain: boolean | null;
  /** Why there is no score ('no face found', or why it could not be processed); null when scored. */
  reason: string | null;
}

/** The one-image check: where the image landed and each of its faces. */
export interface CheckResult {
  path: string;
  /** The workspace the image landed in as a questioned sample. */
  workspace: WorkspaceSummary;
  /** Set when no workspace was open and a new scratch workspace was created for the check: its folder. */
  scratchWorkspace: string | null;
  modelSha256: string;
  modelName: string;
  /** The domain limit distances are compared with (common/metrics/outcome.ts domainLimit). */
  domainLimit: number;
  /** The face detector's minimum confidence (the no-face reason names it). */
  minConfidence: number;
  faces: CheckedFace[];
}

export const runContract = {
  /**
   * The one-image check: one image scored with face detection by the model in a slot, by the same path as
   * `uad check`, into the open workspace as a questioned sample (or a new scratch workspace when none is open).
   */
  check: method<Result<CheckResult>>()(objectOf({
    path: { kind: 'string', maxLength: 4096 },
    slot: { kind: 'enum', values: MODEL_SLOTS },
  })),
  /**
   * Scores a dataset (folder, protocol list or manifest) with the model in a slot, into the open workspace; with
   * `slots`, with the model of every one of those slots in one pass (each image decoded once; one run per model,
   * progress, results and finished events per run; the reply's runId is the first slot's run), `slot` then unused.
   */
  start: method<Result<{ runId: number; total: number }>>()(objectOf({
    datasetPath: { kind: 'string' },
    imageRoot: { kind: 'string', optional: true },
    slot: { kind: 'enum', values: MODEL_SLOTS },
    slots: { kind: 'enumSet', values: MODEL_SLOTS, optional: true },
    batchSize: { kind: 'number', optional: true, integer: true, min: 1, max: 1024 },
    /** detect: one sample per detected face; none: whole images; auto (default): as the model's sidecar says. */
    faces: { kind: 'enum', values: ['detect', 'none', 'auto'] as const, optional: true },
    /** With face detection: the most faces kept per photograph, best first (default DEFAULT_FACE_CAP, common/faces/face-cap.ts). */
    maxFaces: { kind: 'number', optional: true, integer: true, min: FACE_CAP_MIN, max: FACE_CAP_MAX },
  })),
  /** Where Score runs (locally unless a queue is set). */
  settings: method<Result<ScoringSettings>>()(noPayload),
  /** Sets where Score runs; a queue URL is checked for its form (redis:// or rediss://) and kept by the host. */
  saveSettings: method<Result<ScoringSettings>>()(objectOf({
    queueUrl: { kind: 'string', maxLength: 2048 },
    jobSize: { kind: 'number', integer: true, min: 1, max: 1024 },
  })),
  /** Asks the active run to stop after the batches in flight; resolves false when none runs. */
  cancel: method<Result<boolean>>()(noPayload),
  onProgress: event<RunProgress>(),
  onResults: event<{ runId: number; modelSha256: string; rows: RunResultRow[] }>(),
  onFinished: event<RunFinished>(),
} as const;
