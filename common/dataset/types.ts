// Dataset sample records exchanged through the contract. Pure shared code (common/).
import type { SampleLabel } from './label.js';
import type { AttackCategory } from './species.js';

export type SampleFileStatus = 'ok' | 'missing' | 'unreadable' | 'empty' | 'not-an-image' | 'too-large';

/** One face found in a photograph by the detector (coordinates in the EXIF-oriented image's pixels). */
export interface SampleFace {
  /** 1-based index of the face within its photograph, best detector score first. */
  index: number;
  box: [number, number, number, number];
  /** BlazeFace keypoints: right eye, left eye, nose tip, mouth centre, right and left ear tragion. */
  keypoints: [number, number][];
  confidence: number;
}

export interface DatasetSample {
  /** Stable index within the listing. */
  id: number;
  /** Path relative to the dataset root, '/' separated. */
  path: string;
  /** 0 bona fide, 1 attack, null questioned (no ground truth; common/dataset/label.ts). */
  label: SampleLabel;
  category: AttackCategory | 'attack' | 'questioned';
  species: string;
  identity: string;
  /** Split from a protocol list ('train' | 'dev' | 'test') or '' for a plain folder. */
  split: string;
  sizeBytes: number;
  status: SampleFileStatus;
  /** Why the file cannot be used, for any status other than 'ok'. */
  reason?: string;
  /** For a face of a photograph: the photograph's path (then `path` is `<file>#face<index>`). */
  file?: string;
  /** The detected face this sample stands for (face detection on). */
  face?: SampleFace;
  /** A usable file the pipeline gives no score for, with the reason (e.g. "no face found"). */
  nonResponse?: string;
}

export interface DatasetListing {
  root: string;
  /** 'image': one image file, a single questioned sample. */
  source: 'folder' | 'protocol-list' | 'manifest' | 'image';
  samples: DatasetSample[];
  /**
   * What was found but not turned into a sample: files without a class (folders), or list/manifest lines
   * with their 1-based line number and the reason. Capped; skippedCount has the full number.
   */
  skipped: { path: string; reason: string; line?: number }[];
  /** How many files or lines were skipped in all (skipped may list only the first of them). */
  skippedCount?: number;
  counts: {
    total: number; bonaFide: number; attack: number; unusable: number; bySpecies: Record<string, number>;
    /** Samples without ground truth (label null); absent means none. */
    questioned?: number;
    /** Samples per category ('bona-fide', 'physical', 'adversarial', 'digital', 'attack'); set by list and manifest loaders. */
    byCategory?: Record<string, number>;
  };
  /** The protocol list or CSV manifest the listing was read from; absent for a folder or an image. */
  sourceFile?: string;
  /** Protocol named in a UniAttackData list's file name ('p1', 'p2.1', 'p2.2'), else ''. */
  protocol?: string;
  /** Split named in a protocol list's file name ('train' | 'dev' | 'test'), else ''. */
  split?: string;
  /** List or manifest lines naming a file an earlier line names with the same label and metadata: kept once, each one a warning. */
  duplicateLines?: number;
  /** Files named on several lines that disagree on label, category, species, identity or split: not samples; their lines are in skipped. */
  conflictingFiles?: number;
  /** Non-fatal per-line findings (label contradicting the path, duplicates): the total and the first few messages. */
  warnings?: { count: number; messages: string[] };
}
