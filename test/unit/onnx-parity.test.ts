// ONNX Runtime parity of the shipped demo models (models/*.onnx) against golden PyTorch outputs.
// vitest, Node side: onnxruntime-node CPU; fixtures from models/lasoftmoe/export.py (--shipped) in test/fixtures/parity/.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';

interface TensorRef { file: string; shape: number[]; dtype: 'float32'; stride: number }
interface ModelEntry { onnx: string; sidecar: string; outputs: Record<string, TensorRef> }
interface ParityIndex { input: TensorRef; models: Record<string, ModelEntry> }

const ROOT = process.cwd();
const FIXTURES = join(ROOT, 'test/fixtures/parity');
const TOLERANCE = 1e-4;

function readF32(file: string): Float32Array {
  const buf = readFileSync(join(FIXTURES, file));
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

const index = JSON.parse(readFileSync(join(FIXTURES, 'index.json'), 'utf8')) as ParityIndex;
const input = readF32(index.input.file);

describe('shipped ONNX models match PyTorch', () => {
  it('ships the three demo models', () => {
    expect(Object.keys(index.models).sort()).toEqual(['dense-tiny', 'lasoftmoe-tiny', 'softmoe-tiny']);
  });

  for (const [name, entry] of Object.entries(index.models)) {
    describe(name, () => {
      it('sidecar sha256 matches the .onnx bytes', () => {
        const onnxPath = join(ROOT, entry.onnx);
        expect(existsSync(onnxPath)).toBe(true);
        const sidecar = JSON.parse(readFileSync(join(ROOT, entry.sidecar), 'utf8')) as { sha256: string };
        const digest = createHash('sha256').update(readFileSync(onnxPath)).digest('hex');
        expect(sidecar.sha256).toBe(digest);
      });

      it(`every output within ${TOLERANCE} of PyTorch`, async () => {
        const session = await ort.InferenceSession.create(join(ROOT, entry.onnx));
        expect(session.inputNames).toEqual(['pixel_values']);
        expect([...session.outputNames].sort()).toEqual(Object.keys(entry.outputs).sort());
        const feeds = { pixel_values: new ort.Tensor('float32', input, index.input.shape) };
        const results = await session.run(feeds);
        for (const [out, ref] of Object.entries(entry.outputs)) {
          const got = results[out];
          expect(got.dims, out).toEqual(ref.shape);
          const data = got.data as Float32Array;
          const want = readF32(ref.file);
          expect(want.length, out).toBe(Math.ceil(data.length / ref.stride));
          let maxErr = 0;
          for (let i = 0; i < want.length; i++) maxErr = Math.max(maxErr, Math.abs(data[i * ref.stride] - want[i]));
          expect(maxErr, `${name} ${out} max abs error`).toBeLessThanOrEqual(TOLERANCE);
          if (out.endsWith('_combine')) {  // full tensor: every token's weights over E*S slots sum to 1
            const [b, n, e, s] = ref.shape;
            for (let t = 0; t < b * n; t++) {
              let sum = 0;
              for (let k = 0; k < e * s; k++) sum += data[t * e * s + k];
              expect(Math.abs(sum - 1), `${out} row ${t}`).toBeLessThan(1e-4);
            }
          }
        }
        const scores = results.attack_score.data as Float32Array;
        const logits = results.logits.data as Float32Array;
        for (let i = 0; i < scores.length; i++) {  // attack_score = softmax(logits)[:, 1]
          const p = 1 / (1 + Math.exp(logits[2 * i] - logits[2 * i + 1]));
          expect(Math.abs(scores[i] - p)).toBeLessThan(1e-5);
        }
        await session.release();
      });
    });
  }
});
