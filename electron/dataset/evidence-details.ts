// The evidence details of one file (common/dataset/evidence-details.ts): SHA-256 and size of the whole file,
// format and pixel size from the decoder's header read, and EXIF from the file's first bytes only, parsed by
// exifr (camera, dates, software, orientation, GPS presence; coordinates are never kept). The file is
// untrusted: a file that is not an image or whose EXIF is broken gives a reason, never an exception.
// Node side (dataset).
import { open, stat } from 'node:fs/promises';
import exifr from 'exifr';
import sharp from 'sharp';
import { MAX_EXIF_TEXT, type EvidenceDetails, type EvidenceExif } from '../../common/dataset/evidence-details.js';
import { sha256File } from '../onnx/model-files.js';
import { MAX_INPUT_PIXELS } from '../onnx/preprocess.js';

/** Bytes read for EXIF: a JPEG's APP1 segment (at most 64 KiB) sits at the start; TIFF/PNG/WebP headers early. */
export const EXIF_HEAD_BYTES = 256 * 1024;

const GPS_TAGS = ['GPSLatitude', 'GPSLongitude', 'GPSLatitudeRef', 'GPSLongitudeRef', 'GPSAltitude', 'latitude', 'longitude'];

/** A bounded printable string of an EXIF text value (control characters dropped), or null. */
function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return clean === '' ? null : clean.slice(0, MAX_EXIF_TEXT);
}

async function head(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The picked EXIF fields of a file's first bytes; null with the reason when there are none. */
export async function readExif(file: string): Promise<{ exif: EvidenceExif | null; exifNote: string | null }> {
  let tags: Record<string, unknown> | undefined;
  try {
    const bytes = await head(file, EXIF_HEAD_BYTES);
    // Raw values: dates stay as written (no time zone is invented), orientation stays its number.
    tags = await exifr.parse(bytes, { tiff: true, ifd0: {}, exif: true, gps: true, xmp: false, icc: false, iptc: false, jfif: false, ihdr: false,
      translateKeys: true, translateValues: false, reviveValues: false, mergeOutput: true }) as Record<string, unknown> | undefined;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    return /unknown file format|invalid input/i.test(why) ? { exif: null, exifNote: 'no EXIF (not a format that carries it)' } : { exif: null, exifNote: `EXIF unreadable: ${text(why) ?? 'unknown error'}` };
  }
  // exifr collects a broken segment's error in `errors` instead of throwing: with nothing else read, that is the reason.
  const errors = Array.isArray(tags?.errors) ? tags.errors as unknown[] : [];
  const fields = Object.keys(tags ?? {}).filter((key) => key !== 'errors');
  if (fields.length === 0 && errors.length > 0) {
    const first = errors[0];
    return { exif: null, exifNote: `EXIF unreadable: ${text(first instanceof Error ? first.message : String(first)) ?? 'unknown error'}` };
  }
  if (!tags || fields.length === 0) return { exif: null, exifNote: 'no EXIF' };
  const orientation = typeof tags.Orientation === 'number' && Number.isInteger(tags.Orientation) && tags.Orientation >= 1 && tags.Orientation <= 8 ? tags.Orientation : null;
  return {
    exif: {
      make: text(tags.Make), model: text(tags.Model), captured: text(tags.DateTimeOriginal), modified: text(tags.ModifyDate),
      software: text(tags.Software), orientation, gpsPresent: GPS_TAGS.some((key) => tags[key] !== undefined),
    },
    exifNote: null,
  };
}

/** Format, pixel size and EXIF of one file, without hashing it (the case exporter hashes it already). */
export async function fileFacts(file: string): Promise<Omit<EvidenceDetails, 'sha256' | 'sizeBytes'>> {
  const [header, exif] = await Promise.all([sharp(file, { limitInputPixels: MAX_INPUT_PIXELS }).metadata().catch(() => null), readExif(file)]);
  return { format: header?.format ?? null, width: header?.width ?? null, height: header?.height ?? null, ...exif };
}

/** Hash, size, format, pixel size and EXIF of one file; throws only when the file cannot be read at all. */
export async function evidenceDetails(file: string): Promise<EvidenceDetails> {
  const info = await stat(file);
  if (!info.isFile()) throw new Error('not a regular file');
  const [sha256, facts] = await Promise.all([sha256File(file), fileFacts(file)]);
  return { sha256, sizeBytes: info.size, ...facts };
}
