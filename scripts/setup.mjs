// `npm run setup`: fetches what npm's offline-safe install leaves out (ignore-scripts=true):
// the Electron binary and, on Linux x64, onnxruntime-node's CUDA provider. Never fatal.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const STEP_TIMEOUT_MS = 10 * 60 * 1000;

export function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export function cudaProviderPresent() {
  try {
    const ortDir = path.dirname(require.resolve('onnxruntime-node/package.json'));
    return existsSync(path.join(ortDir, 'bin', 'napi-v6', 'linux', 'x64', 'libonnxruntime_providers_cuda.so'));
  } catch {
    return false;
  }
}

/** Runs an installer; returns null on success or its last meaningful error line. */
function runInstaller(args, cwd) {
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: STEP_TIMEOUT_MS });
  if (run.status === 0) return null;
  const text = `${run.stderr ?? ''}\n${run.stdout ?? ''}`;
  const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH|ETIMEDOUT|getaddrinfo/.test(text);
  if (offline) return 'no network access';
  const line = text.split('\n').map((l) => l.trim()).find((l) => /error/i.test(l));
  return line ?? `exit ${run.status ?? run.signal}`;
}

export function setup({ quiet = false } = {}) {
  const say = (line) => { if (!quiet) console.log(line); };
  if (electronBinary()) {
    say('setup: Electron binary present.');
  } else {
    const error = runInstaller([path.join(root, 'node_modules', 'electron', 'install.js')], root);
    if (error || !electronBinary()) console.log(`setup: Electron binary not installed (${error ?? 'the installer left no binary; no network access?'}); the workbench runs in browser mode until \`npm run setup\` succeeds.`);
    else say('setup: Electron binary installed.');
  }
  if (process.platform === 'linux' && process.arch === 'x64') {
    if (cudaProviderPresent()) {
      say('setup: onnxruntime CUDA provider present.');
    } else {
      const ortDir = path.join(root, 'node_modules', 'onnxruntime-node');
      const error = runInstaller([path.join('script', 'install.js'), '--onnxruntime-node-install=cuda12'], ortDir);
      // The installer can exit 0 without fetching anything (e.g. under npm's environment offline): trust the files only.
      if (error || !cudaProviderPresent()) {
        console.log(`setup: onnxruntime CUDA provider not installed (${error ?? 'the installer left no provider library; no network access?'}); inference uses the CPU provider.`);
      } else say('setup: onnxruntime CUDA provider installed.');
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) setup();
