// Rewrites the ReLU6 idiom of converted graphs, Relu → Min(·, 6) → Max(·, 0), as one Clip(·, 0, 6) in an ONNX
// model's serialised bytes. The values are the same for every finite input (Clip is max(min(x, 6), 0); Relu's floor
// at 0 is the Max's); onnxruntime fuses a Conv with a following Clip into one kernel, where it leaves Min and Max as
// two passes over each activation. The constants no node reads any more are dropped. Node side.
// Protobuf fields (read and written by protobuf-wire.ts): ModelProto.graph = 7; GraphProto.node = 1,
// initializer = 5, input = 11, output = 12; NodeProto.input = 1, output = 2, name = 3, op_type = 4;
// TensorProto.dims = 1, data_type = 2 (1: float), float_data = 4, name = 8, raw_data = 9; ValueInfoProto.name = 1.

import { concat, fields, lenField, rewrite, varint, type Field } from './protobuf-wire.js';

interface Node { inputs: string[]; outputs: string[]; name: string; op: string }

const text = new TextDecoder();
const utf8 = new TextEncoder();

function strings(buf: Uint8Array, list: Field[], field: number): string[] {
  return list.filter((f) => f.field === field && f.wire === 2).map((f) => text.decode(buf.subarray(f.valueStart, f.valueEnd)));
}

function nodeOf(bytes: Uint8Array): Node {
  const list = fields(bytes);
  return { inputs: strings(bytes, list, 1), outputs: strings(bytes, list, 2), name: strings(bytes, list, 3)[0] ?? '', op: strings(bytes, list, 4)[0] ?? '' };
}

/** A float initializer holding one value (a scalar or a one-element tensor): that value, else null. */
function scalarOf(bytes: Uint8Array): { name: string; value: number | null } {
  const list = fields(bytes);
  const name = strings(bytes, list, 8)[0] ?? '';
  const type = list.find((f) => f.field === 2 && f.wire === 0);
  if (!type || bytes[type.valueStart] !== 1) return { name, value: null };
  let size = 1;
  for (const f of list.filter((d) => d.field === 1)) {
    if (f.wire === 0) size *= varint(bytes, f.valueStart).value;
    else for (let at = f.valueStart; at < f.valueEnd;) { const dim = varint(bytes, at); size *= dim.value; at = dim.next; } // packed
  }
  if (size !== 1) return { name, value: null };
  const raw = list.find((f) => f.field === 9 && f.wire === 2);
  const packed = list.find((f) => f.field === 4 && f.wire === 2);
  const single = list.find((f) => f.field === 4 && f.wire === 5);
  const at = raw ?? packed;
  if (at && at.valueEnd - at.valueStart === 4) return { name, value: new DataView(bytes.buffer, bytes.byteOffset + at.valueStart, 4).getFloat32(0, true) };
  if (single) return { name, value: new DataView(bytes.buffer, bytes.byteOffset + single.valueStart, 4).getFloat32(0, true) };
  return { name, value: null };
}

function encodeNode(node: Node): Uint8Array {
  return concat([...node.inputs.map((s) => lenField(1, utf8.encode(s))), ...node.outputs.map((s) => lenField(2, utf8.encode(s))),
    lenField(3, utf8.encode(node.name)), lenField(4, utf8.encode(node.op))]);
}

function encodeScalar(name: string, value: number): Uint8Array {
  const raw = new Uint8Array(4);
  new DataView(raw.buffer).setFloat32(0, value, true);
  return concat([new Uint8Array([0x10, 0x01]), lenField(8, utf8.encode(name)), lenField(9, raw)]);
}

/** The model's bytes with every Relu → Min(6) → Max(0) chain made one Clip(0, 6), and how many were. */
export function relu6AsClip(model: Uint8Array): { model: Uint8Array; rewritten: number } {
  let rewritten = 0;
  const out = rewrite(model, (f, graph) => {
    if (f.field !== 7) return undefined;
    const list = fields(graph);
    const nodes = list.filter((g) => g.field === 1 && g.wire === 2).map((g) => ({ field: g, node: nodeOf(graph.subarray(g.valueStart, g.valueEnd)) }));
    const constants = new Map(list.filter((g) => g.field === 5 && g.wire === 2).map((g) => {
      const scalar = scalarOf(graph.subarray(g.valueStart, g.valueEnd));
      return [scalar.name, scalar.value] as const;
    }));
    /** The names of the graph's value infos in field `field` (11: inputs, 12: outputs). */
    const valueNames = (field: number) => new Set(list.filter((g) => g.field === field && g.wire === 2).map((g) => {
      const info = graph.subarray(g.valueStart, g.valueEnd);
      return strings(info, fields(info), 1)[0];
    }));
    const graphInputs = valueNames(11);
    const graphOutputs = valueNames(12);
    const readers = new Map<string, number[]>();
    nodes.forEach(({ node }, k) => node.inputs.forEach((name) => readers.set(name, [...(readers.get(name) ?? []), k])));
    /** The one node that reads `name` (and nothing else does, nor is it a graph output), else null. */
    const soleReader = (name: string): number | null => {
      const k = readers.get(name) ?? [];
      return k.length === 1 && !graphOutputs.has(name) ? k[0]! : null;
    };
    /** The constant operand of a two-input node whose other operand is `from`, when it is one value. */
    const operand = (node: Node, from: string): number | null => {
      if (node.inputs.length !== 2) return null;
      const other = node.inputs[0] === from ? node.inputs[1]! : node.inputs[1] === from ? node.inputs[0]! : null;
      return other === null || graphInputs.has(other) ? null : constants.get(other) ?? null;
    };
    const names = new Set([...constants.keys(), ...nodes.flatMap(({ node }) => [...node.inputs, ...node.outputs])]);
    const unique = (base: string) => { let name = base; for (let i = 1; names.has(name); i++) name = `${base}_${i}`; names.add(name); return name; };
    let low: string | null = null;
    let high: string | null = null;
    const replaced = new Map<number, Uint8Array | null>();
    nodes.forEach(({ node }, k) => {
      if (node.op !== 'Relu' || node.inputs.length !== 1 || node.outputs.length !== 1) return;
      const m = soleReader(node.outputs[0]!);
      const min = m === null ? null : nodes[m]!.node;
      if (!min || min.op !== 'Min' || min.outputs.length !== 1 || operand(min, node.outputs[0]!) !== 6) return;
      const x = soleReader(min.outputs[0]!);
      const max = x === null ? null : nodes[x]!.node;
      if (!max || max.op !== 'Max' || max.outputs.length !== 1 || operand(max, min.outputs[0]!) !== 0) return;
      low ??= unique('relu6_clip_min');
      high ??= unique('relu6_clip_max');
      replaced.set(k, encodeNode({ inputs: [node.inputs[0]!, low, high], outputs: max.outputs, name: node.name, op: 'Clip' }));
      replaced.set(m!, null);
      replaced.set(x!, null);
      rewritten++;
    });
    if (rewritten === 0) return undefined;
    const read = new Set([...graphOutputs, ...nodes.flatMap(({ node }, k) => (replaced.get(k) === null ? [] : node.inputs))]);
    const dropped = new Set([...replaced.keys()].filter((k) => replaced.get(k) === null).flatMap((k) => nodes[k]!.node.inputs)
      .filter((name) => constants.has(name) && !read.has(name) && !graphInputs.has(name)));
    const byStart = new Map(nodes.map(({ field }, k) => [field.start, k]));
    return concat([...list.map((g) => {
      const k = g.field === 1 ? byStart.get(g.start) : undefined;
      if (k !== undefined && replaced.has(k)) { const node = replaced.get(k); return node ? lenField(1, node) : new Uint8Array(0); }
      if (g.field === 5 && g.wire === 2 && dropped.has(scalarOf(graph.subarray(g.valueStart, g.valueEnd)).name)) return new Uint8Array(0);
      return graph.subarray(g.start, g.end);
    }), lenField(5, encodeScalar(low!, 0)), lenField(5, encodeScalar(high!, 6))]);
  });
  return { model: out, rewritten };
}
