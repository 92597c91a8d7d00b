// Recently opened workspaces, models and datasets, kept by the host in the user's data folder (recent.json),
// so a new browser-mode port or a restarted app still knows them. Node side (Electron main, browser host).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RecentKind, RecentPaths } from '../../common/contract/app.js';

export const MAX_RECENT = 8;
const KINDS: RecentKind[] = ['workspaces', 'models', 'datasets'];

const empty = (): RecentPaths => ({ workspaces: [], models: [], datasets: [] });

export class RecentStore {
  private lists: RecentPaths;

  /** `file` null keeps the lists in memory only. */
  constructor(private readonly file: string | null) {
    this.lists = file ? RecentStore.read(file) : empty();
  }

  private static read(file: string): RecentPaths {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const lists = empty();
      for (const kind of KINDS) {
        const value = parsed[kind];
        if (Array.isArray(value)) lists[kind] = value.filter((p): p is string => typeof p === 'string' && p !== '').slice(0, MAX_RECENT);
      }
      return lists;
    } catch {
      return empty(); // absent or unreadable: start afresh
    }
  }

  list(): RecentPaths {
    return { workspaces: [...this.lists.workspaces], models: [...this.lists.models], datasets: [...this.lists.datasets] };
  }

  /** Puts a path first (once), keeps MAX_RECENT, saves; a failed save leaves the lists in memory. */
  remember(kind: RecentKind, value: string): void {
    const trimmed = value.trim();
    if (trimmed === '') return;
    this.lists[kind] = [trimmed, ...this.lists[kind].filter((p) => p !== trimmed)].slice(0, MAX_RECENT);
    if (!this.file) return;
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      writeFileSync(`${this.file}.tmp`, `${JSON.stringify(this.lists, null, 2)}\n`);
      renameSync(`${this.file}.tmp`, this.file);
    } catch (err) {
      console.warn(`could not save the recent paths to ${this.file}: ${(err as Error).message}`);
    }
  }
}

/** Records the path of a successful open in the recent list of its kind. */
export function remembering<A extends { path: string }, C, R extends { ok: boolean }>(store: RecentStore, kind: RecentKind, open: (arg: A, ctx: C) => Promise<R>) {
  return async (arg: A, ctx: C): Promise<R> => {
    const result = await open(arg, ctx);
    if (result.ok) store.remember(kind, arg.path);
    return result;
  };
}