// Headless command line of the workbench (`npm run uad -- <command> ...`); Node side, no Electron.
// Each command lives in electron/cli/<name>-command.ts and returns its process exit code.

type CommandRunner = (argv: string[]) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<CommandRunner> }> = {
  score: {
    summary: 'score a dataset folder, protocol list or manifest into a workspace (resumable)',
    load: async () => (await import('./cli/score-command.js')).runScoreCommand,
  },
  'export-scores': {
    summary: 'write a workspace\'s scores as path,score,label,species,identity CSV',
    load: async () => (await import('./cli/export-scores-command.js')).runExportScoresCommand,
  },
  metrics: {
    summary: 'ISO/IEC 30107-3 error rates, ROC/DET and thresholds from a scores CSV',
    load: async () => (await import('./cli/metrics-command.js')).runMetricsCommand,
  },
  'verify-case': {
    summary: 'verify a case file: integrity (zip, hashes, schema, consistency) and who signed it',
    load: async () => (await import('./cli/verify-case-command.js')).runVerifyCaseCommand,
  },
  keys: {
    summary: 'this profile\'s case-signing key and the keys it trusts (show, list, trust, untrust)',
    load: async () => (await import('./cli/keys-command.js')).runKeysCommand,
  },
  'export-case': {
    summary: 'write a case file (zip) from a workspace\'s selected, bookmarked or annotated samples',
    load: async () => (await import('./cli/export-case-command.js')).runExportCaseCommand,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
  return ['usage: npm run uad -- <command> [options]', '', 'commands:', ...lines].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`uad: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  const run = await command.load();
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    console.error(`uad: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
