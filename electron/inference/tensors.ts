// The model's input tensor in the layout its sidecar names, and per-image rows of its outputs.
// Node side (inference worker thread). Notation: b batch, h = w = crop size.
import * as ort from 'onnxruntime-node';
import type { ModelSidecar } from '../../common/model/sidecar.js';

/** CHW → HWC of one image, written at `offset` of `out` (for graphs whose input is NHWC). */
function putHwc(chw: Float32Array, size: number, out: Float32Array, offset: number): void {
  const plane = size * size;
  for (let i = 0; i < plane; i++) {
    out[offset + 3 * i] = chw[i]!;
    out[offset + 3 * i + 1] = chw[plane + i]!;
    out[offset + 3 * i + 2] = chw[2 * plane + i]!;
  }
}

/** The input tensor of a batch of stacked CHW images, in the layout the sidecar's io names. */
export function inputTensor(pixels: Float32Array, count: number, size: number, sidecar: ModelSidecar): ort.Tensor {
  if (sidecar.io.layout === 'NCHW') return new ort.Tensor('float32', pixels, [count, 3, size, size]); // [b, 3, h, w]
  const plane = 3 * size * size;
  const hwc = new Float32Array(pixels.length); // [b, h, w, 3]
  for (let b = 0; b < count; b++) putHwc(pixels.subarray(b * plane, (b + 1) * plane), size, hwc, b * plane);
  return new ort.Tensor('float32', hwc, [count, size, size, 3]);
}

/** Row `b` of an output holding `count` rows ([b] or [b, …] flattened). */
export function outputRow(tensor: ort.Tensor, b: number, count: number): Float32Array {
  const data = tensor.data as Float32Array;
  const width = data.length / count;
  return data.subarray(b * width, (b + 1) * width);
}
