// A detected face → the model's input: EXIF orientation, similarity alignment of the keypoints to the canonical
// positions (sidecar `preprocessing.face`, else the ArcFace template), bilinear warp, normalisation.
// Node side (inference worker).
import { ARCFACE_CANONICAL, alignmentTransform, DEFAULT_FACE_MARGIN, warpRgb, type FaceAlignSpec } from '../../common/faces/align.js';
import type { PreprocessingSpec } from '../../common/model/sidecar.js';
import { ImageDecodeError, normaliseRgb, type PreprocessedImage } from '../onnx/preprocess.js';
import { decodeOriented, type OrientedImage } from './detector.js';

export function faceAlignSpec(spec: PreprocessingSpec): FaceAlignSpec {
  return {
    size: spec.crop,
    margin: spec.face?.margin ?? DEFAULT_FACE_MARGIN,
    canonical: spec.face?.canonical ?? ARCFACE_CANONICAL,
  };
}

export async function preprocessFace(input: Buffer, keypoints: [number, number][], spec: PreprocessingSpec): Promise<PreprocessedImage> {
  return alignFace(await decodeFace(input), keypoints, spec);
}

/** The oriented pixels a face is aligned from (decoded once; alignFace crops them for each model). */
export async function decodeFace(input: Buffer): Promise<OrientedImage> {
  try {
    return await decodeOriented(input);
  } catch (err) {
    throw new ImageDecodeError(`cannot decode image (${(err as Error).message.split('\n')[0]})`);
  }
}

/** One model's input from decoded pixels: the aligned face crop and its normalisation. */
export function alignFace(image: OrientedImage, keypoints: [number, number][], spec: PreprocessingSpec): PreprocessedImage {
  const align = faceAlignSpec(spec);
  const rgb = warpRgb(image.rgb, image.width, image.height, alignmentTransform(keypoints, align), align.size);
  return {
    tensor: normaliseRgb(rgb, align.size, spec),
    rgb,
    size: align.size,
    original: { width: image.width, height: image.height, format: 'decoded', channels: 3, space: 'srgb', depth: 'uchar', orientation: image.orientation, hasAlpha: false, frames: image.frames },
  };
}
