// The `samples.query` handler over a real SQLite workspace: for every filter and sort of the browser, the
// windows put end to end are the full scan (the same rows in the same order, none lost or repeated) with the
// same counts; a write to the workspace is seen by the next query. The reference below is written apart from
// common/samples/sample-query.ts, plainly, row by row.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../common/api.js';
import { decodeSampleTable, encodeSampleTable } from '../../common/contract/sample-table-codec.js';
import { EMPTY_FILTER, type BrowserFilter, type SampleTable, type SampleWindow, type SortKey } from '../../common/contract/samples.js';
import type { DatasetSample } from '../../common/dataset/types.js';
import { encodeFloat16 } from '../../common/routing/float16.js';
import type { ModelFiles } from '../onnx/model-files.js';
import { SampleTableReader } from '../workspace/sample-columns.js';
import { sampleTable } from '../workspace/samples.js';
import type { ScoredItem } from '../workspace/scored-item.js';
import { SampleQueries } from './sample-query.js';
import { samplesHandlers } from './samples-handlers.js';
import { WorkbenchSession } from './session.js';

const MODEL = 'ab'.repeat(32);
const N = 240;
const TAU = 0.5;
const ctx = { transport: 'http' as const };
const EMPTY: BrowserFilter = EMPTY_FILTER;
const SPECIES = ['bona-fide', 'print', 'replay', 'mask', 'DaGAN'];

let session: WorkbenchSession;
let ids: number[];
let runId: number;

function scoreOf(i: number): number | null {
  if (i % 7 === 3) return null; // never scored
  return Math.round(((i * 37) % 101) / 5) * 0.05 > 1 ? 1 : Math.round(((i * 37) % 101) / 5) * 0.05; // ties, 0.5 among them
}

function item(key: number, i: number, score: number): ScoredItem {
  const dominant = i % 4;
  const mass = Array.from({ length: 3 * 4 }, (_, k) => (k % 4 === dominant ? 1 : 0));
  const inside = i % 3;
  return {
    key, ok: true, sha256: 'e'.repeat(64), sizeBytes: 10, score, logits: [1 - score, score], expertMass: [encodeFloat16(mass)],
    domain: inside === 2 ? { known: false, reason: 'none' } : { known: true, distance: i / 10, inDomain: inside === 0, threshold: 1, percentile: 0.5 },
  };
}

beforeEach(() => {
  session = new WorkbenchSession();
  session.openWorkspace(mkdtempSync(path.join(tmpdir(), 'uad-query-')));
  const workspace = session.requireWorkspace();
  const samples: DatasetSample[] = Array.from({ length: N }, (_, i) => {
    const label = ([0, 1, 1, null] as const)[i % 4]!;
    return {
      id: i, path: `${i % 2 ? 'Attack' : 'live'}/Subject-${String((i * 13) % 97).padStart(3, '0')}/img-${i}.jpg`, label,
      category: label === null ? 'questioned' : label === 1 ? 'physical' : 'bona-fide', species: SPECIES[i % SPECIES.length]!,
      identity: `ID-${i % 11}`, split: ['dev', 'test', 'train'][i % 3]!, sizeBytes: 10, status: 'ok',
    };
  });
  const listing = { root: '/data', source: 'folder' as const, samples, skipped: [], counts: { total: N, bonaFide: 0, attack: 0, unusable: 0, bySpecies: {} } };
  const ingested = workspace.ingest(listing);
  ids = ingested.sampleIds;
  workspace.registerModel({ sha256: MODEL, onnxPath: '/models/m.onnx', sidecar: { name: 'm' } } as unknown as ModelFiles);
  runId = workspace.startRun({ modelSha256: MODEL, datasetId: ingested.datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: 50, total: N, skipped: 0 });
  const items: ScoredItem[] = [];
  ids.forEach((key, i) => {
    const score = scoreOf(i);
    if (i % 17 === 5) items.push({ key, ok: false, reason: 'cannot decode' });
    else if (score !== null) items.push(item(key, i, score));
  });
  for (let at = 0; at < items.length; at += 50) workspace.recordBatch(runId, MODEL, [5], 4, items.slice(at, at + 50), { decodeMs: 0, inferMs: 0 });
});
afterEach(async () => { await session.dispose(); });

/** The browser's full scan, written plainly: the rows kept, then a sort with unscored rows last. */
function reference(table: SampleTable, filter: BrowserFilter, sort: { key: SortKey; descending: boolean }): number[] {
  const kept: number[] = [];
  for (let i = 0; i < table.id.length; i++) {
    const label = table.label[i];
    const score = table.score[i];
    // Outside the model's domain the outcome is inconclusive: no decision and no error.
    const inconclusive = score !== null && table.inDomain![i] === 0;
    const calledAttack = score === null || inconclusive ? null : score >= TAU;
    const checks = [
      filter.only === null || filter.only.ids.includes(table.id[i]!),
      filter.label === 'all' || (filter.label === 'attack' ? label === 1 : filter.label === 'bona-fide' ? label === 0 : label === null),
      filter.species.length === 0 || filter.species.includes(table.species[i]!),
      filter.split === 'all' || table.split[i] === filter.split,
      filter.scored === 'all' || (filter.scored === 'scored') === (score !== null),
      filter.decision === 'all' || (filter.decision === 'inconclusive' ? inconclusive : calledAttack !== null && calledAttack === (filter.decision === 'attack')),
      filter.error === 'all' || (calledAttack !== null && (
        (filter.error !== 'false-reject' && label === 1 && !calledAttack) || (filter.error !== 'false-accept' && label === 0 && calledAttack))),
      filter.scoreMin === null || (score !== null && score >= filter.scoreMin),
      filter.scoreMax === null || (score !== null && score <= filter.scoreMax),
      filter.dominantExpert === null || table.dominantExpert[i] === filter.dominantExpert,
      filter.domain === 'all' || (score !== null && table.inDomain![i] === (filter.domain === 'in' ? 1 : filter.domain === 'out' ? 0 : null)),
      filter.search.trim() === '' || table.path[i]!.toLowerCase().includes(filter.search.trim().toLowerCase()),
    ];
    if (checks.every(Boolean)) kept.push(i);
  }
  const value = (i: number): number | string | null => {
    if (sort.key === 'id') return table.id[i]!;
    if (sort.key === 'path') return table.path[i]!;
    if (sort.key === 'species') return table.species[i]!;
    const score = table.score[i] ?? null;
    return score === null ? null : sort.key === 'score' ? score : Math.abs(score - TAU);
  };
  const sign = sort.descending ? -1 : 1;
  const sorted = kept.slice().sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? a - b : va === null ? 1 : -1;
    // Ties keep table order, except under a descending text sort, which reverses them (the browser's sort as it stands).
    if (va === vb) return typeof va === 'string' ? sign * (a - b) : a - b;
    return sign * (va < vb ? -1 : 1);
  });
  return sorted.map((i) => table.id[i]!);
}

/** The table's first `rows` samples, a table of their own. */
function firstRows(table: SampleTable, rows: number): SampleTable {
  return Object.fromEntries(Object.entries(table).map(([key, value]) => [key, Array.isArray(value) ? value.slice(0, rows) : value])) as unknown as SampleTable;
}

async function query(filter: BrowserFilter, sort: { key: SortKey; descending: boolean }, offset: number, limit: number, withIds = false): Promise<SampleWindow> {
  const payload = contract.samples.query.validate({ filter, sort, threshold: TAU, offset, limit, ...(withIds ? { withIds } : {}) });
  const result = await samplesHandlers(session).query(payload, ctx);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const FILTERS: [string, Partial<BrowserFilter>][] = [
  ['none', {}], ['attack', { label: 'attack' }], ['bona fide', { label: 'bona-fide' }], ['questioned', { label: 'questioned' }],
  ['species', { species: ['print'] }], ['split', { split: 'dev' }], ['called attack', { decision: 'attack' }], ['called bona fide', { decision: 'bona-fide' }], ['inconclusive', { decision: 'inconclusive' }],
  ['false accepts', { error: 'false-accept' }], ['false rejects', { error: 'false-reject' }], ['any error', { error: 'any-error' }],
  ['score range', { scoreMin: 0.25, scoreMax: 0.5 }], ['expert', { dominantExpert: 2 }], ['in domain', { domain: 'in' }], ['outside', { domain: 'out' }],
  ['domain unknown', { domain: 'unknown' }], ['scored', { scored: 'scored' }], ['unscored', { scored: 'unscored' }], ['search', { search: ' subject-01' }],
  ['only', { only: { ids: [5, 1, 9, 200, 77, 3], label: 'picked' } }], ['combined', { label: 'attack', split: 'test', scored: 'scored', error: 'false-accept' }],
];
const SORTS = (['id', 'score', 'margin', 'path', 'species'] as const).flatMap((key) => [{ key, descending: false }, { key, descending: true }]);

describe('samples.query', () => {
  it('narrows to where this model and a second one (at its own τ) part, as the browser`s filter does', async () => {
    const table = sampleTable(session.requireWorkspace(), MODEL);
    const TAU_B = 0.3;
    const plainly = (kind: string): number[] => table.id.filter((_, i) => {
      const score = table.score[i] ?? null;
      if (score === null || table.inDomain![i] === 0) return false;
      const a = score >= TAU;
      const b = score >= TAU_B;
      const label = table.label[i];
      if (kind === 'disagree') return a !== b;
      if (label === null) return false;
      const wrongA = a !== (label === 1);
      const wrongB = b !== (label === 1);
      return kind === 'only-a-wrong' ? wrongA && !wrongB : kind === 'only-b-wrong' ? wrongB && !wrongA : wrongA && wrongB;
    });
    for (const kind of ['disagree', 'only-a-wrong', 'only-b-wrong', 'both-wrong'] as const) {
      const payload = contract.samples.query.validate({ filter: EMPTY, sort: { key: 'id', descending: false }, threshold: TAU, offset: 0, limit: N, withIds: true, disagreement: { kind, modelSha256: MODEL, threshold: TAU_B } });
      const result = await samplesHandlers(session).query(payload, ctx);
      if (!result.ok) throw new Error(result.error.message);
      const expected = plainly(kind);
      expect(expected.length).toBeGreaterThan(0);
      expect([kind, result.value.ids]).toEqual([kind, expected]);
      expect(result.value.matched).toBe(expected.length);
    }
    expect(() => contract.samples.query.validate({ filter: EMPTY, sort: { key: 'id', descending: false }, threshold: TAU, offset: 0, limit: 5, disagreement: { kind: 'sometimes', modelSha256: MODEL, threshold: 0.3 } })).toThrow();
  });

  it('windows end to end are the full scan, for every filter and sort, with the same counts', async () => {
    const table = sampleTable(session.requireWorkspace(), MODEL);
    for (const [name, patch] of FILTERS) {
      for (const sort of SORTS) {
        const filter = { ...EMPTY, ...patch };
        const expected = reference(table, filter, sort);
        const seen: number[] = [];
        for (let offset = 0; offset <= expected.length; offset += 37) {
          const window = await query(filter, sort, offset, 37);
          expect(window.total, name).toBe(N);
          expect(window.matched, `${name} ${sort.key}`).toBe(expected.length);
          expect(window.offset).toBe(offset);
          seen.push(...decodeSampleTable(window.rows).id);
        }
        expect(seen, `${name}, ${sort.key} ${sort.descending ? 'desc' : 'asc'}`).toEqual(expected);
        const all = await query(filter, sort, 0, 0, true);
        expect(all.ids).toEqual(expected);
        expect(decodeSampleTable(all.rows).id).toEqual([]);
      }
    }
  });

  it('returns each row as the whole table has it, and the columns\' every value', async () => {
    const table = sampleTable(session.requireWorkspace(), MODEL);
    const rowOf = new Map(table.id.map((id, row) => [id, row]));
    for (const sort of [{ key: 'id' as const, descending: false }, { key: 'score' as const, descending: true }]) {
      const window = decodeSampleTable((await query(EMPTY, sort, 30, 60)).rows);
      expect(window.id).toHaveLength(60);
      window.id.forEach((id, k) => {
        const row = rowOf.get(id)!;
        for (const column of ['path', 'label', 'category', 'species', 'split', 'identity', 'fileStatus', 'score', 'dominantExpert', 'inDomain', 'domainDistance'] as const) {
          expect(window[column]![k], `${column} of ${id}`).toEqual(table[column]![row]);
        }
      });
    }
    const { columns, modelSha256 } = await query(EMPTY, SORTS[0]!, 0, 1);
    expect(modelSha256).toBe(MODEL);
    expect(columns).toEqual({ species: [...new Set(SPECIES)].sort(), split: ['dev', 'test', 'train'] });
    expect(table.dominantExpert.filter((e) => e !== null).length).toBeGreaterThan(0);
  });

  it('sees a write made after the last query', async () => {
    const sort = { key: 'score' as const, descending: true };
    const before = await query({ ...EMPTY, scored: 'unscored' }, sort, 0, 5000);
    const target = decodeSampleTable(before.rows).id[0]!;
    session.requireWorkspace().recordBatch(runId, MODEL, [5], 4, [item(target, ids.indexOf(target), 0.99)], { decodeMs: 0, inferMs: 0 });
    const after = await query({ ...EMPTY, scored: 'unscored' }, sort, 0, 5000);
    expect(after.matched).toBe(before.matched - 1);
    expect((await query({ ...EMPTY, scoreMin: 0.985, scoreMax: 0.995 }, sort, 0, 0, true)).ids).toEqual([target]);
  });

  it('reads the table between calls after the first query, unless told not to, with the same answers', async () => {
    const workspace = session.requireWorkspace();
    const table = sampleTable(workspace, MODEL);
    const filter = { ...EMPTY, label: 'attack' as const };
    const sort = { key: 'score' as const, descending: true };
    const ask = (queries: SampleQueries, f: BrowserFilter, by: { key: SortKey; descending: boolean } = sort) => queries.query(workspace, { filter: f, sort: by, threshold: TAU, offset: 0, limit: 5000 }, () => MODEL);
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const steps = vi.spyOn(SampleTableReader.prototype, 'step');
    try {
      for (const readAhead of [true, false]) {
        steps.mockClear();
        const queries = new SampleQueries(() => readAhead);
        expect(ask(queries, EMPTY, SORTS[0]!).matched).toBe(N); // the first screen: read by the primary key
        expect(steps).not.toHaveBeenCalled();
        for (let k = 0; k < 5; k++) await tick();
        expect(steps.mock.calls.length).toBe(readAhead ? 1 : 0);
        const answer = ask(queries, filter);
        expect(steps.mock.calls.length).toBe(1); // read ahead, or read now for the filter
        expect(decodeSampleTable(answer.rows).id).toEqual(reference(table, filter, sort));
      }
    } finally {
      steps.mockRestore();
    }
  });

  it('answers a filter asked before the table is whole over the part read, marked partial, then over all of it', async () => {
    const workspace = session.requireWorkspace();
    const table = sampleTable(workspace, MODEL);
    const CHUNK = 50;
    const filter = { ...EMPTY, label: 'attack' as const, scored: 'scored' as const };
    const sort = { key: 'score' as const, descending: true };
    const ask = (queries: SampleQueries, extra: { offset?: number; limit?: number; upTo?: number; withIds?: boolean } = {}) => queries.query(workspace,
      contract.samples.query.validate({ filter, sort, threshold: TAU, offset: extra.offset ?? 0, limit: extra.limit ?? 5000, ...(extra.upTo !== undefined ? { upTo: extra.upTo } : {}), ...(extra.withIds ? { withIds: true } : {}) }),
      () => MODEL);
    const tick = () => new Promise((resolve) => setImmediate(resolve));

    const queries = new SampleQueries(() => true, { chunk: CHUNK });
    const first = ask(queries);
    expect(first.partial).toEqual({ read: CHUNK, total: N });
    const early = reference(firstRows(table, CHUNK), filter, sort);
    expect(early.length).toBeGreaterThan(0);
    expect(first.matched).toBe(early.length);
    expect(decodeSampleTable(first.rows).id).toEqual(early);
    // The windows of one partial answer, asked with its `read`, agree: end to end they are its rows, none lost or repeated.
    const seen: number[] = [];
    for (let offset = 0; offset <= early.length; offset += 7) {
      const window = ask(queries, { offset, limit: 7, upTo: CHUNK });
      expect(window.partial).toEqual({ read: CHUNK, total: N });
      expect(window.matched).toBe(early.length);
      seen.push(...decodeSampleTable(window.rows).id);
    }
    expect(seen).toEqual(early);
    // Asked again, it covers more; until the table is whole, then the full scan, no longer marked partial.
    const reads: number[] = [];
    let answer = ask(queries);
    for (let k = 0; answer.partial && k < N; k++) {
      reads.push(answer.partial.read);
      const expected = reference(firstRows(table, answer.partial.read), filter, sort);
      expect([answer.partial.read, decodeSampleTable(answer.rows).id]).toEqual([answer.partial.read, expected]);
      expect(answer.matched).toBe(expected.length);
      answer = ask(queries);
    }
    expect(reads).toEqual([100, 150, 200]);
    const whole = reference(table, filter, sort);
    expect(answer.partial).toBeUndefined();
    expect(answer.matched).toBe(whole.length);
    expect(decodeSampleTable(answer.rows).id).toEqual(whole);
    const wholeSeen: number[] = [];
    for (let offset = 0; offset <= whole.length; offset += 7) wholeSeen.push(...decodeSampleTable(ask(queries, { offset, limit: 7, upTo: CHUNK }).rows).id);
    expect(wholeSeen).toEqual(whole);

    // The table is read between calls without being asked: a query after a few turns of the loop covers more than the one chunk it reads itself.
    const waiting = new SampleQueries(() => true, { chunk: CHUNK });
    expect(ask(waiting).partial?.read).toBe(CHUNK);
    for (let k = 0; k < 3; k++) await tick();
    const later = ask(waiting);
    expect(later.partial === undefined || later.partial.read > 2 * CHUNK).toBe(true);

    // The ids a selection or bulk action acts on, and the A vs B filter, wait for the whole table.
    const ids = ask(new SampleQueries(() => true, { chunk: CHUNK }), { limit: 0, withIds: true });
    expect(ids.partial).toBeUndefined();
    expect(ids.ids).toEqual(whole);
    const versus = new SampleQueries(() => true, { chunk: CHUNK }).query(workspace, { filter: EMPTY, sort, threshold: TAU, offset: 0, limit: 5000,
      disagreement: { kind: 'disagree', modelSha256: MODEL, threshold: 0.3 } }, () => MODEL);
    expect(versus.partial).toBeUndefined();
    expect(versus.matched).toBeGreaterThan(0);
    // While a run writes into the workspace nothing is read ahead: a filter reads the whole table.
    const running = ask(new SampleQueries(() => false, { chunk: CHUNK }));
    expect(running.partial).toBeUndefined();
    expect(decodeSampleTable(running.rows).id).toEqual(whole);
  });

  it('lists the whole table as it is now, the one the queries hold or read afresh after a write', async () => {
    const workspace = session.requireWorkspace();
    const handlers = samplesHandlers(session);
    const list = async (modelSha256?: string) => {
      const result = await handlers.list(contract.samples.list.validate(modelSha256 === undefined ? {} : { modelSha256 }), ctx);
      if (!result.ok) throw new Error(result.error.message);
      return decodeSampleTable(result.value);
    };
    const sort = { key: 'score' as const, descending: false };
    await handlers.query(contract.samples.query.validate({ filter: { ...EMPTY, label: 'attack' }, sort, threshold: TAU, offset: 0, limit: 10 }), ctx);
    expect(await list(MODEL)).toEqual(decodeSampleTable(encodeSampleTable(sampleTable(workspace, MODEL))));
    const unscored = ids[3]!;
    workspace.recordBatch(runId, MODEL, [5], 4, [item(unscored, 3, 0.25)], { decodeMs: 0, inferMs: 0 });
    const after = await list();
    expect(after.score[after.id.indexOf(unscored)]).toBe(0.25);
    expect(after).toEqual(decodeSampleTable(encodeSampleTable(sampleTable(workspace, MODEL))));
    expect(await list('ef'.repeat(32))).toEqual(decodeSampleTable(encodeSampleTable(sampleTable(workspace, 'ef'.repeat(32)))));
  });

  it('reads the whole table in turns, other work running between its chunks, and never from two versions', async () => {
    const workspace = session.requireWorkspace();
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const queries = new SampleQueries(() => true, { chunk: 50 });
    let settled = false;
    const whole = queries.tableInTurns(workspace, MODEL).then((table) => { settled = true; return table; });
    await tick();
    expect(settled).toBe(false); // 240 samples in chunks of 50: the event loop turned between them
    expect(await whole).toEqual(sampleTable(workspace, MODEL));
    // A write between two chunks: the table is read again at once, as it is after the write.
    const unscored = ids[3]!;
    const again = queries.tableInTurns(workspace, MODEL);
    workspace.recordBatch(runId, MODEL, [5], 4, [item(unscored, 3, 0.75)], { decodeMs: 0, inferMs: 0 });
    const after = await again;
    expect(after.score[after.id.indexOf(unscored)]).toBe(0.75);
    expect(after).toEqual(sampleTable(workspace, MODEL));
  });

  it('refuses a malformed query before it runs', () => {
    const base = { filter: EMPTY, sort: SORTS[0], threshold: TAU, offset: 0, limit: 10 };
    expect(() => contract.samples.query.validate({ ...base, limit: 5001 })).toThrow(/limit/);
    expect(() => contract.samples.query.validate({ ...base, offset: -1 })).toThrow(/offset/);
    expect(() => contract.samples.query.validate({ ...base, sort: { key: 'size', descending: false } })).toThrow(/key/);
    expect(() => contract.samples.query.validate({ ...base, filter: { ...EMPTY, label: 'maybe' } })).toThrow(/label/);
    expect(() => contract.samples.query.validate({ ...base, filter: { ...EMPTY, only: { ids: ['1'], label: 'x' } } })).toThrow(/only/);
    expect(() => contract.samples.query.validate({ ...base, filter: { ...EMPTY, extra: 1 } })).toThrow(/extra/);
  });
});
