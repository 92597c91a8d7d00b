// Defensive zip reader for untrusted case files (ARCHITECTURE.md §8): the central directory is checked in full
// (names, types, sizes, ratios, overlaps) before a single byte is inflated, and inflation is capped at
// each entry's declared size. Every byte must be accounted for: the listed entries packed end to end in
// directory order (no prefix, gap, suffix, comment or extra field), each local header identical to its
// central record, each deflate stream ending exactly at its packed size. Every refusal is a problem with
// a code and a reason. Node side (cases).
import { readFile, stat } from 'node:fs/promises';
import { crc32, inflateRaw, type InflateRaw } from 'node:zlib';
import type { CaseProblem } from '../../common/contract/cases.js';

/**
 * Inflates and also says how many packed bytes the stream used: zlib stops at the stream's end and
 * ignores what follows. With `info: true` Node hands back the engine beside the output (its typings
 * do not model that form).
 */
function inflateRawCounted(packed: Buffer, maxOutputLength: number): Promise<{ data: Buffer; used: number }> {
  return new Promise((resolve, reject) => {
    inflateRaw(packed, { maxOutputLength, info: true }, (err, result) => {
      if (err) return reject(err);
      const { buffer, engine } = result as unknown as { buffer: Buffer; engine: InflateRaw };
      resolve({ data: buffer, used: engine.bytesWritten });
    });
  });
}

export interface ZipLimits {
  /** Largest archive read at all. */
  maxArchiveBytes: number;
  maxEntries: number;
  /** Largest uncompressed entry. */
  maxEntryBytes: number;
  /** Largest sum of uncompressed entries. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio of an entry above ratioFloorBytes (deflate tops out near 1032:1). */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxArchiveBytes: 1024 * MiB,
  maxEntries: 65_000, // the writer's own ceiling (no zip64); each entry costs a small, bounded record
  maxEntryBytes: 256 * MiB,
  maxTotalBytes: 1024 * MiB,
  maxRatio: 200,
  ratioFloorBytes: 1 * MiB,
};

export interface ZipFileEntry {
  name: string;
  data: Buffer;
}

export type ZipReadResult = { ok: true; entries: ZipFileEntry[] } | { ok: false; problems: CaseProblem[] };

interface CentralEntry {
  name: string;
  nameBytes: Buffer;
  versionNeeded: number;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  directory: boolean;
}

/** Where an entry's local header starts and its packed data lies, in archive bytes. */
interface DataRange {
  headerStart: number;
  dataStart: number;
  end: number;
}

class ZipStructureError extends Error {
  constructor(message: string, readonly code = 'corrupt') {
    super(message);
  }
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const DOS_DIRECTORY = 0x10;
const DOS_REPARSE_POINT = 0x400; // Windows symlinks and junctions
const CONTROL = /[\u0000-\u001f\u007f]/; // control characters are exactly what is refused
const FLAG_DATA_DESCRIPTOR = 0x0008;
/** Flags a case entry may carry: deflate's speed hints (bits 1-2) and UTF-8 names (bit 11). */
const FLAGS_ALLOWED = 0x0806;

/** Why an entry name is unsafe to unpack anywhere, or null when it is a plain relative path. */
export function unsafeNameProblem(name: string): CaseProblem | null {
  const where = name;
  if (name === '' || name.length > 512) return { code: 'bad-name', message: 'an entry has an empty or overlong name', where };
  if (CONTROL.test(name)) return { code: 'bad-name', message: 'entry name contains control characters', where };
  if (name.includes('\\')) return { code: 'bad-name', message: 'entry name uses backslashes, which some systems treat as folder separators', where };
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return { code: 'absolute-path', message: 'entry has an absolute path', where };
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.includes('..')) return { code: 'zip-slip', message: 'entry path climbs out of the case folder (..)', where };
  if (segments.some((s) => s === '' || s === '.')) return { code: 'bad-name', message: 'entry path has empty or "." segments', where };
  return null;
}

function decodeName(bytes: Buffer, utf8: boolean): string | null {
  if (!utf8) return bytes.every((b) => b < 0x80) ? bytes.toString('latin1') : null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function findEnd(buffer: Buffer): number {
  const lowest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let at = buffer.length - 22; at >= lowest; at--) {
    if (buffer.readUInt32LE(at) === SIG_END) return at;
  }
  throw new ZipStructureError('not a zip file (no end-of-central-directory record)');
}

function need(buffer: Buffer, start: number, length: number, what: string): void {
  if (start < 0 || start + length > buffer.length) throw new ZipStructureError(`${what} lies outside the file (truncated or corrupt archive)`);
}

/** Parses the central directory, collecting per-entry problems; structural damage throws. */
function readDirectory(buffer: Buffer, limits: ZipLimits, problems: CaseProblem[]): { entries: CentralEntry[]; directoryStart: number; layout: Layout } {
  const end = findEnd(buffer);
  const disk = buffer.readUInt16LE(end + 4);
  const directoryDisk = buffer.readUInt16LE(end + 6);
  const countOnDisk = buffer.readUInt16LE(end + 8);
  const count = buffer.readUInt16LE(end + 10);
  const directorySize = buffer.readUInt32LE(end + 12);
  const directoryStart = buffer.readUInt32LE(end + 16);
  if (disk !== 0 || directoryDisk !== 0) throw new ZipStructureError('multi-volume zip archives are not supported', 'unsupported');
  if (count === 0xffff || directoryStart === 0xffffffff || directorySize === 0xffffffff) throw new ZipStructureError('zip64 archives are not supported for case files', 'unsupported');
  if (countOnDisk !== count) throw new ZipStructureError('the end record counts its entries twice, differently (corrupt archive)');
  if (count > limits.maxEntries) throw new ZipStructureError(`the archive has ${count} entries, above the limit of ${limits.maxEntries}`, 'too-many-entries');
  if (directoryStart + directorySize > end) throw new ZipStructureError('the central directory overlaps its end record (corrupt archive)');

  const entries: CentralEntry[] = [];
  const seen = new Map<string, string>();
  let total = 0;
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    need(buffer, at, 46, 'a central directory record');
    if (buffer.readUInt32LE(at) !== SIG_CENTRAL) throw new ZipStructureError('bad central directory record (corrupt archive)');
    const madeBy = buffer.readUInt16LE(at + 4) >> 8;
    const versionNeeded = buffer.readUInt16LE(at + 6);
    const flags = buffer.readUInt16LE(at + 8);
    const method = buffer.readUInt16LE(at + 10);
    const crc = buffer.readUInt32LE(at + 16);
    const compressedSize = buffer.readUInt32LE(at + 20);
    const size = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    const diskStart = buffer.readUInt16LE(at + 34);
    const external = buffer.readUInt32LE(at + 38);
    const localOffset = buffer.readUInt32LE(at + 42);
    need(buffer, at + 46, nameLength + extraLength + commentLength, 'an entry name');
    const nameBytes = buffer.subarray(at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    const name = decodeName(nameBytes, (flags & 0x0800) !== 0);
    if (name === null) { problems.push({ code: 'bad-name', message: 'entry name is not valid UTF-8 (or non-ASCII without the UTF-8 flag)' }); continue; }
    const nameProblem = unsafeNameProblem(name);
    if (nameProblem) { problems.push(nameProblem); continue; }
    const key = name.normalize('NFC').toLowerCase();
    if (extraLength !== 0) { problems.push({ code: 'extra-field', message: `the central directory gives the entry a ${extraLength}-byte extra field, which no hash covers; case files have none`, where: name }); continue; }
    if (commentLength !== 0) { problems.push({ code: 'entry-comment', message: `the entry carries a ${commentLength}-byte comment, which no hash covers; case files have none`, where: name }); continue; }
    if (diskStart !== 0) throw new ZipStructureError('multi-volume zip archives are not supported', 'unsupported');
    if (seen.has(key)) { problems.push({ code: 'duplicate', message: `entry name appears twice (as "${seen.get(key)}" and "${name}")`, where: name }); continue; }
    seen.set(key, name);

    const mode = external >>> 16;
    const unixType = madeBy === 3 ? mode & S_IFMT : 0;
    if (unixType === S_IFLNK || (madeBy !== 3 && (external & DOS_REPARSE_POINT) !== 0)) {
      problems.push({ code: 'symlink', message: 'entry is a symbolic link; case files hold plain files only', where: name });
      continue;
    }
    if (unixType !== 0 && unixType !== S_IFREG && unixType !== S_IFDIR) {
      problems.push({ code: 'special-file', message: 'entry is a device, pipe or socket; case files hold plain files only', where: name });
      continue;
    }
    const directory = name.endsWith('/') || unixType === S_IFDIR || (madeBy !== 3 && (external & DOS_DIRECTORY) !== 0);
    if (directory && (size !== 0 || compressedSize !== 0)) { problems.push({ code: 'bad-name', message: 'a folder entry carries data', where: name }); continue; }
    if (flags & 0x41) { problems.push({ code: 'encrypted', message: 'entry is encrypted', where: name }); continue; }
    if (flags & FLAG_DATA_DESCRIPTOR) { problems.push({ code: 'data-descriptor', message: 'entry defers its sizes and CRC to a data descriptor after its data; case files state them in the headers', where: name }); continue; }
    if (flags & ~FLAGS_ALLOWED) { problems.push({ code: 'unsupported-flags', message: `entry sets general-purpose flags 0x${flags.toString(16)}, which case files never use`, where: name }); continue; }
    if (method !== 0 && method !== 8) { problems.push({ code: 'unsupported-compression', message: `entry uses compression method ${method} (only stored and deflate are accepted)`, where: name }); continue; }
    if (method === 0 && compressedSize !== size) { problems.push({ code: 'corrupt', message: 'stored entry has different packed and unpacked sizes', where: name }); continue; }
    if (size > limits.maxEntryBytes) { problems.push({ code: 'oversized', message: `entry unpacks to ${size} bytes, above the ${limits.maxEntryBytes}-byte limit per file`, where: name }); continue; }
    if (size > limits.ratioFloorBytes && size / Math.max(1, compressedSize) > limits.maxRatio) {
      problems.push({ code: 'zip-bomb', message: `entry expands ${Math.round(size / Math.max(1, compressedSize))}:1, above the ${limits.maxRatio}:1 limit`, where: name });
      continue;
    }
    total += size;
    entries.push({ name, nameBytes, versionNeeded, flags, method, crc, compressedSize, size, localOffset, directory });
  }
  if (total > limits.maxTotalBytes) problems.push({ code: 'oversized', message: `the archive unpacks to ${total} bytes, above the ${limits.maxTotalBytes}-byte limit` });
  return { entries, directoryStart, layout: { directoryEnd: at, declaredDirectoryEnd: directoryStart + directorySize, endRecord: end, commentLength: buffer.readUInt16LE(end + 20) } };
}

/** Where the central directory and end record lie, to check that nothing hides around them. */
interface Layout {
  directoryEnd: number;
  declaredDirectoryEnd: number;
  endRecord: number;
  commentLength: number;
}

/**
 * The archive must be exactly its entries back to back, then the directory, then the end record: bytes
 * before the first entry, between entries or after the end (a polyglot, an appended payload) or an
 * archive comment could carry content no hash covers.
 */
function checkTight(buffer: Buffer, ranges: Map<CentralEntry, DataRange>, directoryStart: number, layout: Layout, problems: CaseProblem[]): void {
  const extra = (message: string) => problems.push({ code: 'extra-data', message });
  if (layout.commentLength !== 0) problems.push({ code: 'archive-comment', message: `the archive carries a ${layout.commentLength}-byte comment; case files have none` });
  if (layout.endRecord + 22 + layout.commentLength !== buffer.length) extra(`${buffer.length - layout.endRecord - 22 - layout.commentLength} bytes follow the end of the archive (appended data)`);
  if (layout.directoryEnd !== layout.declaredDirectoryEnd || layout.declaredDirectoryEnd !== layout.endRecord) extra('bytes hide between the central directory and its end record');
  let expected = 0;
  for (const [entry, range] of [...ranges.entries()].sort((a, b) => a[1].headerStart - b[1].headerStart)) {
    if (range.headerStart > expected) {
      extra(expected === 0 ? `${range.headerStart} bytes precede the first entry (a prefixed or polyglot file)` : `${range.headerStart - expected} unlisted bytes lie before ${entry.name}`);
    }
    expected = Math.max(expected, range.end);
  }
  if (expected !== directoryStart) extra(`${directoryStart - expected} unlisted bytes lie before the central directory`);
}

/** The local-header fields that differ from the central record (names compared apart). */
function headerDifferences(buffer: Buffer, at: number, entry: CentralEntry): string[] {
  const local: [string, number, number][] = [
    ['version needed', buffer.readUInt16LE(at + 4), entry.versionNeeded],
    ['flags', buffer.readUInt16LE(at + 6), entry.flags],
    ['method', buffer.readUInt16LE(at + 8), entry.method],
    ['CRC-32', buffer.readUInt32LE(at + 14), entry.crc],
    ['packed size', buffer.readUInt32LE(at + 18), entry.compressedSize],
    ['size', buffer.readUInt32LE(at + 22), entry.size],
  ];
  return local.filter(([, found, expected]) => found !== expected).map(([field]) => field);
}

/**
 * Locates each entry's data through its local header; refuses mismatched names or fields, local extra
 * fields, entries out of directory order and overlapping entries.
 */
function locateData(buffer: Buffer, entries: CentralEntry[], directoryStart: number, problems: CaseProblem[]): Map<CentralEntry, DataRange> {
  const ranges = new Map<CentralEntry, DataRange>();
  for (const entry of entries) {
    need(buffer, entry.localOffset, 30, `the local header of ${entry.name}`);
    if (buffer.readUInt32LE(entry.localOffset) !== SIG_LOCAL) throw new ZipStructureError(`bad local header for ${entry.name} (corrupt archive)`);
    const nameLength = buffer.readUInt16LE(entry.localOffset + 26);
    const extraLength = buffer.readUInt16LE(entry.localOffset + 28);
    need(buffer, entry.localOffset + 30, nameLength + extraLength, `the local header of ${entry.name}`);
    const localName = buffer.subarray(entry.localOffset + 30, entry.localOffset + 30 + nameLength);
    if (!localName.equals(entry.nameBytes)) {
      problems.push({ code: 'name-mismatch', message: 'the entry is named differently in its local header and in the central directory', where: entry.name });
      continue;
    }
    if (extraLength !== 0) {
      problems.push({ code: 'extra-field', message: `the local header gives the entry a ${extraLength}-byte extra field, which no hash covers; case files have none`, where: entry.name });
      continue;
    }
    const differences = headerDifferences(buffer, entry.localOffset, entry);
    if (differences.length > 0) {
      problems.push({ code: 'header-mismatch', message: `the local header and the central directory disagree on the entry's ${differences.join(', ')}`, where: entry.name });
      continue;
    }
    const start = entry.localOffset + 30 + nameLength;
    const end = start + entry.compressedSize;
    if (end > directoryStart) throw new ZipStructureError(`the data of ${entry.name} runs into the central directory (corrupt archive)`);
    ranges.set(entry, { headerStart: entry.localOffset, dataStart: start, end });
  }
  const listed = [...ranges.entries()];
  for (let i = 1; i < listed.length; i++) {
    if (listed[i]![1].headerStart <= listed[i - 1]![1].headerStart) {
      problems.push({ code: 'entry-order', message: 'the central directory lists the entries in another order than the archive holds them', where: listed[i]![0].name });
      break;
    }
  }
  const sorted = listed.sort((a, b) => a[1].headerStart - b[1].headerStart);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]![1].headerStart < sorted[i - 1]![1].end) {
      problems.push({ code: 'zip-bomb', message: 'entries overlap each other in the archive (a zip-bomb construction)', where: sorted[i]![0].name });
    }
  }
  return ranges;
}

async function inflateEntry(buffer: Buffer, entry: CentralEntry, range: DataRange): Promise<Buffer | CaseProblem> {
  const packed = buffer.subarray(range.dataStart, range.end);
  let data: Buffer;
  if (entry.method === 0) data = Buffer.from(packed);
  else {
    try {
      const inflated = await inflateRawCounted(packed, Math.max(1, entry.size));
      data = inflated.data;
      const used = inflated.used;
      if (used !== packed.length) {
        return { code: 'trailing-data', message: `the entry's deflate stream ends after ${used} of its ${packed.length} packed bytes: the rest is covered by no hash`, where: entry.name };
      }
    } catch (err) {
      const tooBig = err instanceof RangeError || /maxOutputLength|buffer larger/i.test(String(err));
      return tooBig
        ? { code: 'size-mismatch', message: 'entry unpacks to more than its declared size', where: entry.name }
        : { code: 'corrupt', message: `entry data cannot be inflated (${err instanceof Error ? err.message : String(err)})`, where: entry.name };
    }
  }
  if (data.length !== entry.size) return { code: 'size-mismatch', message: `entry unpacks to ${data.length} bytes but declares ${entry.size}`, where: entry.name };
  if (crc32(data) !== entry.crc) return { code: 'crc-mismatch', message: 'entry data does not match its CRC-32 (damaged)', where: entry.name };
  return data;
}

/** Reads every plain file of an archive, or says precisely why the archive is refused. Never throws. */
export async function readZipSafely(file: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipReadResult> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return { ok: false, problems: [{ code: 'not-a-file', message: `${file} is not a file` }] };
    if (info.size > limits.maxArchiveBytes) {
      return { ok: false, problems: [{ code: 'oversized', message: `the archive is ${info.size} bytes, above the ${limits.maxArchiveBytes}-byte limit` }] };
    }
    const buffer = await readFile(file);
    const problems: CaseProblem[] = [];
    const { entries, directoryStart, layout } = readDirectory(buffer, limits, problems);
    if (problems.length > 0) return { ok: false, problems };
    const ranges = locateData(buffer, entries, directoryStart, problems);
    if (problems.length > 0) return { ok: false, problems };
    checkTight(buffer, ranges, directoryStart, layout, problems);
    if (problems.length > 0) return { ok: false, problems };
    const out: ZipFileEntry[] = [];
    for (const entry of entries) {
      if (entry.directory) continue;
      const data = await inflateEntry(buffer, entry, ranges.get(entry)!);
      if (Buffer.isBuffer(data)) out.push({ name: entry.name, data });
      else problems.push(data);
    }
    return problems.length > 0 ? { ok: false, problems } : { ok: true, entries: out };
  } catch (err) {
    if (err instanceof ZipStructureError) return { ok: false, problems: [{ code: err.code, message: err.message }] };
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, problems: [{ code: 'not-found', message: `no file at ${file}` }] };
    return { ok: false, problems: [{ code: 'unreadable', message: `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}
