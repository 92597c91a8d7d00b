// The `uad` command line (headless, no Electron): dispatches to the commands in electron/cli/commands.ts.
// Node side; compiled into bin/uad/ (scripts/build-cli.mjs) and run by bin/uad.mjs.
import { COMMANDS, EXIT_CODES } from './commands.js';
import { appVersion } from '../base/paths.js';
import { escapeForDisplay as shown } from '../../common/display-text.js';

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
  return [
    'usage: uad <command> [options]      (uad <command> --help for its options)',
    '       uad --version | --help',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)} ${c.summary}`),
    '',
    'every command takes --json: one JSON object on stdout instead of the text report (messages stay on stderr)',
    '',
    'exit status:',
    ...EXIT_CODES.map(([code, meaning]) => `  ${String(code).padEnd(5)} ${meaning}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    console.log(rest.includes('--json') ? JSON.stringify({ name: 'uad', version: appVersion(), node: process.versions.node }) : `uad ${appVersion()}`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (name === 'help' && rest[0]) return main([rest[0], '--help']);
    (name ? console.log : console.error)(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`uad: unknown command '${shown(name)}'; see uad --help`);
    return 2;
  }
  const run = await command.load();
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    console.error(`uad: ${shown(err instanceof Error ? err.message : String(err))}`);
    process.exitCode = 1;
  },
);
