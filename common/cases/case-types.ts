// The shape of a case file's case.json (its JSON Schema is case.schema.json beside this file), the zip
// layout and the limitations wording every case carries. Pure shared code (common/).
import type { Annotation } from '../contract/annotations.js';
import type { CaseSource, EvidenceMode } from '../contract/cases.js';
import type { CaseEvidenceDetails } from '../dataset/evidence-details.js';
import type { Outcome } from '../metrics/outcome.js';

export const CASE_FORMAT = 'uad-workbench-case/1';

/** Fixed names inside the zip. Every other entry lives under overlays/ or evidence/. */
export const CASE_JSON = 'case.json';
export const REPORT_HTML = 'report.html';
export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_HASH = 'manifest.sha256';
/** Detached Ed25519 signature over manifest.json with the signer's public key (not listed in the manifest). */
export const MANIFEST_SIG = 'manifest.sig';

/**
 * What a case file can and cannot say. A detector's score is an investigative lead, never proof: the
 * wording is part of every case.json and report, and the schema requires it.
 */
export const LIMITATIONS: readonly string[] = [
  'These are investigative findings produced with an automated face attack detector and an analyst\'s review. They are not proof that any image is fake or genuine, and must not be reported as such.',
  'A score is the model\'s estimate that an image shows an attack; a decision only says on which side of the stated operating point the score falls. Error rates measured on benchmark data (often a synthetic proxy) need not hold for other capture conditions, attack types or populations.',
  'Routing heatmaps show how the model distributed image patches among its experts. They describe the model\'s internal processing; they are not evidence of where an image was manipulated.',
  'Conclusions should rest on the full context of the case, corroborating examinations and the judgement of a qualified examiner; a second examiner should verify any finding relied upon.',
];

export interface CaseRoutingLayer {
  layer: number;
  tokens: number;
  experts: number;
  /** Mean expert mass over the image tokens (CLS excluded), one value per expert. */
  meanExpertMass: number[];
  /** Share of image tokens whose largest mass is on each expert. */
  argmaxShare: number[];
  /** The expert most image tokens pick. */
  dominantExpert: number;
}

export interface CaseOverlay {
  kind: 'model-input' | 'score-card' | 'routing-argmax' | 'expert-mass' | 'occlusion' | 'perturbation';
  file: string;
  layer?: number;
  expert?: number;
  /** For 'expert-mass' and 'occlusion': the values the colour scale spans (dark = first, bright = second). */
  range?: [number, number];
}

/** An occlusion or perturbation probe saved with the sample (flattened from the workspace's result). */
export interface CaseProbe {
  kind: 'occlusion-tokens' | 'occlusion-7x7' | 'perturbation';
  /** SHA-256 of the file when probed (the same as the evidence's, or the probe is not exported). */
  sampleSha256: string;
  createdAt: string;
  /** Attack score of the unmodified input. */
  baseScore: number;
  /** Occlusion: cells [rows, columns], what masks them, and the score with each masked (row-major). */
  grid?: [number, number];
  mask?: string;
  scores?: number[];
  /** Perturbation: each ladder, and the first strength at which the decision at the case's threshold flips. */
  families?: { id: string; label: string; unit: string; strengths: number[]; scores: number[]; flipsAt: number | null }[];
}

export interface CaseEvidence {
  sampleId: number;
  path: string;
  fileName: string;
  sha256: string;
  sizeBytes: number | null;
  /** label '' = questioned: no ground truth (common/dataset/label.ts). */
  dataset: { label: 'bona-fide' | 'attack' | ''; category: string; species: string; split: string; identity: string };
  /** Path inside the zip when embedded; null when only the hash travels. */
  file: string | null;
  /** The file on disk at export compared with the hash recorded when it was scored. */
  integrityAtExport: 'matches' | 'changed' | 'missing' | 'hashed-at-export';
  /**
   * Format, pixel size and EXIF of the file read at export (common/dataset/evidence-details.ts); null when the file
   * is missing or changed since it was scored (then it is not the evidence). Absent in cases from before it.
   */
  details?: CaseEvidenceDetails | null;
}

export interface CaseResult {
  sampleId: number;
  score: number | null;
  decision: 'attack' | 'bona-fide' | null;
  /**
   * The sample's outcome (common/metrics/outcome.ts): attack, bona fide, or inconclusive — outside the model's
   * domain, no face found, could not be processed — and the reason in words ('' unless inconclusive). Absent in
   * cases from before outcomes.
   */
  outcome?: Outcome;
  outcomeReason?: string;
  /** score − threshold: how far, and on which side, the score sits from the operating point. */
  margin: number | null;
  /** The detected face this sample stands for (face detection on). */
  face?: { index: number; box: number[]; keypoints: number[][]; confidence: number };
  /** Domain check under the case's model; both null = domain unknown. Absent in cases from before the check. */
  domain?: { distance: number | null; inDomain: boolean | null };
  logits: number[] | null;
  runId: number | null;
  scoredAt: string | null;
  routing: CaseRoutingLayer[];
  overlays: CaseOverlay[];
  /** Probes saved with the sample under the case's model (absent when none were run). */
  probes?: CaseProbe[];
}

export interface CaseCustodyEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface CaseFile {
  format: typeof CASE_FORMAT;
  case: {
    id: string;
    title: string;
    examiner: string;
    description: string;
    createdAt: string;
    source: CaseSource;
    evidenceMode: EvidenceMode;
    /** The workstation account of the workspace's custody entries (absent in older cases). */
    account?: string;
    workspace: { file: string; schemaVersion: number };
  };
  limitations: string[];
  software: {
    exporter: Record<string, string>;
    runs: { runId: number; provider: string; providerAttempts: unknown; versions: Record<string, string>; startedAt: string; finishedAt: string | null; status: string }[];
  };
  model: {
    name: string;
    version: string;
    sha256: string;
    onnxFile: string;
    /** SHA-256 of the sidecar JSON as the workspace stored it. */
    sidecarSha256: string;
    architecture: { variant: string; imageSize: number; patchSize: number; grid: [number, number]; tokens: number };
    moe: { layers: number[]; experts: number; slots: number; weighting: string; placement: string } | null;
    classes: { names: string[]; prompts: string[]; attackIndex: number };
    score: Record<string, unknown>;
    trainingNote: string;
  };
  operatingPoint: {
    threshold: number;
    rule: string;
    criterion: string;
    split: string;
    dataHash: string;
    setAt: string;
    /**
     * How the evaluation that set τ counted samples outside the model's domain: as non-responses (the default)
     * or decided by score (the analyst's switch). Absent in cases from before the switch.
     */
    outOfDomainSamples?: 'non-responses' | 'decided-by-score';
    /** The matching threshold saved in the workspace (with its full provenance), if there is one. */
    recorded: { id: number; createdAt: string; provenance: Record<string, unknown> } | null;
  };
  evidence: CaseEvidence[];
  results: CaseResult[];
  annotations: Annotation[];
  custody: { verifiedAtExport: boolean; head: string; entries: CaseCustodyEntry[] };
  report: string;
  /** The renderer version that wrote report.html (electron/cases/report-html.ts); absent means 1. */
  reportVersion?: number;
}

/** Manifest: every file of the zip except the manifest, its own hash file and its signature. */
export interface CaseManifest {
  format: 'uad-workbench-case-manifest/2';
  algorithm: 'sha256';
  caseId: string;
  /** Hash of the last custody entry in case.json: the signed anchor of the custody chain the case carries. */
  custodyHead: string;
  files: { path: string; sha256: string; bytes: number }[];
}
