// Analysis worker thread: keeps the normalised embedding matrix of one model and answers exact cosine
// nearest-neighbour queries and embedding-map projections, so neither blocks the main process. Node side
// (worker_threads); never imported by the main thread.
import { parentPort } from 'node:worker_threads';
import { nearestToRow, normalisedRows } from '../../common/embeddings/knn.js';
import type { AnalysisRequest, AnalysisResponse } from './analysis-protocol.js';
import { project } from './projection.js';
import { flagIsSet } from '../base/cancel-flag.js';

if (!parentPort) throw new Error('analysis-worker.ts must run as a worker thread');
const port = parentPort;

let loaded: { key: string; ids: Int32Array; rowOf: Map<number, number>; dims: number; unit: Float32Array } | null = null;

const reply = (message: AnalysisResponse): void => port.postMessage(message);

port.on('message', (request: AnalysisRequest) => {
  try {
    switch (request.type) {
      case 'load': {
        const n = request.ids.length;
        const unit = normalisedRows(request.f16, n, request.dims, true);
        const rowOf = new Map<number, number>();
        request.ids.forEach((sampleId, row) => rowOf.set(sampleId, row));
        loaded = { key: request.key, ids: request.ids, rowOf, dims: request.dims, unit };
        reply({ type: 'loaded', id: request.id, rows: n });
        return;
      }
      case 'knn': {
        if (!loaded || loaded.key !== request.key) throw new Error('the embeddings of this model are not loaded');
        const row = loaded.rowOf.get(request.sampleId);
        if (row === undefined) throw new Error(`sample ${request.sampleId} has no stored embedding under this model`);
        const found = nearestToRow(loaded.unit, loaded.ids.length, loaded.dims, row, request.k);
        reply({ type: 'knn', id: request.id, neighbours: found.map((f) => ({ sampleId: loaded!.ids[f.index]!, similarity: f.similarity })) });
        return;
      }
      case 'project': {
        if (!loaded || loaded.key !== request.key) throw new Error('the embeddings of this model are not loaded');
        const xy = project(loaded.unit, loaded.ids.length, loaded.dims, {
          method: request.method, seed: request.seed,
          cancelled: () => flagIsSet(request.cancel),
          onProgress: (phase, done, total) => reply({ type: 'progress', id: request.id, phase, done, total }),
        });
        const ids = loaded.ids.slice();
        port.postMessage({ type: 'projected', id: request.id, ids, xy } satisfies AnalysisResponse, [ids.buffer as ArrayBuffer, xy.buffer as ArrayBuffer]);
        return;
      }
    }
  } catch (err) {
    reply({ type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) });
  }
});
