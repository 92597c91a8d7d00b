// The browser host against a hostile browser and careless clients: cross-origin calls, no open
// redirect, prototype-named fields, null and malformed bodies. Node side (real HTTP server).
import http from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callArgument, startBrowserHost, type BrowserHost } from '../../electron/host/server.js';
import { EventHub } from '../../electron/services/event-hub.js';
import { createHandlers } from '../../electron/services/handlers.js';
import { WorkbenchSession } from '../../electron/services/session.js';

describe('browser host hardening', () => {
  let host: BrowserHost;
  const hub = new EventHub();

  beforeAll(async () => {
    const staticDir = mkdtempSync(path.join(tmpdir(), 'uad-static-'));
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
    writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1)');
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
  const call = (method: string, body: string, extra: Record<string, string> = {}) =>
    request(`/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-uad-token': host.token, ...extra }, body });

  it('refuses a cross-origin POST even when it carries the token (403)', async () => {
    const foreign: Record<string, string>[] = [
      { origin: 'http://evil.example' },
      { origin: 'http://127.0.0.1:1' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: `http://127.0.0.1:${host.port}`, 'sec-fetch-site': 'cross-site' },
    ];
    for (const headers of foreign) {
      const res = await call('app/info', '{}', headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'forbidden-origin' } });
    }
    const own = await call('app/info', '{}', { origin: `http://127.0.0.1:${host.port}`, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body)).toMatchObject({ ok: true });
  });

  it('never redirects: the start-up URL and a path that looks like another host are served in place', async () => {
    const cases: [string, number][] = [
      [`/?token=${host.token}`, 200],
      [`/.//evilhost/?token=${host.token}`, 200],
      [`//evilhost/?token=${host.token}`, 200],
      [`/.//evil.example/?token=${host.token}`, 404],
    ];
    for (const [target, status] of cases) {
      const res = await request(target);
      expect(res.status, target).toBe(status);
      expect(res.headers.location, target).toBeUndefined();
      if (status === 200) expect(res.body).toContain('<title>shell</title>');
    }
  });

  it('serves the page only with the token, built assets without it, and sets no cookie', async () => {
    expect((await request('/')).status).toBe(401);
    expect((await request('/index.html')).status).toBe(401);
    expect((await request('/somewhere?token=wrong')).status).toBe(401);
    const asset = await request('/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['set-cookie']).toBeUndefined();
  });

  it('rejects prototype names as argument fields', async () => {
    for (const field of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const res = await call('dataset/openFolder', `{"arg":{"path":"/tmp","${field}":1}}`);
      expect(res.status, field).toBe(200);
      expect(JSON.parse(res.body), field).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect((JSON.parse(res.body) as { error: { message: string } }).error.message, field).toContain(`unknown field '${field}'`);
    }
  });

  it('answers a null, array or malformed body with a clean 400', async () => {
    for (const body of ['null', '[]', '42', '"arg"', '{"arg":', 'nonsense']) {
      const res = await call('app/info', body);
      expect(res.status, body).toBe(400);
      const parsed = JSON.parse(res.body) as { ok: boolean; error: { code: string; message: string } };
      expect(parsed.ok).toBe(false);
      expect(parsed.error.code).toBe('bad-request');
      expect(parsed.error.message).not.toMatch(/TypeError|Cannot read/);
    }
  });

  it('reads the argument of a body only from its own "arg" property', () => {
    expect(callArgument('')).toBeUndefined();
    expect(callArgument('{"arg":{"a":1}}')).toEqual({ a: 1 });
    expect(callArgument('{}')).toBeUndefined();
    expect(() => callArgument('null')).toThrow(/JSON object/);
  });

  it('bounds numeric options with clear errors (batch size, neighbours k)', async () => {
    const cases: [string, string, RegExp][] = [
      ['run/start', '{"arg":{"datasetPath":"/tmp","slot":"A","batchSize":1000000000}}', /'batchSize' must be ≤ 1024/],
      ['run/start', '{"arg":{"datasetPath":"/tmp","slot":"A","batchSize":0}}', /'batchSize' must be ≥ 1/],
      ['explain/similar', `{"arg":{"sampleId":1,"modelSha256":"${'a'.repeat(64)}","k":1000000000}}`, /'k' must be ≤/],
    ];
    for (const [method, body, message] of cases) {
      const result = JSON.parse((await call(method, body)).body) as { ok: boolean; error: { code: string; message: string } };
      expect(result, method).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(result.error.message).toMatch(message);
    }
  });
});
