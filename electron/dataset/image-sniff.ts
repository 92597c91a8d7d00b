// Cheap file checks before decoding: does this file look like an image we can read?
// Node side (dataset loaders); reads at most the first 16 bytes.
import { open } from 'node:fs/promises';
import type { SampleFileStatus } from '../../common/dataset/types.js';

export const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp', '.tif', '.tiff', '.gif']);

/** Largest image file accepted (bytes); bigger files are listed as too large, never decoded. */
export const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

export interface FileCheck {
  status: SampleFileStatus;
  sizeBytes: number;
  reason?: string;
}

function looksLikeImage(head: Buffer): boolean {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return true; // JPEG
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return true; // PNG
  if (head.length >= 12 && head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return true;
  if (head.length >= 2 && head.toString('latin1', 0, 2) === 'BM') return true;
  if (head.length >= 4 && (head.toString('latin1', 0, 4) === 'II*\0' || head.toString('latin1', 0, 4) === 'MM\0*')) return true;
  if (head.length >= 4 && head.toString('latin1', 0, 4) === 'GIF8') return true;
  return false;
}

/** Classifies one file without decoding it. Never throws. */
export async function checkImageFile(absolutePath: string): Promise<FileCheck> {
  let handle;
  try {
    handle = await open(absolutePath, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing', sizeBytes: 0, reason: 'file not found' };
    return { status: 'unreadable', sizeBytes: 0, reason: `cannot open file (${code ?? 'error'})` };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { status: 'unreadable', sizeBytes: 0, reason: 'not a regular file' };
    if (stat.size === 0) return { status: 'empty', sizeBytes: 0, reason: 'file is empty (0 bytes)' };
    if (stat.size > MAX_IMAGE_BYTES) {
      return { status: 'too-large', sizeBytes: stat.size, reason: `file is larger than ${MAX_IMAGE_BYTES / 1048576} MiB` };
    }
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, 16, 0);
    if (!looksLikeImage(head.subarray(0, bytesRead))) {
      return { status: 'not-an-image', sizeBytes: stat.size, reason: 'content is not a JPEG, PNG, WebP, BMP, TIFF or GIF image' };
    }
    return { status: 'ok', sizeBytes: stat.size };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { status: 'unreadable', sizeBytes: 0, reason: `cannot read file (${code ?? 'error'})` };
  } finally {
    await handle.close().catch(() => undefined);
  }
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
