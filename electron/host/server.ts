// The browser-mode host: the contract's handlers behind a loopback-only HTTP server with a per-launch token.
// Node side. Routes: POST /api/call/<ns>/<method>, GET /api/events (SSE), GET /api/contract, static renderer.
// No redirects (so none can lead off-site) and no cookies (so no other local server receives a credential).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { contractEntries, HTTP_ROUTES, parseCallRoute, type ApiHandlers } from '../../common/api.js';
import { dispatch } from '../services/dispatch.js';
import type { EventHub } from '../services/event-hub.js';
import { CONTENT_SECURITY_POLICY, hostHeaderAllowed, newToken, presentedToken, sameOriginCaller, tokensEqual } from './security.js';
import { serveStatic } from './static-files.js';

export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export interface BrowserHostOptions {
  handlers: ApiHandlers;
  hub: EventHub;
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface BrowserHost {
  server: Server;
  port: number;
  token: string;
  /** The URL to open: it carries the token, which the page sends in a header (never a cookie). */
  url: string;
  close: () => Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The argument of a call body `{"arg": …}`; an empty body means no argument. */
export function callArgument(text: string): unknown {
  if (text === '') return undefined;
  const body: unknown = JSON.parse(text);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('the body must be a JSON object {"arg": …}');
  return Object.hasOwn(body, 'arg') ? (body as { arg: unknown }).arg : undefined;
}

/** Page requests (the app shell: extension-less routes and .html) need the token; built assets do not. */
const servesPage = (pathname: string): boolean => {
  const ext = path.posix.extname(pathname);
  return ext === '' || ext === '.html';
};

/** The SSE streams of connected pages; every hub event is written to each as one frame. */
function eventStreams(hub: EventHub) {
  const streams = new Set<ServerResponse>();
  const unsubscribe = hub.subscribe((channel, payload) => {
    const frame = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    for (const stream of streams) stream.write(frame);
  });
  return {
    open(req: IncomingMessage, res: ServerResponse): void {
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
    },
    close(): void {
      unsubscribe();
      for (const stream of streams) stream.end();
      streams.clear();
    },
  };
}

/**
 * Answers and returns true when a request may not go further: a Host header that is not this loopback address,
 * an API call from another origin or without the token, a page asked for without the token in its URL.
 */
function refused(req: IncomingMessage, res: ServerResponse, url: URL, port: number, token: string): boolean {
  if (!hostHeaderAllowed(req.headers.host, port)) {
    sendJson(res, 403, { ok: false, error: { code: 'forbidden-host', message: 'Host header must name this loopback address' } });
    return true;
  }
  if (url.pathname.startsWith(HTTP_ROUTES.api)) {
    if (!sameOriginCaller(req, port)) {
      sendJson(res, 403, { ok: false, error: { code: 'forbidden-origin', message: 'Only this workbench page may call its API' } });
      return true;
    }
    const presented = presentedToken(req);
    if (presented === undefined || !tokensEqual(presented, token)) {
      sendJson(res, 401, { ok: false, error: { code: 'unauthorized', message: 'Missing or wrong token: open the URL printed at start-up' } });
      return true;
    }
  } else if (servesPage(url.pathname)) {
    // The app page is served only to the printed URL; its script keeps the token and sends it in a header.
    const queryToken = url.searchParams.get('token');
    if (queryToken === null || !tokensEqual(queryToken, token)) {
      res.writeHead(401, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
        .end('Missing or wrong token: open the URL printed when the workbench started.');
      return true;
    }
  }
  return false;
}

/** POST /api/call/<ns>/<method>: a JSON body `{"arg": …}`, dispatched to the contract's handlers. */
async function serveCall(req: IncomingMessage, res: ServerResponse, handlers: ApiHandlers, call: { namespace: string; name: string }): Promise<void> {
  // A JSON content type cannot be sent cross-site without a CORS preflight, which this host never grants.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    sendJson(res, 415, { ok: false, error: { code: 'unsupported-media-type', message: 'Send application/json' } });
    return;
  }
  let arg: unknown;
  try {
    arg = callArgument(await readBody(req));
  } catch (err) {
    sendJson(res, 400, { ok: false, error: { code: 'bad-request', message: err instanceof Error ? err.message : 'bad body' } });
    return;
  }
  const result = await dispatch(handlers, call.namespace, call.name, arg, { transport: 'http' });
  sendJson(res, result.ok || result.error.code !== 'unknown-method' ? 200 : 404, result);
}

/** Routes an admitted request: the contract, the event stream, a call, or a file of the renderer build. */
async function route(req: IncomingMessage, res: ServerResponse, url: URL, options: BrowserHostOptions, events: ReturnType<typeof eventStreams>): Promise<void> {
  if (url.pathname === HTTP_ROUTES.contract && req.method === 'GET') {
    sendJson(res, 200, contractEntries());
    return;
  }
  if (url.pathname === HTTP_ROUTES.events && req.method === 'GET') {
    events.open(req, res);
    return;
  }
  const call = parseCallRoute(url.pathname);
  if (call && req.method === 'POST') {
    await serveCall(req, res, options.handlers, call);
    return;
  }
  if (url.pathname.startsWith(HTTP_ROUTES.api)) {
    sendJson(res, 404, { ok: false, error: { code: 'not-found', message: `No route ${req.method} ${url.pathname}` } });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { ok: false, error: { code: 'method-not-allowed', message: 'Only GET for pages' } });
    return;
  }
  await serveStatic(options.staticDir, url.pathname, res, SECURITY_HEADERS);
}

/** Listens on 127.0.0.1 (port 0: a free one); resolves with the port taken. */
async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? newToken();
  let port = 0;
  const events = eventStreams(options.hub);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!refused(req, res, url, port, token)) await route(req, res, url, options, events);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('[uad] request failed:', err);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'internal error' } });
      else res.end();
    });
  });
  port = await listen(server, options.port ?? 0);

  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
