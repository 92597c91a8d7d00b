// The `uad` commands: one entry each (name, one-line summary, lazy loader of its run function), in the
// order `uad --help` lists them. Node side (CLI). A new command adds its file and one entry here.

/** Runs a command with its own arguments; resolves to the process exit code (see EXIT_CODES). */
export type CommandRunner = (argv: string[]) => Promise<number>;

export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<CommandRunner>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'score',
    summary: 'score a dataset folder, protocol list or manifest into a workspace (resumable)',
    load: async () => (await import('./score-command.js')).runScoreCommand,
  },
  {
    name: 'check',
    summary: 'check IMAGE...: one line per face (outcome, score, domain distance/limit, box); a photograph is a questioned sample',
    load: async () => (await import('./check-command.js')).runCheckCommand,
  },
  {
    name: 'worker',
    summary: 'take scoring jobs from a Redis queue (uad score --queue) with the models and dataset roots of this machine',
    load: async () => (await import('./worker-command.js')).runWorkerCommand,
  },
  {
    name: 'model',
    summary: 'model init <model.onnx>: inspect a third-party ONNX graph and write the sidecar the workbench opens it with',
    load: async () => (await import('./model-init-command.js')).runModelInitCommand,
  },
  {
    name: 'domain-stats',
    summary: 'domain statistics of a model\'s embedding on its training and dev lists, written into its sidecar',
    load: async () => (await import('./domain-stats-command.js')).runDomainStatsCommand,
  },
  {
    name: 'export-scores',
    summary: 'write a workspace\'s scores as path,score,label,species,identity CSV (then face_index,face_box,domain_distance,in_domain)',
    load: async () => (await import('./export-scores-command.js')).runExportScoresCommand,
  },
  {
    name: 'metrics',
    summary: 'ISO/IEC 30107-3 error rates, ROC/DET and thresholds from a scores CSV',
    load: async () => (await import('./metrics-command.js')).runMetricsCommand,
  },
  {
    name: 'compare',
    summary: 'paired comparison of models on the same samples, each at its own τ: McNemar, DeLong ΔAUC, paired bootstrap, per-species Holm',
    load: async () => (await import('./compare-command.js')).runCompareCommand,
  },
  {
    name: 'report',
    summary: 'self-contained HTML evaluation report: exact intervals, attack classes, profile checklist, leakage',
    load: async () => (await import('./report-command.js')).runReportCommand,
  },
  {
    name: 'export-case',
    summary: 'write a case file (zip) from a workspace\'s selected, bookmarked or annotated samples',
    load: async () => (await import('./export-case-command.js')).runExportCaseCommand,
  },
  {
    name: 'verify-case',
    summary: 'verify a case file: integrity (zip, hashes, schema, consistency) and who signed it',
    load: async () => (await import('./verify-case-command.js')).runVerifyCaseCommand,
  },
  {
    name: 'keys',
    summary: 'this profile\'s case-signing key and the keys it trusts (show, list, trust, untrust)',
    load: async () => (await import('./keys-command.js')).runKeysCommand,
  },
];

/** Exit codes shared by every command (each command's --help repeats the ones it uses). */
export const EXIT_CODES: [number, string][] = [
  [0, 'success (verify-case: the case is intact and signed by a trusted key)'],
  [1, 'failure: unreadable or bad input data, a refused operation, a rejected case, a failed run'],
  [2, 'bad usage: unknown command or option, missing or malformed argument'],
  [3, 'verify-case: the case is intact but not authentic (unsigned, or signed by a key not trusted here)'],
  [4, 'verify-case: the case is intact and validly signed, but this profile\'s trust list or key cannot be relied on (the reason is printed)'],
  [130, 'cancelled by Ctrl+C (score: the batches done so far are kept; run it again to resume)'],
];
