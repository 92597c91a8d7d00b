// Cheap file checks before decoding: is this a regular file in a raster format sharp can decode here?
// Node side (dataset loaders); stats first (a FIFO or device is never opened), reads at most 64 bytes.
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import sharp from 'sharp';
import type { SampleFileStatus } from '../../common/dataset/types.js';

/** A file format the sniffer knows by its first bytes. `sharpKey` names sharp's decoder, if any. */
interface KnownFormat {
  name: string;
  extensions: string[];
  sharpKey: keyof typeof sharp.format | null;
  matches: (head: Buffer) => boolean;
}

const latin1 = (head: Buffer, start: number, end: number) => head.toString('latin1', start, Math.min(end, head.length));
/** ISO-BMFF (HEIF family) brand at bytes 8..12, after the 'ftyp' box type at 4..8. */
const ftypBrand = (head: Buffer) => (latin1(head, 4, 8) === 'ftyp' ? latin1(head, 8, 12) : '');

/** Raster formats a dataset may hold, in the order messages name them. */
const RASTER_FORMATS: KnownFormat[] = [
  { name: 'JPEG', extensions: ['.jpg', '.jpeg'], sharpKey: 'jpeg', matches: (h) => h.length >= 3 && h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { name: 'PNG', extensions: ['.png'], sharpKey: 'png', matches: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { name: 'WebP', extensions: ['.webp'], sharpKey: 'webp', matches: (h) => latin1(h, 0, 4) === 'RIFF' && latin1(h, 8, 12) === 'WEBP' },
  { name: 'TIFF', extensions: ['.tif', '.tiff'], sharpKey: 'tiff', matches: (h) => ['II*\0', 'MM\0*'].includes(latin1(h, 0, 4)) },
  { name: 'GIF', extensions: ['.gif'], sharpKey: 'gif', matches: (h) => latin1(h, 0, 4) === 'GIF8' },
  // sharp's prebuilt libvips decodes the HEIF container with AV1 (AVIF) only; HEVC (HEIC) is not in it.
  { name: 'AVIF', extensions: ['.avif'], sharpKey: 'heif', matches: (h) => ['avif', 'avis'].includes(ftypBrand(h)) },
];

/** Formats recognised only to say clearly that they are not read (vector, documents, undecodable rasters). */
const UNREAD_FORMATS: KnownFormat[] = [
  { name: 'BMP', extensions: ['.bmp', '.dib'], sharpKey: null, matches: (h) => latin1(h, 0, 2) === 'BM' },
  { name: 'SVG', extensions: ['.svg', '.svgz'], sharpKey: null, matches: (h) => /^(\uFEFF)?\s*<(\?xml|svg|!--)/i.test(latin1(h, 0, 64)) },
  { name: 'HEIC', extensions: ['.heic', '.heif'], sharpKey: null, matches: (h) => ['heic', 'heix', 'hevc', 'mif1', 'msf1'].includes(ftypBrand(h)) },
  { name: 'JPEG 2000', extensions: ['.jp2', '.j2k'], sharpKey: null, matches: (h) => latin1(h, 4, 8) === 'jP  ' },
  { name: 'JPEG XL', extensions: ['.jxl'], sharpKey: null, matches: (h) => (h[0] === 0xff && h[1] === 0x0a) || latin1(h, 4, 8) === 'JXL ' },
  { name: 'PDF', extensions: ['.pdf'], sharpKey: null, matches: (h) => latin1(h, 0, 5) === '%PDF-' },
  { name: 'ICO', extensions: ['.ico'], sharpKey: null, matches: (h) => h.length >= 4 && h[0] === 0 && h[1] === 0 && h[2] === 1 && h[3] === 0 },
];

const decodable = (format: KnownFormat) => format.sharpKey !== null && sharp.format[format.sharpKey]?.input.file === true;

/** The raster formats this process's sharp can decode from a file: the only ones a dataset's images may use. */
export const SUPPORTED_FORMATS: readonly KnownFormat[] = RASTER_FORMATS.filter(decodable);
const UNSUPPORTED_FORMATS: readonly KnownFormat[] = [...RASTER_FORMATS.filter((f) => !decodable(f)), ...UNREAD_FORMATS];

export const SUPPORTED_FORMAT_NAMES = SUPPORTED_FORMATS.map((f) => f.name).join(', ');
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(SUPPORTED_FORMATS.flatMap((f) => f.extensions));

/** Why a file with this extension is not a sample in a folder listing ('' when the extension is readable). */
export function unsupportedExtensionReason(extension: string): string {
  const lower = extension.toLowerCase();
  if (IMAGE_EXTENSIONS.has(lower)) return '';
  const known = UNSUPPORTED_FORMATS.find((f) => f.extensions.includes(lower));
  const what = known ? `${known.name} (${lower})` : lower === '' ? 'no file extension' : `'${lower}' files`;
  return `unsupported format: ${what}; images must be ${SUPPORTED_FORMAT_NAMES}`;
}

/** Largest image file accepted (bytes); bigger files are listed as too large, never decoded. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

export interface FileCheck {
  status: SampleFileStatus;
  sizeBytes: number;
  reason?: string;
  /** Device and inode of a file that was opened ('<dev>:<ino>'): two paths to one file share it. */
  identity?: string;
}

/** What a non-regular file is, for the reason shown ("not a regular file (named pipe)"). */
export function nonRegularKind(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (info.isDirectory()) return 'folder';
  if (info.isFIFO()) return 'named pipe';
  if (info.isSocket()) return 'socket';
  if (info.isCharacterDevice()) return 'character device';
  if (info.isBlockDevice()) return 'block device';
  return 'special file';
}

/** Classifies one file without decoding it. Never throws, never blocks on a pipe or device. */
export async function checkImageFile(absolutePath: string): Promise<FileCheck> {
  let info;
  try {
    info = await stat(absolutePath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing', sizeBytes: 0, reason: 'file not found' };
    return { status: 'unreadable', sizeBytes: 0, reason: `cannot open file (${code ?? 'error'})` };
  }
  if (!info.isFile()) return { status: 'unreadable', sizeBytes: 0, reason: `not a regular file (${nonRegularKind(info)})` };
  if (info.size === 0) return { status: 'empty', sizeBytes: 0, reason: 'file is empty (0 bytes)' };
  if (info.size > MAX_IMAGE_BYTES) {
    return { status: 'too-large', sizeBytes: info.size, reason: `file is larger than ${MAX_IMAGE_BYTES / 1048576} MiB` };
  }
  let handle;
  try {
    // O_NONBLOCK: should the path have been swapped for a pipe since the stat, open must not wait for a writer.
    handle = await open(absolutePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { status: 'unreadable', sizeBytes: 0, reason: `cannot open file (${code ?? 'error'})` };
  }
  try {
    const opened = await handle.stat({ bigint: true });
    if (!opened.isFile()) return { status: 'unreadable', sizeBytes: 0, reason: 'not a regular file' };
    const identity = opened.ino === 0n ? {} : { identity: `${opened.dev}:${opened.ino}` }; // some Windows file systems have no inode numbers
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    if (SUPPORTED_FORMATS.some((f) => f.matches(bytes))) return { status: 'ok', sizeBytes: info.size, ...identity };
    const known = UNSUPPORTED_FORMATS.find((f) => f.matches(bytes));
    return {
      status: 'not-an-image', sizeBytes: info.size, ...identity,
      reason: known ? `unsupported format: the content is ${known.name}; images must be ${SUPPORTED_FORMAT_NAMES}` : `content is not a ${SUPPORTED_FORMAT_NAMES} image`,
    };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { status: 'unreadable', sizeBytes: 0, reason: `cannot read file (${code ?? 'error'})` };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The stat-only part of checkImageFile, for lists too long to open every file while listing: existence, a
 * regular file, its size and its identity. The content (the image format) is left to the decoder when scored.
 */
export async function statImageFile(absolutePath: string): Promise<FileCheck> {
  let info;
  try {
    info = await stat(absolutePath, { bigint: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing', sizeBytes: 0, reason: 'file not found' };
    return { status: 'unreadable', sizeBytes: 0, reason: `cannot open file (${code ?? 'error'})` };
  }
  if (!info.isFile()) return { status: 'unreadable', sizeBytes: 0, reason: `not a regular file (${nonRegularKind(info)})` };
  const size = Number(info.size);
  if (size === 0) return { status: 'empty', sizeBytes: 0, reason: 'file is empty (0 bytes)' };
  if (size > MAX_IMAGE_BYTES) return { status: 'too-large', sizeBytes: size, reason: `file is larger than ${MAX_IMAGE_BYTES / 1048576} MiB` };
  return { status: 'ok', sizeBytes: size, ...(info.ino === 0n ? {} : { identity: `${info.dev}:${info.ino}` }) };
}

/** Runs `worker` over items with at most `limit` in flight, preserving order of results. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, worker: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
