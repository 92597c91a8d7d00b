// `npm test`: typecheck, lint, unit tests, Python tests, e2e in chromium — in that order.
// Every step runs; the command fails if any step failed, and says which.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const steps = [
  ['typecheck', ['run', '-s', 'typecheck']],
  ['lint', ['run', '-s', 'lint']],
  ['unit tests', ['run', '-s', 'test:unit']],
  ['python tests', ['run', '-s', 'test:py']],
  ['e2e tests', ['run', '-s', 'test:e2e']],
];

const failed = [];
for (const [name, args] of steps) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const run = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status === 0) console.log(`━━ ${name}: ok (${seconds} s)`);
  else {
    console.log(`━━ ${name}: FAILED (${seconds} s)`);
    failed.push(name);
  }
}
if (failed.length > 0) {
  console.error(`\nnpm test failed in: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nnpm test: every step passed.');
