// Occlusion on the engine against a PyTorch re-computation (golden fixture from
// test/fixtures/occlusion/make_fixture.py), the perturbation ladders, progress and cancel.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERTURBATIONS } from '../../common/explain/perturb.js';
import { repoRoot } from '../../test/support/models.js';
import { InferenceEngine } from './engine.js';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'occlusion');
const golden = JSON.parse(readFileSync(path.join(fixtures, 'golden.json'), 'utf8')) as {
  baseScore: number;
  grids: Record<string, { grid: [number, number]; scores: number[] }>;
};
const face = path.join(fixtures, 'face.png');
let engine: InferenceEngine;

beforeAll(async () => { engine = await InferenceEngine.start({ modelPath: path.join(fixtures, 'occlusion-fixture.onnx'), provider: 'cpu', intraOpThreads: 1 }); });
afterAll(async () => { await engine.close(); });

describe('occlusion probe', () => {
  for (const name of ['6x6', '7x7']) {
    it(`matches PyTorch's scores with each cell of a ${name} grid masked`, async () => {
      const want = golden.grids[name]!;
      const progress: number[] = [];
      const { result, sha256 } = await engine.probe(face, { kind: 'occlusion', grid: want.grid }, { onProgress: (done) => progress.push(done) });
      expect(sha256).toMatch(/^[0-9a-f]{64}$/);
      if (result.kind !== 'occlusion') throw new Error('wrong kind');
      expect(result.baseScore).toBeCloseTo(golden.baseScore, 5);
      expect(result.scores).toHaveLength(want.scores.length);
      result.scores.forEach((s, i) => expect(Math.abs(s - want.scores[i]!)).toBeLessThan(2e-5));
      // The fixture's cells do move the score, so matching them is not matching a constant.
      expect(Math.max(...want.scores) - Math.min(...want.scores)).toBeGreaterThan(0.01);
      expect(progress[0]).toBe(0);
      expect(progress.at(-1)).toBe(want.scores.length + 1);
    });
  }
});

describe('perturbation probe', () => {
  it('scores every strength of every family, reproducibly, starting from the unperturbed score', async () => {
    const first = await engine.probe(face, { kind: 'perturbation' });
    const again = await engine.probe(face, { kind: 'perturbation' });
    expect(again.result).toEqual(first.result);
    const result = first.result;
    if (result.kind !== 'perturbation') throw new Error('wrong kind');
    expect(result.baseScore).toBeCloseTo(golden.baseScore, 5);
    expect(result.families.map((f) => f.id)).toEqual(PERTURBATIONS.map((f) => f.id));
    for (const family of result.families) {
      expect(family.scores).toHaveLength(family.strengths.length);
      for (const s of family.scores) expect(s).toBeGreaterThanOrEqual(0);
    }
    // The strongest degradation of each family changes the input enough to move the score.
    expect(result.families.some((f) => Math.abs(f.scores.at(-1)! - result.baseScore) > 1e-3)).toBe(true);
  });

  it('stops when cancelled and reports it', async () => {
    const controller = new AbortController();
    const probe = engine.probe(face, { kind: 'occlusion', grid: [24, 24] }, { signal: controller.signal, onProgress: (done) => { if (done > 0) controller.abort(); } });
    await expect(probe).rejects.toThrow('cancelled');
    // The engine keeps working afterwards.
    const { result } = await engine.probe(face, { kind: 'occlusion', grid: [2, 2] });
    expect(result.kind === 'occlusion' && result.scores.length).toBe(4);
  });

  it('refuses an unreadable image with the decoder\'s reason', async () => {
    await expect(engine.probe(path.join(fixtures, 'missing.png'), { kind: 'perturbation' })).rejects.toThrow(/file not found/);
  });
});
