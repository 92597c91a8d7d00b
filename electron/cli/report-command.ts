// `uad report`: writes the self-contained evaluation report (HTML) for a scores CSV, with the threshold
// chosen on a dev file, a readiness profile and the leakage check. Node side (CLI): files and hashes
// here; every number comes from common/metrics via common/report (the Evaluation tab's export too).
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  CRITERION_NAMES,
  fullEvaluationWith,
  MAX_BOOTSTRAP_REPLICATES,
  MetricsInputError,
  parseCriterion,
  parseScoresCsv,
  ProfileError,
  ScoresCsvError,
  sortedScoreLabelBytes,
  ThresholdIndex,
  type FullEvaluation,
  type ParsedScoresCsv,
  type ThresholdCriterion,
} from '../../common/metrics/index.js';
import { evaluationReportHtml, type DataProvenance } from '../../common/report/evaluation-report.js';
import { appVersion } from '../base/paths.js';
import { bootstrapProgress } from './bootstrap-progress.js';
import { runBootstrap } from './bootstrap-threads.js';
import { InputFileError, loadProfile, PROFILE_HELP, readText } from './evaluation-inputs.js';
import { escapeForDisplay as shown, jsonForDisplay } from '../../common/display-text.js';

const USAGE = `usage: uad report --scores TEST.csv [--dev DEV.csv] [--train TRAIN.csv] [--profile NAME]
         [--threshold T | --criterion ${CRITERION_NAMES.join('|')}] --out report.html
         [--model MODEL.onnx | --model-sha256 HEX] [--bootstrap N] [--seed S] [--by sample|identity]
         [--examiner NAME] [--json]

  Writes one self-contained HTML page (no network, print-ready): provenance (model and data hashes,
  the threshold and how it was chosen), every ISO/IEC 30107-3 rate with its exact (Clopper-Pearson)
  and bootstrap 95 % intervals, presentation / adversarial / digital attacks, DET per species, the
  profile checklist (${PROFILE_HELP}; indicative, not a certification), identity leakage between the
  files given, the non-responses and a sign-off block. The numbers are those of \`uad metrics\` on the same files.

  --bootstrap N   replicates for the bootstrap intervals (default 1000; 0 for none), --seed S (default 0),
                  --by identity (default when the file has identities) or sample
  --examiner NAME the examiner named in the sign-off block (default: a blank line to write the name on)
  --json          print a JSON summary of what was written instead of a sentence

examples:
  uad report --scores test.csv --dev dev.csv --criterion eer --out report.html
  uad report --scores test.csv --threshold 0.5 --profile ibeta-level1 --model m.onnx --out report.html

exit status: 0 written, 1 bad data or unwritable output, 2 bad usage`;

class UsageError extends Error {}

async function readData(path: string): Promise<{ data: ParsedScoresCsv; provenance: DataProvenance }> {
  const text = await readText(path);
  const data = parseScoresCsv(text, path);
  let index: ThresholdIndex;
  try {
    index = ThresholdIndex.build(data);
  } catch (error) {
    if (error instanceof MetricsInputError) throw new InputFileError(`${path}: ${error.message}`);
    throw error;
  }
  const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
  return { data, provenance: { description: path, fileSha256: sha(text), scoreLabelSha256: sha(sortedScoreLabelBytes(index)) } };
}

/** The command line, checked: the files, the threshold criterion, the bootstrap and the model identity asked for. */
interface ReportOptions {
  scores: string;
  out: string;
  dev?: string;
  train?: string;
  profile?: string;
  model?: string;
  modelSha256?: string;
  criterion: ThresholdCriterion;
  replicates: number;
  seed: number;
  by?: 'sample' | 'identity';
  examiner?: string;
  json: boolean;
}

/** Parses and checks the arguments; null when --help was answered. Throws UsageError (or TypeError from parseArgs). */
function parseReportArgs(argv: string[]): ReportOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      scores: { type: 'string' }, dev: { type: 'string' }, train: { type: 'string' }, profile: { type: 'string' },
      threshold: { type: 'string' }, criterion: { type: 'string' }, out: { type: 'string' }, model: { type: 'string' },
      'model-sha256': { type: 'string' }, bootstrap: { type: 'string' }, seed: { type: 'string' }, by: { type: 'string' }, examiner: { type: 'string' },
      json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return null;
  }
  if (values.scores === undefined || values.out === undefined) throw new UsageError('--scores and --out are required');
  if (values.threshold !== undefined && values.criterion !== undefined) throw new UsageError('give --threshold or --criterion, not both');
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !Number.isFinite(threshold)) throw new UsageError(`--threshold '${values.threshold}' is not a finite number`);
  const criterion = parseCriterion(values.criterion ?? (threshold === undefined ? 'eer' : 'fixed'), threshold);
  const replicates = Number(values.bootstrap ?? '1000');
  const seed = Number(values.seed ?? '0');
  if (!Number.isInteger(replicates) || replicates < 0 || replicates === 1 || replicates > MAX_BOOTSTRAP_REPLICATES) {
    throw new UsageError(`--bootstrap '${values.bootstrap}' must be 0 or an integer from 2 to ${MAX_BOOTSTRAP_REPLICATES}`);
  }
  if (!Number.isInteger(seed)) throw new UsageError(`--seed '${values.seed}' must be an integer`);
  if (values.by !== undefined && values.by !== 'sample' && values.by !== 'identity') throw new UsageError(`--by '${values.by}' must be sample or identity`);
  if (values.model !== undefined && values['model-sha256'] !== undefined) throw new UsageError('give --model or --model-sha256, not both');
  if (values['model-sha256'] !== undefined && !/^[0-9a-f]{64}$/i.test(values['model-sha256'])) throw new UsageError('--model-sha256 must be 64 hex digits');
  return {
    scores: values.scores, out: values.out, dev: values.dev, train: values.train, profile: values.profile,
    model: values.model, modelSha256: values['model-sha256'], criterion, replicates, seed, by: values.by as 'sample' | 'identity' | undefined,
    examiner: values.examiner, json: values.json === true,
  };
}

/** The model the scores came from: the hash of the file given, or the hash given; null when neither was. */
async function modelIdentity(o: ReportOptions): Promise<{ name?: string; sha256: string } | null> {
  if (o.model !== undefined) {
    const bytes = await readFile(o.model).catch(() => {
      throw new InputFileError(`cannot read the model '${o.model}'`);
    });
    return { name: o.model, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  return o.modelSha256 === undefined ? null : { sha256: o.modelSha256.toLowerCase() };
}

/** Reads the files, evaluates (common/metrics) and writes the page; returns the evaluation. */
async function writeReport(o: ReportOptions): Promise<FullEvaluation> {
  const scores = await readData(o.scores);
  const dev = o.dev === undefined ? undefined : await readData(o.dev);
  const train = o.train === undefined ? undefined : await readData(o.train);
  const profile = o.profile === undefined ? undefined : await loadProfile(o.profile);
  const model = await modelIdentity(o);
  const full = await fullEvaluationWith({
    scores: { data: scores.data, description: o.scores },
    dev: dev === undefined ? undefined : { data: dev.data, description: o.dev! },
    train: train === undefined ? undefined : { data: train.data, description: o.train! },
    criterion: o.criterion,
    profile,
    bootstrap: o.replicates === 0 ? undefined : { replicates: o.replicates, seed: o.seed, resample: o.by, onProgress: bootstrapProgress('uad report', o.replicates, scores.data.scores.length) },
  }, runBootstrap); // the bootstrap's streams on worker threads when it is large
  const html = evaluationReportHtml(full, {
    generatedAt: new Date().toISOString(),
    generator: `UAD Workbench ${appVersion()} (uad report)`,
    scores: scores.provenance,
    dev: dev?.provenance,
    train: o.train === undefined ? undefined : { description: o.train },
    model,
    examiner: o.examiner,
  });
  try {
    // whole or not at all: a cancelled or failed write leaves no half report under the asked name
    const partial = `${o.out}.${process.pid}.partial`;
    await writeFile(partial, html);
    await rename(partial, o.out);
  } catch (error) {
    throw new InputFileError(`cannot write '${o.out}': ${(error as Error).message}`);
  }
  return full;
}

/** What was written: one JSON object (--json) or one sentence. */
function printSummary(o: ReportOptions, full: FullEvaluation): void {
  const summary = { out: o.out, threshold: full.report.operatingPoint.provenance.threshold, non_responses: full.counted.nonResponses.length, profile: full.profile === null ? null : full.profile.summary, leakage_warnings: full.leakage?.warnings.length ?? 0 };
  if (o.json) console.log(jsonForDisplay(summary));
  else console.log(`wrote ${shown(o.out)} (threshold ${summary.threshold}, ${summary.non_responses} non-responses${full.profile === null ? '' : `, profile ${shown(full.profile.profile.id)}: ${full.profile.summary.pass} pass, ${full.profile.summary.fail} fail, ${full.profile.summary.insufficient} insufficient`})`);
}

export async function runReportCommand(argv: string[]): Promise<number> {
  let options: ReportOptions | null;
  try {
    options = parseReportArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof MetricsInputError) && !(error instanceof TypeError)) throw error;
    console.error(`uad report: ${shown(error.message)}\n\n${USAGE}`);
    return 2;
  }
  if (options === null) return 0;
  try {
    printSummary(options, await writeReport(options));
    return 0;
  } catch (error) {
    if (error instanceof ScoresCsvError || error instanceof InputFileError || error instanceof ProfileError || error instanceof MetricsInputError) {
      console.error(`uad report: ${shown(error.message)}`);
      return 1;
    }
    throw error;
  }
}
