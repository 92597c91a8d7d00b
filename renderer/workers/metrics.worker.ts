// The metrics Web Worker: runs MetricsEngine requests off the UI thread and answers with typed arrays
// transferred, not copied. Renderer (module worker started by metrics-client.ts).
import { MetricsEngine } from './metrics-engine';
import { columnBuffers, type RequestKind, type SourceSummary, type WorkerReply, type WorkerRequest, type WorkerRequests } from './metrics-protocol';
import { summaryBuffers } from './split-summary';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const engine = new MetricsEngine();

type Handler<K extends RequestKind> = (input: WorkerRequests[K]['input']) => WorkerRequests[K]['output'] | Promise<WorkerRequests[K]['output']>;

const handlers: { [K in RequestKind]: Handler<K> } = {
  loadColumns: (input) => engine.loadColumns(input),
  loadCsv: (input) => engine.loadCsv(input),
  keepColumns: (input) => engine.keepColumns(input),
  query: (input) => engine.query(input),
  choose: (input) => engine.choose(input),
  bootstrap: (input) => engine.bootstrap(input),
  report: (input) => engine.report(input),
  drop: (input) => engine.drop(input),
};

function transferList(kind: RequestKind, value: unknown): Transferable[] {
  const summaries = (summary: SourceSummary) => summary.splits.flatMap(summaryBuffers);
  if (kind === 'loadColumns') return summaries(value as SourceSummary);
  if (kind === 'loadCsv') {
    const { summary, columns } = value as WorkerRequests['loadCsv']['output'];
    return [...summaries(summary), ...columnBuffers(columns)];
  }
  return [];
}

// Requests are handled one at a time in arrival order; the client keeps at most one query in flight.
let queue = Promise.resolve();
scope.onmessage = ({ data: request }) => {
  queue = queue.then(async () => {
    try {
      const handler = handlers[request.kind] as Handler<RequestKind>;
      const value = await handler(request.input);
      scope.postMessage({ id: request.id, ok: true, value }, transferList(request.kind, value));
    } catch (error) {
      scope.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }, []);
    }
  });
};
