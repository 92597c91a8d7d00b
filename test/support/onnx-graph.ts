// Writes tiny ONNX models (ModelProto protobuf bytes) for tests: a handful of nodes, initializers and typed
// inputs/outputs, enough for hostile graphs (a huge declared input, a ConstantOfShape that allocates, NaN scores).
// Field numbers follow onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto).

type Bytes = Uint8Array;

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

const concat = (parts: (Bytes | number[])[]): Bytes => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const key = (field: number, wire: number) => varint((field << 3) | wire);
const int = (field: number, value: number | bigint) => concat([key(field, 0), varint(value)]);
const bytes = (field: number, value: Bytes) => concat([key(field, 2), varint(value.length), value]);
const str = (field: number, value: string) => bytes(field, new TextEncoder().encode(value));
const f32 = (field: number, value: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setFloat32(0, value, true); return concat([key(field, 5), b]); };

export const FLOAT = 1;
export const INT64 = 7;

/** A dimension: a size, or a symbolic name (a dynamic axis such as the batch). */
export type Dim = number | string;

export interface Tensor { name: string; type: typeof FLOAT | typeof INT64; dims: number[]; values: number[] }

function tensor(t: Tensor): Bytes {
  const raw = new Uint8Array(t.values.length * (t.type === FLOAT ? 4 : 8));
  const view = new DataView(raw.buffer);
  t.values.forEach((v, i) => (t.type === FLOAT ? view.setFloat32(i * 4, v, true) : view.setBigInt64(i * 8, BigInt(v), true)));
  return concat([...t.dims.map((d) => int(1, d)), int(2, t.type), str(8, t.name), bytes(9, raw)]);
}

export type Attribute = { name: string } & ({ f: number } | { i: number } | { ints: number[] } | { t: Tensor });

function attribute(a: Attribute): Bytes {
  if ('f' in a) return concat([str(1, a.name), f32(2, a.f), int(20, 1)]);
  if ('i' in a) return concat([str(1, a.name), int(3, a.i), int(20, 2)]);
  if ('t' in a) return concat([str(1, a.name), bytes(5, tensor(a.t)), int(20, 4)]);
  return concat([str(1, a.name), ...a.ints.map((v) => int(8, v)), int(20, 7)]);
}

export interface Node { op: string; inputs: string[]; outputs: string[]; attributes?: Attribute[] }

function node(n: Node, i: number): Bytes {
  return concat([...n.inputs.map((s) => str(1, s)), ...n.outputs.map((s) => str(2, s)), str(3, `n${i}`), str(4, n.op), ...(n.attributes ?? []).map((a) => bytes(5, attribute(a)))]);
}

export interface ValueInfo { name: string; type?: typeof FLOAT | typeof INT64; dims: Dim[] }

function valueInfo(v: ValueInfo): Bytes {
  const shape = concat(v.dims.map((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d))));
  const tensorType = concat([int(1, v.type ?? FLOAT), bytes(2, shape)]);
  return concat([str(1, v.name), bytes(2, bytes(1, tensorType))]);
}

export interface Graph { nodes: Node[]; inputs: ValueInfo[]; outputs: ValueInfo[]; initializers?: Tensor[]; opset?: number }

/** The bytes of an ONNX model holding one graph (default opset 13). */
export function onnxModel(g: Graph): Bytes {
  const graph = concat([
    ...g.nodes.map((n, i) => bytes(1, node(n, i))),
    str(2, 'test'),
    ...(g.initializers ?? []).map((t) => bytes(5, tensor(t))),
    ...g.inputs.map((v) => bytes(11, valueInfo(v))),
    ...g.outputs.map((v) => bytes(12, valueInfo(v))),
  ]);
  const opset = concat([str(1, ''), int(2, g.opset ?? 13)]);
  return concat([int(1, 8), str(2, 'uad-test'), bytes(7, graph), bytes(8, opset)]);
}
