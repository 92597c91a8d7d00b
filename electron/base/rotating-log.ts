// The app's log file in the user's data folder, rotated by size (uad.log, uad.log.1 … uad.log.N): what the
// main process and its services print, with a timestamp and level. Electron main process (Node only).
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export interface RotatingLogOptions {
  /** Rotate once the current file would exceed this many bytes. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. */
  keep?: number;
  now?: () => Date;
}

export class RotatingLog {
  readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => Date;
  private size: number;

  constructor(file: string, options: RotatingLogOptions = {}) {
    this.file = file;
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
    this.keep = options.keep ?? 3;
    this.now = options.now ?? (() => new Date());
    mkdirSync(path.dirname(file), { recursive: true });
    this.size = existsSync(file) ? statSync(file).size : 0;
  }

  /** Appends one line per message line; never throws (a full disk must not take the app down). */
  write(level: 'info' | 'warn' | 'error', message: string): void {
    const stamp = this.now().toISOString();
    const text = message.split(/\r?\n/).map((line) => `${stamp} ${level.padEnd(5)} ${line}\n`).join('');
    const bytes = Buffer.byteLength(text);
    try {
      if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
      appendFileSync(this.file, text);
      this.size += bytes;
    } catch {
      // logging is best effort
    }
  }

  /** uad.log → uad.log.1 → … → uad.log.<keep>; the oldest is dropped. */
  private rotate(): void {
    rmSync(`${this.file}.${this.keep}`, { force: true });
    for (let k = this.keep - 1; k >= 1; k--) {
      if (existsSync(`${this.file}.${k}`)) renameSync(`${this.file}.${k}`, `${this.file}.${k + 1}`);
    }
    if (this.keep > 0) renameSync(this.file, `${this.file}.1`);
    else rmSync(this.file, { force: true });
    this.size = 0;
  }

  /** Sends console.log / warn / error to the file as well as to the terminal. */
  captureConsole(target: Pick<Console, 'log' | 'info' | 'warn' | 'error'> = console): void {
    const format = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.stack ?? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
    for (const [method, level] of [['log', 'info'], ['info', 'info'], ['warn', 'warn'], ['error', 'error']] as const) {
      const original = target[method].bind(target);
      target[method] = (...args: unknown[]) => {
        original(...args);
        this.write(level, format(args));
      };
    }
  }
}
