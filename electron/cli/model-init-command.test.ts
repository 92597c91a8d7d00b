// `uad model init` on real third-party graphs: the converted @vladmandic/human anti-spoofing CNN (NHWC, one
// sigmoid that means "real") and our own dense export seen as a plain logits model; scoring and evaluation
// through the written sidecars, checked against ONNX Runtime run directly on the same pixels.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseSidecar } from '../../common/model/sidecar.js';
import { runCli } from '../../test/support/cli.js';
import { repoRoot, shippedModel } from '../../test/support/models.js';
import { Workspace } from '../workspace/workspace.js';
import { routingTally } from '../workspace/predictions.js';

const ANTISPOOF = path.join(repoRoot, 'models', 'face', 'antispoof.onnx');

/** A dataset folder of `count` live and `count` attack images, `size`² PNGs (no resampling at that size). */
async function writeDataset(root: string, size: number, count: number): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < 2 * count; i++) {
    const file = path.join(root, i < count ? 'live' : 'attack/print', `img-${i}.png`);
    mkdirSync(path.dirname(file), { recursive: true });
    const pixels = Buffer.alloc(size * size * 3);
    for (let p = 0; p < pixels.length; p++) pixels[p] = (p * (7 + i) + i * 31 + ((p / (3 * size)) | 0) * 5) % 256;
    await sharp(pixels, { raw: { width: size, height: size, channels: 3 } }).png().toFile(file);
    files.push(file);
  }
  return files;
}

async function rawRgb(file: string): Promise<Buffer> {
  return (await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true })).data;
}

function storedScores(workspace: string): Map<string, number> {
  const ws = Workspace.open(workspace);
  try {
    return new Map(ws.scoredModels().flatMap((m) => ws.scores(m.sha256)).map((r) => [r.path, r.score]));
  } finally {
    ws.close();
  }
}

describe('uad model init', () => {
  it('refuses unclear or contradictory options with the graph\'s own names', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-init-'));
    const model = path.join(dir, 'antispoof.onnx');
    copyFileSync(ANTISPOOF, model);
    const none = await runCli(['model', 'init', model]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--score OUTPUT or --logits OUTPUT --attack-index K/);
    const missing = await runCli(['model', 'init', model, '--score', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no output 'nope' \(outputs: Identity float32/);
    const range = await runCli(['model', 'init', model, '--score', 'Identity', '--attack-index', '3']);
    expect(range.code).toBe(1);
    expect(range.stderr).toMatch(/--attack-index 3 is out of range: 'Identity' has 1 values per image/);
    const logits = await runCli(['model', 'init', model, '--logits', 'Identity', '--attack-index', '0']);
    expect(logits.code).toBe(1);
    expect(logits.stderr).toMatch(/class logits need ≥ 2/);
  });

  it('opens the anti-spoofing CNN: NHWC input, "real" flipped into an attack score, evaluation, no routing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-init-'));
    const model = path.join(dir, 'antispoof.onnx');
    copyFileSync(ANTISPOOF, model);
    const init = await runCli(['model', 'init', model, '--score', 'Identity', '--higher-means', 'live', '--json',
      '--note', 'anti-spoofing CNN of @vladmandic/human 3.3.6; Identity = confidence that the face is real']);
    expect(init.code, init.stderr).toBe(0);
    const summary = JSON.parse(init.stdout) as { layout: string; size: number; routing: string };
    expect(summary).toMatchObject({ layout: 'NHWC', size: 128, routing: 'none: this model has no Soft-MoE routing outputs' });
    const sidecar = parseSidecar(JSON.parse(readFileSync(path.join(dir, 'antispoof.model.json'), 'utf8')));
    expect(sidecar.moe).toBeNull();
    expect(sidecar.io).toEqual({ input: 'conv2d_input', layout: 'NHWC', score: { output: 'Identity', kind: 'probability', index: null, higher_means: 'live' }, logits: 'Identity', embedding: null });
    expect(sidecar.training).toEqual({ note: 'anti-spoofing CNN of @vladmandic/human 3.3.6; Identity = confidence that the face is real' });

    const data = path.join(dir, 'data');
    const files = await writeDataset(data, 128, 3);
    const workspace = path.join(dir, 'ws');
    const scored = await runCli(['score', data, '--model', model, '--workspace', workspace, '--batch', '4', '--progress', 'none']);
    expect(scored.code, scored.stderr).toBe(0);
    expect(scored.stderr + scored.stdout).toMatch(/completed: 6 scored/);

    // the oracle: ORT on the same pixels, rescaled to [0, 1], NHWC, then 1 − "real"
    const session = await ort.InferenceSession.create(ANTISPOOF);
    const stored = storedScores(workspace);
    for (const file of files) {
      const rgb = await rawRgb(file);
      const input = new ort.Tensor('float32', Float32Array.from(rgb, (v) => v / 255), [1, 128, 128, 3]);
      const real = ((await session.run({ conv2d_input: input })).Identity!.data as Float32Array)[0]!;
      expect(stored.get(path.relative(data, file).split(path.sep).join('/'))).toBeCloseTo(1 - real, 5);
    }
    const ws = Workspace.open(workspace);
    try {
      expect(routingTally(ws).rows).toBe(0);
    } finally {
      ws.close();
    }

    const csv = path.join(dir, 'scores.csv');
    expect((await runCli(['export-scores', '--workspace', workspace, '--out', csv])).code).toBe(0);
    const metrics = await runCli(['metrics', '--scores', csv, '--json']);
    expect(metrics.code, metrics.stderr).toBe(0);
    const report = JSON.parse(metrics.stdout) as { auc: number; apcer_by_species: Record<string, number> };
    expect(Object.keys(report.apcer_by_species)).toEqual(['print']);
    expect(report.auc).toBeGreaterThanOrEqual(0);
    expect(report.auc).toBeLessThanOrEqual(1);
  });

  it('reads our own dense export as a plain logits model: the same scores as through its own sidecar', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'uad-init-'));
    const model = path.join(dir, 'dense.onnx');
    copyFileSync(shippedModel('dense-tiny'), model);
    const own = parseSidecar(JSON.parse(readFileSync(shippedModel('dense-tiny').replace(/\.onnx$/, '.model.json'), 'utf8')));
    const init = await runCli(['model', 'init', model, '--input', 'pixel_values', '--logits', 'logits', '--attack-index', '1',
      '--mean', own.preprocessing.mean.join(','), '--std', own.preprocessing.std.join(','), '--interpolation', 'bicubic',
      '--resize-mode', 'shorter_side', '--embedding', 'embedding']);
    expect(init.code, init.stderr).toBe(0);
    const sidecar = parseSidecar(JSON.parse(readFileSync(path.join(dir, 'dense.model.json'), 'utf8')));
    expect(sidecar.io.score).toEqual({ output: 'logits', kind: 'logits', index: 1, higher_means: 'attack' });
    expect(sidecar.classes.names).toEqual(['live', 'attack']);

    const data = path.join(dir, 'data');
    await writeDataset(data, 112, 2);
    const viaInit = path.join(dir, 'ws-init');
    const viaOwn = path.join(dir, 'ws-own');
    expect((await runCli(['score', data, '--model', model, '--workspace', viaInit, '--progress', 'none'])).code).toBe(0);
    expect((await runCli(['score', data, '--model', shippedModel('dense-tiny'), '--workspace', viaOwn, '--progress', 'none'])).code).toBe(0);
    const a = storedScores(viaInit);
    const b = storedScores(viaOwn);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [key, score] of a) expect(score).toBeCloseTo(b.get(key)!, 5);
  });
});
