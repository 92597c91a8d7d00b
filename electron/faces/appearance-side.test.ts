// The appearance view runs at the input side its sidecar declares (`domain.appearance.network.side`, the size its
// statistics were fitted at), and at the network's own 224 when the sidecar names none (blocks written before the
// side was recorded). vitest, Node side: onnxruntime-node CPU through the real inference worker.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainBlockProblem } from '../../common/model/domain-validity.js';
import { parseSidecar } from '../../common/model/sidecar.js';
import { shippedModel, repoRoot } from '../../test/support/models.js';
import { InferenceEngine } from '../inference/engine.js';
import { preprocessImage } from '../onnx/preprocess.js';
import { AppearanceNetwork } from './appearance-network.js';

const IMAGE = path.join(repoRoot, 'test/fixtures/photos/astronaut.jpg');
const onnx = shippedModel('dense-tiny');
const shipped = JSON.parse(readFileSync(onnx.replace(/\.onnx$/, '.model.json'), 'utf8')) as { domain: { appearance: { network: Record<string, unknown> } } };

/** The shipped model beside a sidecar whose appearance network block is `network`. */
function modelWith(network: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'uad-appearance-side-'));
  copyFileSync(onnx, path.join(dir, 'dense-tiny.onnx'));
  writeFileSync(path.join(dir, 'dense-tiny.model.json'), JSON.stringify({ ...shipped, domain: { ...shipped.domain, appearance: { ...shipped.domain.appearance, network } } }));
  return path.join(dir, 'dense-tiny.onnx');
}

/** The pooled features the engine keeps for the image and its domain verdict, with the model's sidecar as given. */
async function engineScored(modelPath: string) {
  const engine = await InferenceEngine.start({ modelPath, provider: 'cpu', intraOpThreads: 1, keepAppearance: true });
  try {
    const [item] = (await engine.score([{ key: 0, path: IMAGE }])).items;
    if (!item?.ok || !item.appearancePooled) throw new Error(`not scored: ${item?.ok === false ? item.reason : 'no pooled features'}`);
    return { pooled: item.appearancePooled, domain: item.domain };
  } finally {
    await engine.close();
  }
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('appearance network input side', () => {
  const direct = new Map<number, Float32Array>();
  let network: AppearanceNetwork;
  beforeAll(async () => {
    const pre = parseSidecar(shipped).preprocessing;
    const { tensor } = await preprocessImage(readFileSync(IMAGE), pre);
    network = await AppearanceNetwork.open(['cpu'], 1);
    for (const side of [224, 160]) direct.set(side, await network.pooled(Float32Array.from(tensor), 1, pre.crop, pre, side));
  });
  afterAll(async () => { await network.close(); });

  it('the two sides give clearly different features (what the checks below tell apart)', () => {
    expect(maxDiff(direct.get(224)!, direct.get(160)!)).toBeGreaterThan(0.05);
  });

  it('runs at the side a sidecar declares', async () => {
    const { pooled } = await engineScored(modelWith({ ...shipped.domain.appearance.network, side: 160 }));
    expect(maxDiff(pooled, direct.get(160)!)).toBeLessThan(1e-4);
  });

  it('runs at 224 for a sidecar that declares no side', async () => {
    const { side: _side, ...withoutSide } = shipped.domain.appearance.network;
    const { pooled, domain } = await engineScored(modelWith(withoutSide));
    expect(maxDiff(pooled, direct.get(224)!)).toBeLessThan(1e-4);
    // the statistics stay usable and give the shipped sidecar's verdict (it says 224)
    expect(domain).toMatchObject({ known: true, appearanceDistance: expect.any(Number) });
    expect(domain).toEqual((await engineScored(onnx)).domain);
  });

  it('makes the statistics unusable for a side the network cannot run at, naming the field', () => {
    for (const side of [16, 160.5, 4096, '160']) {
      const sidecar = parseSidecar({ ...shipped, domain: { ...shipped.domain, appearance: { ...shipped.domain.appearance, network: { ...shipped.domain.appearance.network, side } } } });
      expect(domainBlockProblem(sidecar.domain), String(side)).toMatch(/domain\.appearance\.network\.side/);
    }
  });
});
