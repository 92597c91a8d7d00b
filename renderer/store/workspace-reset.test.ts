// Nothing crosses workspaces: each slice's workspace state, filled with values of workspace A, is back at
// its initial value after switching to workspace B (only what B itself loads is there), no value of A is
// reachable anywhere in the store, and answers asked for under A that land after the switch are dropped.
// Closing the workspace goes through the same reset: nothing of A is left, and the store holds no workspace.
import { describe, expect, it } from 'vitest';
import type { SampleTable, UadApi } from '../../common/api';
import { encodeSampleTable } from '../../common/contract/sample-table-codec';
import type { SampleQuery } from '../../common/contract/samples';
import { demoTable, emptyStore, evaluatedStoreWith, fakeApi, windowOf, workers, workspaceOf } from '../../test/support/workbench-store';
import type { WorkbenchState } from './create-store';
import { KEPT_ACROSS_WORKSPACES, WORKSPACE_STATE, workspaceInitialState } from './workspace-reset';

const A = 'workspace-A';
const tableA = demoTable('a'.repeat(64));
const tableB: SampleTable = {
  modelSha256: 'b'.repeat(64), id: [1, 2], datasetId: [1, 1], path: ['B/live/1.jpg', 'B/print/2.jpg'], label: [0, 1], category: ['0', '1'],
  species: ['live', 'print'], split: ['test', 'test'], identity: ['b1', 'b2'], fileStatus: ['ok', 'ok'], score: [0.1, 0.9], dominantExpert: [null, null],
};

/** A promise with its resolve, to hold an answer until the test lets it land. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

/** The evaluation fake over workspace A, plus workspace.open for B; after the switch, samples.list and samples.query answer with B's table. */
function switchingApi(): UadApi & { onB: boolean; closed: boolean } {
  const base = fakeApi(tableA).api;
  const api = {
    ...base,
    onB: false,
    closed: false,
    workspace: {
      open: async () => {
        api.onB = true;
        return { ok: true, value: { ...workspaceOf(tableB)!, file: '/ws/B/workspace.sqlite' } };
      },
      summary: async () => ({ ok: true, value: null }),
      close: async () => {
        api.closed = true;
        return { ok: true, value: true };
      },
    },
    app: { recent: async () => ({ ok: false, error: { code: 'x', message: 'none' } }) },
    samples: {
      ...base.samples,
      list: async (request: { modelSha256?: string }) => (api.onB ? { ok: true, value: encodeSampleTable(tableB) } : base.samples.list(request)),
      query: async (query: SampleQuery) => (api.onB ? { ok: true, value: windowOf(tableB, query) } : base.samples.query(query)),
    },
  };
  return api as unknown as UadApi & { onB: boolean; closed: boolean };
}

/** A store on workspace A over the switching api. */
function storeOnA(api: UadApi = switchingApi()) {
  workers.reset();
  const store = emptyStore(api);
  store.setState({ workspace: { ...workspaceOf(tableA)!, file: `/ws/${A}/workspace.sqlite` }, workspacePath: `/ws/${A}` });
  return store;
}

const rowsOf = (table: SampleTable): Map<number, number> => new Map(table.id.map((id, row) => [id, row]));

/** Values of workspace A for every field of each slice's workspace state (each carries A's mark where it can). */
const A_VALUES: { [S in keyof typeof WORKSPACE_STATE]: ReturnType<(typeof WORKSPACE_STATE)[S]> } = {
  samples: {
    table: { ...tableA, path: tableA.path.map((p) => `${A}/${p}`) }, rowById: rowsOf(tableA),
    browserPage: {
      key: A, modelSha256: tableA.modelSha256, matched: tableA.id.length, total: tableA.id.length, columns: { species: [A], split: [A] },
      windows: new Map([[0, { ...tableA, path: tableA.path.map((p) => `${A}/${p}`) }]]),
    },
    browserModel: tableA.modelSha256!, browserEpoch: 7, tableWanted: true,
    filter: { label: 'attack', species: ['print'], split: 'test', decision: 'attack', error: 'any-error', scoreMin: 0.2, scoreMax: 0.8, dominantExpert: 3, domain: 'out', scored: 'scored', search: A, verdict: 'attack', tag: A, only: { ids: [12], label: A } },
    selectedSampleId: 12, selectedIds: [12, 13], selectionAnchor: 12,
  },
  dataset: {
    listing: { root: `/${A}/data`, source: 'folder' } as never, datasetPath: `/${A}/data`, datasetStatus: 'ready',
    scanProgress: { scanned: 240, phase: A } as never,
  },
  run: { progress: { runId: 7, done: 240, total: 240, note: A } as never, lastFinished: { runId: 7, status: 'completed', error: A } as never, facesChoice: 'detect', maxFaces: 3 },
  inspector: {
    inspectedId: 12, details: { A: { sampleId: 12, path: `${A}/12.jpg` } as never }, detailErrors: { B: A },
    original: { mime: 'image/png', base64: A } as never, noFace: `No face found in ${A}`,
    evidence: { sampleId: 12, sha256: A } as never, evidenceError: A, inspectorStatus: 'ready',
  },
  explain: {
    similar: { sampleId: 12, neighbours: [{ sampleId: 13, path: A }] } as never, similarStatus: 'ready', similarError: A,
    probes: { sampleId: 12, byKind: { perturbation: { note: A } as never } }, probeRunning: { sampleId: 12, kind: 'perturbation', done: 1, total: 4 }, probeError: A,
    projection: { modelSha256: A, method: 'pca', ids: new Int32Array([12]), xy: new Float32Array([0, 1]), seconds: 1, cached: true },
    projectionStatus: 'ready', projectionProgress: { phase: A } as never, projectionError: A,
  },
  annotations: {
    latestAnnotations: { 12: { sampleId: 12, note: A } as never }, bookmarks: [12], speciesOptions: [A], defaultAuthor: A,
    annotationHistory: { sampleId: 12, items: [{ sampleId: 12, note: A } as never] },
    annotationDraft: { sampleId: 12, verdict: 'attack', attackSpecies: 'print', tags: A, note: A, status: 'open' }, annotationSaving: true,
  },
  analytics: {
    usage: { modelSha256: A, species: [A] } as never, usageStatus: 'ready',
    specialisation: [{ slot: 'A', result: null, error: A }], specialisationStatus: 'ready',
  },
  operatingPoint: {
    threshold: 0.731, thresholdProvenance: { criterion: 'eer', split: 'dev', dataHash: A, at: '2024-01-01T00:00:00.000Z' },
    evalCriterion: 'eer', evalChosen: { criterion: A } as never,
  },
  evalSources: {
    evalSources: [{ id: `model:${A}`, kind: 'model', name: A, modelSha256: A, status: 'ready', error: null, summary: null }],
    evalPrimaryId: `model:${A}`, evalCompareIds: [`file:1:${A}.csv`], evalSplit: 'test', evalSourceSplit: 'dev',
    evalQuery: { note: A } as never, evalQueryKey: A, evalError: A, evalCi: { status: 'ready', key: A, result: null, error: null },
    evalColumns: { [`model:${A}`]: { note: A } as never }, evalBootstrapHolds: [`model:${A}`],
    evalLoadedFrom: { workspaceFile: `/ws/${A}/workspace.sqlite`, finishedRun: 7 }, evalDecideOutOfDomainByScore: true,
  },
  savedThresholds: { savedThresholds: [{ id: 1, modelSha256: A, value: 0.731, criterion: 'eer', split: 'dev', dataHash: A, provenance: {}, createdAt: A }] },
  evalCert: {
    certNonResponses: { [`model:${A}`]: [{ path: A } as never] },
    cert: { key: A, status: 'ready', counted: { note: A } as never, profile: null, leakage: null, error: null }, certReport: { status: 'error', error: A },
    certReportProgress: { done: 3, total: 7 },
  },
  disagreement: { disagreement: 'both-wrong', disagreementScores: { sha256: A, byId: new Map([[12, { score: 0.5, inDomain: 1 }]]) } },
  evalPaired: {
    evalPaired: { key: A, status: 'ready', pairs: [{ a: A, b: A } as never], says: [[A, A]], error: null },
  },
  case: {
    caseForm: { source: 'selection', title: `Case of ${A}`, examiner: 'Examiner A', description: A, evidence: 'hash-only' as never, outPath: `/${A}/case.zip` },
    caseSelection: [12], caseExporting: true, lastExport: { path: `/${A}/case.zip` } as never,
    caseVerification: { path: A } as never, caseImport: { folder: A } as never, caseChecking: 'verify',
  },
  check: {
    checkStatus: 'done', checkResult: { path: `/${A}/photo.jpg` } as never,
    checkCards: [{ face: { sampleId: 12, path: `${A}/photo.jpg` } as never, detail: null, detailError: A }],
  },
};

/** Whether any value reachable from the state (strings, Map entries, typed arrays' owners aside) carries A's mark. */
function reaches(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value === 'string') return value.includes(A);
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (value instanceof Map) return [...value.entries()].some(([k, v]) => reaches(k, seen) || reaches(v, seen));
  if (ArrayBuffer.isView(value)) return false;
  return Object.entries(value).some(([k, v]) => k.includes(A) || reaches(v, seen));
}

const dataOf = (state: WorkbenchState): Record<string, unknown> => Object.fromEntries(Object.entries(state).filter(([, v]) => typeof v !== 'function'));

describe('switching workspace', () => {
  it('every field of the store is either a workspace\'s (reset) or kept on purpose, never both', () => {
    const fields = Object.keys(dataOf(emptyStore(fakeApi(tableA).api).getState())).sort();
    const reset = Object.keys(workspaceInitialState());
    const kept: readonly string[] = KEPT_ACROSS_WORKSPACES;
    expect(reset.filter((f) => kept.includes(f))).toEqual([]);
    expect(fields.filter((f) => !reset.includes(f) && !kept.includes(f))).toEqual([]);
    expect([...reset, ...kept].filter((f) => !fields.includes(f))).toEqual([]);
  });

  describe.each(Object.keys(WORKSPACE_STATE) as (keyof typeof WORKSPACE_STATE)[])('the %s slice', (slice) => {
    it('holds nothing of workspace A after switching to B', async () => {
      const values = A_VALUES[slice] as Partial<WorkbenchState>;
      const initial = WORKSPACE_STATE[slice]() as Partial<WorkbenchState>;
      expect(Object.keys(values).sort()).toEqual(Object.keys(initial).sort()); // the fill covers the slice's whole workspace state
      const store = storeOnA();
      store.setState(values);
      for (const [field, value] of Object.entries(values)) expect(store.getState()[field as keyof WorkbenchState]).toEqual(value);

      expect(await store.getState().openWorkspace('/ws/B')).toBe(true);

      const s = store.getState();
      // What B loads itself (the browser's first window; the whole table only once a view asks) is B's; everything else is back at its initial value.
      const loadedByB: Partial<WorkbenchState> = slice === 'samples' ? {
        browserEpoch: expect.any(Number) as number,
        browserPage: { key: expect.any(String) as string, modelSha256: tableB.modelSha256, matched: 2, total: 2, columns: { species: ['live', 'print'], split: ['test'] }, windows: new Map([[0, tableB]]) },
      } : {};
      for (const field of Object.keys(initial) as (keyof WorkbenchState)[]) expect(s[field], field).toEqual(field in loadedByB ? loadedByB[field] : initial[field]);
      expect(s.workspace?.file).toBe('/ws/B/workspace.sqlite');
      expect(reaches(dataOf(s))).toBe(false);
    });
  });

  describe.each(Object.keys(WORKSPACE_STATE) as (keyof typeof WORKSPACE_STATE)[])('closing: the %s slice', (slice) => {
    it('holds nothing of workspace A after the workspace is closed', async () => {
      const api = switchingApi();
      const store = storeOnA(api);
      store.setState(A_VALUES[slice] as Partial<WorkbenchState>);
      expect(await store.getState().closeWorkspace()).toBe(true);
      expect(api.closed).toBe(true);
      const s = store.getState();
      const initial = WORKSPACE_STATE[slice]() as Partial<WorkbenchState>;
      for (const field of Object.keys(initial) as (keyof WorkbenchState)[]) expect(s[field], field).toEqual(initial[field]);
      expect([s.workspace, s.workspacePath, s.workspaceGeneration]).toEqual([null, null, 1]);
      expect(reaches(dataOf(s))).toBe(false);
    });
  });

  it('a refused close (a run in progress) leaves workspace A as it was, with the host\'s reason', async () => {
    const api = switchingApi();
    (api as unknown as { workspace: { close: () => Promise<unknown> } }).workspace.close = async () => ({ ok: false, error: { code: 'busy', message: 'A scoring run is in progress' } });
    const store = storeOnA(api);
    store.setState(A_VALUES.case);
    expect(await store.getState().closeWorkspace()).toBe(false);
    expect(store.getState().caseForm.title).toBe(`Case of ${A}`);
    expect(store.getState().workspace?.file).toBe(`/ws/${A}/workspace.sqlite`);
    expect(store.getState().notice?.text).toBe('A scoring run is in progress');
  });

  it('a failed open leaves workspace A as it was', async () => {
    const api = switchingApi();
    (api as unknown as { workspace: { open: () => Promise<unknown> } }).workspace.open = async () => ({ ok: false, error: { code: 'workspace-error', message: 'no such folder' } });
    const store = storeOnA(api);
    store.setState(A_VALUES.case);
    expect(await store.getState().openWorkspace('/nowhere')).toBe(false);
    expect(store.getState().caseForm.title).toBe(`Case of ${A}`);
    expect(store.getState().workspaceGeneration).toBe(0);
  });

  it('drops a host reply for A that lands after the switch (inspector, analytics)', async () => {
    const api = switchingApi();
    const image = deferred<unknown>();
    const usage = deferred<unknown>();
    Object.assign(api.samples, { image: () => image.promise, detail: async () => ({ ok: true, value: { sampleId: 12, path: `${A}/12.jpg`, layers: [] } }) });
    Object.assign(api, { analytics: { expertUsage: () => usage.promise } });
    const store = storeOnA(api);
    store.setState({ models: { A: { sha256: tableA.modelSha256!, name: 'demo' } as never } });
    const inspecting = store.getState().inspect(12);
    const loadingUsage = store.getState().loadUsage();
    await store.getState().openWorkspace('/ws/B');
    image.resolve({ ok: true, value: { mime: 'image/png', base64: A } });
    usage.resolve({ ok: true, value: { modelSha256: A, species: [A] } });
    await Promise.all([inspecting, loadingUsage]);
    const s = store.getState();
    expect([s.inspectedId, s.details, s.original, s.inspectorStatus]).toEqual([null, {}, null, 'idle']);
    expect([s.usage, s.usageStatus]).toEqual([null, 'idle']);
    expect(reaches(dataOf(s))).toBe(false);
  });

  it('drops a metrics worker answer for A that lands after the switch, and the workers forget A\'s sources', async () => {
    const store = await evaluatedStoreWith(tableA, switchingApi());
    const interactive = workers.current.interactive;
    const held = deferred<void>();
    const request = interactive.request.bind(interactive);
    const dropped: string[] = [];
    let answer: Promise<unknown> | null = null;
    interactive.request = ((kind: string, input: { sourceId?: string }) => {
      if (kind === 'drop') dropped.push(input.sourceId!);
      if (kind !== 'query') return request(kind as never, input as never);
      answer = request(kind as never, input as never).then(async (value) => { await held.promise; return value; }); // counted under A, landing later
      return answer;
    }) as typeof interactive.request;
    const before = store.getState().evalQuery;
    store.getState().setOperatingPoint(0.42); // a new query, held in the worker
    expect(store.getState().evalQueryKey).not.toBeNull();
    await store.getState().openWorkspace('/ws/B');
    expect(answer).not.toBeNull();
    held.resolve();
    await answer; // the store's handler of this answer ran before this line resumes
    const s = store.getState();
    expect(before).not.toBeNull();
    expect([s.evalQuery, s.evalQueryKey, s.evalError, s.evalSources, s.threshold]).toEqual([null, null, null, [], 0.5]);
    expect(dropped).toEqual([`model:${tableA.modelSha256}`]);
  });

  it('drops a source of A still loading when the switch comes', async () => {
    const api = switchingApi();
    const list = deferred<unknown>();
    const listA = api.samples.list;
    Object.assign(api.samples, { list: (request: { modelSha256?: string }) => (api.onB ? listA(request) : list.promise) });
    const store = storeOnA(api);
    const adding = store.getState().addModelSource(tableA.modelSha256!, 'demo model');
    expect(store.getState().evalSources).toHaveLength(1);
    await store.getState().openWorkspace('/ws/B');
    list.resolve({ ok: true, value: encodeSampleTable(tableA) });
    await adding;
    const s = store.getState();
    expect([s.evalSources, s.evalColumns, s.evalPrimaryId]).toEqual([[], {}, null]);
    expect(workers.current.interactive.requests).not.toContain('loadColumns');
  });
});
