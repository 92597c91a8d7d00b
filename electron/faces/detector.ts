// The face detector on onnxruntime-node: BlazeFace (models/face/blazeface.onnx) opened with the same provider
// order as the classifier, run on an EXIF-oriented photo through a letterbox, decoded in common/faces.
// Node side (inference worker, CLI, tests).
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import {
  BLAZEFACE_INPUT, BLAZEFACE_OUTPUTS, DEFAULT_DETECTOR_OPTIONS, decodeBlazefaceCounted, detectionToImage, letterbox,
  type DetectorOptions, type FaceDetection,
} from '../../common/faces/blazeface.js';
import { MAX_INPUT_PIXELS } from '../onnx/preprocess.js';
import { openSession, type ProviderAttempt, type ProviderName } from '../onnx/providers.js';
import { bundledDir } from '../base/paths.js';

/** models/face/blazeface.onnx of the bundled models (project tree or packaged resources, base/paths.ts). */
export function defaultDetectorPath(): string {
  return path.join(bundledDir('models'), 'face', 'blazeface.onnx');
}

/** An image after EXIF orientation, as interleaved 8-bit sRGB. */
export interface OrientedImage {
  rgb: Uint8Array;
  width: number;
  height: number;
  /** EXIF orientation tag that was applied (1 = none). */
  orientation: number;
  /** Frames of an animated image (1 otherwise); the first is the one decoded. */
  frames: number;
}

export async function decodeOriented(input: Buffer): Promise<OrientedImage> {
  const meta = await sharp(input, { limitInputPixels: false }).metadata();
  if (!meta.width || !meta.height) throw new Error('image has no dimensions');
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw new Error(`image claims ${meta.width}×${meta.height} pixels, above the ${MAX_INPUT_PIXELS / 1e6} megapixel limit`);
  const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate().removeAlpha().toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { rgb: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, orientation: meta.orientation ?? 1, frames: meta.pages ?? 1 };
}

/** Letterboxed detector input, NHWC float32 in [-1, 1], and the letterbox used. */
async function detectorInput(image: OrientedImage, zoomOut: number) {
  const lb = letterbox(image.width, image.height, BLAZEFACE_INPUT, zoomOut);
  const { data } = await sharp(Buffer.from(image.rgb.buffer, image.rgb.byteOffset, image.rgb.length), { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(lb.width, lb.height, { fit: 'fill', kernel: 'linear' })
    .extend({ left: lb.left, top: lb.top, right: BLAZEFACE_INPUT - lb.width - lb.left, bottom: BLAZEFACE_INPUT - lb.height - lb.top, background: { r: 0, g: 0, b: 0 } })
    .raw().toBuffer({ resolveWithObject: true });
  const tensor = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) tensor[i] = data[i]! / 127.5 - 1;
  return { tensor, lb };
}

export interface DetectorInfo {
  provider: ProviderName;
  attempts: ProviderAttempt[];
  modelPath: string;
}

/**
 * The photo is letterboxed into a canvas 1.5× its longer side: the 256-pixel back-camera model scores a face
 * that fills the whole frame (a tight crop) low, and at zoom 1 it scored a cat 0.79. Chosen together with
 * DEFAULT_DETECTOR_OPTIONS on the 96 live crops of the demo dataset and 19 non-face photographs of
 * scikit-image (README, "Face detection").
 */
export const DETECTOR_ZOOM = 1.5;

export class FaceDetector {
  private constructor(private readonly session: ort.InferenceSession, readonly info: DetectorInfo, private readonly options: DetectorOptions) {}

  static async open(order: ProviderName[], intraOpThreads = 1, modelPath = defaultDetectorPath(), options = DEFAULT_DETECTOR_OPTIONS): Promise<FaceDetector> {
    const opened = await openSession(modelPath, order, intraOpThreads);
    return new FaceDetector(opened.session, { provider: opened.provider, attempts: opened.attempts, modelPath }, options);
  }

  /** The most faces kept per photograph (DetectorOptions.maxDetections). */
  get maxFaces(): number {
    return this.options.maxDetections;
  }

  /** Faces in an oriented image, best first, in its pixel coordinates. */
  async detect(image: OrientedImage): Promise<FaceDetection[]> {
    return (await this.detectCounted(image)).faces;
  }

  /** As detect, with `found`: how many faces there were before the maxFaces cap. */
  async detectCounted(image: OrientedImage): Promise<{ faces: FaceDetection[]; found: number }> {
    const { tensor, lb } = await detectorInput(image, DETECTOR_ZOOM);
    const out = await this.session.run({ input: new ort.Tensor('float32', tensor, [1, BLAZEFACE_INPUT, BLAZEFACE_INPUT, 3]) });
    const o = BLAZEFACE_OUTPUTS;
    const logits = concat(out[o.logits16]!.data as Float32Array, out[o.logits8]!.data as Float32Array);
    const boxes = concat(out[o.boxes16]!.data as Float32Array, out[o.boxes8]!.data as Float32Array);
    for (const t of Object.values(out)) t.dispose?.();
    const { faces, found } = decodeBlazefaceCounted(logits, boxes, this.options);
    return { faces: faces.map((d) => detectionToImage(d, lb)), found };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
