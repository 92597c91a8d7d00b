// The renderer's handle on the contract: window.uad under Electron, the HTTP client in a browser.
// Renderer; the app's store is created over it (store/index.ts) and its actions call through it, components never do.
import type { UadApi } from '../../common/api';
import { createHttpClient } from './http-client';

declare global {
  interface Window {
    uad?: UadApi;
    /** Desktop app only: the path of a dropped file (electron/main/preload.ts). */
    uadFiles?: { pathForFile: (file: File) => string };
  }
}

/** The path of a file dropped onto the window, or '' where the host cannot tell (browser mode). */
export function droppedFilePath(file: File): string {
  return window.uadFiles?.pathForFile(file) ?? '';
}

/** The contract client of this page: the preload's under Electron, else one over the browser host. */
export function connectToHost(): UadApi {
  return window.uad ?? createHttpClient();
}
