// The renderer's one handle on the contract: window.uad under Electron, the HTTP client in a browser.
// Renderer; store actions call through this, components never do.
import type { UadApi } from '../../common/api';
import { createHttpClient } from './http-client';

declare global {
  interface Window {
    uad?: UadApi;
  }
}

let client: UadApi | undefined;

export function api(): UadApi {
  client ??= window.uad ?? createHttpClient();
  return client;
}
