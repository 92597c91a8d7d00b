// Where the app's Score runs (ScoringSettings: locally, or through a queue of `uad worker` processes,
// ARCHITECTURE.md §13), kept by the host in the user's data folder (settings.json). Node side (Electron main,
// browser host).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ScoringSettings } from '../../common/contract/run.js';
import { DEFAULT_JOB_SIZE, MAX_JOB_SIZE } from '../queue/contract.js';
import { queueConnection } from '../queue/connection.js';

const defaults = (): ScoringSettings => ({ queueUrl: '', jobSize: DEFAULT_JOB_SIZE });

/** The settings after their checks: a queue URL of the right form (or '' for local), a job size in bounds. */
export function checkedSettings(value: ScoringSettings): ScoringSettings {
  const queueUrl = value.queueUrl.trim();
  if (queueUrl !== '') queueConnection(queueUrl); // throws QueueUrlError with the reason
  if (!Number.isInteger(value.jobSize) || value.jobSize < 1 || value.jobSize > MAX_JOB_SIZE) throw new RangeError(`job size must be an integer from 1 to ${MAX_JOB_SIZE}`);
  return { queueUrl, jobSize: value.jobSize };
}

export class SettingsStore {
  private settings: ScoringSettings;

  /** `file` null keeps the settings in memory only. */
  constructor(private readonly file: string | null, initial?: ScoringSettings) {
    this.settings = initial ? checkedSettings(initial) : file ? SettingsStore.read(file) : defaults();
  }

  private static read(file: string): ScoringSettings {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const queueUrl = Object.hasOwn(parsed, 'queueUrl') && typeof parsed.queueUrl === 'string' ? parsed.queueUrl : '';
      const jobSize = Object.hasOwn(parsed, 'jobSize') && typeof parsed.jobSize === 'number' ? parsed.jobSize : DEFAULT_JOB_SIZE;
      return checkedSettings({ queueUrl, jobSize });
    } catch {
      return defaults(); // absent, unreadable or no longer valid: score locally
    }
  }

  get(): ScoringSettings {
    return { ...this.settings };
  }

  /** Checks and keeps new settings (throws on a bad URL or job size); a failed save leaves them in memory. */
  save(next: ScoringSettings): ScoringSettings {
    this.settings = checkedSettings(next);
    if (this.file) {
      try {
        mkdirSync(path.dirname(this.file), { recursive: true });
        writeFileSync(`${this.file}.tmp`, `${JSON.stringify(this.settings, null, 2)}\n`, { mode: 0o600 });
        renameSync(`${this.file}.tmp`, this.file);
      } catch (err) {
        console.warn(`could not save the settings to ${this.file}: ${(err as Error).message}`);
      }
    }
    return this.get();
  }
}
