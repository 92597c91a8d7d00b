// A real redis-server for tests: started on a free loopback port in a temporary folder (append-only file on,
// snapshots off), ready once it answers PING (bounded poll), stopped and restarted on the same port and data.
// With TLS options it listens on a TLS port only (rediss://). Tests skip with a message where redis-server is
// not installed (Debian package redis-server).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CANDIDATES = [process.env.UAD_REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server'];

/** The redis-server binary, or null (the caller skips its tests and says why). */
export function redisServerBinary(): string | null {
  return CANDIDATES.find((file): file is string => !!file && existsSync(file)) ?? null;
}

export const REDIS_MISSING = 'redis-server not found: queue tests skipped (apt-get install redis-server, or set UAD_REDIS_SERVER)';

/** A port nobody listens on now: the kernel picks it for a throwaway listener. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The server's certificate and key, and the CA that signed it (what clients trust). */
export interface RedisTls {
  cert: string;
  key: string;
  ca: string;
}

/** One RESP PING over a fresh socket: true when the server answers +PONG (or asks for a password). */
function pingOnce(port: number, ca?: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = ca ? connectTls({ port, host: '127.0.0.1', ca }) : connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once(ca ? 'secureConnect' : 'connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
    });
  });
}

/** Polls PING until it answers or `timeoutMs` has passed (each try waits for its socket, not a timer; a count of
 * tries alone ends too early on a loaded machine, where a refused connect returns in microseconds). */
export async function waitForPing(port: number, timeoutMs = 30_000, ca?: Buffer): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await pingOnce(port, ca)) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${timeoutMs / 1000} s`);
}

export class TestRedis {
  private child: ChildProcess | null = null;
  private log = '';

  private constructor(readonly binary: string, readonly port: number, readonly dir: string, private readonly extra: string[], private readonly tls: RedisTls | null) {}

  /** Starts a server; `extra` are further redis-server arguments (e.g. an ACL user); with `tls`, TLS only. */
  static async start(extra: string[] = [], tls: RedisTls | null = null): Promise<TestRedis> {
    const binary = redisServerBinary();
    if (!binary) throw new Error(REDIS_MISSING);
    const server = new TestRedis(binary, await freePort(), mkdtempSync(path.join(tmpdir(), 'uad-redis-')), extra, tls);
    await server.boot();
    return server;
  }

  get url(): string {
    return `${this.tls ? 'rediss' : 'redis'}://127.0.0.1:${this.port}`;
  }

  private async boot(): Promise<void> {
    const listen = this.tls
      ? ['--port', '0', '--tls-port', String(this.port), '--tls-cert-file', this.tls.cert, '--tls-key-file', this.tls.key, '--tls-ca-cert-file', this.tls.ca, '--tls-auth-clients', 'no']
      : ['--port', String(this.port)];
    const child = spawn(this.binary, [
      ...listen, '--bind', '127.0.0.1', '--dir', this.dir,
      '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--daemonize', 'no', ...this.extra,
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => { this.log = (this.log + chunk.toString()).slice(-4000); });
    child.stderr!.on('data', (chunk: Buffer) => { this.log = (this.log + chunk.toString()).slice(-4000); });
    this.child = child;
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${this.log}`))));
    await Promise.race([waitForPing(this.port, 30_000, this.tls ? readFileSync(this.tls.ca) : undefined), exited]);
  }

  /** Stops the server (SIGTERM: it finishes writing its append-only file) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** Stops and starts again on the same port and folder: the append-only file brings the data back. */
  async restart(): Promise<void> {
    await this.stop();
    await this.boot();
  }
}
