// `uad metrics`: ISO/IEC 30107-3 error rates, AUC/EER, ROC and thresholds from a scores CSV.
// Node side (headless CLI, no Electron): reads files, delegates all maths to common/metrics.

import { DECISION_RULE } from '../../common/metrics/decision.js';
import {
  certificationJson,
  CRITERION_NAMES,
  MAX_BOOTSTRAP_REPLICATES,
  fullEvaluationWith,
  leakageJson,
  MetricsInputError,
  metricsReportJson,
  parseCriterion,
  ProfileError,
  profileResultJson,
  ScoresCsvError,
  validateLabelledScores,
  type BootstrapResult,
  type Interval,
  type MetricsReport,
  type ParsedScoresCsv,
  type ThresholdCriterion,
} from '../../common/metrics/index.js';
import { bootstrapProgress } from './bootstrap-progress.js';
import { runBootstrap } from './bootstrap-threads.js';
import { formatCertification } from './certification-table.js';
import { InputFileError, loadProfile, PROFILE_HELP, readScores } from './evaluation-inputs.js';
import { escapeForDisplay as shown, jsonForDisplay } from '../../common/display-text.js';
import { formatRate, formatRateInterval, formatThreshold } from '../../common/format/figures.js';

const USAGE = `usage: uad metrics --scores FILE.csv [--dev DEV.csv] [--train TRAIN.csv]
         [--criterion ${CRITERION_NAMES.join('|')}] [--threshold T] [--json]
         [--bootstrap N [--seed S] [--by sample|identity]] [--profile NAME] [--decide-out-of-domain-by-score]

  --scores FILE   scores to evaluate: CSV with header score,label[,species][,identity][,class][,path][,status]
                  (any column order, other columns ignored); label 1 = attack, 0 = bona fide;
                  higher score = more likely attack; a sample is called attack when score >= T;
                  class: presentation|adversarial|digital (or 1|2|3; else taken from the path);
                  a row whose status is not 'ok' (unreadable, no-face, skipped) is a non-response;
                  a row whose label is empty, ? or unknown is questioned: left out of every rate, counted;
                  a row whose in_domain is false is inconclusive: a non-response unless
  --decide-out-of-domain-by-score  decides rows outside the model's domain by their score
  --dev FILE      choose the criterion's threshold on this file and apply it to --scores
                  (without --dev it is chosen on the --scores file itself)
  --criterion C   eer (default), min-hter, bpcer20 / bpcer100 (highest threshold with worst-species
                  APCER <= 5 % / 1 %), apcer20 / apcer100 (lowest threshold with BPCER <= 5 % / 1 %),
                  fixed (needs --threshold)
  --threshold T   evaluate at T (implies --criterion fixed)
  --train FILE    a training scores/identity CSV, read only to count identities shared between splits
  --profile NAME  check the rates against a readiness profile (${PROFILE_HELP});
                  indicative, not a certification
  --json          print one JSON object instead of the table (rates as fractions in [0, 1])
  --bootstrap N   add seeded bootstrap 95 % intervals (N replicates) for AUC, EER and the rates
  --seed S        bootstrap seed (integer, default 0)
  --by MODE       bootstrap resampling: sample (stratified, default) or identity

examples:
  uad metrics --scores test.csv
  uad metrics --scores test.csv --dev dev.csv --criterion bpcer20 --bootstrap 1000 --json
  uad metrics --scores test.csv --threshold 0.5 --profile ibeta-level1

exit status: 0 ok, 1 bad data (unreadable file, bad CSV, one class only), 2 bad usage`;

interface MetricsArguments {
  scoresPath: string;
  devPath?: string;
  trainPath?: string;
  profile?: string;
  criterion: ThresholdCriterion;
  json: boolean;
  decideOutOfDomainByScore: boolean;
  bootstrap?: { replicates: number; seed: number; resample: 'sample' | 'identity' };
}

class UsageError extends Error {}

/** Runs the command; returns the process exit code (0 ok, 1 data error, 2 usage error). */
export async function runMetricsCommand(argv: string[]): Promise<number> {
  let args: MetricsArguments | 'help';
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof MetricsInputError)) throw error;
    console.error(`uad metrics: ${shown(error.message)}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  try {
    const csvOptions = { decideOutOfDomainByScore: args.decideOutOfDomainByScore };
    const scores = await readScores(args.scoresPath, csvOptions);
    let dev: ParsedScoresCsv | undefined;
    if (args.devPath !== undefined) {
      if (args.criterion.kind === 'fixed') console.error('uad metrics: note: --dev is not used to choose a fixed threshold (only for the leakage check)');
      dev = await readScores(args.devPath, csvOptions);
    }
    const train = args.trainPath === undefined ? undefined : await readScores(args.trainPath);
    const profile = args.profile === undefined ? undefined : await loadProfile(args.profile);
    validateNamingFile(scores, args.scoresPath);
    if (dev !== undefined && args.devPath !== undefined && args.criterion.kind !== 'fixed') validateNamingFile(dev, args.devPath);
    const full = await evaluateNamingFile(() =>
      fullEvaluationWith({
        scores: { data: scores, description: args.scoresPath },
        dev: dev === undefined || args.devPath === undefined ? undefined : { data: dev, description: args.devPath },
        train: train === undefined || args.trainPath === undefined ? undefined : { data: train, description: args.trainPath },
        criterion: args.criterion,
        profile,
        bootstrap: args.bootstrap === undefined ? undefined : { ...args.bootstrap, onProgress: bootstrapProgress('uad metrics', args.bootstrap.replicates, scores.scores.length) },
      }, runBootstrap), // the bootstrap's streams on worker threads when it is large
    );
    const { report, bootstrap } = full;
    if (args.json) {
      const json: Record<string, unknown> = { ...metricsReportJson(report), ...certificationJson(full.counted) };
      if (bootstrap !== null) {
        json.bootstrap = bootstrapJson(bootstrap);
        json.ci_bootstrap = bootstrapCiJson(bootstrap);
      }
      if (full.profile !== null) json.profile = profileResultJson(full.profile);
      if (full.leakage !== null) json.leakage = leakageJson(full.leakage);
      process.stdout.write(`${jsonForDisplay(json)}\n`);
    } else {
      process.stdout.write(formatTable(report, bootstrap ?? undefined, scores.questioned));
      if (scores.outOfDomain > 0) {
        process.stdout.write(args.decideOutOfDomainByScore
          ? `Out of domain: ${scores.outOfDomain} samples decided by score (--decide-out-of-domain-by-score); without it they are non-responses.\n`
          : `Out of domain: ${scores.outOfDomain} samples are inconclusive, counted as non-responses (APNRR / BPNRR); --decide-out-of-domain-by-score would decide them by score.\n`);
      }
      process.stdout.write(`${formatCertification(full).join('\n')}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ScoresCsvError || error instanceof DataError || error instanceof InputFileError || error instanceof ProfileError) {
      console.error(`uad metrics: ${shown(error.message)}`);
      return 1;
    }
    throw error;
  }
}

class DataError extends Error {}

function parseArguments(argv: string[]): MetricsArguments | 'help' {
  const values = new Map<string, string>();
  let json = false;
  let decideOutOfDomainByScore = false;
  const valued = new Set(['--scores', '--dev', '--train', '--profile', '--criterion', '--threshold', '--bootstrap', '--seed', '--by']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--json') {
      json = true;
      continue;
    }
    if (arg === '--decide-out-of-domain-by-score') {
      decideOutOfDomainByScore = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const name = equals > 0 ? arg.slice(0, equals) : arg;
    if (!valued.has(name)) throw new UsageError(`unknown argument '${arg}'`);
    const value = equals > 0 ? arg.slice(equals + 1) : argv[++i];
    if (value === undefined || value === '' || (equals < 0 && value.startsWith('--'))) throw new UsageError(`${name} needs a value`);
    if (values.has(name)) throw new UsageError(`${name} given twice`);
    values.set(name, value);
  }
  const scoresPath = values.get('--scores');
  if (scoresPath === undefined) throw new UsageError('--scores FILE.csv is required');

  const thresholdText = values.get('--threshold');
  const threshold = thresholdText === undefined ? undefined : Number(thresholdText);
  if (threshold !== undefined && !Number.isFinite(threshold)) throw new UsageError(`--threshold '${thresholdText}' is not a finite number`);
  const criterionText = values.get('--criterion') ?? (threshold !== undefined ? 'fixed' : 'eer');
  const criterion = parseCriterion(criterionText, threshold);
  if (threshold !== undefined && criterion.kind !== 'fixed') {
    throw new UsageError(`--threshold evaluates at a fixed threshold; it cannot be combined with --criterion ${criterionText}`);
  }

  let bootstrap: MetricsArguments['bootstrap'];
  const replicatesText = values.get('--bootstrap');
  if (replicatesText !== undefined) {
    const replicates = Number(replicatesText);
    if (!Number.isInteger(replicates) || replicates < 2 || replicates > MAX_BOOTSTRAP_REPLICATES) {
      throw new UsageError(`--bootstrap '${replicatesText}' must be an integer from 2 to ${MAX_BOOTSTRAP_REPLICATES}`);
    }
    const seed = Number(values.get('--seed') ?? '0');
    if (!Number.isInteger(seed)) throw new UsageError(`--seed '${values.get('--seed')}' must be an integer`);
    const resample = values.get('--by') ?? 'sample';
    if (resample !== 'sample' && resample !== 'identity') throw new UsageError(`--by '${resample}' must be sample or identity`);
    bootstrap = { replicates, seed, resample };
  } else if (values.has('--seed') || values.has('--by')) {
    throw new UsageError('--seed and --by only apply with --bootstrap N');
  }
  return { scoresPath, devPath: values.get('--dev'), trainPath: values.get('--train'), profile: values.get('--profile'), criterion, json, decideOutOfDomainByScore, bootstrap };
}

/** Checks one file's scores (both classes, finite scores), naming the file in the error. */
function validateNamingFile(data: ParsedScoresCsv, path: string): void {
  try {
    validateLabelledScores(data);
  } catch (error) {
    if (error instanceof MetricsInputError) throw new DataError(`${path}: ${error.message}`);
    throw error;
  }
}

/** Runs the evaluation, turning the library's whole-file data errors (one class, …) into DataError. */
async function evaluateNamingFile<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MetricsInputError) throw new DataError(error.message);
    throw error;
  }
}

/** The bootstrap intervals in the `ci` shape ({method, low, high}) of the counted rates. */
function bootstrapCiJson(result: BootstrapResult): Record<string, unknown> {
  const method = `bootstrap-${result.resample}`;
  const ci = (i: Interval) => ({ method, level: result.level, low: i.lower, high: i.upper });
  const at = result.atThreshold;
  return {
    auc: ci(result.auc),
    eer: ci(result.eer),
    ...(at === undefined ? {} : { apcer_ap: ci(at.apcerMax), apcer_pooled: ci(at.apcerPooled), bpcer: ci(at.bpcer), acer: ci(at.acer), hter: ci(at.hter) }),
  };
}

function bootstrapJson(result: BootstrapResult): Record<string, unknown> {
  const interval = (i: Interval) => ({ estimate: i.estimate, lower: i.lower, upper: i.upper, standard_error: i.standardError });
  const atThreshold = result.atThreshold;
  return {
    replicates: result.replicates,
    seed: result.seed,
    level: result.level,
    resample: result.resample,
    redrawn_replicates: result.redrawnReplicates,
    auc: interval(result.auc),
    eer: interval(result.eer),
    ...(atThreshold === undefined
      ? {}
      : {
          at_threshold: {
            threshold: atThreshold.threshold,
            apcer_max: interval(atThreshold.apcerMax),
            apcer_pooled: interval(atThreshold.apcerPooled),
            bpcer: interval(atThreshold.bpcer),
            acer: interval(atThreshold.acer),
            hter: interval(atThreshold.hter),
          },
        }),
  };
}

const percent = formatRate;
const number = formatThreshold;

function formatTable(report: MetricsReport, bootstrap: BootstrapResult | undefined, questioned: number): string {
  const { operatingPoint } = report;
  const { provenance, rates, appliedTo } = operatingPoint;
  const lines: string[] = [];
  lines.push(`Scores: ${appliedTo.description}: ${appliedTo.samples} samples (${appliedTo.attacks} attacks in ${report.speciesNames.length} species, ${appliedTo.bonaFide} bona fide)`);
  if (questioned > 0) lines.push(`Left out: ${questioned} questioned sample${questioned === 1 ? '' : 's'} (no ground truth); every rate is over the labelled samples only.`);
  if (provenance.chosenOn === null) lines.push(`Threshold: ${number(provenance.threshold)} (fixed)`);
  else if (operatingPoint.chosenOnSameData) {
    lines.push(`Threshold: ${number(provenance.threshold)} by ${provenance.criterion}, chosen on the scores file itself (no --dev; optimistic)`);
  } else {
    const source = provenance.chosenOn;
    lines.push(`Threshold: ${number(provenance.threshold)} by ${provenance.criterion}, chosen on dev ${source.description} (${source.samples} samples) and applied to ${appliedTo.description}`);
  }
  lines.push(`Decision: ${DECISION_RULE}; rates in percent.`, '');
  const ci = (interval: Interval | undefined, asPercent = true): string =>
    interval === undefined ? '' : `   [${asPercent ? formatRateInterval(interval) : `${interval.lower.toFixed(6)}–${interval.upper.toFixed(6)}`}]`;
  const row = (name: string, value: string, extra = ''): string => `  ${name.padEnd(26)}${value.padStart(10)}${extra}`;
  const at = bootstrap?.atThreshold;
  lines.push(row('AUC', report.auc.toFixed(6), ci(bootstrap?.auc, false)));
  lines.push(row('EER', percent(report.eer.eer), `   at threshold ${number(report.eer.threshold)}${ci(bootstrap?.eer)}`));
  lines.push(row('APCER (ISO, worst species)', percent(rates.apcerMax), `   ${rates.worstSpecies}${ci(at?.apcerMax)}`));
  lines.push(row('APCER (pooled)', percent(rates.apcerPooled), ci(at?.apcerPooled)));
  lines.push(row('BPCER', percent(rates.bpcer), ci(at?.bpcer)));
  lines.push(row('ACER (ISO)', percent(rates.acer), ci(at?.acer)));
  lines.push(row('ACER (pooled) = HTER', percent(rates.hter), ci(at?.hter)));
  lines.push(row('ACC', percent(rates.acc)));
  for (const { maxApcer, point } of report.bpcerAtApcer) {
    lines.push(row(`BPCER @ APCER <= ${percent(maxApcer)}`, percent(point.rates.bpcer), `   at threshold ${number(point.threshold)}`));
  }
  for (const { maxBpcer, point } of report.apcerAtBpcer) {
    lines.push(row(`APCER @ BPCER <= ${percent(maxBpcer)}`, percent(point.rates.apcerMax), `   at threshold ${number(point.threshold)} (pooled ${percent(point.rates.apcerPooled)})`));
  }
  if (bootstrap !== undefined) {
    lines.push('', `  [intervals: ${Math.round(bootstrap.level * 100)} % percentile bootstrap, ${bootstrap.replicates} replicates by ${bootstrap.resample}, seed ${bootstrap.seed}]`);
  }
  lines.push('', `  ${'Presentation'.padEnd(24)}${'samples'.padStart(9)}${'called bona fide'.padStart(18)}${'called attack'.padStart(15)}${'error'.padStart(11)}`);
  const { confusion } = report;
  for (let r = 0; r < confusion.rowNames.length; r++) {
    const total = confusion.calledBonaFide[r] + confusion.calledAttack[r];
    const errors = r === 0 ? confusion.calledAttack[r] : confusion.calledBonaFide[r];
    const label = r === 0 ? confusion.rowNames[r] : `attack: ${confusion.rowNames[r]}`;
    lines.push(`  ${label.padEnd(24)}${String(total).padStart(9)}${String(confusion.calledBonaFide[r]).padStart(18)}${String(confusion.calledAttack[r]).padStart(15)}${percent(errors / total).padStart(11)}`);
  }
  return `${lines.join('\n')}\n`;
}
