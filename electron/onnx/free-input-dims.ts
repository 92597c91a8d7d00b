// Frees fixed dimensions of an ONNX model's graph input in its serialised bytes (a fixed 224 becomes a named,
// free dimension), so onnxruntime runs a fully convolutional network at another input size. Only the input's
// declared shape changes; the graph's shape hints (value_info) are left out, since they carry the fixed sizes.
// Node side. Protobuf fields (read and written by protobuf-wire.ts): ModelProto.graph = 7; GraphProto.input = 11, value_info = 13;
// ValueInfoProto.name = 1, type = 2; TypeProto.tensor_type = 1; Tensor.shape = 2; TensorShapeProto.dim = 1;
// Dimension.dim_value = 1, dim_param = 2.

import { fields, lenField, rewrite } from './protobuf-wire.js';

/**
 * The model's bytes with dimensions `free` (indices into its shape) of graph input `input` made free, named
 * `${input}_d${i}`. Throws when the input is not found.
 */
export function freeInputDims(model: Uint8Array, input: string, free: readonly number[]): Uint8Array {
  let found = false;
  const dims = (shape: Uint8Array) => {
    let index = -1;
    return rewrite(shape, (f) => {
      if (f.field !== 1) return undefined;
      index++;
      return free.includes(index) ? lenField(2, new TextEncoder().encode(`${input}_d${index}`)) : undefined;
    });
  };
  const valueInfo = (info: Uint8Array) => {
    const name = fields(info).find((f) => f.field === 1 && f.wire === 2);
    if (!name || new TextDecoder().decode(info.subarray(name.valueStart, name.valueEnd)) !== input) return undefined;
    found = true;
    return rewrite(info, (f, type) => (f.field !== 2 ? undefined
      : rewrite(type, (t, tensor) => (t.field !== 1 ? undefined
        : rewrite(tensor, (s, shape) => (s.field !== 2 ? undefined : dims(shape)))))));
  };
  const out = rewrite(model, (f, graph) => (f.field !== 7 ? undefined : rewrite(graph, (g, value) => {
    if (g.field === 13) return null; // value_info: shape hints of the fixed size
    return g.field === 11 ? valueInfo(value) : undefined;
  })));
  if (!found) throw new Error(`ONNX model: no graph input named ${input}`);
  return out;
}
