// Browser-mode client of the contract: POST /api/call/<ns>/<method>, push events over one EventSource.
// Renderer; the session token travels in the HttpOnly cookie set when the start-up URL was opened.
import { contractEntries, type UadApi } from '../../common/api';
import type { Result } from '../../common/result';

type Listener = (payload: unknown) => void;

export function createHttpClient(baseUrl = ''): UadApi {
  const listeners = new Map<string, Set<Listener>>();
  let source: EventSource | null = null;

  const ensureEventSource = (): void => {
    if (source) return;
    source = new EventSource(`${baseUrl}/api/events`);
    source.onmessage = (message: MessageEvent<string>) => {
      const { channel, payload } = JSON.parse(message.data) as { channel: string; payload: unknown };
      for (const listener of listeners.get(channel) ?? []) listener(payload);
    };
  };

  const call = async (namespace: string, name: string, arg: unknown): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/call/${namespace}/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
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
        ensureEventSource();
        const set = listeners.get(entry.channel) ?? new Set<Listener>();
        listeners.set(entry.channel, set);
        set.add(listener);
        return () => set.delete(listener);
      };
    }
  }
  return api as unknown as UadApi;
}
