// Contract namespace `app`: host facts. Pure shared code (common/).
import type { Result } from '../result.js';
import { noPayload } from '../validate.js';
import { method } from './define.js';

export type HostMode = 'electron' | 'browser';

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
}

export const appContract = {
  info: method<Result<AppInfo>>()(noPayload),
} as const;
