// Storage facts of a workspace file: a WAL checkpoint (so the file holds every committed page) and the
// bytes of pages per table and index (SQLite's dbstat), for the footprint benchmark. Node side (workspace).
import { connectionOf } from './connection.js';
import type { Workspace } from './workspace.js';

/** Writes the WAL back into the database file and truncates it. */
export function checkpoint(workspace: Workspace): void {
  connectionOf(workspace).get('PRAGMA wal_checkpoint(TRUNCATE)');
}

/** Bytes of SQLite pages per table and index. */
export function pageBytesByTable(workspace: Workspace): Record<string, number> {
  return Object.fromEntries(connectionOf(workspace).all<{ name: string; bytes: number }>('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').map((r) => [r.name, r.bytes]));
}
