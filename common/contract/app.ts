// Contract namespace `app`: host facts. Pure shared code (common/).
import type { Result } from '../result.js';
import { noPayload, objectOf } from '../validate.js';
import { event, method } from './define.js';

export type HostMode = 'electron' | 'browser';

/** Commands of the desktop app's menu (and their accelerators), carried out by the renderer. */
export const MENU_COMMANDS = ['open-workspace', 'close-workspace', 'open-model', 'open-dataset', 'export-case', 'find', 'shortcuts'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** The kinds of path the app asks for, each with its own native dialog in the desktop app. */
export const PATH_KINDS = ['workspace', 'model', 'dataset-folder', 'dataset-file', 'scores', 'case', 'case-export'] as const;
export type PathKind = (typeof PATH_KINDS)[number];

export type RecentKind = 'workspaces' | 'models' | 'datasets';
/** Recently opened paths, newest first, kept by the host (not by the page's origin-bound storage). */
export type RecentPaths = Record<RecentKind, string[]>;

export interface AppInfo {
  name: string;
  version: string;
  mode: HostMode;
  platform: string;
  versions: Record<string, string>;
  /** Whether native dialogs exist (Electron); in browser mode the UI offers a path field instead. */
  nativeDialogs: boolean;
  /** The bundled demo (synthetic proxy data and tiny models), so a first start has something real to open. */
  demo: { workspace: string; model: string | null; datasets: string[] };
  /** The desktop app's rotating log file (in the user's data folder); null in browser mode (the terminal). */
  logFile: string | null;
}

export const appContract = {
  info: method<Result<AppInfo>>()(noPayload),
  /** The recently opened workspaces, models and datasets (the host records each successful open). */
  recent: method<Result<RecentPaths>>()(noPayload),
  /** The desktop app's native open/save dialog for a kind of path: the chosen path, or null when cancelled. */
  pickPath: method<Result<string | null>>()(objectOf({ kind: { kind: 'enum', values: PATH_KINDS } })),
  /** Whether a typed path fits its kind (exists, right kind and extension, or a writable folder to save into):
   * the problem in words, or null when it fits. Browser mode's check for path fields without a dialog. */
  checkPath: method<Result<string | null>>()(objectOf({ kind: { kind: 'enum', values: PATH_KINDS }, path: { kind: 'string', maxLength: 4096 } })),
  /** A scores CSV named by a typed or picked path: its file name and text, after the same check as checkPath
   * for 'scores' (the problem in words otherwise). The renderer parses it as it does an uploaded file. */
  readScoresCsv: method<Result<{ name: string; text: string }>>()(objectOf({ path: { kind: 'string', maxLength: 4096 } })),
  /** A menu item or its accelerator was used (desktop app only). */
  onMenuCommand: event<MenuCommand>(),
} as const;
