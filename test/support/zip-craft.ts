// Test support: writes zip archives byte by byte with the liberties a hostile archive takes (extra
// fields, comments, local headers that disagree with the central directory, bytes after a deflate
// stream, a central directory in another order), to check that the case reader refuses each of them.
import { deflateRawSync } from 'node:zlib';
import { crc32 } from 'node:zlib';

/** Local-header fields to write instead of the true ones (the central directory keeps the true ones). */
export interface LocalOverrides {
  flags?: number;
  method?: number;
  crc?: number;
  compressedSize?: number;
  size?: number;
}

export interface CraftEntry {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflate (default). */
  method?: 0 | 8;
  /** Bytes written after the entry's packed data and counted in its compressed size (both headers). */
  trailing?: Uint8Array;
  localExtra?: Uint8Array;
  centralExtra?: Uint8Array;
  comment?: Uint8Array;
  /** General-purpose flags in both headers (UTF-8 names by default). */
  flags?: number;
  local?: LocalOverrides;
}

export interface CraftOptions {
  archiveComment?: Uint8Array;
  /** The order of the central directory records, as indexes into the entries; default: as written. */
  centralOrder?: number[];
}

/** A zip extra field of the given header id holding `payload`. */
export function extraField(id: number, payload: Uint8Array): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(payload.length, 2);
  return Buffer.concat([head, payload]);
}

export function craftZip(entries: CraftEntry[], options: CraftOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const method = entry.method ?? 8;
    const packed = Buffer.concat([method === 8 ? deflateRawSync(entry.data) : Buffer.from(entry.data), entry.trailing ?? Buffer.alloc(0)]);
    const truth = { flags: entry.flags ?? 0x0800, method, crc: crc32(entry.data), compressedSize: packed.length, size: entry.data.length };
    const written = { ...truth, ...entry.local };
    const localExtra = Buffer.from(entry.localExtra ?? []);
    const centralExtra = Buffer.from(entry.centralExtra ?? []);
    const comment = Buffer.from(entry.comment ?? []);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(written.flags, 6);
    local.writeUInt16LE(written.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(written.crc >>> 0, 14);
    local.writeUInt32LE(written.compressedSize, 18);
    local.writeUInt32LE(written.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(truth.flags, 8);
    central.writeUInt16LE(truth.method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(truth.crc >>> 0, 16);
    central.writeUInt32LE(truth.compressedSize, 20);
    central.writeUInt32LE(truth.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(centralExtra.length, 30);
    central.writeUInt16LE(comment.length, 32);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);

    parts.push(local, name, localExtra, packed);
    centrals.push(Buffer.concat([central, name, centralExtra, comment]));
    offset += local.length + name.length + localExtra.length + packed.length;
  }
  const order = options.centralOrder ?? entries.map((_, i) => i);
  const directory = Buffer.concat(order.map((i) => centrals[i]!));
  const comment = Buffer.from(options.archiveComment ?? []);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(order.length, 8);
  end.writeUInt16LE(order.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...parts, directory, end, comment]);
}

/** The local header and data of a whole stored entry, as a zip tool would find it when scanning. */
export function localEntryBytes(name: string, data: Uint8Array): Buffer {
  const zip = craftZip([{ name, data, method: 0 }]);
  return zip.subarray(0, zip.readUInt32LE(zip.length - 22 + 16));
}
