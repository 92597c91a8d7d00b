// One scoring run writes to a workspace at a time: a lock row in the workspace's own meta table names
// the run, process, host and start time. Taken in one immediate transaction, so two processes cannot
// both win; a lock whose process is gone (same host, PID not alive) is stale and taken over, and only
// then are runs still marked 'running' closed as interrupted. Node side (workspace).
import { hostname } from 'node:os';
import { appendCustody } from './custody.js';
import type { Sql } from './sqlite.js';

const LOCK_KEY = 'scoring_lock';

export interface ScoringLockHolder {
  runId: number | null;
  pid: number;
  host: string;
  since: string;
}

export class WorkspaceBusyError extends Error {
  constructor(readonly holder: ScoringLockHolder) {
    super(`workspace busy: ${holder.runId === null ? 'a run (starting)' : `run ${holder.runId}`} by process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`} since ${holder.since}`);
    this.name = 'WorkspaceBusyError';
  }
}

/** Whether a process of this host is alive (EPERM: alive, owned by someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(sql: Sql): ScoringLockHolder | null {
  const row = sql.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [LOCK_KEY]);
  if (!row) return null;
  try {
    const parsed = JSON.parse(row.value) as ScoringLockHolder;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') return parsed;
  } catch { /* an unreadable lock is treated as held by an unknown process below */ }
  return { runId: null, pid: -1, host: 'unknown', since: 'unknown' };
}

/** A holder that may still be writing: alive on this host, or on another host (whose processes cannot be checked). */
const mayBeAlive = (holder: ScoringLockHolder): boolean => holder.host !== hostname() || (holder.pid > 0 && processAlive(holder.pid));

export interface ScoringLock {
  /** Names the run in the lock, for whoever finds the workspace busy. */
  setRun(runId: number): void;
  release(): void;
}

/**
 * Takes the workspace's scoring lock or throws WorkspaceBusyError. A stale lock (its process gone) is
 * taken over, and every run still marked 'running' is then closed as interrupted: with the lock held by
 * no live process, none of them can still be writing.
 */
export function acquireScoringLock(sql: Sql, actor: string): ScoringLock {
  const mine: ScoringLockHolder = { runId: null, pid: process.pid, host: hostname(), since: new Date().toISOString() };
  // A plain read first: a busy workspace is reported without waiting for the running process's write lock.
  const current = readHolder(sql);
  if (current && mayBeAlive(current)) throw new WorkspaceBusyError(current);
  sql.transaction(() => {
    const holder = readHolder(sql);
    if (holder && mayBeAlive(holder)) throw new WorkspaceBusyError(holder);
    if (holder) sql.run('DELETE FROM meta WHERE key = ?', [LOCK_KEY]);
    sql.run('INSERT INTO meta (key, value) VALUES (?, ?)', [LOCK_KEY, JSON.stringify(mine)]);
    const stale = sql.all<{ id: number }>("SELECT id FROM runs WHERE status = 'running'");
    for (const { id } of stale) {
      sql.run("UPDATE runs SET status = 'failed', error = 'interrupted: the process ended before the run finished' WHERE id = ?", [id]);
      appendCustody(sql, actor, 'run', { event: 'interrupted', run: id, ...(holder ? { lockPid: holder.pid, lockSince: holder.since } : {}) });
    }
  });
  const owned = (): boolean => {
    const holder = readHolder(sql);
    return holder !== null && holder.pid === mine.pid && holder.host === mine.host && holder.since === mine.since;
  };
  return {
    setRun: (runId) => {
      mine.runId = runId;
      sql.transaction(() => { if (owned()) sql.run('UPDATE meta SET value = ? WHERE key = ?', [JSON.stringify(mine), LOCK_KEY]); });
    },
    release: () => {
      sql.transaction(() => { if (owned()) sql.run('DELETE FROM meta WHERE key = ?', [LOCK_KEY]); });
    },
  };
}
