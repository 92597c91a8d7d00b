// Entry point of browser mode: starts the loopback host and prints its URL; runs until interrupted.
// Node side (no Electron). Usage: node out/electron/host/browser-main.js [--port N] [--ready-json]
import { createHandlers } from '../services/handlers.js';
import { EventHub } from '../services/event-hub.js';
import { WorkbenchSession } from '../services/session.js';
import { rendererBuildDir } from '../base/paths.js';
import { startBrowserHost } from './server.js';

function parsePort(argv: string[]): number {
  const index = argv.indexOf('--port');
  if (index < 0) return 0;
  const port = Number(argv[index + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`uad: --port needs a number from 0 to 65535, got '${argv[index + 1] ?? ''}'`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const hub = new EventHub();
  const session = new WorkbenchSession();
  const handlers = createHandlers({ mode: 'browser', emit: hub.emit, session });
  let host;
  try {
    host = await startBrowserHost({ handlers, hub, staticDir: rendererBuildDir(), port: parsePort(argv) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE' ? 'uad: that port is in use; pick another with --port N' : `uad: cannot start: ${String(err)}`);
    process.exit(1);
  }
  if (argv.includes('--ready-json')) console.log(JSON.stringify({ ready: true, url: host.url, port: host.port, token: host.token }));
  console.log(`UAD Workbench is running in browser mode (loopback only).\nOpen: ${host.url}\nPress Ctrl+C to stop.`);
  const stop = (): void => { void Promise.all([host.close(), session.dispose()]).finally(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
