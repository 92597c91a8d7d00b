// Annotations over a real SQLite workspace: append-only history with custody entries, the second-examiner
// rule, bookmarks, bulk tags (one custody entry per action), clear refusals, and durability: an annotation saved by a process that is SIGKILLed
// right after saving is there when the workspace is reopened.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatasetListing } from '../../common/dataset/types.js';
import { repoRoot } from '../../test/support/models.js';
import { addAnnotation, annotationContentHash, AnnotationError, annotationHistory, bookmarkedSampleIds, latestAnnotations, setBookmark, tagSamples } from './annotations.js';
import { connectionOf } from './connection.js';
import { Workspace } from './workspace.js';

function listing(root: string): DatasetListing {
  const sample = (id: number, p: string, label: 0 | 1, species: string) => ({
    id, path: p, label, category: label ? 'physical' as const : 'bona-fide' as const, species, identity: `id${id}`, split: 'test', sizeBytes: 10, status: 'ok' as const,
  });
  return {
    root, source: 'folder', skipped: [],
    samples: [sample(0, 'live/a.png', 0, 'bona-fide'), sample(1, 'attack/print/b.png', 1, 'print'), sample(2, 'attack/replay/c.png', 1, 'replay')],
    counts: { total: 3, bonaFide: 1, attack: 2, unusable: 0, bySpecies: {} },
  };
}

let dir: string;
let workspace: Workspace;
let ids: number[];
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'uad-annot-'));
  workspace = Workspace.open(dir, 'examiner-a');
  ids = workspace.ingest(listing(dir)).sampleIds;
});
afterEach(() => workspace.close());

const base = { verdict: 'attack' as const, status: 'open' as const };

describe('annotations', () => {
  it('append a history (never edit) and log one custody entry per save', () => {
    const before = workspace.verifyCustody();
    const first = addAnnotation(workspace, { ...base, sampleId: ids[1]!, attackSpecies: 'print', tags: [' moiré ', 'moiré', 'border'], note: 'halftone visible' });
    const second = addAnnotation(workspace, { ...base, sampleId: ids[1]!, verdict: 'inconclusive', attackSpecies: 'ignored', status: 'reviewed' });
    expect(first).toMatchObject({ author: 'examiner-a', verdict: 'attack', attackSpecies: 'print', tags: ['moiré', 'border'], note: 'halftone visible' });
    expect(second).toMatchObject({ verdict: 'inconclusive', attackSpecies: '', status: 'reviewed' });
    expect(annotationHistory(workspace, ids[1]!).map((a) => a.id)).toEqual([first.id, second.id]);
    expect(latestAnnotations(workspace)).toEqual([second]);
    const after = workspace.verifyCustody();
    expect(after.ok && before.ok && after.entries - before.entries).toBe(2);
    expect(() => connectionOf(workspace).run('UPDATE annotations SET note = ? WHERE id = ?', ['rewritten', first.id])).toThrow(/append-only/);
    expect(() => connectionOf(workspace).run('DELETE FROM annotations WHERE id = ?', [first.id])).toThrow(/append-only/);
  });

  it('verification needs a second examiner', () => {
    expect(() => addAnnotation(workspace, { ...base, sampleId: ids[0]!, status: 'verified' })).toThrow(/no finding to verify/);
    addAnnotation(workspace, { ...base, sampleId: ids[0]!, verdict: 'bona-fide' });
    expect(() => addAnnotation(workspace, { ...base, sampleId: ids[0]!, verdict: 'bona-fide', status: 'verified' })).toThrow(/second examiner/);
    expect(addAnnotation(workspace, { ...base, sampleId: ids[0]!, verdict: 'bona-fide', status: 'verified', author: 'examiner-b' }).status).toBe('verified');
  });

  it('refuses unknown samples and bad tags without writing anything', () => {
    const entries = workspace.verifyCustody();
    expect(() => addAnnotation(workspace, { ...base, sampleId: 9999 })).toThrow(AnnotationError);
    expect(() => addAnnotation(workspace, { ...base, sampleId: ids[0]!, tags: ['x'.repeat(65)] })).toThrow(/longer than 64/);
    expect(() => addAnnotation(workspace, { ...base, sampleId: ids[0]!, tags: ['bell\u0007'] })).toThrow(/control characters/);
    expect(connectionOf(workspace).get<{ n: number }>('SELECT COUNT(*) AS n FROM annotations')!.n).toBe(0);
    expect(workspace.verifyCustody()).toEqual(entries);
  });

  it('bookmarks toggle idempotently and are logged once per change', () => {
    expect(setBookmark(workspace, ids[2]!, true)).toEqual([ids[2]]);
    expect(setBookmark(workspace, ids[2]!, true)).toEqual([ids[2]]);
    expect(setBookmark(workspace, ids[0]!, true)).toEqual([ids[0], ids[2]]);
    expect(setBookmark(workspace, ids[2]!, false)).toEqual([ids[0]]);
    expect(bookmarkedSampleIds(workspace)).toEqual([ids[0]]);
    const bookmarkEntries = connectionOf(workspace).all<{ detail: string }>("SELECT detail FROM custody_log WHERE action = 'annotate'").filter((r) => r.detail.includes('bookmark'));
    expect(bookmarkEntries).toHaveLength(3);
  });
});

describe('bulk tags', () => {
  const custodyCount = () => connectionOf(workspace).get<{ n: number }>('SELECT COUNT(*) AS n FROM custody_log')!.n;

  it('append one annotation per sample, continue each newest finding, and log one custody entry naming every sample', () => {
    const judged = addAnnotation(workspace, { ...base, sampleId: ids[1]!, attackSpecies: 'print', tags: ['moiré'], note: 'halftone', status: 'reviewed' });
    const before = custodyCount();
    const written = tagSamples(workspace, { sampleIds: [ids[0]!, ids[1]!, ids[2]!, ids[1]!], tags: ['batch-7', 'moiré'], author: 'examiner-b' });
    expect(custodyCount() - before).toBe(1);
    expect(written.map((a) => a.sampleId)).toEqual([ids[0], ids[1], ids[2]]);
    // The judged sample keeps its verdict, species, note and status; its tags gain the new one once.
    expect(written[1]).toMatchObject({ verdict: 'attack', attackSpecies: 'print', note: 'halftone', status: 'reviewed', tags: ['moiré', 'batch-7'], author: 'examiner-b' });
    // A sample with no finding yet is tagged without a conclusion.
    expect(written[0]).toMatchObject({ verdict: 'inconclusive', status: 'open', tags: ['batch-7', 'moiré'] });
    expect(annotationHistory(workspace, ids[1]!).map((a) => a.id)).toEqual([judged.id, written[1]!.id]);
    const entry = connectionOf(workspace).get<{ actor: string; action: string; detail: string }>('SELECT actor, action, detail FROM custody_log ORDER BY seq DESC LIMIT 1')!;
    const detail = JSON.parse(entry.detail) as { event: string; samples: number[]; tags: string[]; annotations: { annotation: number; content: string }[] };
    expect(entry).toMatchObject({ actor: 'examiner-b', action: 'annotate' });
    expect(detail).toMatchObject({ event: 'bulk-tag', samples: [ids[0], ids[1], ids[2]], tags: ['batch-7', 'moiré'] });
    expect(detail.annotations.map((a) => a.annotation)).toEqual(written.map((a) => a.id));
    expect(detail.annotations.map((a) => a.content)).toEqual(written.map((a) => annotationContentHash(a)));
    expect(workspace.verifyCustody().ok).toBe(true);
  });

  it('a verdict given with the tags is a new finding, open for review', () => {
    addAnnotation(workspace, { ...base, sampleId: ids[1]!, attackSpecies: 'print', status: 'reviewed' });
    const [changed] = tagSamples(workspace, { sampleIds: [ids[1]!], tags: [], verdict: 'bona-fide' });
    expect(changed).toMatchObject({ verdict: 'bona-fide', attackSpecies: '', status: 'open' });
  });

  it('refuses an unknown sample, an empty action or bad tags without writing anything', () => {
    const before = custodyCount();
    expect(() => tagSamples(workspace, { sampleIds: [ids[0]!, 9999], tags: ['x'] })).toThrow(/No sample 9999/);
    expect(() => tagSamples(workspace, { sampleIds: [ids[0]!], tags: [' '] })).toThrow(/a tag or a verdict/);
    expect(() => tagSamples(workspace, { sampleIds: [], tags: ['x'] })).toThrow(/at least one sample/);
    expect(() => tagSamples(workspace, { sampleIds: [ids[0]!], tags: ['bell\u0007'] })).toThrow(/control characters/);
    expect(connectionOf(workspace).get<{ n: number }>('SELECT COUNT(*) AS n FROM annotations')!.n).toBe(0);
    expect(custodyCount()).toBe(before);
  });
});

describe('durability', () => {
  it('an annotation saved right before a kill -9 is there after reopening', async () => {
    workspace.close();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test', 'support', 'annotate-child.ts'), dir, String(ids[1]), 'saved before the crash'],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => { if (chunk.toString().includes('saved')) resolve(); });
      child.on('exit', () => reject(new Error(`child exited before saving: ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    workspace = Workspace.open(dir, 'examiner-a');
    const history = annotationHistory(workspace, ids[1]!);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ author: 'examiner-child', verdict: 'attack', attackSpecies: 'print', note: 'saved before the crash', tags: ['kill-test'] });
    expect(workspace.verifyCustody().ok).toBe(true);
    const last = connectionOf(workspace).get<{ action: string; actor: string }>('SELECT action, actor FROM custody_log ORDER BY seq DESC LIMIT 1')!;
    expect(last).toEqual({ action: 'annotate', actor: 'examiner-child' });
  });
});
