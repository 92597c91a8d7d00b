// Routing summaries at ViT-B/16 size (12 MoE layers × 197 tokens × 4 experts): one packed row of dominant experts
// per sample, its stored size, and the analytics and case data read back from it; the tiny shape keeps full mass.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetListing } from '../../common/dataset/types.js';
import { parseSidecar } from '../../common/model/sidecar.js';
import { encodeFloat16 } from '../../common/routing/float16.js';
import { expertUsage } from './analytics.js';
import type { ModelFiles } from '../onnx/model-files.js';
import type { ScoredItem } from './scored-item.js';
import { connectionOf } from './connection.js';
import { Workspace } from './workspace.js';

const N = 197;
const E = 4;

function listing(count: number): DatasetListing {
  const samples = Array.from({ length: count }, (_, i) => ({
    id: i, path: `${i % 2 ? 'live' : 'attack/print'}/img-${i}.png`, label: (i % 2 ? 0 : 1) as 0 | 1,
    category: (i % 2 ? 'bona-fide' : 'physical') as 'bona-fide' | 'physical', species: i % 2 ? 'live' : 'print', identity: '', split: '',
    sizeBytes: 100, status: 'ok' as const,
  }));
  return { root: '/data', source: 'folder', samples, skipped: [], counts: { total: count, bonaFide: count / 2, attack: count / 2, unusable: 0, bySpecies: {} } };
}

/** A model of the given MoE layers with the shipped La-SoftMoE's sidecar otherwise. */
function model(layers: number[]): ModelFiles {
  const base = JSON.parse(readFileSync('models/lasoftmoe-tiny.model.json', 'utf8')) as Record<string, unknown> & { moe: Record<string, unknown> };
  const sidecar = parseSidecar({ ...base, name: `m${layers.length}`, sha256: undefined, moe: { ...base.moe, layers } });
  return { onnxPath: '/m.onnx', sidecarPath: '/m.model.json', sidecar, sha256: String(layers.length).padStart(64, '0'), sizeBytes: 1 };
}

/** Token t of sample k in layer l is routed to expert (t + k + l) mod E with mass 0.7, the rest 0.1 each. */
function item(key: number, layers: number): ScoredItem {
  const massOf = (l: number) => {
    const mass = new Float32Array(N * E).fill(0.1);
    for (let t = 0; t < N; t++) mass[t * E + ((t + key + l) % E)] = 0.7;
    return encodeFloat16(mass);
  };
  return {
    key, ok: true, sha256: 'f'.repeat(64), sizeBytes: 100, score: 0.5, logits: [0, 0],
    expertMass: Array.from({ length: layers }, (_, l) => massOf(l)), dispatchMass: Array.from({ length: layers }, (_, l) => massOf(l)),
  };
}

function scoreInto(ws: Workspace, m: ModelFiles, count: number): void {
  const { datasetId, sampleIds } = ws.ingest(listing(count));
  ws.registerModel(m);
  const runId = ws.startRun({ modelSha256: m.sha256, datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: count, total: count, skipped: 0 });
  const layers = m.sidecar.moe!.layers;
  ws.recordBatch(runId, m.sha256, layers, E, sampleIds.map((id) => item(id, layers.length)), { decodeMs: 0, inferMs: 0 });
  ws.finishRun(runId, 'completed');
}

describe('routing summaries by model size', () => {
  it('12 layers: one packed row of 4 + 12·197·2 bits per sample, read back as one-hot mass by the analytics', () => {
    const ws = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-rs-')));
    try {
      const m = model([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      scoreInto(ws, m, 8);
      const rows = connectionOf(ws).all<{ layer: number; bytes: number; dispatch: number | null }>(
        'SELECT layer, length(expert_mass_f16) AS bytes, length(dispatch_mass_f16) AS dispatch FROM routing_summaries WHERE model_sha256 = ?', [m.sha256]);
      expect(rows).toHaveLength(8);
      expect(rows.every((r) => r.layer === 0 && r.bytes === 4 + (12 * N * 2) / 8 && r.dispatch === null)).toBe(true);

      const usage = expertUsage(ws, m.sha256);
      expect(usage.layers).toEqual(m.sidecar.moe!.layers);
      // image tokens t = 1..196 of sample k, layer l: expert (t + k + l) mod 4 → 49 tokens per expert, usage 1/4 each
      for (const perSpecies of usage.usage) for (const perExpert of perSpecies) for (const u of perExpert) expect(u).toBeCloseTo(0.25, 10);
      expect(usage.entropy.flat().every((h) => Math.abs(h) < 1e-9)).toBe(true); // one-hot rows: zero entropy
    } finally {
      ws.close();
    }
  });

  it('2 layers (the tiny shape): float16 combine and dispatch mass per layer, as before', () => {
    const ws = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-rs-')));
    try {
      const m = model([0, 1]);
      scoreInto(ws, m, 4);
      const rows = connectionOf(ws).all<{ bytes: number; dispatch: number }>('SELECT length(expert_mass_f16) AS bytes, length(dispatch_mass_f16) AS dispatch FROM routing_summaries');
      expect(rows).toHaveLength(8);
      expect(rows.every((r) => r.bytes === N * E * 2 && r.dispatch === N * E * 2)).toBe(true);
      const usage = expertUsage(ws, m.sha256);
      // mass 0.7 on one expert, 0.1 on the others, each expert dominant for 49 of 196 image tokens: mean 0.25
      for (const perSpecies of usage.usage) for (const perExpert of perSpecies) for (const u of perExpert) expect(u).toBeCloseTo(0.25, 3);
    } finally {
      ws.close();
    }
  });

  it('recordBatch returns the dominant expert it stored for each item, in order, null for a failure', () => {
    const ws = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-rs-')));
    try {
      const m = model([0, 1]);
      const { datasetId, sampleIds } = ws.ingest(listing(4));
      ws.registerModel(m);
      const runId = ws.startRun({ modelSha256: m.sha256, datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: 4, total: 4, skipped: 0 });
      // last layer: every token of sample k goes to expert (k + 1) mod E; the first layer says otherwise
      const routed = (key: number): ScoredItem => {
        const last = new Float32Array(N * E).fill(0.1);
        for (let t = 0; t < N; t++) last[t * E + ((key + 1) % E)] = 0.7;
        const first = new Float32Array(N * E).fill(0.1);
        for (let t = 0; t < N; t++) first[t * E + (key % E)] = 0.7;
        return { key, ok: true, sha256: 'f'.repeat(64), sizeBytes: 100, score: 0.5, logits: [0, 0], expertMass: [encodeFloat16(first), encodeFloat16(last)] };
      };
      const items: ScoredItem[] = [routed(sampleIds[0]!), { key: sampleIds[1]!, ok: false, reason: 'unreadable' }, routed(sampleIds[2]!), routed(sampleIds[3]!)];
      const returned = ws.recordBatch(runId, m.sha256, [0, 1], E, items, { decodeMs: 0, inferMs: 0 });
      expect(returned).toEqual([(sampleIds[0]! + 1) % E, null, (sampleIds[2]! + 1) % E, (sampleIds[3]! + 1) % E]);
      const stored = connectionOf(ws).all<{ sample_id: number; dominant_expert: number | null }>(
        'SELECT sample_id, dominant_expert FROM predictions WHERE model_sha256 = ? ORDER BY sample_id', [m.sha256]);
      expect(stored).toEqual([0, 2, 3].map((i) => ({ sample_id: sampleIds[i]!, dominant_expert: returned[i] })));
    } finally {
      ws.close();
    }
  });
});
