// The metrics Web Worker: runs MetricsEngine requests off the UI thread and answers with typed arrays
// transferred, not copied. Renderer (module worker started by metrics-client.ts).
import { MetricsEngine } from './metrics-engine';
import { handleRequest, metricsHandlers } from './metrics-handlers';
import { columnBuffers, streamBuffers, type RequestKind, type SourceSummary, type WorkerMessage, type WorkerRequest, type WorkerRequests } from './metrics-protocol';
import { summaryBuffers } from './split-summary';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerMessage, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const handlers = metricsHandlers(new MetricsEngine());

function transferList(kind: RequestKind, value: unknown): Transferable[] {
  const summaries = (summary: SourceSummary) => summary.splits.flatMap(summaryBuffers);
  if (kind === 'loadColumns') return summaries(value as SourceSummary);
  if (kind === 'loadCsv') {
    const { summary, columns } = value as WorkerRequests['loadCsv']['output'];
    return [...summaries(summary), ...columnBuffers(columns)];
  }
  if (kind === 'bootstrapStream') return streamBuffers(value as WorkerRequests['bootstrapStream']['output']);
  return [];
}

// Requests are handled one at a time in arrival order; the client keeps at most one query in flight.
let queue = Promise.resolve();
scope.onmessage = ({ data: request }) => {
  queue = queue.then(async () => {
    const reply = await handleRequest(handlers, request, (done, total) => scope.postMessage({ id: request.id, progress: { done, total } }, []));
    scope.postMessage(reply, reply.ok ? transferList(request.kind, reply.value) : []);
  });
};
