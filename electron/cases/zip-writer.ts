// Minimal zip writer for case files: deflate (or store when deflate does not help), UTF-8 names, Unix
// permissions in the external attributes, CRC-32 (node:zlib). No zip64: a case stays well under 4 GiB and 65535
// entries (the exporter bounds it). Node side (cases).
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** Unix mode including the file type bits; regular file rw-r--r-- by default. */
  unixMode?: number;
  /** Store without compression (already-compressed data; byte-exact layouts). */
  store?: boolean;
}

const FLAG_UTF8 = 0x0800;
const STORE_ABOVE_BYTES = 512 * 1024;
const STORE_ABOVE_RATIO = 100;
const MADE_BY_UNIX = (3 << 8) | 20;
const ZIP32_LIMIT = 0xffffffff;

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getFullYear());
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** Builds a zip archive in memory from the given entries, in order. */
export function buildZip(entries: ZipInput[], modified = new Date()): Buffer {
  if (entries.length >= 0xffff) throw new Error(`too many files for a zip without zip64 (${entries.length})`);
  const stamp = dosDateTime(modified);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = entry.store ? Buffer.alloc(0) : deflateRawSync(entry.data, { level: 6 });
    // Store when deflate does not help, and also when a large entry would compress so well that a reader's
    // zip-bomb check (ratio limit, see zip-reader) might refuse it: a case must pass its own verifier.
    const extreme = entry.data.length > STORE_ABOVE_BYTES && entry.data.length / Math.max(1, deflated.length) > STORE_ABOVE_RATIO;
    const stored = entry.store === true || deflated.length >= entry.data.length || extreme;
    const payload = stored ? Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength) : deflated;
    const crc = crc32(entry.data);
    if (entry.data.length > ZIP32_LIMIT || offset > ZIP32_LIMIT) throw new Error('case file too large for a zip without zip64');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAG_UTF8, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(stamp.time, 10);
    local.writeUInt16LE(stamp.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(payload.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(FLAG_UTF8, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(stamp.time, 12);
    central.writeUInt16LE(stamp.date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(payload.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.unixMode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, payload);
    centrals.push(central, name);
    offset += local.length + name.length + payload.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
