// What a host (the Electron main process or the browser-mode host) hands the contract handlers: its mode, its
// event sink, the session and the abilities only it has. Node side; a type of its own so the namespace
// handlers that take it do not import handlers.ts, which composes them.
import type { EventSink, HostMode } from '../../common/api.js';
import type { PathKind } from '../../common/contract/app.js';
import type { RecentStore } from './recent-store.js';
import type { SettingsStore } from './settings-store.js';
import type { WorkbenchSession } from './session.js';

export interface HostEnvironment {
  mode: HostMode;
  emit: EventSink;
  session: WorkbenchSession;
  /** Native folder dialog, present only in Electron. */
  pickFolder?: () => Promise<string | null>;
  /** Native open/save dialog for a kind of path, present only in Electron. */
  pickPath?: (kind: PathKind) => Promise<string | null>;
  /** The rotating log file, in the desktop app. */
  logFile?: string;
  /** Where recently opened paths are kept (default: recent.json in the user's data folder). */
  recent?: RecentStore;
  /** Where Score runs (default: settings.json in the user's data folder). */
  settings?: SettingsStore;
}
