// The bundled demo dataset and model for e2e flows, and a workspace pre-scored through the real CLI.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Playwright runs from the repository root (see scripts/test-e2e.mjs). */
export const repoRoot = path.resolve('.');

/** The demo model shipped in models/ (UAD_TEST_MODEL_DIR may point elsewhere during development). */
export function demoModel(name = 'lasoftmoe-tiny'): string {
  const file = path.join(process.env.UAD_TEST_MODEL_DIR ?? path.join(repoRoot, 'models'), `${name}.onnx`);
  if (!existsSync(file)) throw new Error(`demo model missing: ${file}`);
  return file;
}

/** A protocol list of the bundled demo dataset (synthetic proxy), e.g. p1 test or dev. */
export function demoList(protocol = 'p1', split: 'test' | 'dev' = 'test'): string {
  const file = path.join(repoRoot, 'assets', 'demo', `SynthUAD-demo@${protocol}_image_${split}.txt`);
  if (!existsSync(file)) throw new Error(`demo list missing: ${file}`);
  return file;
}

/** Scores the given demo lists with the CLI into a fresh workspace; returns its folder. */
export function scoredDemoWorkspace(lists: string[] = [demoList('p1', 'dev'), demoList('p1', 'test')], models: string | string[] = demoModel()): string {
  const workspace = mkdtempSync(path.join(tmpdir(), 'uad-e2e-ws-'));
  for (const model of typeof models === 'string' ? [models] : models) {
    for (const list of lists) {
      execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron', 'cli', 'index.ts'), 'score', list, '--model', model, '--workspace', workspace, '--progress', 'none'],
        { cwd: repoRoot, stdio: 'pipe' });
    }
  }
  return workspace;
}
