// Runs the `uad` CLI as a real child process (tsx from source), for tests.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './models.js';

export function spawnCli(args: string[]): ChildProcess {
  // node itself with tsx's loader (not the tsx wrapper, which would put a second process between a kill and the CLI).
  return spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron', 'cli', 'index.ts'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
