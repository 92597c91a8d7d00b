// `npm run model:export -- …`: runs the models/ package's export entry point (python3 -m lasoftmoe.export) with
// Debian's /usr/bin/python3 (or UAD_PYTHON), relative paths taken from where npm was called. Node script (scripts/).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const python = process.env.UAD_PYTHON ?? '/usr/bin/python3';
if (!existsSync(python)) {
  console.error(`model:export needs ${python} with torch and onnx (apt-get install -y python3-torch python3-onnx); set UAD_PYTHON to use another interpreter.`);
  process.exit(2);
}
const env = { ...process.env, PYTHONPATH: [path.join(root, 'models'), process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) };
const run = spawnSync(python, ['-m', 'lasoftmoe.export', ...process.argv.slice(2)], {
  cwd: process.env.INIT_CWD ?? process.cwd(), env, stdio: 'inherit',
});
process.exit(run.status ?? 1);
