// `npm run test:py`: the models/ pytest suite with Debian's /usr/bin/python3, when it has torch.
// Prints why it skipped otherwise (it never fails for a missing interpreter).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const PYTHON = process.env.UAD_PYTHON ?? '/usr/bin/python3';

if (!existsSync(PYTHON)) {
  console.log(`Python tests skipped: ${PYTHON} not found (install python3-torch python3-onnx python3-pil python3-pytest).`);
  process.exit(0);
}
const probe = spawnSync(PYTHON, ['-c', 'import torch, pytest'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.log(`Python tests skipped: ${PYTHON} cannot import torch and pytest (apt-get install -y python3-torch python3-pytest python3-onnx python3-pil libopenblas0-pthread).`);
  process.exit(0);
}
const testDir = path.join(root, 'models', 'tests');
if (!existsSync(testDir)) {
  console.log('Python tests: models/tests does not exist yet; nothing to run.');
  process.exit(0);
}
const run = spawnSync(PYTHON, ['-m', 'pytest', 'models/tests', '-q', '-p', 'no:cacheprovider'], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
