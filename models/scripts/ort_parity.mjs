// Parity check for the models/ exporter (lasoftmoe/onnx_export.py): runs each exported .onnx in onnxruntime-node on the golden
// input and prints the max abs error per output vs PyTorch. Node script (models/); exit 1 if any > 1e-4.
import * as ort from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const indexPath = process.argv[2];
const dir = dirname(indexPath);
const index = JSON.parse(readFileSync(indexPath, 'utf8'));
const load = (f) => { const b = readFileSync(join(dir, f)); return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4); };
const input = new ort.Tensor('float32', load(index.input.file), index.input.shape);
let worst = 0;
for (const [name, m] of Object.entries(index.models)) {
  const session = await ort.InferenceSession.create(m.onnx);
  const out = await session.run({ pixel_values: input });
  const errs = {};
  for (const [o, ref] of Object.entries(m.outputs)) {
    const got = out[o].data;
    const want = load(ref.file);
    let e = 0;
    for (let i = 0; i < want.length; i++) e = Math.max(e, Math.abs(got[i * ref.stride] - want[i]));
    errs[o] = e;
    worst = Math.max(worst, e);
  }
  console.log(name, JSON.stringify(errs));
}
console.log(`max abs error over all outputs: ${worst.toExponential(3)}`);
process.exit(worst <= 1e-4 ? 0 : 1);
