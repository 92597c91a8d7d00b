// Frees fixed dimensions of an ONNX model's graph input in its serialised bytes (a fixed 224 becomes a named,
// free dimension), so onnxruntime runs a fully convolutional network at another input size. Only the input's
// declared shape changes; the graph's shape hints (value_info) are left out, since they carry the fixed sizes.
// Node side. Protobuf wire format: ModelProto.graph = 7; GraphProto.input = 11, value_info = 13;
// ValueInfoProto.name = 1, type = 2; TypeProto.tensor_type = 1; Tensor.shape = 2; TensorShapeProto.dim = 1;
// Dimension.dim_value = 1, dim_param = 2.

interface Field { field: number; wire: number; start: number; end: number; valueStart: number; valueEnd: number }

function varint(buf: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = at; i < buf.length && i < at + 10; i++) {
    value += (buf[i]! & 0x7f) * scale;
    scale *= 128;
    if ((buf[i]! & 0x80) === 0) return { value, next: i + 1 };
  }
  throw new Error('ONNX model: malformed varint');
}

function encodeVarint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) { out.push((v % 128) | 0x80); v = Math.floor(v / 128); }
  out.push(v);
  return out;
}

function fields(buf: Uint8Array): Field[] {
  const out: Field[] = [];
  let at = 0;
  while (at < buf.length) {
    const start = at;
    const tag = varint(buf, at);
    const field = Math.floor(tag.value / 8);
    const wire = tag.value % 8;
    at = tag.next;
    let valueStart = at;
    if (wire === 0) at = varint(buf, at).next;
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) { const len = varint(buf, at); valueStart = len.next; at = len.next + len.value; }
    else throw new Error(`ONNX model: unsupported protobuf wire type ${wire}`);
    if (at > buf.length) throw new Error('ONNX model: truncated protobuf');
    out.push({ field, wire, start, end: at, valueStart, valueEnd: at });
  }
  return out;
}

function lenField(field: number, value: Uint8Array): Uint8Array {
  const head = [...encodeVarint(field * 8 + 2), ...encodeVarint(value.length)];
  const out = new Uint8Array(head.length + value.length);
  out.set(head, 0);
  out.set(value, head.length);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Rewrites the length-delimited fields `field` of `buf` with `edit` (null drops the field); others are copied. */
function rewrite(buf: Uint8Array, edit: (f: Field, value: Uint8Array) => Uint8Array | null | undefined): Uint8Array {
  return concat(fields(buf).map((f) => {
    if (f.wire !== 2) return buf.subarray(f.start, f.end);
    const value = buf.subarray(f.valueStart, f.valueEnd);
    const changed = edit(f, value);
    if (changed === undefined) return buf.subarray(f.start, f.end);
    return changed === null ? new Uint8Array(0) : lenField(f.field, changed);
  }));
}

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
