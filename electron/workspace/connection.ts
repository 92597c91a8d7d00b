// The SQLite connection behind each open workspace, reachable only from the modules of this folder (the
// lint config forbids importing this file, sqlite.ts or the custody writer elsewhere): every other layer
// goes through the typed repository functions here. Node side (workspace).
import type { Sql } from './sqlite.js';

const connections = new WeakMap<object, Sql>();

/** Called once by Workspace's constructor. */
export function attachConnection(workspace: object, sql: Sql): void {
  connections.set(workspace, sql);
}

/** The open connection of `workspace`; throws once the workspace is closed. */
export function connectionOf(workspace: object): Sql {
  const sql = connections.get(workspace);
  if (!sql) throw new Error('the workspace is closed');
  return sql;
}

/** Forgets the connection (Workspace.close). */
export function detachConnection(workspace: object): void {
  connections.delete(workspace);
}
