// Browser-mode client of the contract: POST /api/call/<ns>/<method>, push events over one streamed GET.
// Renderer; the token comes from the page's own URL (the one printed at start-up), leaves that URL at
// once and travels only in a header.
import { callRoute, contractEntries, HTTP_ROUTES, type UadApi } from '../../common/api';
import type { Result } from '../../common/result';

type Listener = (payload: unknown) => void;

const TOKEN_HEADER = 'x-uad-token';

let launchToken: string | undefined;

/**
 * The launch token, read once from the page's URL (`/?token=…`) and then removed from the address and
 * its history entry (history.replaceState), so it is kept in memory only: not in the address bar,
 * history, bookmarks or a copied link. Empty when the page was opened without it. A reload asks for
 * the printed URL again (the server serves the page only to it).
 */
export function pageToken(): string {
  if (launchToken === undefined) {
    const url = new URL(window.location.href);
    launchToken = url.searchParams.get('token') ?? '';
    if (url.searchParams.has('token')) {
      url.searchParams.delete('token');
      window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    }
  }
  return launchToken;
}

/** Splits server-sent-event text into complete `data:` payloads, returning the unfinished rest. */
export function takeEventFrames(buffer: string): { frames: string[]; rest: string } {
  const frames: string[] = [];
  let rest = buffer;
  for (let end = rest.indexOf('\n\n'); end >= 0; end = rest.indexOf('\n\n')) {
    const block = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const data = block.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
    if (data !== '') frames.push(data);
  }
  return { frames, rest };
}

export function createHttpClient(baseUrl = '', token = pageToken()): UadApi {
  const listeners = new Map<string, Set<Listener>>();
  let streaming = false;

  // EventSource cannot send a header, so the event stream is read through fetch; it reconnects after a drop.
  const readEvents = async (): Promise<void> => {
    const decoder = new TextDecoder();
    for (;;) {
      try {
        const response = await fetch(`${baseUrl}${HTTP_ROUTES.events}`, { headers: { [TOKEN_HEADER]: token }, credentials: 'omit', cache: 'no-store' });
        if (!response.ok || !response.body) return;
        const reader = response.body.getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const taken = takeEventFrames(buffer + decoder.decode(value, { stream: true }));
          buffer = taken.rest;
          for (const frame of taken.frames) {
            const { channel, payload } = JSON.parse(frame) as { channel: string; payload: unknown };
            for (const listener of listeners.get(channel) ?? []) listener(payload);
          }
        }
      } catch {
        // The host went away; try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  const ensureEventStream = (): void => {
    if (streaming) return;
    streaming = true;
    void readEvents();
  };

  const call = async (namespace: string, name: string, arg: unknown): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${callRoute(namespace, name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        credentials: 'omit',
        body: JSON.stringify({ arg }),
      });
    } catch (err) {
      return { ok: false, error: { code: 'host-unreachable', message: `The workbench host did not answer (${String(err)}). Is it still running?` } };
    }
    if (response.status === 401) {
      return { ok: false, error: { code: 'unauthorized', message: 'This page has no valid session token: open the URL printed when the workbench started.' } };
    }
    return (await response.json()) as Result<unknown>;
  };

  const api: Record<string, Record<string, unknown>> = {};
  for (const entry of contractEntries()) {
    const group = (api[entry.namespace] ??= {});
    if (entry.kind === 'method') {
      group[entry.name] = (arg: unknown) => call(entry.namespace, entry.name, arg);
    } else {
      group[entry.name] = (listener: Listener) => {
        ensureEventStream();
        const set = listeners.get(entry.channel) ?? new Set<Listener>();
        listeners.set(entry.channel, set);
        set.add(listener);
        return () => set.delete(listener);
      };
    }
  }
  return api as unknown as UadApi;
}
