// Routing specialisation read from a real workspace: species that route to their own expert give NMI 1 far above
// the permutation baseline; routing that ignores the species gives NMI 0. Real SQLite, synthetic routing rows.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetListing } from '../../common/dataset/types.js';
import { parseSidecar } from '../../common/model/sidecar.js';
import { encodeFloat16 } from '../../common/routing/float16.js';
import type { ModelFiles } from '../onnx/model-files.js';
import type { ScoredItem } from './scored-item.js';
import { Workspace } from './workspace.js';
import { routingSpecialisation } from './specialisation.js';

const N = 197;
const E = 4;
const COUNT = 20;

function listing(): DatasetListing {
  const samples = Array.from({ length: COUNT }, (_, i) => ({
    id: i, path: `${i % 2 ? 'live' : 'attack/print'}/img-${i}.png`, label: (i % 2 ? 0 : 1) as 0 | 1,
    category: (i % 2 ? 'bona-fide' : 'physical') as 'bona-fide' | 'physical', species: i % 2 ? 'live' : 'print', identity: '', split: '',
    sizeBytes: 100, status: 'ok' as const,
  }));
  return { root: '/data', source: 'folder', samples, skipped: [], counts: { total: COUNT, bonaFide: COUNT / 2, attack: COUNT / 2, unusable: 0, bySpecies: {} } };
}

function model(): ModelFiles {
  const base = JSON.parse(readFileSync('models/lasoftmoe-tiny.model.json', 'utf8')) as Record<string, unknown> & { moe: Record<string, unknown> };
  const sidecar = parseSidecar({ ...base, name: 'spec', sha256: undefined, moe: { ...base.moe, layers: [0, 1] } });
  return { onnxPath: '/m.onnx', sidecarPath: '/m.model.json', sidecar, sha256: 'c'.repeat(64), sizeBytes: 1 };
}

/** Every token of a sample goes to expert `route(sampleIndex, token)` with mass 0.7, the rest 0.1 each. */
function scoreInto(ws: Workspace, m: ModelFiles, route: (sample: number, token: number) => number): void {
  const { datasetId, sampleIds } = ws.ingest(listing());
  ws.registerModel(m);
  const runId = ws.startRun({ modelSha256: m.sha256, datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: COUNT, total: COUNT, skipped: 0 });
  const items: ScoredItem[] = sampleIds.map((id, k) => {
    const mass = new Float32Array(N * E).fill(0.1);
    for (let t = 0; t < N; t++) mass[t * E + route(k, t)] = 0.7;
    const f16 = encodeFloat16(mass);
    return { key: id, ok: true, sha256: 'f'.repeat(64), sizeBytes: 100, score: 0.5, logits: [0, 0], expertMass: [f16, f16], dispatchMass: [f16, f16] };
  });
  ws.recordBatch(runId, m.sha256, [0, 1], E, items, { decodeMs: 0, inferMs: 0 });
  ws.finishRun(runId, 'completed');
}

describe('routing specialisation from the workspace', () => {
  it('gives NMI 1 when print tokens go to expert 0 and live tokens to expert 1, far above the baseline', () => {
    const ws = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-spec-')));
    try {
      const m = model();
      scoreInto(ws, m, (k) => (k % 2 ? 1 : 0)); // sample k is live when k is odd
      const r = routingSpecialisation(ws, m.sha256, 99);
      expect(r.species).toEqual(['live', 'print']);
      expect(r.samples).toBe(COUNT);
      expect(r.layers.map((l) => l.layer)).toEqual([0, 1]);
      for (const layer of r.layers) {
        expect(layer.species.nmi).toBeCloseTo(1, 12);
        expect(layer.class.nmi).toBeCloseTo(1, 12);
        expect(layer.species.tokens).toBe(COUNT * (N - 1)); // image tokens only
        expect(layer.species.pValue).toBeCloseTo(1 / 100, 12);
        expect(layer.species.baselineP95).toBeLessThan(0.5);
        expect(layer.speciesShares).toEqual([[0, 1, 0, 0], [1, 0, 0, 0]]);
      }
    } finally {
      ws.close();
    }
  });

  it('gives NMI 0 when routing ignores the species', () => {
    const ws = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-spec-')));
    try {
      const m = model();
      scoreInto(ws, m, (_k, t) => t % E);
      const r = routingSpecialisation(ws, m.sha256, 20);
      for (const layer of r.layers) {
        expect(layer.species.nmi).toBe(0);
        expect(layer.class.nmi).toBe(0);
        expect(layer.species.pValue).toBe(1);
        // tokens 1..196 spread 49 per expert in both species
        expect(layer.speciesShares).toEqual([[0.25, 0.25, 0.25, 0.25], [0.25, 0.25, 0.25, 0.25]]);
      }
    } finally {
      ws.close();
    }
  });

  it('refuses a model with no runs in the workspace', () => {
    const ws = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-spec-')));
    try {
      expect(() => routingSpecialisation(ws, 'd'.repeat(64))).toThrow(/has no runs in this workspace/);
    } finally {
      ws.close();
    }
  });
});
