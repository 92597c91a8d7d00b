// The protobuf wire format as far as editing an ONNX model's bytes needs it: fields read with their byte ranges,
// varints, length-delimited fields written back, and a copy of a message with some of its fields rewritten. Node side.

export interface Field { field: number; wire: number; start: number; end: number; valueStart: number; valueEnd: number }

export function varint(buf: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = at; i < buf.length && i < at + 10; i++) {
    value += (buf[i]! & 0x7f) * scale;
    scale *= 128;
    if ((buf[i]! & 0x80) === 0) return { value, next: i + 1 };
  }
  throw new Error('ONNX model: malformed varint');
}

export function encodeVarint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) { out.push((v % 128) | 0x80); v = Math.floor(v / 128); }
  out.push(v);
  return out;
}

export function fields(buf: Uint8Array): Field[] {
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

export function lenField(field: number, value: Uint8Array): Uint8Array {
  const head = [...encodeVarint(field * 8 + 2), ...encodeVarint(value.length)];
  const out = new Uint8Array(head.length + value.length);
  out.set(head, 0);
  out.set(value, head.length);
  return out;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/** Rewrites the length-delimited fields `field` of `buf` with `edit` (null drops the field); others are copied. */
export function rewrite(buf: Uint8Array, edit: (f: Field, value: Uint8Array) => Uint8Array | null | undefined): Uint8Array {
  return concat(fields(buf).map((f) => {
    if (f.wire !== 2) return buf.subarray(f.start, f.end);
    const value = buf.subarray(f.valueStart, f.valueEnd);
    const changed = edit(f, value);
    if (changed === undefined) return buf.subarray(f.start, f.end);
    return changed === null ? new Uint8Array(0) : lenField(f.field, changed);
  }));
}
