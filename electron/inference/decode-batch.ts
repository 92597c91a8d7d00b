// Reading, hashing and decoding a batch of images for one model or several at once: each file is read and hashed
// once, its pixels decoded once per distinct input geometry (for detected faces, once: every crop is warped from
// the same oriented pixels), and each model's tensor normalised from the same RGB crop. Node side (decoder
// threads, the inference worker, a multi-model scoring run's caller thread).
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { ModelSidecar, PreprocessingSpec } from '../../common/model/sidecar.js';
import { MAX_IMAGE_BYTES } from '../dataset/image-sniff.js';
import { alignFace, decodeFace, faceAlignSpec } from '../faces/aligned-crop.js';
import { ImageDecodeError, normaliseRgb, preprocessImage, type PreprocessedImage } from '../onnx/preprocess.js';
import type { ScoreItem } from './protocol.js';

/** One item as one model gets it: its bytes' hash and size, and its input image or why there is none. */
export interface LoadedImage {
  item: ScoreItem;
  sha256?: string;
  sizeBytes?: number;
  image?: PreprocessedImage;
  reason?: string;
}

async function readBounded(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ImageDecodeError('not a regular file');
    if (info.size === 0) throw new ImageDecodeError('file is empty (0 bytes)');
    if (info.size > MAX_IMAGE_BYTES) throw new ImageDecodeError(`file is larger than ${MAX_IMAGE_BYTES / 1048576} MiB`);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

function describeReadError(err: unknown): string {
  if (err instanceof ImageDecodeError) return err.message;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: the file cannot be read';
  if (code === 'EISDIR') return 'is a folder, not an image';
  return `cannot read file (${code ?? (err instanceof Error ? err.message : String(err))})`;
}

/** What decides the pixels of a model's input before normalisation: models equal here share one decode. */
function geometryKey(spec: PreprocessingSpec, face: boolean): string {
  if (face) return JSON.stringify(faceAlignSpec(spec));
  return JSON.stringify([spec.resize, spec.resize_mode, spec.interpolation, spec.crop, spec.crop_mode]);
}

/** Indices of the specs grouped by geometry, in order of first appearance. */
function geometryGroups(specs: readonly PreprocessingSpec[], face: boolean): number[][] {
  const groups = new Map<string, number[]>();
  specs.forEach((spec, k) => {
    const key = geometryKey(spec, face);
    const group = groups.get(key);
    if (group) group.push(k);
    else groups.set(key, [k]);
  });
  return [...groups.values()];
}

/** Another model's tensor from the same RGB crop (what preprocessing would give it: normaliseRgb of these pixels). */
function renormalised(image: PreprocessedImage, spec: PreprocessingSpec): PreprocessedImage {
  return { ...image, tensor: normaliseRgb(image.rgb, image.size, spec) };
}

/**
 * One item for several models (one entry per spec, in order) and how many pixel decodes it took: one per distinct
 * geometry for a whole image, one for a detected face (0 when the file could not be read).
 */
export async function loadImageForModels(item: ScoreItem, specs: readonly PreprocessingSpec[]): Promise<{ loaded: LoadedImage[]; decodes: number }> {
  let bytes: Buffer;
  try {
    bytes = await readBounded(item.path);
  } catch (err) {
    return { loaded: specs.map(() => ({ item, reason: describeReadError(err) })), decodes: 0 };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const base = { item, sha256, sizeBytes: bytes.length };
  const loaded: LoadedImage[] = specs.map(() => base);
  let decodes = 0;
  const face = item.face;
  if (face) {
    decodes = 1;
    try {
      const oriented = await decodeFace(bytes);
      for (const group of geometryGroups(specs, true)) {
        const first = alignFace(oriented, face.keypoints, specs[group[0]!]!);
        for (const k of group) loaded[k] = { ...base, image: k === group[0] ? first : renormalised(first, specs[k]!) };
      }
    } catch (err) {
      return { loaded: specs.map(() => ({ ...base, reason: describeReadError(err) })), decodes };
    }
    return { loaded, decodes };
  }
  for (const group of geometryGroups(specs, false)) {
    decodes += 1;
    try {
      const first = await preprocessImage(bytes, specs[group[0]!]!);
      for (const k of group) loaded[k] = { ...base, image: k === group[0] ? first : renormalised(first, specs[k]!) };
    } catch (err) {
      for (const k of group) loaded[k] = { ...base, reason: describeReadError(err) };
    }
  }
  return { loaded, decodes };
}

/** One item for one model (what the engine's detail and probes read). */
export async function loadImage(item: ScoreItem, sidecar: ModelSidecar): Promise<LoadedImage> {
  return (await loadImageForModels(item, [sidecar.preprocessing])).loaded[0]!;
}

/** One item of a decoded batch: the outcome of reading and decoding it (no pixels; those are stacked). */
export interface DecodedItem {
  key: number;
  ok: boolean;
  sha256?: string;
  sizeBytes?: number;
  reason?: string;
  /** Frames of an animated image, when more than 1 (frame 1 is the one decoded). */
  frames?: number;
}

/**
 * A batch read, hashed, decoded and stacked, ready for inference: plain data plus one transferable tensor,
 * so it can be produced on another thread. `pixels` holds the ok items only, in input order, [g, 3, h, w].
 */
export interface DecodedBatch {
  items: DecodedItem[];
  pixels: Float32Array;
  decodeMs: number;
}

/** A batch decoded for several models: one DecodedBatch per model (same order), and the pixel decodes it took. */
export interface ModelsDecodedBatch {
  batches: DecodedBatch[];
  decodes: number;
}

function stackLoaded(loaded: LoadedImage[], size: number): Omit<DecodedBatch, 'decodeMs'> {
  const good = loaded.filter((l) => l.image);
  const plane = 3 * size * size;
  const pixels = new Float32Array(good.length * plane); // [g, 3, h, w]
  good.forEach((g, b) => pixels.set(g.image!.tensor, b * plane));
  const items = loaded.map((l): DecodedItem => ({
    key: l.item.key, ok: l.image !== undefined,
    ...(l.sha256 !== undefined ? { sha256: l.sha256, sizeBytes: l.sizeBytes } : {}),
    ...(l.reason !== undefined ? { reason: l.reason } : {}),
    ...((l.image?.original.frames ?? 1) > 1 ? { frames: l.image!.original.frames } : {}),
  }));
  return { items, pixels };
}

/** Reads, hashes and decodes a batch concurrently (sharp on the libuv pool) for every model, and stacks each model's good images. */
export async function decodeBatchForModels(items: ScoreItem[], sidecars: readonly ModelSidecar[]): Promise<ModelsDecodedBatch> {
  const started = performance.now();
  const specs = sidecars.map((s) => s.preprocessing);
  const perItem = await Promise.all(items.map((item) => loadImageForModels(item, specs)));
  const decodeMs = performance.now() - started;
  const batches = sidecars.map((sidecar, k) => ({ ...stackLoaded(perItem.map((p) => p.loaded[k]!), sidecar.preprocessing.crop), decodeMs }));
  return { batches, decodes: perItem.reduce((sum, p) => sum + p.decodes, 0) };
}

/** Reads, hashes and decodes a batch for one model. */
export async function decodeBatch(items: ScoreItem[], sidecar: ModelSidecar): Promise<DecodedBatch> {
  return (await decodeBatchForModels(items, [sidecar])).batches[0]!;
}

/** The batch restricted to the given keys (a model that already scored some of its items gets the rest). */
export function batchSubset(batch: DecodedBatch, keep: ReadonlySet<number>): DecodedBatch {
  if (batch.items.every((item) => keep.has(item.key))) return batch;
  const plane = batch.items.some((i) => i.ok) ? batch.pixels.length / batch.items.filter((i) => i.ok).length : 0;
  const rows: Float32Array[] = [];
  let g = 0;
  for (const item of batch.items) {
    if (item.ok && keep.has(item.key)) rows.push(batch.pixels.subarray(g * plane, (g + 1) * plane));
    if (item.ok) g += 1;
  }
  const pixels = new Float32Array(rows.length * plane);
  rows.forEach((r, b) => pixels.set(r, b * plane));
  return { items: batch.items.filter((item) => keep.has(item.key)), pixels, decodeMs: batch.decodeMs };
}
