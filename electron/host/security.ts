// Browser-mode host checks: per-launch token, loopback Host header, same-origin callers, security headers.
// Node side (browser host). Pure functions of the request, so they are unit-testable.
// No cookie is ever set: cookies are shared by every port of 127.0.0.1, so another local server would
// receive one. The page keeps the token from its own URL and sends it in a header on each call.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_HEADER = 'x-uad-token';

export const newToken = (): string => randomBytes(24).toString('base64url');

/** Content-Security-Policy for every served page: nothing but this origin (inline styles for charts). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const loopbackHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];

/** Only loopback names for our own port: defeats DNS-rebinding pages that reach 127.0.0.1 under another name. */
export function hostHeaderAllowed(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  return loopbackHosts(port).includes(hostHeader.toLowerCase());
}

/**
 * Whether an API request comes from this host's own page (or from a non-browser client, which sends
 * neither header). A browser always sends Sec-Fetch-Site and, on POST, Origin: anything but our own
 * origin is refused, so a page on another port or site cannot drive the API even if it held the token.
 */
export function sameOriginCaller(req: IncomingMessage, port: number): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return loopbackHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

/** The token of an API request: the header the page sends (or a Bearer token for scripts). */
export function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string') return header;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  return undefined;
}
