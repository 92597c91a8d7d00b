// `uad export-scores` writes formula-safe CSV: a sample path, species or identity starting with = + - @ is
// inert text in a spreadsheet, scores stay numbers, and `uad metrics` reads every value back unchanged; a stopped
// run's scores, non-responses and never-attempted count are the same whether read whole or one split at a time.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseScoresCsv } from '../../common/metrics/scores-csv.js';
import type { DatasetListing, DatasetSample } from '../../common/dataset/types.js';
import { loadModelFiles } from '../onnx/model-files.js';
import type { ScoredItem } from '../inference/protocol.js';
import { Workspace } from '../workspace/workspace.js';
import { runExportScoresCommand } from './export-scores-command.js';

const MODEL = path.resolve('models', 'lasoftmoe-tiny.onnx');
const HOSTILE = [
  { path: '=HYPERLINK("http://example.invalid/?x","open me").jpg', species: 'print', identity: 'ID-1', label: 1 as const, score: 0.9 },
  { path: "=cmd|' /C calc'!A0.jpg", species: '-2+3', identity: '@SUM(A1)', label: 1 as const, score: 0.75 },
  { path: '+live/a.jpg', species: 'bona-fide', identity: '\tID-3', label: 0 as const, score: 0.125 },
  { path: 'live/b.jpg', species: 'bona-fide', identity: "'=quoted", label: 0 as const, score: 0.0625 },
];

async function workspaceWithHostilePaths(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-export-'));
  const model = await loadModelFiles(MODEL);
  const samples: DatasetSample[] = HOSTILE.map((h, id) => ({
    id, path: h.path, label: h.label, category: h.label === 1 ? 'attack' : 'bona-fide', species: h.species, identity: h.identity,
    split: 'test', sizeBytes: 10, status: 'ok',
  }));
  const listing: DatasetListing = { root: path.join(dir, 'images'), source: 'folder', samples, skipped: [], counts: { total: 4, bonaFide: 2, attack: 2, unusable: 0, bySpecies: {} } };
  const workspace = Workspace.open(dir);
  try {
    const { datasetId, sampleIds } = workspace.ingest(listing);
    workspace.registerModel(model);
    const runId = workspace.startRun({ modelSha256: model.sha256, datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: 4, total: 4, skipped: 0 });
    const items: ScoredItem[] = sampleIds.map((key, i) => ({
      key, ok: true, sha256: 'b'.repeat(64), sizeBytes: 10, score: HOSTILE[i]!.score, logits: [1 - HOSTILE[i]!.score, HOSTILE[i]!.score], expertMass: [],
    }));
    workspace.recordBatch(runId, model.sha256, [], 0, items, { decodeMs: 0, inferMs: 0 });
    workspace.finishRun(runId, 'completed');
  } finally {
    workspace.close();
  }
  return dir;
}

describe('uad export-scores', () => {
  it('writes paths, species and identities starting with = + - @ TAB as inert text, and reads them back unchanged', async () => {
    const workspace = await workspaceWithHostilePaths();
    const out = path.join(workspace, 'scores.csv');
    expect(await runExportScoresCommand(['--workspace', workspace, '--out', out, '--json'])).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines[0]).toBe('path,score,label,species,identity,class,status,face_index,face_box,domain_distance,in_domain,outcome,outcome_reason');
    const rowStarting = (prefix: string) => lines.filter((line) => line.startsWith(prefix));
    expect(rowStarting(`"'=HYPERLINK(""http://example.invalid/?x"",""open me"").jpg",0.9,1,print,ID-1,`)).toHaveLength(1);
    expect(rowStarting("'=cmd|' /C calc'!A0.jpg,0.75,1,'-2+3,'@SUM(A1),")).toHaveLength(1);
    expect(rowStarting("'+live/a.jpg,0.125,0,bona-fide,'\tID-3,")).toHaveLength(1);
    expect(rowStarting("live/b.jpg,0.0625,0,bona-fide,''=quoted,")).toHaveLength(1);
    // No cell of the file starts a formula: every field is plain, quoted, or begins with an apostrophe.
    for (const line of lines.slice(1, -1)) expect(line).not.toMatch(/(^|,)"?[=+\-@\t\r]/);

    const parsed = parseScoresCsv(readFileSync(out, 'utf8'), out);
    const byPath = new Map(parsed.paths.map((p, row) => [p, row]));
    for (const h of HOSTILE) {
      const row = byPath.get(h.path);
      expect(row, h.path).toBeDefined();
      expect(parsed.scores[row!]).toBe(h.score);
      expect(parsed.labels[row!]).toBe(h.label);
    }
    expect(parsed.identityNames).toEqual(expect.arrayContaining(['@SUM(A1)', "'=quoted"]));
    expect(parsed.speciesNames).toContain('-2+3');
  });

  it('writes a questioned sample with an empty label and each row\'s outcome at --threshold; uad metrics leaves it out', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-export-'));
    const model = await loadModelFiles(MODEL);
    const rows = [
      { path: 'live/a.jpg', label: 0 as const, score: 0.2 }, { path: 'attack/print/b.jpg', label: 1 as const, score: 0.8 },
      { path: 'evidence/q.jpg', label: null, score: 0.6 }, { path: 'evidence/cat.jpg', label: null, score: null },
    ];
    const samples: DatasetSample[] = rows.map((r, id) => ({
      id, path: r.path, label: r.label, category: r.label === null ? 'questioned' : r.label === 1 ? 'attack' : 'bona-fide',
      species: r.label === null ? 'questioned' : r.label === 1 ? 'print' : 'bona-fide', identity: '', split: '', sizeBytes: 10, status: 'ok',
      ...(r.score === null ? { nonResponse: 'no face found' } : {}),
    }));
    const workspace = Workspace.open(dir);
    try {
      const { datasetId, sampleIds } = workspace.ingest({ root: path.join(dir, 'images'), source: 'folder', samples, skipped: [], counts: { total: 4, bonaFide: 1, attack: 1, questioned: 2, unusable: 0, bySpecies: {} } });
      workspace.registerModel(model);
      const runId = workspace.startRun({ modelSha256: model.sha256, datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: 4, total: 4, skipped: 0 });
      const items: ScoredItem[] = sampleIds.map((key, i) => rows[i]!.score === null
        ? { key, ok: false, reason: 'no face found' }
        : { key, ok: true, sha256: 'b'.repeat(64), sizeBytes: 10, score: rows[i]!.score!, logits: [0, 0], expertMass: [] });
      workspace.recordBatch(runId, model.sha256, [], 0, items, { decodeMs: 0, inferMs: 0 });
      workspace.finishRun(runId, 'completed');
    } finally {
      workspace.close();
    }
    const out = path.join(dir, 'scores.csv');
    expect(await runExportScoresCommand(['--workspace', dir, '--out', out, '--threshold', '0.5', '--json'])).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.slice(1).map((l) => l.split(',').filter((_, i) => [0, 2, 6, 11].includes(i)))).toEqual([
      ['live/a.jpg', '0', 'ok', 'bona fide'], ['attack/print/b.jpg', '1', 'ok', 'attack'], ['evidence/q.jpg', '', 'ok', 'attack'],
      ['evidence/cat.jpg', '', 'no face found', 'inconclusive'],
    ]);
    expect(lines[4]).toMatch(/,inconclusive,no face found \(detector confidence below 0\.70\)$/);
    const parsed = parseScoresCsv(readFileSync(out, 'utf8'), out);
    expect([Array.from(parsed.scores), Array.from(parsed.labels), parsed.questioned, parsed.nonResponses.length]).toEqual([[0.2, 0.8], [0, 1], 2, 0]);
  });

  it('of a stopped run writes its scores and non-responses and counts the samples never attempted, all or one split\'s', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-export-'));
    const model = await loadModelFiles(MODEL);
    // 12 samples, even ids in train and odd in test: 0–3 scored, 4–5 failed, 6–11 never attempted (the run stopped).
    const samples: DatasetSample[] = Array.from({ length: 12 }, (_, id) => ({
      id, path: `live/${id}.jpg`, label: 0, category: 'bona-fide', species: 'bona-fide', identity: '', split: id % 2 === 0 ? 'train' : 'test', sizeBytes: 10, status: 'ok',
    }));
    const workspace = Workspace.open(dir);
    try {
      const { datasetId, sampleIds } = workspace.ingest({ root: path.join(dir, 'images'), source: 'folder', samples, skipped: [], counts: { total: 12, bonaFide: 12, attack: 0, unusable: 0, bySpecies: {} } });
      workspace.registerModel(model);
      const runId = workspace.startRun({ modelSha256: model.sha256, datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: 6, total: 12, skipped: 0 });
      const items: ScoredItem[] = sampleIds.slice(0, 6).map((key, i) => i >= 4
        ? { key, ok: false, reason: 'cannot decode' }
        : { key, ok: true, sha256: 'b'.repeat(64), sizeBytes: 10, score: 0.25, logits: [0, 0], expertMass: [] });
      workspace.recordBatch(runId, model.sha256, [], 0, items, { decodeMs: 0, inferMs: 0 });
      workspace.finishRun(runId, 'cancelled');
    } finally {
      workspace.close();
    }
    const exported = async (split?: string) => {
      const out = path.join(dir, `scores-${split ?? 'all'}.csv`);
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        expect(await runExportScoresCommand(['--workspace', dir, '--out', out, '--threshold', '0.5', '--json', ...(split ? ['--split', split] : [])])).toBe(0);
        const answer = JSON.parse(String(log.mock.calls[0]![0])) as { rows: number; non_responses: number; never_attempted: number };
        const lines = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',').filter((_, i) => [0, 6].includes(i)));
        return { counts: [answer.rows, answer.non_responses, answer.never_attempted], lines };
      } finally {
        log.mockRestore();
      }
    };
    expect(await exported()).toEqual({
      counts: [4, 2, 6],
      lines: [['live/0.jpg', 'ok'], ['live/1.jpg', 'ok'], ['live/2.jpg', 'ok'], ['live/3.jpg', 'ok'], ['live/4.jpg', 'cannot decode'], ['live/5.jpg', 'cannot decode']],
    });
    expect(await exported('test')).toEqual({ counts: [2, 1, 3], lines: [['live/1.jpg', 'ok'], ['live/3.jpg', 'ok'], ['live/5.jpg', 'cannot decode']] });
    expect(await exported('train')).toEqual({ counts: [2, 1, 3], lines: [['live/0.jpg', 'ok'], ['live/2.jpg', 'ok'], ['live/4.jpg', 'cannot decode']] });
    expect(await exported('dev')).toEqual({ counts: [0, 0, 0], lines: [] });
  });
});
