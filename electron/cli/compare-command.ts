// `uad compare`: paired comparison of models scored on the same samples, each at its own threshold — McNemar
// per class, DeLong for ΔAUC, a paired bootstrap, per-species ΔAPCER with Holm (common/metrics/paired*.ts).
// Node side (CLI): reads scores CSVs or a workspace's scores; all maths in common/metrics.
import { parseArgs } from 'node:util';
import { escapeForDisplay as shown, jsonForDisplay } from '../../common/display-text.js';
import {
  chooseThreshold,
  comparePaired,
  CRITERION_NAMES,
  MAX_BOOTSTRAP_REPLICATES,
  MetricsInputError,
  pairByPath,
  pairedComparisonJson,
  PairingError,
  parseCriterion,
  parseScoresCsv,
  ScoresCsvError,
  scoresOfModel,
  ThresholdIndex,
  formatPValue,
  type PairedComparison,
  type ParsedScoresCsv,
  type ThresholdCriterion,
} from '../../common/metrics/index.js';
import { listThresholds } from '../workspace/thresholds.js';
import { modelRecord } from '../workspace/models.js';
import { Workspace } from '../workspace/workspace.js';
import { InputFileError, readScores } from './evaluation-inputs.js';
import { workspaceScoresCsv } from './export-scores-command.js';

const USAGE = `usage: uad compare SCORES_A.csv SCORES_B.csv [SCORES_C.csv ...] [options]
       uad compare --workspace W --model PREFIX_A --model PREFIX_B [--model ...] [--split NAME] [options]

Compares every pair of models on the samples both scored (matched by path), each model decided at its own
threshold τ: McNemar's exact test on the attacks (APCER) and on the bona fide samples (BPCER), DeLong's test
for ΔAUC, a seeded paired bootstrap of ΔACER, ΔAPCER_max, ΔBPCER and ΔEER (by identity when the files carry
identities, else by sample within each class and species), and ΔAPCER per species with Holm-adjusted
McNemar p-values. Every difference is B − A (the later model minus the earlier).

  --threshold T     τ of a model, given once per model in order (default: the --criterion on the model's own
                    paired scores; in a workspace, the model's newest saved threshold first)
  --threshold-a T, --threshold-b T   τ of the first and the second model
  --criterion C     ${CRITERION_NAMES.filter((name) => name !== 'fixed').join(', ')} (default eer): how a τ not given is chosen
  --intersect       compare on the samples scored in both files when their sets differ (the count is said);
                    without it, different sample sets are refused
  --bootstrap N     paired bootstrap replicates (default 1000)   --seed S   its seed (default 0)
  --by MODE         bootstrap resampling: identity or sample (default identity when the files carry identities)
  --decide-out-of-domain-by-score  decide samples outside a model's domain by their score (by default they are
                    that model's non-responses, so not paired)
  --workspace W     read the scores of the --model models (SHA-256 prefixes) from a workspace
  --split NAME      with --workspace: only the samples of this protocol split
  --json            one JSON object: { pairs: [ { a, b, n, threshold_a, threshold_b, mcnemar, delong,
                    bootstrap, species, reading } ] } (rates as fractions)

examples:
  uad compare dense.csv lasoftmoe.csv
  uad compare dense.csv softmoe.csv lasoftmoe.csv --criterion bpcer20 --json
  uad compare --workspace ws/ --model 3f2a --model 9c1e --threshold-a 0.41 --threshold-b 0.57

exit status: 0 compared, 1 unreadable or unpairable scores (different samples, disagreeing ground truth or
attack class), 2 bad usage`;

class UsageError extends Error {}

/** One model's scores and how its τ is set when the command line does not give it. */
interface ModelScores {
  readonly name: string;
  readonly csv: ParsedScoresCsv;
  readonly givenThreshold?: { value: number; source: string };
}

interface CompareArguments {
  files: string[];
  workspace?: string;
  models: string[];
  split?: string;
  thresholds: (number | undefined)[];
  criterion: ThresholdCriterion;
  intersect: boolean;
  replicates: number;
  seed: number;
  resample?: 'sample' | 'identity';
  json: boolean;
  decideOutOfDomainByScore: boolean;
}

function finite(text: string, what: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${what} '${text}' is not a finite number`);
  return value;
}

function integer(text: string, what: string, low: number, high: number): number {
  const value = finite(text, what);
  if (!Number.isInteger(value) || value < low || value > high) throw new UsageError(`${what} must be an integer from ${low} to ${high}, got '${text}'`);
  return value;
}

function parseArguments(argv: string[]): CompareArguments | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' }, model: { type: 'string', multiple: true }, split: { type: 'string' },
      threshold: { type: 'string', multiple: true }, 'threshold-a': { type: 'string' }, 'threshold-b': { type: 'string' },
      criterion: { type: 'string' }, intersect: { type: 'boolean' }, bootstrap: { type: 'string' }, seed: { type: 'string' },
      by: { type: 'string' }, json: { type: 'boolean' }, 'decide-out-of-domain-by-score': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const models = values.model ?? [];
  if (values.workspace !== undefined) {
    if (positionals.length > 0) throw new UsageError('give either scores files or --workspace with --model, not both');
    if (models.length < 2) throw new UsageError('--workspace needs at least two --model prefixes');
  } else {
    if (models.length > 0) throw new UsageError('--model needs --workspace');
    if (values.split !== undefined) throw new UsageError('--split needs --workspace');
    if (positionals.length < 2) throw new UsageError('need at least two scores files');
  }
  const count = values.workspace !== undefined ? models.length : positionals.length;
  const listed = values.threshold ?? [];
  if (listed.length > 0 && (values['threshold-a'] !== undefined || values['threshold-b'] !== undefined)) throw new UsageError('give --threshold per model or --threshold-a/--threshold-b, not both');
  if (listed.length > count) throw new UsageError(`${listed.length} thresholds for ${count} models`);
  const thresholds: (number | undefined)[] = Array.from({ length: count }, (_, k) => (listed[k] === undefined ? undefined : finite(listed[k], '--threshold')));
  if (values['threshold-a'] !== undefined) thresholds[0] = finite(values['threshold-a'], '--threshold-a');
  if (values['threshold-b'] !== undefined) thresholds[1] = finite(values['threshold-b'], '--threshold-b');
  const criterionName = values.criterion ?? 'eer';
  if (criterionName === 'fixed') throw new UsageError('--criterion fixed: give the thresholds with --threshold instead');
  const criterion = parseCriterion(criterionName);
  const by = values.by;
  if (by !== undefined && by !== 'sample' && by !== 'identity') throw new UsageError(`--by must be sample or identity, got '${by}'`);
  return {
    files: positionals,
    workspace: values.workspace,
    models,
    split: values.split,
    thresholds,
    criterion,
    intersect: values.intersect === true,
    replicates: values.bootstrap === undefined ? 1000 : integer(values.bootstrap, '--bootstrap', 2, MAX_BOOTSTRAP_REPLICATES),
    seed: values.seed === undefined ? 0 : integer(values.seed, '--seed', -(2 ** 31), 2 ** 32 - 1),
    resample: by,
    json: values.json === true,
    decideOutOfDomainByScore: values['decide-out-of-domain-by-score'] === true,
  };
}

/** The class a sidecar calls the attack, lower-cased. */
function attackClassOf(workspace: Workspace, sha256: string): string {
  const sidecar = modelRecord(workspace, sha256)?.sidecar;
  return sidecar === undefined ? '' : String(sidecar.classes.names[sidecar.classes.attack_index] ?? '').toLowerCase();
}

/** The models' scores from a workspace, refusing prefixes that name no model or several and sidecars that disagree on the attack class. */
function workspaceModels(args: CompareArguments): ModelScores[] {
  let workspace: Workspace;
  try {
    workspace = Workspace.openExisting(args.workspace!, { readOnly: true });
  } catch (error) {
    throw new InputFileError(`cannot open the workspace: ${(error as Error).message}`);
  }
  try {
    const scored = workspace.scoredModels();
    const chosen = args.models.map((prefix) => {
      const matching = scored.filter((m) => m.sha256.startsWith(prefix.toLowerCase()));
      if (matching.length !== 1) {
        const list = scored.map((m) => `  ${m.sha256.slice(0, 12)}  ${m.name} (${m.predictions} predictions)`).join('\n');
        throw new UsageError(`--model ${prefix} matches ${matching.length} scored models; scored models:\n${list}`);
      }
      return matching[0];
    });
    if (new Set(chosen.map((m) => m.sha256)).size !== chosen.length) throw new UsageError('the same model is named twice');
    const classes = chosen.map((m) => attackClassOf(workspace, m.sha256));
    for (let k = 1; k < chosen.length; k++) {
      if (classes[k] !== classes[0]) {
        throw new PairingError(`the models disagree on the attack class: ${chosen[0].name} calls '${classes[0]}' the attack, ${chosen[k].name} calls '${classes[k]}'; their scores do not measure the same thing`);
      }
    }
    return chosen.map((model, k) => {
      const saved = listThresholds(workspace, model.sha256)[0];
      const given = args.thresholds[k];
      const givenThreshold = given !== undefined ? { value: given, source: 'given' } : saved !== undefined ? { value: saved.value, source: `saved threshold ${saved.id} (${saved.criterion})` } : undefined;
      const name = `${model.name} (${model.sha256.slice(0, 12)})`;
      const { text } = workspaceScoresCsv(workspace, model.sha256, givenThreshold?.value ?? 0.5, args.split);
      return { name, csv: parseScoresCsv(text, name, { decideOutOfDomainByScore: args.decideOutOfDomainByScore }), givenThreshold };
    });
  } finally {
    workspace.close();
  }
}

interface ComparedPair {
  readonly a: ModelScores;
  readonly b: ModelScores;
  readonly comparison: PairedComparison;
  readonly thresholdSources: readonly [string, string];
  readonly onlyA: number;
  readonly onlyB: number;
}

/** τ of a model on the paired data: the given or saved one, else the criterion on its own paired scores. */
function thresholdOf(model: ModelScores, paired: ReturnType<typeof pairByPath>, which: 'a' | 'b', criterion: ThresholdCriterion): { value: number; source: string } {
  if (model.givenThreshold !== undefined) return model.givenThreshold;
  const choice = chooseThreshold(ThresholdIndex.build(scoresOfModel(paired.data, which)), criterion, 'its paired scores');
  return { value: choice.threshold, source: `${choice.criterion} on its own paired scores` };
}

function comparePair(a: ModelScores, b: ModelScores, args: CompareArguments): ComparedPair {
  const paired = pairByPath(a.csv, b.csv, { a: a.name, b: b.name }, args.intersect);
  const tA = thresholdOf(a, paired, 'a', args.criterion);
  const tB = thresholdOf(b, paired, 'b', args.criterion);
  const comparison = comparePaired(paired.data, tA.value, tB.value, { replicates: args.replicates, seed: args.seed, resample: args.resample });
  return { a, b, comparison, thresholdSources: [tA.source, tB.source], onlyA: paired.onlyA, onlyB: paired.onlyB };
}

const pct = (value: number): string => `${(value * 100).toFixed(2)} %`;
const signedPoints = (value: number): string => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value * 100).toFixed(2)}`;

/** The paired table of one pair, for people. */
function formatPair(pair: ComparedPair): string {
  const { comparison: c } = pair;
  const lines: string[] = [];
  lines.push(`A: ${shown(pair.a.name)}  τ = ${c.thresholdA.toPrecision(6)} (${shown(pair.thresholdSources[0])})`);
  lines.push(`B: ${shown(pair.b.name)}  τ = ${c.thresholdB.toPrecision(6)} (${shown(pair.thresholdSources[1])})`);
  const attacks = c.mcnemar.attack;
  const attackCount = c.species.reduce((sum, s) => sum + s.attacks, 0);
  const intersection = pair.onlyA + pair.onlyB > 0 ? ` — the intersection: ${pair.onlyA} samples only in A and ${pair.onlyB} only in B left out` : '';
  lines.push(`${c.n} paired samples (${attackCount} attacks, ${c.n - attackCount} bona fide)${intersection}; bootstrap: ${c.bootstrap.replicates} replicates by ${c.bootstrap.resample}, seed ${c.bootstrap.seed}`);
  lines.push('');
  lines.push(`${'measure'.padEnd(12)}${'A'.padStart(10)}${'B'.padStart(10)}${'B − A'.padStart(10)}   95 % CI of B − A (points)`);
  const row = (name: string, d: { a: number; b: number; diff: number; low: number; high: number }): string =>
    `${name.padEnd(12)}${pct(d.a).padStart(10)}${pct(d.b).padStart(10)}${signedPoints(d.diff).padStart(10)}   ${signedPoints(d.low)} to ${signedPoints(d.high)}`;
  lines.push(row('APCER_max', c.bootstrap.apcerMax), row('APCER pooled', c.bootstrap.apcerPooled), row('BPCER', c.bootstrap.bpcer), row('ACER', c.bootstrap.acer), row('EER', c.bootstrap.eer));
  const d = c.delong;
  const signed = (value: number): string => `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(4)}`;
  lines.push(`${'AUC'.padEnd(12)}${d.aucA.toFixed(4).padStart(10)}${d.aucB.toFixed(4).padStart(10)}${signed(d.diff).padStart(10)}   ${signed(d.low)} to ${signed(d.high)} (DeLong, p = ${formatPValue(d.p)})`);
  lines.push('');
  lines.push(`McNemar, attacks:   b01 = ${attacks.b01} (A right, B wrong), b10 = ${attacks.b10} (A wrong, B right), p = ${formatPValue(attacks.p)}`);
  const bonaFide = c.mcnemar.bonaFide;
  lines.push(`McNemar, bona fide: b01 = ${bonaFide.b01} (A right, B wrong), b10 = ${bonaFide.b10} (A wrong, B right), p = ${formatPValue(bonaFide.p)}`);
  if (c.species.length > 1) {
    lines.push('');
    lines.push(`${'species'.padEnd(20)}${'attacks'.padStart(8)}${'APCER A'.padStart(10)}${'APCER B'.padStart(10)}${'B − A'.padStart(9)}  b01/b10  p (Holm)`);
    for (const s of c.species) {
      lines.push(`${shown(s.name).slice(0, 19).padEnd(20)}${String(s.attacks).padStart(8)}${pct(s.apcerA).padStart(10)}${pct(s.apcerB).padStart(10)}${signedPoints(s.diff).padStart(9)}  ${`${s.b01}/${s.b10}`.padEnd(7)}  ${formatPValue(s.pHolm)}`);
    }
  }
  lines.push('');
  for (const reading of c.readings) lines.push(`  ${reading}`);
  return `${lines.join('\n')}\n`;
}

export async function runCompareCommand(argv: string[]): Promise<number> {
  let args: CompareArguments | 'help';
  try {
    args = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof MetricsInputError) && !(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw error;
    console.error(`uad compare: ${shown((error as Error).message)}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  try {
    const models: ModelScores[] = args.workspace !== undefined
      ? workspaceModels(args)
      : await Promise.all(args.files.map(async (file, k) => {
        const given = args.thresholds[k];
        return { name: file, csv: await readScores(file, { decideOutOfDomainByScore: args.decideOutOfDomainByScore }), givenThreshold: given === undefined ? undefined : { value: given, source: 'given' } };
      }));
    const pairs: ComparedPair[] = [];
    for (let i = 0; i < models.length; i++) for (let j = i + 1; j < models.length; j++) pairs.push(comparePair(models[i], models[j], args));
    if (args.json) {
      process.stdout.write(`${jsonForDisplay({ pairs: pairs.map((pair) => pairedComparisonJson(pair.a.name, pair.b.name, pair.comparison)) })}\n`);
    } else {
      process.stdout.write(pairs.map(formatPair).join(`\n${'─'.repeat(72)}\n\n`));
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`uad compare: ${shown(error.message)}`);
      return 2;
    }
    if (error instanceof PairingError || error instanceof ScoresCsvError || error instanceof InputFileError || error instanceof MetricsInputError) {
      console.error(`uad compare: ${shown(error.message)}`);
      return 1;
    }
    throw error;
  }
}
