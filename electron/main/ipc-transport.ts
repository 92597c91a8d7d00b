// The Electron IPC transport of the contract: one ipcMain handler per method, sender-frame checked.
// Electron main process; takes ipcMain as a parameter so tests can pass a recorder.
import { contractEntries, type ApiHandlers } from '../../common/api.js';
import { fail } from '../../common/result.js';
import { dispatch } from '../services/dispatch.js';
import { isTrustedSender } from './window-security.js';

interface IpcInvokeEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEvent, arg: unknown) => Promise<unknown>): void;
}

/** Registers every contract method; returns the channels registered. */
export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: ApiHandlers): string[] {
  const channels: string[] = [];
  for (const entry of contractEntries()) {
    if (entry.kind !== 'method') continue;
    ipcMain.handle(entry.channel, async (event, arg) => {
      if (!isTrustedSender(event.senderFrame)) {
        return fail('forbidden-sender', 'IPC refused: the request did not come from the app window');
      }
      return dispatch(handlers, entry.namespace, entry.name, arg, { transport: 'ipc' });
    });
    channels.push(entry.channel);
  }
  return channels;
}
