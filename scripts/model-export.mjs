// `npm run model:export -- …`: runs the models/ package's export entry point (python3 -m lasoftmoe.export) with
// Debian's /usr/bin/python3 (or UAD_PYTHON), relative paths taken from where npm was called; with --domain-train
// and --domain-reference it then writes the domain statistics into the exported sidecar (uad domain-stats).
// Node script (scripts/).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cwd = process.env.INIT_CWD ?? process.cwd();
const python = process.env.UAD_PYTHON ?? '/usr/bin/python3';
if (!existsSync(python)) {
  console.error(`model:export needs ${python} with torch and onnx (apt-get install -y python3-torch python3-onnx); set UAD_PYTHON to use another interpreter.`);
  process.exit(2);
}

/** The export's own arguments, and the --domain-* ones (passed to uad domain-stats without the prefix). */
const DOMAIN = ['train', 'reference', 'check', 'image-root', 'percentile', 'appearance-dims'];
const exportArgs = [];
const domainArgs = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const option = DOMAIN.find((name) => argv[i] === `--domain-${name}`);
  if (!option) { exportArgs.push(argv[i]); continue; }
  if (i + 1 >= argv.length) { console.error(`model:export: --domain-${option} needs a value`); process.exit(2); }
  domainArgs.push(`--${option}`, argv[++i]);
}
const wantsDomain = domainArgs.length > 0;
if (wantsDomain && !(domainArgs.includes('--train') && domainArgs.includes('--reference'))) {
  console.error('model:export: the domain statistics need both --domain-train LIST and --domain-reference LIST');
  process.exit(2);
}

/** Runs a command with its output passed through; resolves to its exit status and what it printed on stdout. */
function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['inherit', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => { process.stdout.write(chunk); stdout += chunk.toString(); });
    child.on('error', (err) => { console.error(`model:export: ${err.message}`); resolve({ status: 1, stdout }); });
    child.on('close', (status) => resolve({ status: status ?? 1, stdout }));
  });
}

const env = { ...process.env, PYTHONPATH: [path.join(root, 'models'), process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) };
const exported = await run(python, ['-m', 'lasoftmoe.export', ...exportArgs], env);
if (exported.status !== 0 || !wantsDomain) process.exit(exported.status);
const models = [...exported.stdout.matchAll(/^exported (\S+\.onnx) /gm)].map((m) => path.resolve(cwd, m[1]));
if (models.length !== 1) {
  console.error(`model:export: the domain statistics need exactly one exported model, the export printed ${models.length}`);
  process.exit(1);
}
console.log(`domain statistics of ${models[0]}:`);
const stats = await run(process.execPath, [path.join(root, 'bin', 'uad.mjs'), 'domain-stats', '--model', models[0], ...domainArgs, '--write'], process.env);
process.exit(stats.status);
