// Playwright fixture: a real browser-mode host process (built app) on a free loopback port.
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningHost {
  url: string;
  port: number;
  token: string;
  process: ChildProcess;
  /** The host's case-signing key folder (a fresh temporary one); give it to CLI runs as UAD_KEYS_DIR. */
  keysDir: string;
}

/** The user's data folder (recent paths, demo workspace) shared by this test run's hosts: never the real one. */
export const USER_DATA = process.env.UAD_USER_DATA ?? mkdtempSync(path.join(tmpdir(), 'uad-e2e-user-data-'));

export async function startHost(): Promise<RunningHost> {
  const entry = path.resolve('out', 'electron', 'host', 'browser-main.js');
  const keysDir = mkdtempSync(path.join(tmpdir(), 'uad-e2e-keys-'));
  const child = spawn(process.execPath, [entry, '--port', '0', '--ready-json'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, UAD_KEYS_DIR: keysDir, UAD_USER_DATA: USER_DATA } });
  const lines = createInterface({ input: child.stdout! });
  return new Promise<RunningHost>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`browser host exited early with code ${code}`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      const ready = JSON.parse(line) as { url: string; port: number; token: string };
      resolve({ ...ready, process: child, keysDir });
    });
  });
}

/** One contract call to the host as the page makes it (POST with the token header): the Result it answers. */
export async function hostCall<T>(host: RunningHost, namespace: string, name: string, arg?: unknown): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/call/${namespace}/${name}`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-uad-token': host.token }, body: JSON.stringify({ arg }),
  });
  return (await response.json()) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
}

/** Each test gets its own host process, so no session state (open workspace, models) leaks between tests. */
export const test = base.extend<{ host: RunningHost }>({
  host: [async ({}, use) => {
    const host = await startHost();
    // CLI runs from the spec (verify-case, keys) see the same case-signing keys as the host.
    process.env.UAD_KEYS_DIR = host.keysDir;
    await use(host);
    host.process.kill('SIGTERM');
  }, { scope: 'test' }],
});

export { expect } from '@playwright/test';
