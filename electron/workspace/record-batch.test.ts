// Recording a batch writes the routing rows and dominant expert the inference worker computed, and they are
// byte for byte what the workspace computed itself from the same masses (the rule of common/routing/summary.ts).
// Real ONNX inference on the bad-input corpus for the mass encoding; ViT-B/16-sized masses for the packed one.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetListing } from '../../common/dataset/types.js';
import { parseSidecar } from '../../common/model/sidecar.js';
import { lastLayerDominantExpert } from '../../common/routing/expert-mass.js';
import { encodeFloat16 } from '../../common/routing/float16.js';
import { defaultRoutingSummary, packDominant, storedRouting } from '../../common/routing/summary.js';
import { makeBadInputCorpus } from '../../test/fixtures/bad-input/make-corpus.js';
import { shippedModel } from '../../test/support/models.js';
import { listFolder } from '../dataset/folder-loader.js';
import { InferenceEngine } from '../inference/engine.js';
import type { ModelFiles } from '../onnx/model-files.js';
import { scoreDataset } from '../scoring/scoring-run.js';
import { connectionOf } from './connection.js';
import type { ScoredItem } from './scored-item.js';
import { Workspace } from './workspace.js';

type Stored = { sample_id: number; layer: number; tokens: number; experts: number; expert_mass_f16: Uint8Array; dispatch_mass_f16: Uint8Array | null };
type Row = Omit<Stored, 'expert_mass_f16' | 'dispatch_mass_f16'> & { mass: number[]; dispatch: number[] | null };

const bytes = (a: Uint16Array): number[] => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

/** The rows and dominant expert as recording computed them before the worker did: the common functions, one by one. */
function expectedRows(items: ScoredItem[], layers: number[], experts: number): { rows: Row[]; dominant: Map<number, number | null> } {
  const rows: Row[] = [];
  const dominant = new Map<number, number | null>();
  for (const item of items) {
    if (!item.ok) continue;
    dominant.set(item.key, lastLayerDominantExpert(item.expertMass, experts));
    const tokens = item.expertMass[0] ? item.expertMass[0].length / Math.max(1, experts) : 0;
    if (defaultRoutingSummary(layers.length, tokens, experts) === 'dominant' && item.expertMass.length > 0) {
      rows.push({ sample_id: item.key, layer: layers[0]!, tokens, experts, mass: Array.from(packDominant(item.expertMass, experts)), dispatch: null });
    } else {
      item.expertMass.forEach((mass, l) => {
        const dispatch = item.dispatchMass?.[l];
        rows.push({ sample_id: item.key, layer: layers[l]!, tokens, experts, mass: bytes(mass), dispatch: dispatch ? bytes(dispatch) : null });
      });
    }
  }
  return { rows, dominant };
}

function storedRows(workspace: Workspace, modelSha256: string): { rows: Row[]; dominant: Map<number, number | null> } {
  const sql = connectionOf(workspace);
  const rows = sql.all<Stored>('SELECT sample_id, layer, tokens, experts, expert_mass_f16, dispatch_mass_f16 FROM routing_summaries WHERE model_sha256 = ? ORDER BY sample_id, layer', [modelSha256])
    .map(({ expert_mass_f16: m, dispatch_mass_f16: d, ...rest }) => ({ ...rest, mass: Array.from(m), dispatch: d ? Array.from(d) : null }));
  const dominant = new Map(sql.all<{ sample_id: number; dominant_expert: number | null }>('SELECT sample_id, dominant_expert FROM predictions WHERE model_sha256 = ?', [modelSha256])
    .map((r) => [r.sample_id, r.dominant_expert]));
  return { rows, dominant };
}

const byKeyLayer = (a: Row, b: Row) => a.sample_id - b.sample_id || a.layer - b.layer;

describe('recording a scored batch', () => {
  it('stores the routing rows and dominant experts the worker computed, equal to computing them while recording', async () => {
    const corpus = await makeBadInputCorpus();
    const listing = await listFolder(corpus.root);
    if (!listing.ok) throw new Error(listing.error.message);
    const engine = await InferenceEngine.start({ modelPath: shippedModel(), provider: 'cpu', intraOpThreads: 1 });
    const workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-rb-')));
    try {
      const items: ScoredItem[] = [];
      const returned = new Map<number, number | null>();
      await scoreDataset({
        workspace, listing: listing.value, engine, batchSize: 3,
        onBatch: (batch, _run, dominant) => { batch.forEach((item, i) => { items.push(item); if (item.ok) returned.set(item.key, dominant[i]!); }); },
      });
      const scored = items.filter((item) => item.ok);
      expect(scored.length).toBeGreaterThan(2);
      // Computed in the worker: every scored item arrives with its stored routing.
      for (const item of scored) expect(item.routing?.rows.length).toBe(engine.sidecar.moe!.layers.length);
      const expected = expectedRows(items, engine.sidecar.moe!.layers, engine.sidecar.moe!.experts);
      const stored = storedRows(workspace, engine.model.sha256);
      expect(stored.rows).toEqual(expected.rows.sort(byKeyLayer));
      expect(stored.dominant).toEqual(expected.dominant);
      expect(returned).toEqual(expected.dominant);
    } finally {
      workspace.close();
      await engine.close();
    }
  }, 60_000);

  it('writes the rows it is given as they are, and computes them by the same rule for items that arrive without', () => {
    const base = JSON.parse(readFileSync('models/lasoftmoe-tiny.model.json', 'utf8')) as Record<string, unknown> & { moe: Record<string, unknown> };
    const layers = Array.from({ length: 12 }, (_, l) => l);
    const experts = 4;
    const tokens = 197;
    const sidecar = parseSidecar({ ...base, name: 'vit-b', sha256: undefined, moe: { ...base.moe, layers } });
    const model: ModelFiles = { onnxPath: '/m.onnx', sidecarPath: '/m.model.json', sidecar, sha256: 'b'.repeat(64), sizeBytes: 1 };
    const count = 6;
    const samples = Array.from({ length: count }, (_, id) => ({
      id, path: `live/img-${id}.png`, label: 0 as const, category: 'bona-fide' as const, species: 'live', identity: '', split: '', sizeBytes: 1, status: 'ok' as const,
    }));
    const listing: DatasetListing = { root: '/data', source: 'folder', samples, skipped: [], counts: { total: count, bonaFide: count, attack: 0, unusable: 0, bySpecies: {} } };
    const workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-rb-')));
    try {
      const { datasetId, sampleIds } = workspace.ingest(listing);
      workspace.registerModel(model);
      const runId = workspace.startRun({ modelSha256: model.sha256, datasetId, provider: 'cpu', providerAttempts: [], versions: {}, batchSize: count, total: count, skipped: 0 });
      const items: ScoredItem[] = sampleIds.map((key, k) => {
        const expertMass = layers.map((l) => {
          const mass = new Float32Array(tokens * experts).fill(0.1);
          for (let t = 0; t < tokens; t++) mass[t * experts + ((t * (k + 1) + l) % experts)] = 0.7;
          return encodeFloat16(mass);
        });
        // half of them as the worker sends them, half as a queue worker's wire result does (no precomputed rows)
        return { key, ok: true, sha256: 'f'.repeat(64), sizeBytes: 1, score: 0.5, logits: [0, 0], expertMass,
          ...(k % 2 === 0 ? { routing: storedRouting(expertMass, undefined, layers, experts) } : {}) };
      });
      const returned = workspace.recordBatch(runId, model.sha256, layers, experts, items, { decodeMs: 0, inferMs: 0 });
      const expected = expectedRows(items, layers, experts);
      expect(expected.rows).toHaveLength(count); // one packed row each
      const stored = storedRows(workspace, model.sha256);
      expect(stored.rows).toEqual(expected.rows.sort(byKeyLayer));
      expect(stored.dominant).toEqual(expected.dominant);
      expect(returned).toEqual(sampleIds.map((id) => expected.dominant.get(id)));
      // Recording only writes: a row the worker computed is stored as given.
      const given = storedRouting(items[0]!.ok ? items[0]!.expertMass : [], undefined, layers, experts);
      const marked = { ...given, dominant: 3, rows: [{ ...given.rows[0]!, expertMassF16: new Uint8Array([0x55, 0x44, 1, 2, 9]) }] };
      workspace.recordBatch(runId, model.sha256, layers, experts, [{ ...(items[0] as Extract<ScoredItem, { ok: true }>), routing: marked }], { decodeMs: 0, inferMs: 0 });
      const after = storedRows(workspace, model.sha256);
      expect(after.rows.find((r) => r.sample_id === sampleIds[0])!.mass).toEqual([0x55, 0x44, 1, 2, 9]);
      expect(after.dominant.get(sampleIds[0]!)).toBe(3);
    } finally {
      workspace.close();
    }
  });
});
