// Parity of the converted face models (models/face/*.onnx, from models/tfjs_onnx) with the original TF.js
// graphs run by TF.js's pure-JS CPU backend. vitest, Node side; originals from @vladmandic/human in node_modules.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { loadGraphModel } from '@tensorflow/tfjs-converter';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const HUMAN_MODELS = join(dirname(dirname(createRequire(import.meta.url).resolve('@vladmandic/human'))), 'models');
const TOLERANCE = 1e-3;
// faceres, per output: both runtimes compute in float32 and differ only in summation order, so the gap is
// a few float32 rounding steps. Measured on these three inputs (ORT CPU against TF.js CPU): max abs error
// 1.9e-8 on age_pred/Softmax (values up to 0.034), 1.2e-7 on gender_pred/Sigmoid (values up to 0.67),
// 2.6e-6 on global_pooling/Mean (values up to 2.44, i.e. about 1e-6 relative); each bound is ~40-80x that,
// still far below any difference that would change an age bin, a gender call or a feature distance.
const FACERES_TOLERANCE: Record<string, number> = {
  'age_pred/Softmax': 1e-6, 'gender_pred/Sigmoid': 1e-5, 'global_pooling/Mean': 1e-4,
};

interface WeightsManifestEntry { paths: string[]; weights: tf.io.WeightsManifestEntry[] }

async function loadOriginal(name: string) {
  const spec = JSON.parse(readFileSync(join(HUMAN_MODELS, `${name}.json`), 'utf8')) as {
    modelTopology: object; weightsManifest: WeightsManifestEntry[]; format: string; generatedBy: string; convertedBy: string;
  };
  const specs = spec.weightsManifest.flatMap((g) => g.weights);
  const buffers = spec.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(join(HUMAN_MODELS, p))));
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return loadGraphModel(tf.io.fromMemory({ modelTopology: spec.modelTopology, weightSpecs: specs, weightData,
    format: spec.format, generatedBy: spec.generatedBy, convertedBy: spec.convertedBy }));
}

interface Region { left: number; top: number; width: number; height: number }

/** A real photograph (or the region of it given) resized to size×size, as NHWC float32 RGB with each 0–255
 *  value mapped by scale (each model's own input scaling). */
async function photoInput(file: string, size: number, scale: (v: number) => number, region?: Region): Promise<Float32Array> {
  let img = sharp(join(ROOT, 'test/fixtures/photos', file));
  if (region) img = img.extract(region);
  const { data } = await img.removeAlpha().toColourspace('srgb')
    .resize(size, size, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  return Float32Array.from(data, scale);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

beforeAll(async () => { await tf.setBackend('cpu'); });

describe('BlazeFace: converted ONNX matches the TF.js graph', () => {
  for (const photo of ['astronaut.jpg', 'camera.jpg', 'chelsea.jpg']) {
    it(`all four outputs agree on ${photo}`, async () => {
      const original = await loadOriginal('blazeface');
      const session = await ort.InferenceSession.create(join(ROOT, 'models/face/blazeface.onnx'));
      const input = await photoInput(photo, 256, (v) => v / 127.5 - 1);
      const x = tf.tensor4d(input, [1, 256, 256, 3]);
      const names = original.outputs.map((o) => o.name.split(':')[0]);
      const want = original.execute(x, names) as tf.Tensor[];
      const got = await session.run({ input: new ort.Tensor('float32', input, [1, 256, 256, 3]) });
      expect([...session.outputNames].sort()).toEqual([...names].sort());
      for (let k = 0; k < names.length; k++) {
        const g = got[names[k]];
        expect(g.dims, names[k]).toEqual(want[k].shape);
        expect(maxAbsDiff(g.data as Float32Array, want[k].dataSync()), names[k]).toBeLessThan(TOLERANCE);
      }
      tf.dispose([x, ...want]);
    });
  }

  it('keeps the batch dimension dynamic (two images in one run equal two single runs)', async () => {
    const session = await ort.InferenceSession.create(join(ROOT, 'models/face/blazeface.onnx'));
    const a = await photoInput('astronaut.jpg', 256, (v) => v / 127.5 - 1);
    const b = await photoInput('chelsea.jpg', 256, (v) => v / 127.5 - 1);
    const both = new Float32Array(a.length * 2);
    both.set(a);
    both.set(b, a.length);
    const batched = await session.run({ input: new ort.Tensor('float32', both, [2, 256, 256, 3]) });
    const single = await session.run({ input: new ort.Tensor('float32', b, [1, 256, 256, 3]) });
    for (const name of session.outputNames) {
      const data = batched[name].data as Float32Array;
      const half = data.length / 2;
      expect(maxAbsDiff(data.subarray(half), single[name].data as Float32Array)).toBeLessThan(1e-4);
    }
  });
});

describe('anti-spoof CNN: converted ONNX matches the TF.js graph', () => {
  it('same probability on three photographs (batch of 3)', async () => {
    const original = await loadOriginal('antispoof');
    const session = await ort.InferenceSession.create(join(ROOT, 'models/face/antispoof.onnx'));
    const photos = await Promise.all(['astronaut.jpg', 'camera.jpg', 'coffee.jpg'].map((p) => photoInput(p, 128, (v) => v / 255)));
    const input = new Float32Array(photos.length * photos[0].length);
    photos.forEach((p, i) => input.set(p, i * p.length));
    const x = tf.tensor4d(input, [3, 128, 128, 3]);
    const want = original.execute(x) as tf.Tensor;
    const got = await session.run({ [session.inputNames[0]]: new ort.Tensor('float32', input, [3, 128, 128, 3]) });
    const out = got[session.outputNames[0]];
    expect(out.dims).toEqual([3, 1]);
    expect(maxAbsDiff(out.data as Float32Array, want.dataSync())).toBeLessThan(TOLERANCE);
    tf.dispose([x, want]);
  });
});

describe('faceres (age/gender/appearance features): converted ONNX matches the TF.js graph', () => {
  it('all three outputs agree on two face crops and a whole photograph (batch of 3)', async () => {
    const original = await loadOriginal('faceres');
    const session = await ort.InferenceSession.create(join(ROOT, 'models/face/faceres.onnx'));
    // Head regions of the two portraits (as in electron/faces/detector.test.ts) and the cat photograph whole.
    const photos = await Promise.all([
      photoInput('astronaut.jpg', 224, (v) => v, { left: 115, top: 20, width: 220, height: 220 }),
      photoInput('camera.jpg', 224, (v) => v, { left: 110, top: 55, width: 220, height: 220 }),
      photoInput('chelsea.jpg', 224, (v) => v),
    ]);
    const input = new Float32Array(photos.length * photos[0].length);
    photos.forEach((p, i) => input.set(p, i * p.length));
    const x = tf.tensor4d(input, [3, 224, 224, 3]);
    // The model file's signature lists these three; global_pooling/Mean also feeds the two heads, so TF.js
    // (loaded without the signature) would not list it among its outputs: ask for all three by name.
    const names = ['age_pred/Softmax', 'gender_pred/Sigmoid', 'global_pooling/Mean'];
    const want = original.execute(x, names) as tf.Tensor[];
    const got = await session.run({ input_1: new ort.Tensor('float32', input, [3, 224, 224, 3]) });
    expect([...session.outputNames].sort()).toEqual(names);
    expect(want.map((t) => t.shape)).toEqual([[3, 100], [3, 1], [3, 1024]]);
    for (let k = 0; k < names.length; k++) {
      const g = got[names[k]];
      expect(g.dims, names[k]).toEqual(want[k].shape);
      expect(maxAbsDiff(g.data as Float32Array, want[k].dataSync()), names[k]).toBeLessThan(FACERES_TOLERANCE[names[k]]);
    }
    tf.dispose([x, ...want]);
  });
});
