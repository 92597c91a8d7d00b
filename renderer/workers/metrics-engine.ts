// The metrics worker's state and requests: score sets by source and split, their threshold indexes,
// and every computation the evaluation view asks for. Renderer (runs inside the Web Worker; no DOM).
import {
  bootstrapConfidenceIntervals,
  bootstrapFromStreams,
  bootstrapStream,
  certificationRates,
  chooseThreshold,
  comparePaired,
  confusionAt,
  evaluateProfile,
  evaluateScores,
  fullEvaluation,
  fullEvaluationWith,
  metricsReportJson,
  pairByPath,
  parseCriterion,
  parseScoresCsv,
  type BootstrapResult,
  type BootstrapStream,
  type ErrorRates,
  type ParsedScoresCsv,
  type ThresholdIndex,
} from '../../common/metrics/index';
import { evaluationReportHtml } from '../../common/report/evaluation-report';
import type {
  BootstrapInput,
  BootstrapStreamInput,
  CertifyInput,
  CertifyOutput,
  ChooseInput,
  ChosenThreshold,
  ComparisonRow,
  EvaluationReportInput,
  PairedInput,
  PairedOutput,
  PlainRates,
  QueryInput,
  QueryOutput,
  RatesAtInput,
  RatesAtOutput,
  ReportInput,
  ScoreColumns,
  SourceSummary,
  WorkerRequests,
} from './metrics-protocol';
import { copyColumns } from './metrics-protocol';
import { scoreLabelHash } from './score-hash';
import { ALL_SPLITS, prepareSplits, splitPaths, type PreparedSplit } from './split-data';
import { summariseSplit } from './split-summary';

interface Source {
  name: string;
  splits: Map<string, PreparedSplit>;
  hashes: Map<string, Promise<string>>;
  /** The columns' paths, splits and split names: what pairs its samples with another run's. */
  pathing?: Pick<ScoreColumns, 'paths' | 'splitCodes' | 'splitNames'>;
}

export function plainRates(rates: ErrorRates, speciesNames: readonly string[]): PlainRates {
  return { ...rates, apcerBySpecies: Array.from(rates.apcerBySpecies), speciesNames: [...speciesNames] };
}

export class MetricsEngine {
  private readonly sources = new Map<string, Source>();
  /** Criterion thresholds by source, split and criterion (min-HTER scans every distinct score). */
  private readonly chosen = new Map<string, number>();
  /** AUC, EER and BPCER20/100 by source and split, for the comparison rows. */
  private readonly numbers = new Map<string, { auc: number; eer: number; bpcer20: number; bpcer100: number }>();

  async loadColumns({ sourceId, name, columns }: WorkerRequests['loadColumns']['input']): Promise<SourceSummary> {
    const splits = prepareSplits(columns);
    this.replace(sourceId, { name, splits, hashes: new Map(), pathing: { paths: columns.paths, splitCodes: columns.splitCodes, splitNames: columns.splitNames } });
    const summaries = [];
    for (const prepared of splits.values()) summaries.push(await summariseSplit(prepared));
    return { sourceId, name, samples: columns.scores.length, splits: summaries };
  }

  /** Reads a scores CSV with the CLI's parser (same rows, same errors with line numbers). */
  async loadCsv({ sourceId, name, file }: WorkerRequests['loadCsv']['input']): Promise<WorkerRequests['loadCsv']['output']> {
    const parsed = parseScoresCsv(await file.text(), name);
    const columns: ScoreColumns = {
      scores: parsed.scores,
      labels: parsed.labels,
      speciesCodes: parsed.speciesCodes,
      speciesNames: [...parsed.speciesNames],
      splitCodes: new Uint8Array(parsed.scores.length),
      splitNames: [''],
      ...(parsed.identityCodes && parsed.identityNames ? { identityCodes: parsed.identityCodes, identityNames: [...parsed.identityNames] } : {}),
      classCodes: parsed.classCodes,
      nonResponses: parsed.nonResponses.map((n) => ({ ...n, split: '' })),
      questionedBySplit: { '': parsed.questioned },
      outOfDomainBySplit: { '': parsed.outOfDomain },
      outOfDomainDecidedByScore: parsed.outOfDomainDecidedByScore,
      paths: [...parsed.paths],
    };
    const summary = await this.loadColumns({ sourceId, name, columns });
    return { summary, columns: copyColumns(columns), warnings: [...parsed.warnings] };
  }

  /** The bootstrap worker keeps only the subsets: no index, no curves. */
  keepColumns({ sourceId, name, columns }: WorkerRequests['keepColumns']['input']): null {
    this.replace(sourceId, { name: name ?? sourceId, splits: prepareSplits(columns, false), hashes: new Map(), pathing: { paths: columns.paths, splitCodes: columns.splitCodes, splitNames: columns.splitNames } });
    return null;
  }

  drop({ sourceId }: { sourceId: string }): null {
    this.replace(sourceId, null);
    return null;
  }

  has(sourceId: string): boolean {
    return this.sources.has(sourceId);
  }

  query(input: QueryInput): QueryOutput {
    const index = this.index(input.primaryId, input.split);
    const confusion = confusionAt(index, input.threshold);
    const ids = [input.primaryId, ...input.compareIds.filter((id) => id !== input.primaryId)];
    return {
      threshold: input.threshold,
      split: input.split,
      rates: plainRates(index.ratesAt(input.threshold), index.speciesNames),
      confusion: { rowNames: [...confusion.rowNames], calledBonaFide: Array.from(confusion.calledBonaFide), calledAttack: Array.from(confusion.calledAttack) },
      comparison: ids.map((id) => this.comparisonRow(id, input)),
    };
  }

  /** BPCER and pooled APCER of one run on a split at a τ (a model's own τ, drawn on its curve). */
  ratesAt({ sourceId, split, threshold }: RatesAtInput): RatesAtOutput {
    const rates = this.index(sourceId, split).ratesAt(threshold);
    return { threshold, bpcer: rates.bpcer, apcerPooled: rates.apcerPooled };
  }

  async choose({ sourceId, split, criterion }: ChooseInput): Promise<ChosenThreshold> {
    const index = this.index(sourceId, split);
    const provenance = chooseThreshold(index, parseCriterion(criterion), `${this.source(sourceId).name} · ${split}`);
    return { provenance, dataHash: await this.dataHash(sourceId, split) };
  }

  bootstrap(input: BootstrapInput): BootstrapResult {
    const prepared = this.prepared(input.sourceId, input.split);
    return bootstrapConfidenceIntervals(prepared.data, { replicates: input.replicates, seed: input.seed, resample: input.resample, threshold: input.threshold });
  }

  /** One stream of the bootstrap of bootstrap(input); progress counts its own replicates. */
  bootstrapStream(input: BootstrapStreamInput, onProgress?: (done: number, total: number) => void): BootstrapStream {
    const prepared = this.prepared(input.sourceId, input.split);
    return bootstrapStream(prepared.data, { replicates: input.replicates, seed: input.seed, resample: input.resample, threshold: input.threshold, ...(onProgress ? { onProgress } : {}) }, input.stream);
  }

  /** The counted rates of `uad metrics --threshold T --profile P` for this split: O(n), off the UI thread. */
  certify({ sourceId, split, threshold, nonResponses, profile }: CertifyInput): CertifyOutput {
    const counted = certificationRates({ ...this.prepared(sourceId, split).data, nonResponses }, threshold);
    return { counted, profile: profile === null ? null : evaluateProfile(profile, counted) };
  }

  /** The CLI's `uad metrics --threshold T --json` object for this split, with provenance and data hash. */
  async report({ sourceId, split, threshold, provenance }: ReportInput): Promise<Record<string, unknown>> {
    const index = this.index(sourceId, split);
    const report = evaluateScores({ scores: index, scoresDescription: `${this.source(sourceId).name} · ${split}`, criterion: { kind: 'fixed', threshold } });
    return { ...metricsReportJson(report), source: this.source(sourceId).name, split, data_hash: await this.dataHash(sourceId, split), provenance };
  }

  /**
   * The evaluation report page (HTML) of this split at a fixed threshold: the same `fullEvaluation` as
   * `uad report` (bootstrap intervals included), with the caller's leakage and provenance. Needs only
   * the split's scores, so the bootstrap worker (which keeps no index) answers it.
   */
  async evaluationReport({ sourceId, split, threshold, description, nonResponses, profile, bootstrap, leakage, comparisons, provenance, bootstrapStreams }: EvaluationReportInput): Promise<Blob> {
    const input = {
      scores: { data: { ...this.prepared(sourceId, split).data, nonResponses }, description },
      criterion: { kind: 'fixed', threshold } as const,
      profile: profile ?? undefined,
      bootstrap,
    };
    // the streams run apart (bootstrapStream) give the intervals the bootstrap here would: the same seeded streams
    const full = bootstrapStreams
      ? await fullEvaluationWith(input, (data, options) => Promise.resolve(bootstrapFromStreams(data, options, bootstrapStreams)))
      : fullEvaluation(input);
    // A Blob crosses to the UI thread by reference: the page (megabytes at 10⁶ scores) is not copied or encoded there.
    return new Blob([evaluationReportHtml({ ...full, leakage }, provenance, {}, comparisons ?? [])], { type: 'text/html' });
  }

  /**
   * The paired comparison of run B against run A on the samples both scored in the evaluated split (matched by
   * path; samples of only one run left out and counted), each at its own τ: `uad compare --intersect` on the
   * two runs' exported scores of that split, the same numbers (common/metrics/paired-comparison.ts).
   */
  paired({ a, b, split, replicates, seed, resample }: PairedInput): PairedOutput {
    const side = (sourceId: string): ParsedScoresCsv => {
      const splitName = this.comparableSplit(sourceId, split);
      const { data } = this.prepared(sourceId, splitName);
      const pathing = this.source(sourceId).pathing;
      const paths = pathing ? splitPaths(pathing as ScoreColumns, splitName) : null;
      if (!paths) throw new Error(`${this.source(sourceId).name} has no sample paths: a paired comparison matches samples by path`);
      const n = data.scores.length;
      return {
        ...data, speciesCodes: data.speciesCodes as Uint32Array, speciesNames: data.speciesNames ?? [], paths, rowLines: Uint32Array.from(paths, (_, i) => i + 1), classCodes: (data as { classCodes?: Uint8Array }).classCodes ?? new Uint8Array(n),
        hasSpeciesColumn: true, nonResponses: [], warnings: [], questioned: 0, outOfDomain: 0, outOfDomainDecidedByScore: false,
      };
    };
    const nameA = this.source(a.sourceId).name;
    const nameB = this.source(b.sourceId).name;
    const pairing = pairByPath(side(a.sourceId), side(b.sourceId), { a: nameA, b: nameB }, true);
    const comparison = comparePaired(pairing.data, a.threshold, b.threshold, { replicates, seed, resample });
    return { a: nameA, b: nameB, onlyA: pairing.onlyA, onlyB: pairing.onlyB, comparison };
  }

  private comparisonRow(id: string, input: QueryInput): ComparisonRow {
    const name = this.sources.get(id)?.name ?? id;
    const split = this.comparableSplit(id, input.split);
    const empty = { sourceId: id, name, split, auc: NaN, eer: NaN, bpcer20: NaN, bpcer100: NaN, threshold: NaN, thresholdSays: '', rates: null };
    try {
      const index = this.index(id, split);
      const { threshold, says } = this.ownThreshold(id, input, split);
      const summary = this.summaryNumbers(id, split, index);
      return { ...empty, ...summary, threshold, thresholdSays: says, rates: plainRates(index.ratesAt(threshold), index.speciesNames), error: null };
    } catch (error) {
      return { ...empty, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * A run's own operating point (ARCHITECTURE.md §11): each run is decided at its own τ, never at another's.
   * The primary under a fixed τ: the analyst's τ. A criterion: chosen on the run's own source split. Another
   * run under a fixed τ: its newest saved threshold, else its own EER threshold on its source split.
   */
  private ownThreshold(id: string, input: QueryInput, split: string): { threshold: number; says: string } {
    const sourceSplit = this.sourceSplitOf(id, input, split);
    if (input.criterion === 'fixed') {
      if (id === input.primaryId) return { threshold: input.threshold, says: 'the operating point' };
      const saved = input.savedThresholds?.[id];
      if (saved !== undefined) return { threshold: saved.value, says: saved.says };
      return { threshold: this.criterionThreshold(id, sourceSplit, 'eer'), says: `EER on its ${sourceSplit} (no saved τ)` };
    }
    return { threshold: this.criterionThreshold(id, sourceSplit, input.criterion), says: `${input.criterion} on its ${sourceSplit}` };
  }

  /** The criterion's source split for one run: the chosen one when the run has it, else its evaluated split. */
  private sourceSplitOf(id: string, input: QueryInput, evaluated: string): string {
    return this.source(id).splits.get(input.sourceSplit)?.index ? input.sourceSplit : evaluated;
  }

  /** The split of a run compared with the primary's `split`: the same, or 'all' for a run without splits (a scores file). */
  private comparableSplit(id: string, split: string): string {
    const splits = this.sources.get(id)?.splits;
    return splits && !splits.has(split) && splits.size === 1 && splits.has(ALL_SPLITS) ? ALL_SPLITS : split;
  }

  private summaryNumbers(id: string, split: string, index: ThresholdIndex) {
    const key = `${id}\u0000${split}`;
    let numbers = this.numbers.get(key);
    if (!numbers) {
      const report = evaluateScores({ scores: index, scoresDescription: split, criterion: { kind: 'fixed', threshold: 0 } });
      numbers = { auc: report.auc, eer: report.eer.eer, bpcer20: report.bpcerAtApcer[0]!.point.rates.bpcer, bpcer100: report.bpcerAtApcer[1]!.point.rates.bpcer };
      this.numbers.set(key, numbers);
    }
    return numbers;
  }

  private criterionThreshold(id: string, split: string, criterion: string): number {
    const key = `${id}\u0000${split}\u0000${criterion}`;
    let threshold = this.chosen.get(key);
    if (threshold === undefined) {
      threshold = chooseThreshold(this.index(id, split), parseCriterion(criterion), split).threshold;
      this.chosen.set(key, threshold);
    }
    return threshold;
  }

  private dataHash(sourceId: string, split: string): Promise<string> {
    const source = this.source(sourceId);
    let hash = source.hashes.get(split);
    if (!hash) {
      hash = scoreLabelHash(this.index(sourceId, split));
      source.hashes.set(split, hash);
    }
    return hash;
  }

  private replace(sourceId: string, source: Source | null): void {
    for (const cache of [this.chosen, this.numbers]) {
      for (const key of cache.keys()) if (key.startsWith(`${sourceId}\u0000`)) cache.delete(key);
    }
    if (source) this.sources.set(sourceId, source);
    else this.sources.delete(sourceId);
  }

  private source(sourceId: string): Source {
    const source = this.sources.get(sourceId);
    if (!source) throw new Error(`no scores loaded for '${sourceId}'`);
    return source;
  }

  private prepared(sourceId: string, split: string): PreparedSplit {
    const prepared = this.source(sourceId).splits.get(split);
    if (!prepared) throw new Error(`${this.source(sourceId).name} has no split '${split}'`);
    return prepared;
  }

  private index(sourceId: string, split: string): ThresholdIndex {
    const prepared = this.prepared(sourceId, split);
    if (!prepared.index) throw new Error(`${this.source(sourceId).name} · ${split}: ${prepared.unusable ?? 'not evaluable'}`);
    return prepared.index;
  }
}
