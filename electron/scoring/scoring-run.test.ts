// Scoring runs end to end with the shipped La-SoftMoE model: bad-input corpus, resume, detail tensors,
// provider fallback and model-file errors. Real ONNX inference in a worker thread, real SQLite.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBadInputCorpus, type CorpusItem } from '../../test/fixtures/bad-input/make-corpus.js';
import { shippedModel } from '../../test/support/models.js';
import { listFolder } from '../dataset/folder-loader.js';
import { InferenceEngine } from '../inference/engine.js';
import { decodeFloat16 } from '../../common/routing/float16.js';
import { expertUsage } from '../workspace/analytics.js';
import { Workspace } from '../workspace/workspace.js';
import { scoreDataset } from './scoring-run.js';
import { predictionTally, routingOf, routingTally } from '../workspace/predictions.js';
import { sampleRecords } from '../workspace/samples.js';

let engine: InferenceEngine;
beforeAll(async () => { engine = await InferenceEngine.start({ modelPath: shippedModel(), provider: 'cpu', intraOpThreads: 1 }); });
afterAll(async () => { await engine?.close(); });

describe('scoring the bad-input corpus', () => {
  it('scores every usable file and lists every other with a clear reason; the run completes', async () => {
    const corpus = await makeBadInputCorpus();
    const listing = await listFolder(corpus.root);
    expect(listing.ok).toBe(true);
    if (!listing.ok) return;
    const workspace = Workspace.open(mkdtempSync(path.join(tmpdir(), 'uad-ws-')));
    const progress: number[] = [];
    const summary = await scoreDataset({ workspace, listing: listing.value, engine, batchSize: 4, onProgress: (p) => progress.push(p.done) });
    expect(summary.run.status).toBe('completed');
    expect(summary.run.scored + summary.run.failed).toBe(corpus.items.length);
    expect(progress.at(-1)).toBe(corpus.items.length);

    const scored = new Map(workspace.scores(engine.model.sha256).map((row) => [row.path, row]));
    const failed = new Map(summary.failures.map((f) => [f.path, f.reason]));
    const check = (item: CorpusItem) => {
      if (item.expect === 'scored') {
        const row = scored.get(item.path);
        expect(row, `${item.path} should be scored`).toBeDefined();
        expect(row!.score).toBeGreaterThanOrEqual(0);
        expect(row!.score).toBeLessThanOrEqual(1);
      } else {
        expect(failed.get(item.path), `${item.path} should fail`).toMatch(item.reason!);
      }
    };
    corpus.items.forEach(check);
    // Duplicates keep separate rows with the same content hash.
    const hashes = sampleRecords(workspace).filter((s) => s.path === 'live/good.jpg' || s.path === 'live/duplicate-of-good.jpg');
    expect(hashes).toHaveLength(2);
    expect(new Set(hashes.map((h) => h.sha256)).size).toBe(1);
    workspace.close();
  });
});

describe('resume and routing summaries', () => {
  it('a second run skips what this model already scored and stores float16 expert mass per layer', async () => {
    const corpus = await makeBadInputCorpus();
    const listing = await listFolder(corpus.root);
    if (!listing.ok) throw new Error(listing.error.message);
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-ws-'));
    const first = Workspace.open(dir);
    const run1 = await scoreDataset({ workspace: first, listing: listing.value, engine, batchSize: 3 });
    first.close();
    const second = Workspace.open(dir);
    const run2 = await scoreDataset({ workspace: second, listing: listing.value, engine, batchSize: 3 });
    expect(run2.run.skipped).toBe(run1.run.scored);
    expect(run2.run.scored).toBe(0);
    const counts = predictionTally(second);
    expect(counts.rows).toBe(run1.run.scored);
    expect(counts.samples).toBe(counts.rows);
    const moe = engine.sidecar.moe!;
    const firstScored = second.scores(engine.model.sha256)[0]!;
    const summary = routingOf(second, firstScored.sampleId, engine.model.sha256)[0]!;
    expect(summary.tokens).toBe(engine.sidecar.architecture.tokens);
    expect(summary.experts).toBe(moe.experts);
    expect(summary.expertMassF16.byteLength).toBe(summary.tokens * summary.experts * 2);
    expect(routingTally(second).layers).toBe(moe.layers.length);
    // Dispatch mass: every slot's weights sum to 1 over tokens, so Σ_tokens Σ_s dispatch = s for each expert.
    const stored = summary.dispatchMassF16!;
    const copy = new Uint8Array(stored.byteLength);
    copy.set(stored);
    const dispatch = decodeFloat16(new Uint16Array(copy.buffer));
    for (let expert = 0; expert < moe.experts; expert++) {
      let total = 0;
      for (let token = 0; token < summary.tokens; token++) total += dispatch[token * moe.experts + expert]!;
      expect(total).toBeCloseTo(moe.slots, 0);
    }
    // Analytics over the stored summaries: each species' usage row sums to 1; dispatch maps are present.
    const usage = expertUsage(second, engine.model.sha256);
    expect(usage.species.length).toBeGreaterThan(0);
    for (const row of usage.usage[0]!) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    expect(usage.dispatchMaps).not.toBeNull();
    expect(usage.massMaps[0]![0]![0]).toHaveLength(usage.grid[0] * usage.grid[1]);
    expect(second.verifyCustody()).toMatchObject({ ok: true });
    second.close();
  });
});

describe('per-sample detail', () => {
  it('recomputes full dispatch and combine tensors with the model-input image', async () => {
    const corpus = await makeBadInputCorpus();
    const detail = await engine.detail(path.join(corpus.root, 'live', 'good.jpg'));
    const { tokens: n, experts: e, slots: s } = detail;
    const moe = engine.sidecar.moe!;
    expect([e, s]).toEqual([moe.experts, moe.slots]);
    expect(detail.layers).toHaveLength(moe.layers.length);
    expect(detail.rgb).toHaveLength(detail.size * detail.size * 3);
    expect(detail.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(detail.probabilities[engine.sidecar.classes.attack_index]).toBeCloseTo(detail.score, 5);
    for (const layer of detail.layers) {
      expect(layer.combine).toHaveLength(n * e * s);
      // Combine: each token's row sums to 1 over all e·s slots.
      for (const token of [0, 1, n - 1]) {
        let sum = 0;
        for (let j = 0; j < e * s; j++) sum += layer.combine[token * e * s + j]!;
        expect(sum).toBeCloseTo(1, 4);
      }
      // Dispatch: each slot is a convex mix of tokens (sums to 1 over n).
      for (const slot of [0, e * s - 1]) {
        let sum = 0;
        for (let token = 0; token < n; token++) sum += layer.dispatch[token * e * s + slot]!;
        expect(sum).toBeCloseTo(1, 4);
      }
    }
  });
});

describe('engine start-up', () => {
  it('falls back to the CPU provider and reports every attempt', async () => {
    const fallback = await InferenceEngine.start({ modelPath: shippedModel(), provider: 'cuda', intraOpThreads: 1 });
    try {
      expect(fallback.provider).toBe('cpu');
      expect(fallback.providerAttempts[0]).toMatchObject({ provider: 'cuda' });
      expect(fallback.providerAttempts.at(-1)).toEqual({ provider: 'cpu', ok: true });
    } finally {
      await fallback.close();
    }
  });

  it('refuses a model whose bytes do not match its sidecar, or that has no sidecar', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-model-'));
    const onnx = readFileSync(shippedModel());
    const sidecar = JSON.parse(readFileSync(shippedModel().replace(/\.onnx$/, '.model.json'), 'utf8')) as Record<string, unknown>;
    const tampered = Buffer.from(onnx);
    tampered[tampered.length - 1] ^= 0xff;
    writeFileSync(path.join(dir, 'm.onnx'), tampered);
    writeFileSync(path.join(dir, 'm.model.json'), JSON.stringify({ ...sidecar, sha256: sidecar.sha256 ?? 'f'.repeat(64) }));
    await expect(InferenceEngine.start({ modelPath: path.join(dir, 'm.onnx') })).rejects.toThrow(/does not match its sidecar/);
    writeFileSync(path.join(dir, 'lonely.onnx'), onnx);
    await expect(InferenceEngine.start({ modelPath: path.join(dir, 'lonely.onnx') })).rejects.toThrow(/no sidecar/);
    writeFileSync(path.join(dir, 'garbage.onnx'), 'not a model');
    writeFileSync(path.join(dir, 'garbage.model.json'), JSON.stringify({ ...sidecar, sha256: undefined }));
    await expect(InferenceEngine.start({ modelPath: path.join(dir, 'garbage.onnx'), provider: 'cpu' })).rejects.toThrow(/could not open the model|protobuf|parse/i);
  });
});
