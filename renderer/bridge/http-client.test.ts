// The browser-mode launch token: read once from the page's URL, then removed from the address and its
// history entry (the rest of the URL kept), and still sent in the header of every call. Renderer test.
import { afterEach, describe, expect, it, vi } from 'vitest';

function stubPage(href: string): { replaced: string[] } {
  const replaced: string[] = [];
  const location = { href };
  const history = {
    state: { from: 'test' },
    replaceState: (_state: unknown, _title: string, url: string) => {
      replaced.push(url);
      location.href = new URL(url, location.href).href;
    },
  };
  vi.stubGlobal('window', { location, history });
  return { replaced };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('pageToken', () => {
  it('takes the token out of the URL at once, keeps the rest, and remembers it in memory', async () => {
    const page = stubPage('http://127.0.0.1:5000/?token=secret123&view=map#evaluation');
    const { pageToken } = await import('./http-client.js');
    expect(pageToken()).toBe('secret123');
    expect(page.replaced).toEqual(['/?view=map#evaluation']);
    expect(window.location.href).toBe('http://127.0.0.1:5000/?view=map#evaluation');
    expect(window.location.href).not.toContain('secret123');
    expect(pageToken()).toBe('secret123');
    expect(page.replaced).toHaveLength(1);
  });

  it('sends the remembered token in the header after the URL lost it', async () => {
    stubPage('http://127.0.0.1:5000/?token=abc');
    const seen: (string | undefined)[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: { headers: Record<string, string> }) => {
      seen.push(init.headers['x-uad-token']);
      return new Response(JSON.stringify({ ok: true, value: [] }), { status: 200 });
    });
    const { createHttpClient } = await import('./http-client.js');
    const client = createHttpClient();
    expect(window.location.href).toBe('http://127.0.0.1:5000/');
    await client.app.info();
    expect(seen).toEqual(['abc']);
  });

  it('leaves a URL without a token alone', async () => {
    const page = stubPage('http://127.0.0.1:5000/');
    const { pageToken } = await import('./http-client.js');
    expect(pageToken()).toBe('');
    expect(page.replaced).toEqual([]);
  });
});
