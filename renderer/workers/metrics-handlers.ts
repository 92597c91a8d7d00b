// The metrics worker's request handlers: one table from request kind to MetricsEngine method, and the
// answer to one request message. Renderer (run inside the metrics Web Worker; the store tests' in-process worker reuses it).
import type { MetricsEngine } from './metrics-engine';
import type { RequestKind, WorkerReply, WorkerRequest, WorkerRequests } from './metrics-protocol';

/** `progress` reports how far a long request is (bootstrapStream); the others ignore it. */
export type Handler<K extends RequestKind> = (input: WorkerRequests[K]['input'], progress?: (done: number, total: number) => void) => WorkerRequests[K]['output'] | Promise<WorkerRequests[K]['output']>;
export type Handlers = { [K in RequestKind]: Handler<K> };

export function metricsHandlers(engine: MetricsEngine): Handlers {
  return {
    loadColumns: (input) => engine.loadColumns(input),
    loadCsv: (input) => engine.loadCsv(input),
    keepColumns: (input) => engine.keepColumns(input),
    query: (input) => engine.query(input),
    choose: (input) => engine.choose(input),
    bootstrap: (input) => engine.bootstrap(input),
    bootstrapStream: (input, progress) => engine.bootstrapStream(input, progress),
    report: (input) => engine.report(input),
    certify: (input) => engine.certify(input),
    evaluationReport: (input) => engine.evaluationReport(input),
    paired: (input) => engine.paired(input),
    ratesAt: (input) => engine.ratesAt(input),
    drop: (input) => engine.drop(input),
  };
}

/** The reply to one request: its value, or the error's message (a failed request never throws here). */
export async function handleRequest(handlers: Handlers, request: WorkerRequest, progress?: (done: number, total: number) => void): Promise<WorkerReply> {
  try {
    const handler = handlers[request.kind] as Handler<RequestKind> | undefined;
    if (!handler) throw new Error(`unknown request '${String(request.kind)}'`);
    return { id: request.id, ok: true, value: await handler(request.input, progress) };
  } catch (error) {
    return { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
