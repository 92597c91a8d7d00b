// The renderer's one handle on the contract: window.uad under Electron, the HTTP client in a browser.
// Renderer; store actions call through this, components never do.
import type { UadApi } from '../../common/api';
import { createHttpClient } from './http-client';

declare global {
  interface Window {
    uad?: UadApi;
    /** Desktop app only: the path of a dropped file (electron/main/preload.ts). */
    uadFiles?: { pathForFile: (file: File) => string };
  }
}

let client: UadApi | undefined;

/** The path of a file dropped onto the window, or '' where the host cannot tell (browser mode). */
export function droppedFilePath(file: File): string {
  return window.uadFiles?.pathForFile(file) ?? '';
}

export function api(): UadApi {
  client ??= window.uad ?? createHttpClient();
  return client;
}
