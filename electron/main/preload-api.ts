// Builds the object the preload exposes as window.uad: one function per contract method and event.
// Runs in the sandboxed preload (bundled to out/preload/preload.cjs); never exposes ipcRenderer itself.
import { contractEntries } from '../../common/api.js';

export interface IpcRendererLike {
  invoke(channel: string, arg: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export function buildPreloadApi(ipc: IpcRendererLike): Record<string, Record<string, (arg: unknown) => unknown>> {
  const api: Record<string, Record<string, (arg: unknown) => unknown>> = {};
  for (const entry of contractEntries()) {
    const group = (api[entry.namespace] ??= {});
    const channel = entry.channel;
    if (entry.kind === 'method') {
      group[entry.name] = (arg: unknown) => ipc.invoke(channel, arg);
    } else {
      group[entry.name] = (listener: unknown) => {
        if (typeof listener !== 'function') throw new TypeError(`${entry.namespace}.${entry.name} needs a listener function`);
        const forward = (_event: unknown, payload: unknown): void => (listener as (p: unknown) => void)(payload);
        ipc.on(channel, forward);
        return () => { ipc.removeListener(channel, forward); };
      };
    }
  }
  return api;
}
