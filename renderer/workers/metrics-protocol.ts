// Messages between the evaluation view and the metrics worker: typed requests and replies whose
// arrays travel as transferable typed arrays. Renderer (shared by the main thread and the worker).
import type { BootstrapResult, BootstrapStream, CertificationRates, PairedComparison, ErrorRates, LeakageReport, NonResponse, ProfileResult, ReadinessProfile, ThresholdChoice } from '../../common/metrics/index';
import type { ReportComparison } from '../../common/report/comparison-section';
import type { ReportProvenance } from '../../common/report/evaluation-report';

/** One scored sample set as columns; entry i of every column is one sample. */
export interface ScoreColumns {
  scores: Float64Array;
  /** 1 attack, 0 bona fide. */
  labels: Uint8Array;
  /** Index into speciesNames; read for attacks only. */
  speciesCodes: Uint32Array;
  speciesNames: string[];
  /** Index into splitNames ('' when the data has no split). */
  splitCodes: Uint8Array;
  splitNames: string[];
  identityCodes?: Uint32Array;
  identityNames?: string[];
  /** Attack class per sample (index into ATTACK_CLASSES; read for attacks only); absent: unclassified. */
  classCodes?: Uint8Array;
  /** Questioned samples (no ground truth) left out of these columns, per split name ('' when none): counted, never rated. */
  questionedBySplit?: Record<string, number>;
  /** Scored samples outside the model's domain, moved out of the columns: inconclusive, non-responses (common/metrics/outcome.ts). */
  outOfDomain?: (NonResponse & { split: string })[];
  /** Scored labelled samples outside the model's domain per split name, whichever way they are counted. */
  outOfDomainBySplit?: Record<string, number>;
  /** The analyst's switch: out-of-domain samples kept in these columns and decided by score (else in `outOfDomain`). */
  outOfDomainDecidedByScore?: boolean;
  /** Listed samples without a score (a scores file's non-response rows), each with its split ('' when none). */
  nonResponses?: (NonResponse & { split: string })[];
  /** Each sample's path (the key two runs' samples are paired by for a paired comparison); absent: not pairable. */
  paths?: string[];
}

/** A ROC or DET polyline thinned for drawing; every kept vertex keeps its exact threshold. */
export interface CurvePoints {
  x: Float64Array;
  y: Float64Array;
  thresholds: Float64Array;
}

export interface ScoreHistogram {
  /** bins + 1 ascending edges; bin b holds lowest ≤ score < edges[b+1] (the last bin closed). */
  edges: Float64Array;
  bonaFide: Uint32Array;
  attacks: Uint32Array;
  /** Per attack species (aligned with the split's speciesNames). */
  bySpecies: Uint32Array[];
}

/** Everything the view draws for one split that does not depend on the threshold. */
export interface SplitSummary {
  /** 'all' or a split name such as 'dev' or 'test'. */
  split: string;
  samples: number;
  attacks: number;
  bonaFide: number;
  /** null when the split cannot be evaluated (e.g. one class only); the reason says why. */
  unusable: string | null;
  speciesNames: string[];
  speciesAttackCounts: number[];
  scoreMin: number;
  scoreMax: number;
  auc: number;
  eer: number;
  eerThreshold: number;
  /** BPCER20 / BPCER100 operating points (worst-species APCER ≤ 5 % / 1 %). */
  bpcer20: { threshold: number; bpcer: number };
  bpcer100: { threshold: number; bpcer: number };
  /** ROC: x = BPCER (false-positive rate), y = 1 − pooled APCER (attack = positive class). */
  roc: CurvePoints;
  /** DET on normal deviates: x = Φ⁻¹(BPCER), y = Φ⁻¹(pooled APCER), rates clipped to [1e-7, 1 − 1e-7]. */
  det: CurvePoints;
  histogram: ScoreHistogram;
  /** SHA-256 (hex) of the split's (score, label) pairs sorted by score then label; see score-hash.ts. */
  dataHash: string;
}

export interface SourceSummary {
  sourceId: string;
  name: string;
  /** Samples with a score (unscored rows are not part of any split). */
  samples: number;
  splits: SplitSummary[];
}

export interface ConfusionRows {
  /** 'bona fide' first, then each attack species. */
  rowNames: string[];
  calledBonaFide: number[];
  calledAttack: number[];
}

/** Rates at one threshold, plain data (ErrorRates with its typed array unpacked). */
export type PlainRates = Omit<ErrorRates, 'apcerBySpecies'> & { apcerBySpecies: number[]; speciesNames: string[] };

export interface ComparisonRow {
  sourceId: string;
  name: string;
  split: string;
  auc: number;
  eer: number;
  bpcer20: number;
  bpcer100: number;
  /**
   * This run's own operating point (ARCHITECTURE.md §11): the primary's is the analyst's τ; another run's is the
   * criterion chosen on its own source split, or under a fixed τ its newest saved threshold, else its own EER.
   */
  threshold: number;
  /** Which τ that is, in words ("EER on its dev", "saved #3 (bpcer20)", "the operating point"). */
  thresholdSays: string;
  rates: PlainRates | null;
  error: string | null;
}

export interface QueryInput {
  primaryId: string;
  compareIds: string[];
  split: string;
  /** Split the criterion is computed on for the comparison rows. */
  sourceSplit: string;
  /** 'fixed' or a criterion name (eer, min-hter, bpcer20, …). */
  criterion: string;
  threshold: number;
  /** The newest saved threshold of each compared run that has one (by source id): its τ under a fixed criterion. */
  savedThresholds?: Record<string, { value: number; says: string }>;
}

export interface QueryOutput {
  threshold: number;
  split: string;
  rates: PlainRates;
  confusion: ConfusionRows;
  comparison: ComparisonRow[];
}

export interface ChooseInput {
  sourceId: string;
  /** Split the criterion is computed on. */
  split: string;
  criterion: string;
}

export interface ChosenThreshold {
  provenance: ThresholdChoice;
  dataHash: string;
}

export interface BootstrapInput {
  sourceId: string;
  split: string;
  threshold: number;
  replicates: number;
  seed: number;
  resample: 'sample' | 'identity';
}

/** One of the bootstrap's fixed streams (common/metrics/bootstrap.ts): the report's replicates, shared between two workers. */
export interface BootstrapStreamInput extends BootstrapInput {
  stream: number;
}

export interface ReportInput {
  sourceId: string;
  split: string;
  threshold: number;
  /** How the threshold was chosen, stored in the report. */
  provenance: Record<string, unknown>;
}

export interface CertifyInput {
  sourceId: string;
  split: string;
  threshold: number;
  /** The split's listed samples without a score (APNRR / BPNRR). */
  nonResponses: NonResponse[];
  /** The readiness profile to check, or null for none. */
  profile: ReadinessProfile | null;
}

export interface CertifyOutput {
  counted: CertificationRates;
  profile: ProfileResult | null;
}

export interface EvaluationReportInput {
  sourceId: string;
  split: string;
  threshold: number;
  /** e.g. "model, split test": the scores set's name in the report. */
  description: string;
  /** The split's listed samples without a score (APNRR / BPNRR, the non-response list). */
  nonResponses: NonResponse[];
  /** The readiness profile to check, or null for none. */
  profile: ReadinessProfile | null;
  /** The bootstrap-by-identity (or by-sample) settings of the Evaluation tab. */
  bootstrap: { replicates: number; seed: number; resample: 'sample' | 'identity' };
  /** Identity leakage between the loaded splits (counted from the workspace table on the main thread). */
  leakage: LeakageReport | null;
  /** The paired comparison of each other evaluated model with this one (the report's comparison section); none: no section. */
  comparisons?: ReportComparison[];
  provenance: ReportProvenance;
  /** The bootstrap's streams already run (bootstrapStream requests on two workers); without them the report runs them itself. */
  bootstrapStreams?: BootstrapStream[];
}

export interface PairedInput {
  /** Run A (the primary) and run B (an overlay), each decided at its own τ (their comparison rows'). */
  a: { sourceId: string; threshold: number };
  b: { sourceId: string; threshold: number };
  /** The evaluated split (a run without splits is compared whole, as in the comparison rows). */
  split: string;
  replicates: number;
  seed: number;
  resample: 'sample' | 'identity';
}

export interface PairedOutput {
  a: string;
  b: string;
  /** Samples scored by only one of the two runs, left out: the comparison is on the intersection. */
  onlyA: number;
  onlyB: number;
  comparison: PairedComparison;
}

/** Request kinds with their inputs and outputs. */
/** One run's operating point at a τ on a split: where the τ sits on its ROC and DET (the Models tab's overlay). */
export interface RatesAtInput {
  sourceId: string;
  split: string;
  threshold: number;
}

export interface RatesAtOutput {
  threshold: number;
  bpcer: number;
  apcerPooled: number;
}

export interface WorkerRequests {
  loadColumns: { input: { sourceId: string; name: string; columns: ScoreColumns }; output: SourceSummary };
  /** Parses a scores CSV (`score,label[,species][,identity]`) in the worker; returns its columns too. */
  /** warnings: problems that did not stop the load (a path listed twice), for the analyst to see. */
  loadCsv: { input: { sourceId: string; name: string; file: Blob }; output: { summary: SourceSummary; columns: ScoreColumns; warnings: string[] } };
  /** Keeps the columns without preparing summaries (the bootstrap worker). */
  keepColumns: { input: { sourceId: string; name?: string; columns: ScoreColumns }; output: null };
  query: { input: QueryInput; output: QueryOutput };
  choose: { input: ChooseInput; output: ChosenThreshold };
  bootstrap: { input: BootstrapInput; output: BootstrapResult };
  /** One stream of the bootstrap's replicates, with progress (the report's, split between two workers). */
  bootstrapStream: { input: BootstrapStreamInput; output: BootstrapStream };
  /** The CLI's `metrics --json` object at a fixed threshold, plus the provenance. */
  report: { input: ReportInput; output: Record<string, unknown> };
  /** Counted rates with exact intervals at a threshold, and the profile's verdicts on them. */
  certify: { input: CertifyInput; output: CertifyOutput };
  /** The evaluation report's HTML page (`fullEvaluation` with bootstrap intervals, then the page): seconds at 10⁶ scores, so the bootstrap worker's. */
  evaluationReport: { input: EvaluationReportInput; output: Blob };
  /** The paired comparison of two runs on their common samples (`uad compare` on their exported scores): the bootstrap worker's. */
  paired: { input: PairedInput; output: PairedOutput };
  /** BPCER and pooled APCER at a τ: O(log m) on the split's index. */
  ratesAt: { input: RatesAtInput; output: RatesAtOutput };
  drop: { input: { sourceId: string }; output: null };
}

export type RequestKind = keyof WorkerRequests;

export interface WorkerRequest<K extends RequestKind = RequestKind> {
  id: number;
  kind: K;
  input: WorkerRequests[K]['input'];
}

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string };

/** What the worker posts: a reply, or while a request runs (bootstrapStream) how far it is. */
export type WorkerMessage = WorkerReply | { id: number; progress: { done: number; total: number } };

/** The buffers of a bootstrap stream's replicate values, for the transfer list. */
export function streamBuffers(stream: BootstrapStream): ArrayBuffer[] {
  return stream.values.map((v) => v.buffer as ArrayBuffer);
}

/** The buffers of a columns object, for the transfer list. */
export function columnBuffers(columns: ScoreColumns): ArrayBuffer[] {
  const arrays = [columns.scores, columns.labels, columns.speciesCodes, columns.splitCodes, columns.identityCodes, columns.classCodes];
  return arrays.filter((a) => a !== undefined).map((a) => a.buffer as ArrayBuffer);
}

/** A copy whose buffers can be transferred while the original stays usable. */
export function copyColumns(columns: ScoreColumns): ScoreColumns {
  return {
    ...columns,
    scores: columns.scores.slice(),
    labels: columns.labels.slice(),
    speciesCodes: columns.speciesCodes.slice(),
    splitCodes: columns.splitCodes.slice(),
    ...(columns.identityCodes ? { identityCodes: columns.identityCodes.slice() } : {}),
    ...(columns.classCodes ? { classCodes: columns.classCodes.slice() } : {}),
  };
}
