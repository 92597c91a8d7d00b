// Decode and preprocess one image exactly as the model's sidecar says (ARCHITECTURE.md §3): EXIF orientation,
// sRGB (greyscale, CMYK, 16-bit and alpha converted), shorter-side resize, centre crop, normalise → CHW.
// Node side (runs inside the inference worker; sharp works on the libuv pool).
import sharp, { type OutputInfo } from 'sharp';
import type { PreprocessingSpec } from '../../common/model/sidecar.js';

/** Largest decoded image accepted: 100 megapixels (a 20000×20000 claim is refused before decoding). */
export const MAX_INPUT_PIXELS = 100_000_000;

export class ImageDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageDecodeError';
  }
}

export interface OriginalImageInfo {
  width: number;
  height: number;
  format: string;
  channels: number;
  space: string;
  depth: string;
  orientation: number;
  hasAlpha: boolean;
  /** Frames of an animated image (GIF, animated WebP; 1 otherwise): only the first is decoded and scored. */
  frames: number;
}

/** How a scored sample of an animated image says which frame it is (ARCHITECTURE.md §10). */
export function animatedFrameNote(frames: number): string {
  return `animated image: ${frames} frames, frame 1 scored`;
}

export interface PreprocessedImage {
  /** Normalised pixel values, CHW float32, length 3·crop·crop. */
  tensor: Float32Array;
  /** The cropped RGB image the model saw, HWC uint8, length crop·crop·3. */
  rgb: Uint8Array;
  size: number;
  original: OriginalImageInfo;
}

const KERNELS = { nearest: 'nearest', bilinear: 'linear', bicubic: 'cubic', lanczos: 'lanczos3' } as const;

/** Output size of a shorter-side resize, rounding as torchvision's Resize(int) does. */
export function shorterSideSize(width: number, height: number, target: number): { width: number; height: number } {
  if (width <= height) return { width: target, height: Math.max(target, Math.floor((target * height) / width)) };
  return { width: Math.max(target, Math.floor((target * width) / height)), height: target };
}

function describeSharpError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message)) return `image is larger than the ${MAX_INPUT_PIXELS / 1e6} megapixel limit`;
  if (/premature end|truncated|corrupt|bad (huffman|marker)|invalid/i.test(message)) return `image data is truncated or corrupt (${message.split('\n')[0]})`;
  if (/unsupported image format/i.test(message)) return 'not a supported image format';
  return `cannot decode image (${message.split('\n')[0]})`;
}

const JPEG_END_OF_IMAGE = Buffer.from([0xff, 0xd9]);

/**
 * A JPEG without any end-of-image marker was cut short. Checked before decoding because libvips keeps
 * one error buffer per thread pool: concurrent decodes can read each other's (or an empty) message, so a
 * truncated file would sometimes be reported only as "Unknown error".
 */
export function isTruncatedJpeg(input: Buffer): boolean {
  const isJpeg = input.length >= 3 && input[0] === 0xff && input[1] === 0xd8 && input[2] === 0xff;
  return isJpeg && input.lastIndexOf(JPEG_END_OF_IMAGE) < 0;
}

/** The model's input tensor (CHW float32, normalised as the sidecar says) of an RGB crop (HWC uint8, crop²·3). */
export function normaliseRgb(raw: Uint8Array, crop: number, spec: PreprocessingSpec): Float32Array {
  const plane = crop * crop;
  const tensor = new Float32Array(3 * plane);
  const order = spec.colour_order === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  for (let c = 0; c < 3; c++) {
    const source = order[c]!;
    const scale = spec.rescale / spec.std[c]!;
    const shift = spec.mean[c]! / spec.std[c]!;
    const out = c * plane;
    for (let i = 0; i < plane; i++) tensor[out + i] = raw[i * 3 + source]! * scale - shift;
  }
  return tensor;
}

export async function preprocessImage(input: Buffer, spec: PreprocessingSpec): Promise<PreprocessedImage> {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' as const };
  if (isTruncatedJpeg(input)) throw new ImageDecodeError('image data is truncated (the JPEG has no end-of-image marker)');
  let meta;
  try {
    // Reading the header only: safe without the pixel limit, and it lets the error name the claimed size.
    meta = await sharp(input, { ...options, limitInputPixels: false }).metadata();
  } catch (err) {
    throw new ImageDecodeError(describeSharpError(err));
  }
  if (!meta.width || !meta.height) throw new ImageDecodeError('image has no dimensions');
  if (meta.width * meta.height > MAX_INPUT_PIXELS) {
    throw new ImageDecodeError(`image claims ${meta.width}×${meta.height} pixels, above the ${MAX_INPUT_PIXELS / 1e6} megapixel limit`);
  }
  const orientation = meta.orientation ?? 1;
  const rotated = orientation >= 5; // EXIF orientations 5–8 swap width and height
  const width = rotated ? meta.height : meta.width;
  const height = rotated ? meta.width : meta.height;
  const resized = spec.resize_mode === 'exact'
    ? { width: spec.resize, height: spec.resize }
    : shorterSideSize(width, height, spec.resize);
  const crop = spec.crop;
  const left = Math.round((resized.width - crop) / 2);
  const top = Math.round((resized.height - crop) / 2);

  let raw: Buffer;
  let info: OutputInfo;
  try {
    ({ data: raw, info } = await sharp(input, options)
      .rotate() // apply EXIF orientation
      .removeAlpha() // as an RGB conversion drops alpha: the colour channels are kept as stored
      .toColourspace('srgb') // greyscale, CMYK and 16-bit inputs become 8-bit sRGB
      .resize({ width: resized.width, height: resized.height, fit: 'fill', kernel: KERNELS[spec.interpolation] })
      .extract({ left, top, width: crop, height: crop })
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true }));
  } catch (err) {
    throw new ImageDecodeError(describeSharpError(err));
  }
  if (info.channels !== 3 || info.width !== crop || info.height !== crop) {
    throw new ImageDecodeError(`unexpected decoded shape ${info.width}×${info.height}×${info.channels}`);
  }

  return {
    tensor: normaliseRgb(raw, crop, spec),
    rgb: new Uint8Array(raw.buffer, raw.byteOffset, raw.length),
    size: crop,
    original: {
      width, height,
      format: meta.format ?? 'unknown',
      channels: meta.channels ?? 0,
      space: meta.space ?? 'unknown',
      depth: meta.depth ?? 'unknown',
      orientation,
      hasAlpha: meta.hasAlpha ?? false,
      frames: meta.pages ?? 1,
    },
  };
}
