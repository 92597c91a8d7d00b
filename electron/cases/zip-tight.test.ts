// A case archive holds nothing outside its listed entries: a polyglot prefix (offsets shifted so the zip
// still reads), appended data, an archive comment and a gap between entries are each refused.
// Node side (cases), real archives on disk.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZipSafely } from './zip-reader.js';
import { buildZip } from './zip-writer.js';

const dir = mkdtempSync(path.join(tmpdir(), 'uad-zip-tight-'));
let counter = 0;
const entries = [{ name: 'case.json', data: Buffer.from('{"a":1}') }, { name: 'report.html', data: Buffer.from('<p>report</p>') }];

async function read(bytes: Buffer) {
  const file = path.join(dir, `z${counter++}.zip`);
  writeFileSync(file, bytes);
  return readZipSafely(file);
}
const codes = async (bytes: Buffer) => {
  const result = await read(bytes);
  return result.ok ? [] : result.problems.map((p) => p.code);
};

/** The zip's end record offset, directory start and the central records' local-header offsets. */
function layout(zip: Buffer): { end: number; directoryStart: number; records: number[] } {
  const end = zip.length - 22;
  const directoryStart = zip.readUInt32LE(end + 16);
  const records: number[] = [];
  for (let at = directoryStart, i = 0; i < zip.readUInt16LE(end + 10); i++) {
    records.push(at);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return { end, directoryStart, records };
}

/** Inserts `bytes` at `position`, moving every offset at or after it, so the archive stays readable. */
function insertShifted(zip: Buffer, position: number, bytes: Buffer): Buffer {
  const { end, directoryStart, records } = layout(zip);
  const out = Buffer.concat([zip.subarray(0, position), bytes, zip.subarray(position)]);
  const shift = (at: number) => (at >= position ? at + bytes.length : at);
  for (const record of records) {
    const at = shift(record);
    out.writeUInt32LE(shift(out.readUInt32LE(at + 42)), at + 42);
  }
  out.writeUInt32LE(shift(directoryStart), shift(end) + 16);
  return out;
}

describe('nothing outside the listed entries', () => {
  const zip = buildZip(entries);

  it('a clean archive reads', async () => {
    expect((await read(zip)).ok).toBe(true);
  });

  it('refuses a polyglot prefix even when every offset was shifted to keep the zip readable', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    expect(await codes(insertShifted(zip, 0, gif))).toEqual(['extra-data']);
  });

  it('refuses appended data and an archive comment', async () => {
    expect(await codes(Buffer.concat([zip, Buffer.from('<script>payload</script>')]))).toEqual(['extra-data']);
    const comment = Buffer.from('hidden words');
    const commented = Buffer.concat([zip, comment]);
    commented.writeUInt16LE(comment.length, zip.length - 22 + 20);
    expect(await codes(commented)).toEqual(['archive-comment']);
  });

  it('refuses a gap between entries and between the last entry and the directory', async () => {
    const second = zip.readUInt32LE(layout(zip).records[1]! + 42);
    expect(await codes(insertShifted(zip, second, Buffer.from('smuggled')))).toEqual(['extra-data']);
    expect(await codes(insertShifted(zip, layout(zip).directoryStart, Buffer.from('smuggled')))).toEqual(['extra-data']);
  });
});
