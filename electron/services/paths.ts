// Locates the project's own folders (models/, assets/, out/renderer) from source or compiled code.
// Node side; works from electron/… under tsx and from out/electron/… after tsc.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The folder holding this project's package.json (found by walking up from this file). */
export function projectRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
        if (pkg.name === 'uad-workbench') return (cachedRoot = dir);
      } catch {
        // not ours; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot locate the uad-workbench package root');
    dir = parent;
  }
}

export const rendererBuildDir = (): string => path.join(projectRoot(), 'out', 'renderer');

export function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The bundled demo: model, protocol lists of the demo dataset, and a default workspace folder. */
export function demoPaths(): { workspace: string; model: string | null; datasets: string[] } {
  const root = projectRoot();
  const model = path.join(root, 'models', 'lasoftmoe-tiny.onnx');
  const demoDir = path.join(root, 'assets', 'demo');
  const datasets = existsSync(demoDir)
    ? readdirSync(demoDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(demoDir, f))
    : [];
  return { workspace: process.env.UAD_DEMO_WORKSPACE ?? path.join(homedir(), 'UAD Workbench', 'demo-workspace'), model: existsSync(model) ? model : null, datasets };
}
