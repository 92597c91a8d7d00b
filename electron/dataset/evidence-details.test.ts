// Evidence details of real files: a JPEG written with EXIF (camera, dates, software, orientation, GPS) reads
// back field by field and never yields coordinates; a photograph without EXIF, a PNG, a text file, a broken
// EXIF block and a missing file each give their reason.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../test/support/models.js';
import { evidenceDetails, readExif } from './evidence-details.js';

const dir = mkdtempSync(path.join(tmpdir(), 'uad-evidence-'));
const photo = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'photos', name);
const withExif = path.join(dir, 'exif.jpg');

beforeAll(async () => {
  await sharp(photo('grace_hopper.jpg')).withExif({
    IFD0: { Make: 'Canon', Model: 'Canon EOS 5D Mark IV', Software: 'Darktable 4.6', DateTime: '2024:03:02 10:11:12' },
    IFD2: { DateTimeOriginal: '2024:03:01 09:08:07' },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 2940/100', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 300/100' },
  }).withMetadata({ orientation: 6 }).jpeg().toFile(withExif);
});

describe('evidenceDetails', () => {
  it('reads hash, size, format, pixel size and the EXIF fields of a photograph', async () => {
    const details = await evidenceDetails(withExif);
    const bytes = readFileSync(withExif);
    expect(details).toEqual({
      sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length, format: 'jpeg', width: 512, height: 600,
      exif: { make: 'Canon', model: 'Canon EOS 5D Mark IV', captured: '2024:03:01 09:08:07', modified: '2024:03:02 10:11:12', software: 'Darktable 4.6', orientation: 6, gpsPresent: true },
      exifNote: null,
    });
    // GPS present, and nothing of where: no coordinate reaches the result.
    expect(JSON.stringify(details)).not.toMatch(/48|51\b|2\.35|latitude|longitude/i);
  });

  it('says "no EXIF" for a photograph without it, and for a PNG', async () => {
    expect(await evidenceDetails(photo('chelsea.jpg'))).toMatchObject({ format: 'jpeg', width: 451, height: 300, exif: null, exifNote: 'no EXIF' });
    expect(await evidenceDetails(photo('ouster.png'))).toMatchObject({ format: 'png', width: 142, height: 181, exif: null, exifNote: 'no EXIF' });
  });

  it('gives a reason, not an exception, for a file that is not an image or whose EXIF is broken', async () => {
    const notImage = path.join(dir, 'notes.jpg');
    writeFileSync(notImage, 'not an image at all');
    expect(await evidenceDetails(notImage)).toMatchObject({ format: null, width: null, height: null, exif: null, exifNote: 'no EXIF (not a format that carries it)' });
    // A JPEG whose APP1 EXIF block claims a TIFF header and then breaks off.
    const broken = path.join(dir, 'broken.jpg');
    const app1 = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10]), Buffer.from('Exif\0\0MM\0\x2a\xff\xff\xff\xff', 'latin1'), Buffer.from([0xff, 0xd9])]);
    writeFileSync(broken, app1);
    const exif = await readExif(broken);
    expect(exif).toEqual({ exif: null, exifNote: expect.stringMatching(/^EXIF unreadable: IFD0 offset points to outside of file/) as string });
    await expect(evidenceDetails(path.join(dir, 'missing.jpg'))).rejects.toThrow(/ENOENT/);
  });
});
