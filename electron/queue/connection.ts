// The Redis connection of queued scoring (ARCHITECTURE.md §13): a redis:// or rediss:// URL with an optional
// ACL user and password and database number, parsed by ioredis; both sides retry with backoff while Redis is
// away (commands wait for the reconnection instead of failing). Node side (CLI worker and coordinator).
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';

export class QueueUrlError extends Error {}

/** Checks the URL's form; the returned options are what BullMQ's Queue, Worker and QueueEvents connect with. */
export function queueConnection(url: string): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueUrlError(`--queue must be a URL like redis://[user:password@]host:port[/db] or rediss://…, got '${redactedUrl(url)}'`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new QueueUrlError(`--queue must start with redis:// or rediss:// (TLS), got ${parsed.protocol}//`);
  if (!parsed.hostname) throw new QueueUrlError('--queue has no host');
  if (parsed.pathname.length > 1 && !/^\/\d{1,2}$/.test(parsed.pathname)) throw new QueueUrlError(`--queue database must be a number, got '${parsed.pathname.slice(1, 20)}'`);
  return {
    url,
    // Commands wait across a Redis restart instead of failing after a few retries; reconnection backs off to 2 s.
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
  } as ConnectionOptions;
}

/** A plain client on the same URL, for the workers' self-reports (its errors go to `onError`). */
export function redisClient(url: string, onError: (err: Error) => void = () => undefined): Redis {
  const { url: _url, ...options } = queueConnection(url) as { url: string } & Record<string, unknown>;
  const client = new Redis(url, options);
  client.on('error', onError);
  return client;
}

/**
 * Ends a client at once whatever the state of Redis: commands still waiting for it fail. One already ended is
 * left alone (ending it again would hold the process for ioredis' disconnect timeout).
 */
export function hangUp(client: Redis): void {
  if (client.status !== 'end') client.disconnect();
}

/** The URL as shown in messages and logs: the password replaced by ***. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}
