// Builds a large synthetic workspace (e.g. 100,000 scored samples) through the real Workspace API, for
// the browser's performance test. The sample files do not exist: only the database is exercised.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatasetListing, DatasetSample } from '../../../common/dataset/types.js';
import { encodeFloat16 } from '../../../common/routing/float16.js';
import { loadModelFiles } from '../../../electron/onnx/model-files.js';
import type { ScoredItem } from '../../../electron/inference/protocol.js';
import { Workspace } from '../../../electron/workspace/workspace.js';

const SPECIES = ['bona-fide', 'print', 'replay', 'mask', 'alma', 'fgtm', 'simswap', 'DaGAN'];

/**
 * `embeddingDims`: also store a synthetic float16 embedding per sample (a species centre plus noise), for
 * the embedding map's benchmark.
 */
export async function makeLargeWorkspace(count: number, modelPath: string, embeddingDims = 0): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-large-ws-'));
  const model = await loadModelFiles(modelPath);
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const samples: DatasetSample[] = Array.from({ length: count }, (_, id) => {
    const species = SPECIES[id % SPECIES.length]!;
    const attack = species !== 'bona-fide';
    return {
      id, path: `${attack ? `attack/${species}` : 'live'}/subject-${String(Math.floor(id / 8)).padStart(6, '0')}.jpg`,
      label: attack ? 1 : 0, category: attack ? 'attack' : 'bona-fide', species, identity: `ID-${Math.floor(id / 8)}`,
      split: id % 3 === 0 ? 'dev' : 'test', sizeBytes: 1000, status: 'ok',
    };
  });
  const listing: DatasetListing = { root: path.join(dir, 'images'), source: 'folder', samples, skipped: [], counts: { total: count, bonaFide: count / 8, attack: count - count / 8, unusable: 0, bySpecies: {} } };
  const workspace = Workspace.open(dir);
  try {
    const { datasetId, sampleIds } = workspace.ingest(listing);
    workspace.registerModel(model);
    const runId = workspace.startRun({ modelSha256: model.sha256, datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: 1, total: count, skipped: 0 });
    for (let start = 0; start < count; start += 5000) {
      const items: ScoredItem[] = sampleIds.slice(start, start + 5000).map((key, i) => {
        const attack = samples[start + i]!.label === 1;
        const score = Math.min(1, Math.max(0, (attack ? 0.65 : 0.35) + (random() - 0.5) * 0.6));
        const speciesIndex = (start + i) % SPECIES.length;
        const embedding = embeddingDims > 0
          ? encodeFloat16(Array.from({ length: embeddingDims }, (_, j) => (j % SPECIES.length === speciesIndex ? 1 : 0) + (random() - 0.5) * 0.8))
          : undefined;
        return { key, ok: true, sha256: 'a'.repeat(64), sizeBytes: 1000, score, logits: [1 - score, score], expertMass: [], ...(embedding ? { embedding } : {}) };
      });
      workspace.recordBatch(runId, model.sha256, [], 0, items, { decodeMs: 0, inferMs: 0 });
    }
    workspace.finishRun(runId, 'completed');
  } finally {
    workspace.close();
  }
  return dir;
}
