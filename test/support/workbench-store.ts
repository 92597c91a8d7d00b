// Test harness for the renderer store's slices: stores are created over test dependencies (the metrics
// "workers" run the real MetricsEngine in process, the contract client is a small in-memory stand-in,
// downloads are recorded), and a seeded workspace-like sample table with its CLI-path reference
// (export-scores CSV → parseScoresCsv → ThresholdIndex). Tests only.
import type { SampleTable, UadApi } from '../../common/api';
import { encodeSampleTable } from '../../common/contract/sample-table-codec';
import type { SampleQuery, SampleWindow } from '../../common/contract/samples';
import type { SavedThreshold } from '../../common/contract/thresholds';
import { orderedRows, tableRows } from '../../common/samples/sample-query';
import { parseScoresCsv, ThresholdIndex } from '../../common/metrics/index';
import { MetricsEngine } from '../../renderer/workers/metrics-engine';
import { metricsHandlers, type Handler } from '../../renderer/workers/metrics-handlers';
import type { RequestKind, WorkerRequests } from '../../renderer/workers/metrics-protocol';
import { createWorkbenchStore, type WorkbenchState } from '../../renderer/store/create-store';
import type { StoreDeps } from '../../renderer/store/store-deps';
import type { MetricsWorkers } from '../../renderer/workers/metrics-client';

/** The request interface of MetricsWorker over an in-process engine, recording each request kind. */
export class InProcessWorker {
  readonly engine = new MetricsEngine();
  readonly requests: RequestKind[] = [];
  private readonly handlers = metricsHandlers(this.engine);

  async request<K extends RequestKind>(kind: K, input: WorkerRequests[K]['input'], _transfer: Transferable[] = [], onProgress?: (done: number, total: number) => void): Promise<WorkerRequests[K]['output']> {
    this.requests.push(kind);
    return (this.handlers[kind] as Handler<K>)(input, onProgress);
  }

  terminate(): void {}
}

/** The in-process workers (the pair and the report helper); a restart is counted and keeps the same engine (the store then resends the columns). */
export class InProcessMetrics implements MetricsWorkers {
  readonly interactive = new InProcessWorker();
  readonly bootstrap = new InProcessWorker();
  readonly reportHelper = new InProcessWorker();
  restarts = 0;
  helperRestarts = 0;

  restartBootstrap(): void {
    this.restarts++;
  }

  restartReportHelper(): void {
    this.helperRestarts++;
  }
}

/** The workers and downloads of the latest store made by storeWith (`reset` gives every test fresh engines). */
export const workers = {
  current: new InProcessMetrics(),
  downloads: [] as { blob: Blob; name: string }[],
  reset(): void {
    this.current = new InProcessMetrics();
    this.downloads = [];
  },
};

/** A store's test dependencies: `api`, the current in-process workers, downloads recorded in `workers.downloads`. */
export function testDeps(api: UadApi): StoreDeps {
  const metrics = workers.current;
  const downloads = workers.downloads;
  return { api: () => api, metrics, download: (blob, name) => { downloads.push({ blob, name }); }, droppedFilePath: () => '' };
}

/** A seeded table like a scored workspace: dev and test splits, three attack species, ties, unscored rows. */
export function demoTable(modelSha256 = 'a'.repeat(64)): SampleTable {
  let seed = 2024;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const table: SampleTable = { modelSha256, id: [], datasetId: [], path: [], label: [], category: [], species: [], split: [], identity: [], fileStatus: [], score: [], dominantExpert: [] };
  const species = ['print', 'replay', 'swap'];
  for (let i = 0; i < 300; i++) {
    const split = i < 120 ? 'dev' : 'test';
    const label = i % 3 === 0 ? 0 : 1;
    const kind = label === 0 ? 'live' : species[i % species.length]!;
    const raw = label === 1 ? 0.3 + 0.7 * random() : 0.6 * random();
    table.id.push(i + 1);
    table.datasetId.push(1);
    table.path.push(`${split}/${kind}/${i}.jpg`);
    table.label.push(label);
    table.category.push(String(label));
    table.species.push(kind);
    table.split.push(split);
    table.identity.push(`id-${i % 41}`);
    table.fileStatus.push('ok');
    table.score.push(i % 37 === 4 ? null : Math.round(raw * 1000) / 1000);
    table.dominantExpert.push(null);
  }
  return table;
}

/** `uad export-scores --split S` of the table, as CSV text. */
export function exportCsv(table: SampleTable, split: string): string {
  const lines = ['path,score,label,species,identity'];
  table.id.forEach((_, i) => {
    if (table.score[i] === null || table.split[i] !== split) return;
    lines.push([table.path[i], table.score[i], table.label[i], table.species[i], table.identity[i]].join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** The CLI path's index of one split: what `uad metrics --scores` computes from. */
export const cliIndex = (table: SampleTable, split: string): ThresholdIndex => ThresholdIndex.build(parseScoresCsv(exportCsv(table, split), `${split}.csv`));

/** The host's samples.query over an in-memory table: rows [offset, offset + limit) of the full scan's order. */
export function windowOf(table: SampleTable, query: SampleQuery): SampleWindow {
  const ordered = orderedRows(table, query.filter, query.sort, query.threshold);
  const window = ordered.subarray(Math.min(query.offset, ordered.length), Math.min(ordered.length, query.offset + query.limit));
  return {
    modelSha256: table.modelSha256, total: table.id.length, matched: ordered.length, offset: query.offset,
    rows: encodeSampleTable(tableRows(table, window)), columns: { species: [...new Set(table.species)].sort(), split: [...new Set(table.split)].sort() },
    ...(query.withIds ? { ids: Array.from(ordered, (row) => table.id[row]!) } : {}),
  };
}

/** An in-memory contract client covering what the evaluation slices call; records saved thresholds. */
export function fakeApi(table: SampleTable): { api: UadApi; saved: SavedThreshold[]; saveRequests: unknown[] } {
  const saved: SavedThreshold[] = [];
  const saveRequests: unknown[] = [];
  const api = {
    samples: {
      list: async ({ modelSha256 }: { modelSha256?: string }) => (modelSha256 === table.modelSha256
        ? { ok: true, value: encodeSampleTable(table) }
        : { ok: false, error: { code: 'not-found', message: `no model ${modelSha256}` } }),
      query: async (query: SampleQuery) => (query.modelSha256 === undefined || query.modelSha256 === table.modelSha256
        ? { ok: true, value: windowOf(table, query) }
        : { ok: false, error: { code: 'not-found', message: `no model ${query.modelSha256}` } }),
    },
    thresholds: {
      save: async (request: { modelSha256?: string; value: number; criterion: string; split: string; dataHash: string; provenance: string }) => {
        saveRequests.push(request);
        const record: SavedThreshold = {
          id: saved.length + 1, modelSha256: request.modelSha256 ?? null, value: request.value, criterion: request.criterion, split: request.split,
          dataHash: request.dataHash, provenance: JSON.parse(request.provenance) as Record<string, unknown>, createdAt: new Date().toISOString(),
        };
        saved.unshift(record);
        return { ok: true, value: record };
      },
      list: async () => ({ ok: true, value: [...saved] }),
    },
    // A workspace without findings or bookmarks (opening a workspace loads them).
    annotations: {
      list: async () => ({ ok: true, value: { latest: [], bookmarks: [], speciesOptions: [], defaultAuthor: '' } }),
    },
  };
  return { api: api as unknown as UadApi, saved, saveRequests };
}

/** Resolves once `predicate` holds for the store's state (now or after a later change). */
export function until(store: { getState: () => WorkbenchState; subscribe: (listener: (state: WorkbenchState) => void) => () => void }, predicate: (state: WorkbenchState) => boolean): Promise<WorkbenchState> {
  return new Promise((resolve) => {
    if (predicate(store.getState())) {
      resolve(store.getState());
      return;
    }
    const unsubscribe = store.subscribe((state) => {
      if (!predicate(state)) return;
      unsubscribe();
      resolve(state);
    });
  });
}

/** A workspace summary listing the table's model, as `workspace.open` returns it. */
export function workspaceOf(table: SampleTable): WorkbenchState['workspace'] {
  const predictions = table.score.filter((s) => s !== null).length;
  return {
    file: '/ws/workspace.sqlite', schemaVersion: 1, samples: table.id.length, datasets: [],
    models: [{ sha256: table.modelSha256!, name: 'demo model', predictions }], runs: [], custody: { ok: true, entries: 0 },
  };
}

type Store = ReturnType<typeof createWorkbenchStore>;

/** A fresh store over `api` and the current workers, holding nothing yet. */
export const emptyStore = (api: UadApi): Store => createWorkbenchStore(testDeps(api));

/** A fresh store holding the table's workspace, over `api` and fresh in-process workers. */
export function storeWith(table: SampleTable, api: UadApi = fakeApi(table).api): Store {
  workers.reset();
  const store = emptyStore(api);
  store.setState({ workspace: workspaceOf(table) });
  return store;
}

/** storeWith, then the evaluation opened and its first query answered. */
export async function evaluatedStoreWith(table: SampleTable, api?: UadApi): Promise<Store> {
  const store = storeWith(table, api);
  await store.getState().openEvaluation();
  await until(store, (s) => s.evalQuery !== null);
  return store;
}
