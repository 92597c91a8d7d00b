// `npm start [-- --browser] [--port N]`: the Electron window when Electron is installed, otherwise
// browser mode on loopback with a per-launch token. Builds first when sources changed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';
import { electronBinary, setup } from './setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const portIndex = args.indexOf('--port');
const hostArgs = portIndex >= 0 ? ['--port', args[portIndex + 1] ?? ''] : [];

if (!buildIfStale()) process.exit(1);

let electron = forceBrowser ? null : electronBinary();
if (!forceBrowser && !electron) {
  setup({ quiet: true });
  electron = electronBinary();
}
const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (electron && headlessLinux) {
  console.log('No display found (DISPLAY/WAYLAND_DISPLAY unset): starting browser mode instead of the window.');
  electron = null;
}

// libuv's pool runs the image decoding and is sized once, at process start (electron/inference/decode-threads.ts).
const { threadpoolSize } = await import('../out/electron/inference/decode-threads.js');
const env = { ...process.env, UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE ?? String(threadpoolSize()) };
const child = electron
  ? spawn(electron, [root], { stdio: 'inherit', env })
  : spawn(process.execPath, [path.join(root, 'out', 'electron', 'host', 'browser-main.js'), ...hostArgs], { stdio: 'inherit', env });
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
