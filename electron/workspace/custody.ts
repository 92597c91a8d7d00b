// Hash-chained custody log: every entry's hash covers its content and the previous entry's hash,
// so an edited or deleted row breaks the chain. Node side (workspace).
import { createHash } from 'node:crypto';
import type { CaseCustodyEntry } from '../../common/cases/case-types.js';
import { connectionOf } from './connection.js';
import type { Sql } from './sqlite.js';
import type { Workspace } from './workspace.js';

export const GENESIS_HASH = '0'.repeat(64);

export type CustodyAction = 'ingest' | 'run' | 'view' | 'annotate' | 'threshold' | 'export' | 'import' | 'model'
  /** The analyst asked to score the whole image of a photograph in which detection found no face. */
  | 'score-whole-image';

/** A custody row exactly as stored (and as carried inside case files). */
export type CustodyEntry = CaseCustodyEntry;

export function entryHash(entry: Omit<CustodyEntry, 'hash'>): string {
  return createHash('sha256')
    .update([entry.prev_hash, String(entry.seq), entry.at, entry.actor, entry.action, entry.detail].join('\n'))
    .digest('hex');
}

/**
 * Appends one entry; call inside the transaction that makes the change it records. Only this folder's
 * modules call it (lint-enforced); other layers append through Workspace.custody or a repository function.
 */
export function appendCustody(sql: Sql, actor: string, action: CustodyAction, detail: Record<string, unknown>): CustodyEntry {
  const last = sql.get<{ seq: number; hash: string }>('SELECT seq, hash FROM custody_log ORDER BY seq DESC LIMIT 1');
  const partial = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor,
    action,
    detail: JSON.stringify(detail),
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  const entry = { ...partial, hash: entryHash(partial) };
  sql.run('INSERT INTO custody_log (seq, at, actor, action, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [entry.seq, entry.at, entry.actor, entry.action, entry.detail, entry.prev_hash, entry.hash]);
  return entry;
}

export type ChainVerdict = { ok: true; entries: number; head: string } | { ok: false; seq: number; problem: string };

/** Walks the chain from the start: detects edited rows, deleted or reordered rows, and forged hashes. */
export function verifyCustody(sql: Sql): ChainVerdict {
  const rows = sql.all<CustodyEntry & Record<string, unknown>>('SELECT seq, at, actor, action, detail, prev_hash, hash FROM custody_log ORDER BY seq');
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { ok: false, seq: row.seq, problem: `entry ${expectedSeq} is missing (found ${row.seq})` };
    if (row.prev_hash !== prev) return { ok: false, seq: row.seq, problem: 'previous-hash link is broken' };
    if (entryHash(row) !== row.hash) return { ok: false, seq: row.seq, problem: 'entry content does not match its hash (edited)' };
    prev = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: rows.length, head: prev };
}

/** The custody log in order (only entries of `action` when given), as stored. */
export function custodyEntries(workspace: Workspace, action?: CustodyAction): CustodyEntry[] {
  const sql = connectionOf(workspace);
  const columns = 'seq, at, actor, action, detail, prev_hash, hash';
  return action === undefined
    ? sql.all<CustodyEntry & Record<string, unknown>>(`SELECT ${columns} FROM custody_log ORDER BY seq`)
    : sql.all<CustodyEntry & Record<string, unknown>>(`SELECT ${columns} FROM custody_log WHERE action = ? ORDER BY seq`, [action]);
}

/** The custody 'export' and 'import' entries that name a case id, with the manifest hash each recorded. */
export function caseCustodyEntries(workspace: Workspace, caseId: string): { seq: number; action: string; manifestSha256: unknown }[] {
  const rows = connectionOf(workspace).all<{ seq: number; action: string; detail: string }>("SELECT seq, action, detail FROM custody_log WHERE action IN ('export', 'import') ORDER BY seq");
  const out: { seq: number; action: string; manifestSha256: unknown }[] = [];
  for (const row of rows) {
    try {
      const detail = JSON.parse(row.detail) as { case?: unknown; manifestSha256?: unknown };
      if (detail.case === caseId) out.push({ seq: row.seq, action: row.action, manifestSha256: detail.manifestSha256 });
    } catch { /* an unreadable detail names no case */ }
  }
  return out;
}
