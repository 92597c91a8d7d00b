// Both transports expose exactly the contract's methods and events; the browser host refuses
// requests without the token, from foreign Host names and with non-JSON bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, channelName, contractEntries, HTTP_ROUTES, parseCallRoute } from '../../common/api.js';
import { registerIpcHandlers, type IpcMainLike } from '../../electron/main/ipc-transport.js';
import { buildPreloadApi, type IpcRendererLike } from '../../electron/main/preload-api.js';
import { startBrowserHost, type BrowserHost } from '../../electron/host/server.js';
import { EventHub } from '../../electron/services/event-hub.js';
import { createHandlers } from '../../electron/services/handlers.js';
import { WorkbenchSession } from '../../electron/services/session.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';

const methods = contractEntries().filter((e) => e.kind === 'method');
const events = contractEntries().filter((e) => e.kind === 'event');
const sortedKeys = (list: { namespace: string; name: string }[]) => list.map((e) => `${e.namespace}.${e.name}`).sort();

describe('contract', () => {
  it('derives one unique channel per method and event', () => {
    const channels = contractEntries().map((e) => e.channel);
    expect(new Set(channels).size).toBe(channels.length);
    expect(channelName('dataset', 'openFolder')).toBe('uad:dataset.openFolder');
    expect(methods.length).toBeGreaterThan(0);
    expect(events.length).toBeGreaterThan(0);
  });

  it('derives each method\'s HTTP route, which parses back to it; other paths are no call', () => {
    for (const entry of contractEntries().filter((e) => e.kind === 'method')) {
      expect(callRoute(entry.namespace, entry.name)).toBe(`/api/call/${entry.namespace}/${entry.name}`);
      expect(parseCallRoute(callRoute(entry.namespace, entry.name))).toEqual({ namespace: entry.namespace, name: entry.name });
    }
    for (const other of [HTTP_ROUTES.events, HTTP_ROUTES.contract, '/api/call/app', '/api/call/app/info/x', '/api/call/a-b/c', '/x/api/call/app/info']) {
      expect(parseCallRoute(other)).toBeNull();
    }
  });

  it('has a handler for every method and nothing else', () => {
    const handlers = createHandlers({ mode: 'browser', emit: () => undefined, session: new WorkbenchSession() });
    const handled = Object.entries(handlers).flatMap(([ns, group]) => Object.keys(group).map((name) => `${ns}.${name}`)).sort();
    expect(handled).toEqual(sortedKeys(methods));
  });
});

describe('Electron IPC transport', () => {
  it('preload exposes exactly one function per contract method and event, routed to its channel', async () => {
    const invoked: string[] = [];
    const subscribed: string[] = [];
    const ipc: IpcRendererLike = {
      invoke: async (channel) => { invoked.push(channel); return { ok: true, value: null }; },
      on: (channel) => { subscribed.push(channel); },
      removeListener: () => undefined,
    };
    const api = buildPreloadApi(ipc);
    const exposed = Object.entries(api).flatMap(([ns, group]) => Object.keys(group).map((name) => `${ns}.${name}`)).sort();
    expect(exposed).toEqual(sortedKeys(contractEntries()));
    for (const entry of methods) await api[entry.namespace]![entry.name]!(undefined);
    for (const entry of events) (api[entry.namespace]![entry.name]! as (l: () => void) => () => void)(() => undefined)();
    expect(invoked).toEqual(methods.map((e) => e.channel));
    expect(subscribed).toEqual(events.map((e) => e.channel));
    expect(Object.keys(api)).not.toContain('ipcRenderer');
  });

  it('main registers exactly the contract methods and refuses foreign sender frames', async () => {
    const registered = new Map<string, (event: { senderFrame: { url: string; parent: unknown } | null }, arg: unknown) => Promise<unknown>>();
    const ipcMain: IpcMainLike = { handle: (channel, listener) => { registered.set(channel, listener); } };
    registerIpcHandlers(ipcMain, createHandlers({ mode: 'electron', emit: () => undefined, session: new WorkbenchSession() }));
    expect([...registered.keys()].sort()).toEqual(methods.map((e) => e.channel).sort());

    const info = registered.get(channelName('app', 'info'))!;
    const fromApp = await info({ senderFrame: { url: 'app://uad/index.html', parent: null } }, undefined);
    expect(fromApp).toMatchObject({ ok: true, value: { mode: 'electron' } });
    for (const frame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'app://uad/index.html', parent: {} },
      null,
    ]) {
      expect(await info({ senderFrame: frame }, undefined)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    const open = registered.get(channelName('dataset', 'openFolder'))!;
    expect(await open({ senderFrame: { url: 'app://uad/', parent: null } }, { path: 42 }))
      .toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});

describe('browser-mode host', () => {
  let host: BrowserHost;
  const hub = new EventHub();

  beforeAll(async () => {
    const staticDir = mkdtempSync(path.join(tmpdir(), 'uad-static-'));
    host = await startBrowserHost({ handlers: createHandlers({ mode: 'browser', emit: hub.emit, session: new WorkbenchSession() }), hub, staticDir });
  });
  afterAll(async () => { await host.close(); });

  const request = (pathname: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: host.port, path: pathname, method: init.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...init.headers } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { body += chunk; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end(init.body);
    });
  const authed = (extra: Record<string, string> = {}) => ({ 'x-uad-token': host.token, ...extra });

  it('listens on loopback only', () => {
    expect((host.server.address() as { address: string }).address).toBe('127.0.0.1');
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
  });

  it('exposes exactly the contract, and every method route reaches its handler', async () => {
    const listed = await request('/api/contract', { headers: authed() });
    expect(listed.status).toBe(200);
    expect(sortedKeys(JSON.parse(listed.body) as { namespace: string; name: string }[])).toEqual(sortedKeys(contractEntries()));
    for (const entry of methods) {
      const res = await request(`/api/call/${entry.namespace}/${entry.name}`, { method: 'POST', headers: authed({ 'content-type': 'application/json' }), body: '{}' });
      expect(res.status, entry.channel).toBe(200);
      const result = JSON.parse(res.body) as { ok: boolean; error?: { code: string } };
      expect(result.ok || result.error?.code !== 'unknown-method').toBe(true);
    }
    const unknown = await request('/api/call/app/shutdown', { method: 'POST', headers: authed({ 'content-type': 'application/json' }), body: '{}' });
    expect(unknown.status).toBe(404);
  });

  it('refuses a request without the token, or with a wrong one (401)', async () => {
    const refused: Record<string, string>[] = [{}, { 'x-uad-token': 'wrong' }, { cookie: `uad_token_${host.port}=${host.token}` }];
    for (const headers of refused) {
      const res = await request('/api/call/app/info', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
      expect(res.status).toBe(401);
    }
    expect((await request('/')).status).toBe(401);
    expect((await request('/?token=wrong')).status).toBe(401);
  });

  it('serves the page to the start-up URL without a redirect or a cookie; the header token then authorises', async () => {
    const first = await request(`/?token=${host.token}`);
    expect(first.status).not.toBe(401);
    expect(first.headers.location).toBeUndefined();
    expect(first.headers['set-cookie']).toBeUndefined();
    const res = await request('/api/call/app/info', { method: 'POST', headers: authed({ 'content-type': 'application/json' }), body: '{}' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { mode: 'browser' } });
  });

  it('refuses foreign Host headers (403), even with the token', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, '127.0.0.1:1']) {
      const res = await request('/api/contract', { headers: authed({ host: hostHeader }) });
      expect(res.status, hostHeader).toBe(403);
    }
  });

  it('refuses non-JSON calls (no simple cross-site POST) and path traversal', async () => {
    const res = await request('/api/call/app/info', { method: 'POST', headers: authed({ 'content-type': 'text/plain' }), body: '{}' });
    expect(res.status).toBe(415);
    const traversal = await request('/..%2F..%2Fetc%2Fpasswd.txt', { headers: authed() });
    expect(traversal.status).toBe(404);
  });

  it('sets the security headers on responses', async () => {
    const res = await request('/api/contract', { headers: authed() });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
