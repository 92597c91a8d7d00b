// The defensive zip reader against real archives on disk: round trip with the writer, and every hostile
// construction (zip-slip, absolute paths, symlinks, duplicates, oversized entries, zip bombs, lying sizes,
// bad CRCs, overlapping entries, encryption, truncation) refused with its own code.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ZIP_LIMITS, readZipSafely, unsafeNameProblem } from './zip-reader.js';
import { buildZip, type ZipInput } from './zip-writer.js';

const dir = mkdtempSync(path.join(tmpdir(), 'uad-zip-'));
let counter = 0;
function writeZip(bytes: Buffer): string {
  const file = path.join(dir, `z${counter++}.zip`);
  writeFileSync(file, bytes);
  return file;
}
const text = (name: string, body: string, unixMode?: number): ZipInput => ({ name, data: Buffer.from(body), unixMode });

async function problemCodes(bytes: Buffer, limits = DEFAULT_ZIP_LIMITS): Promise<string[]> {
  const result = await readZipSafely(writeZip(bytes), limits);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems.map((p) => p.code);
}

/** Offset of the first central directory record. */
const centralStart = (zip: Buffer): number => zip.readUInt32LE(zip.length - 22 + 16);

describe('zip round trip', () => {
  it('reads back what the writer wrote (stored and deflated entries)', async () => {
    const entries = [text('case.json', '{"a":1}'.repeat(500)), { name: 'overlays/s1/x.png', data: Buffer.from([1, 2, 3]) }, text('ünïcode/名前.txt', 'ok')];
    const result = await readZipSafely(writeZip(buildZip(entries)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.entries.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    result.entries.forEach((e, i) => expect(e.data.equals(Buffer.from(entries[i]!.data))).toBe(true));
  });

  it('computes the standard CRC-32 and writes it into the local and central headers', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    const zip = buildZip([{ name: 'check.txt', data: Buffer.from('123456789') }]);
    expect(zip.readUInt32LE(14)).toBe(0xcbf43926);
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    expect(zip.readUInt32LE(central + 16)).toBe(0xcbf43926);
  });
});

describe('hostile archives are refused with a reason', () => {
  it.each([
    ['../escape.txt', 'zip-slip'],
    ['overlays/../../etc/passwd', 'zip-slip'],
    ['/etc/passwd', 'absolute-path'],
    ['C:/Windows/win.ini', 'absolute-path'],
    ['dir\\..\\x', 'bad-name'],
    ['a//b', 'bad-name'],
    ['./a', 'bad-name'],
  ])('name %s → %s', async (name, code) => {
    expect(unsafeNameProblem(name)?.code).toBe(code);
    expect(await problemCodes(buildZip([text('ok.txt', 'fine'), text(name, 'x')]))).toEqual([code]);
  });

  it('symlinks and devices (Unix mode in the external attributes)', async () => {
    expect(await problemCodes(buildZip([text('link', '/etc/passwd', 0o120777)]))).toEqual(['symlink']);
    expect(await problemCodes(buildZip([text('fifo', '', 0o010644)]))).toEqual(['special-file']);
  });

  it('duplicate names, also differing only in case', async () => {
    expect(await problemCodes(buildZip([text('a.txt', '1'), text('a.txt', '2')]))).toEqual(['duplicate']);
    expect(await problemCodes(buildZip([text('Report.html', '1'), text('report.html', '2')]))).toEqual(['duplicate']);
  });

  it('entries, totals and counts above the limits', async () => {
    const zip = buildZip([text('a.txt', 'x'.repeat(2000)), text('b.txt', 'y'.repeat(2000))]);
    expect(await problemCodes(zip, { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: 1000 })).toEqual(['oversized', 'oversized']);
    expect(await problemCodes(zip, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 3000 })).toEqual(['oversized']);
    expect(await problemCodes(zip, { ...DEFAULT_ZIP_LIMITS, maxArchiveBytes: 100 })).toEqual(['oversized']);
    expect(await problemCodes(zip, { ...DEFAULT_ZIP_LIMITS, maxEntries: 1 })).toEqual(['too-many-entries']);
  });

  it('a zip bomb: an entry expanding far beyond the ratio limit', async () => {
    const packed = deflateRawSync(Buffer.alloc(4 * 1024 * 1024));
    const bomb = buildZip([{ name: 'zeros.bin', data: packed }]);
    // Hand the already-deflated bytes to the archive as if they were this entry's compressed data.
    const start = centralStart(bomb);
    bomb.writeUInt16LE(8, 8); // local header: deflate
    bomb.writeUInt16LE(8, start + 10); // central directory: deflate
    bomb.writeUInt32LE(4 * 1024 * 1024, start + 24);
    bomb.writeUInt32LE(crc32(Buffer.alloc(4 * 1024 * 1024)), start + 16);
    expect(bomb.length).toBeLessThan(20_000);
    expect(await problemCodes(bomb)).toEqual(['zip-bomb']);
  });

  it('the writer stores a huge, extremely compressible entry, so its own archives pass the ratio check', async () => {
    const zip = buildZip([{ name: 'flat.bmp', data: Buffer.alloc(2 * 1024 * 1024, 7) }]);
    expect(zip.readUInt16LE(8)).toBe(0);
    expect((await readZipSafely(writeZip(zip))).ok).toBe(true);
  });

  it('an entry that inflates to more than it declares (capped, never fully inflated)', async () => {
    const zip = buildZip([text('a.txt', 'z'.repeat(100_000))]);
    zip.writeUInt32LE(1000, centralStart(zip) + 24); // central directory: uncompressed size
    zip.writeUInt32LE(1000, 22); // and the local header, so that the two agree and only inflation can tell
    expect(await problemCodes(zip)).toEqual(['size-mismatch']);
  });

  it('damaged data (CRC-32 mismatch)', async () => {
    const zip = buildZip([{ name: 'a.bin', data: Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]), store: true }]);
    zip[30 + 'a.bin'.length] ^= 0xff; // first stored data byte
    expect(await problemCodes(zip)).toEqual(['crc-mismatch']);
  });

  it('overlapping entries (two central records pointing at the same data)', async () => {
    const zip = buildZip([text('a.txt', 'same'), text('b.txt', 'same')]);
    const second = centralStart(zip) + 46 + 'a.txt'.length;
    zip.writeUInt32LE(0, second + 42); // b.txt's local header offset → a.txt's
    expect(await problemCodes(zip)).toContain('name-mismatch');
  });

  it('overlapping entries (a local header nested inside another entry\'s data, as in overlap zip bombs)', async () => {
    const inner = buildZip([text('b.txt', 'same')]);
    const innerLocal = inner.subarray(0, 30 + 'b.txt'.length + 4);
    const zip = buildZip([{ name: 'a.txt', data: innerLocal, store: true }, text('b.txt', 'same')]);
    expect(zip.readUInt16LE(8)).toBe(0); // a.txt is stored, so b.txt's header sits verbatim inside its data
    const second = centralStart(zip) + 46 + 'a.txt'.length;
    zip.writeUInt32LE(30 + 'a.txt'.length, second + 42);
    expect(await problemCodes(zip)).toEqual(['zip-bomb']);
  });

  it('encrypted entries and unknown compression methods', async () => {
    const encrypted = buildZip([text('a.txt', 'secret')]);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(centralStart(encrypted) + 8) | 1, centralStart(encrypted) + 8);
    expect(await problemCodes(encrypted)).toEqual(['encrypted']);
    const lzma = buildZip([text('a.txt', 'abc')]);
    lzma.writeUInt16LE(14, centralStart(lzma) + 10);
    expect(await problemCodes(lzma)).toEqual(['unsupported-compression']);
  });

  it('not a zip, truncated archives and missing files', async () => {
    expect(await problemCodes(Buffer.from('this is not a zip archive at all'))).toEqual(['corrupt']);
    const zip = buildZip([text('a.txt', 'hello world')]);
    expect(await problemCodes(Buffer.concat([zip.subarray(0, 20), zip.subarray(zip.length - 22)]))).toEqual(['corrupt']);
    const missing = await readZipSafely(path.join(dir, 'nope.zip'));
    expect(missing.ok ? [] : missing.problems.map((p) => p.code)).toEqual(['not-found']);
  });
});
