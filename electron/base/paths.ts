// Locates the project's folders: the code's own root (package.json, out/renderer), the bundled models/ and
// assets/ (inside the project in development, in the resources folder of a packaged app), and the user's
// data folder. Node side (Electron main, browser host, CLI); `bundledDir` is the one rule for both layouts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The product name: Electron names the user-data folder after it. */
export const PRODUCT_NAME = 'UAD Workbench';

let cachedRoot: string | undefined;

/** The folder holding this project's package.json (found by walking up from this file; app.asar when packaged). */
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

/** Where the app runs from: a packaged install (resources folder beside app.asar) or the project tree. */
export interface AppLayout {
  isPackaged: boolean;
  /** Electron's process.resourcesPath (packaged: the folder with app.asar, models/, assets/). */
  resourcesPath: string | undefined;
  projectRoot: string;
}

let configuredLayout: Partial<AppLayout> = {};
let configuredUserData: string | undefined;

/** Called once by the Electron main process with app.isPackaged and app.getPath('userData'). */
export function configureAppPaths(options: { isPackaged: boolean; userData: string }): void {
  configuredLayout = { isPackaged: options.isPackaged };
  configuredUserData = options.userData;
}

/**
 * The running layout. The Electron main process says whether it is packaged (configureAppPaths); elsewhere
 * (the packaged CLI, run by the app's own binary as Node from <resources>/app.asar.unpacked/bin/uad) the
 * code itself tells: packaged code lives in <resources>/app.asar or app.asar.unpacked.
 */
export function currentLayout(root: string = projectRoot()): AppLayout {
  const parts = root.split(path.sep);
  const archive = parts.findIndex((part) => part === 'app.asar' || part === 'app.asar.unpacked');
  const fromElectron = (process as { resourcesPath?: string }).resourcesPath;
  const resourcesPath = fromElectron ?? (archive > 0 ? parts.slice(0, archive).join(path.sep) : undefined);
  return { isPackaged: configuredLayout.isPackaged ?? archive > 0, resourcesPath, projectRoot: root };
}

/**
 * The folder of the bundled `models` or `assets`: <resourcesPath>/<kind> in a packaged app (electron-builder's
 * extraResources, build/electron-builder.yml), <projectRoot>/<kind> in the project tree.
 */
export function bundledDir(kind: 'models' | 'assets', layout: AppLayout = currentLayout()): string {
  if (layout.isPackaged) {
    if (!layout.resourcesPath) throw new Error(`packaged app without a resources path: cannot locate ${kind}/`);
    return path.join(layout.resourcesPath, kind);
  }
  return path.join(layout.projectRoot, kind);
}

/**
 * The user's data folder: Electron's app.getPath('userData') when the main process set it, else the same
 * place computed the way Electron does (Linux $XDG_CONFIG_HOME or ~/.config, macOS ~/Library/Application
 * Support, Windows %APPDATA%, each + the product name), so browser mode and the CLI share it.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (configuredUserData) return configuredUserData;
  if (env.UAD_USER_DATA) return env.UAD_USER_DATA;
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), PRODUCT_NAME);
}

export const rendererBuildDir = (): string => path.join(projectRoot(), 'out', 'renderer');

export function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The bundled demo: model, protocol lists of the demo dataset, and a workspace folder in the user's data. */
export function demoPaths(layout: AppLayout = currentLayout()): { workspace: string; model: string | null; datasets: string[] } {
  const model = path.join(bundledDir('models', layout), 'lasoftmoe-tiny.onnx');
  const demoDir = path.join(bundledDir('assets', layout), 'demo');
  const datasets = existsSync(demoDir)
    ? readdirSync(demoDir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(demoDir, f))
    : [];
  return { workspace: process.env.UAD_DEMO_WORKSPACE ?? path.join(userDataDir(), 'demo-workspace'), model: existsSync(model) ? model : null, datasets };
}
