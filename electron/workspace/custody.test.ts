// The custody chain over a real SQLite workspace: intact after normal use; an edited row (even with its
// own hash recomputed), a deleted row and a reordered row are each detected and located.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, type CustodyEntry } from './custody.js';
import { connectionOf } from './connection.js';
import { Workspace } from './workspace.js';

let workspace: Workspace;
beforeEach(() => {
  workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-custody-')), 'examiner-a');
  for (const [action, n] of [['view', 1], ['annotate', 2], ['threshold', 3], ['export', 4], ['view', 5]] as const) workspace.custody(action, { n });
});
afterEach(() => workspace.close());

const row = (seq: number) => connectionOf(workspace).get<CustodyEntry & Record<string, unknown>>('SELECT * FROM custody_log WHERE seq = ?', [seq])!;

describe('custody chain', () => {
  it('is intact after appends', () => {
    expect(workspace.verifyCustody()).toMatchObject({ ok: true, entries: 5 });
  });

  it('detects an edited row', () => {
    connectionOf(workspace).run('UPDATE custody_log SET detail = ? WHERE seq = 3', [JSON.stringify({ n: 99 })]);
    expect(workspace.verifyCustody()).toEqual({ ok: false, seq: 3, problem: 'entry content does not match its hash (edited)' });
  });

  it('detects an edited row whose own hash was recomputed (the next link breaks)', () => {
    const edited = { ...row(3), actor: 'someone-else' };
    connectionOf(workspace).run('UPDATE custody_log SET actor = ?, hash = ? WHERE seq = 3', [edited.actor, entryHash(edited)]);
    expect(workspace.verifyCustody()).toEqual({ ok: false, seq: 4, problem: 'previous-hash link is broken' });
  });

  it('detects a deleted row, in the middle and at the start', () => {
    connectionOf(workspace).run('DELETE FROM custody_log WHERE seq = 2');
    expect(workspace.verifyCustody()).toEqual({ ok: false, seq: 3, problem: 'entry 2 is missing (found 3)' });
    connectionOf(workspace).run('DELETE FROM custody_log WHERE seq = 1');
    expect(workspace.verifyCustody()).toMatchObject({ ok: false, seq: 3, problem: 'entry 1 is missing (found 3)' });
  });

  it('detects rows swapped in place (sequence numbers exchanged)', () => {
    connectionOf(workspace).run('UPDATE custody_log SET seq = 100 WHERE seq = 2');
    connectionOf(workspace).run('UPDATE custody_log SET seq = 2 WHERE seq = 3');
    connectionOf(workspace).run('UPDATE custody_log SET seq = 3 WHERE seq = 100');
    expect(workspace.verifyCustody().ok).toBe(false);
  });
});
