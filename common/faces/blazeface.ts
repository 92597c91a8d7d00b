// BlazeFace (MediaPipe, 256×256 back-camera variant) anchors and output decoding, and the letterbox that maps
// a photo onto the detector input and back. Pure shared code (common/); runs on the outputs of
// models/face/blazeface.onnx. Notation: A = 896 anchors (16×16×2 then 8×8×6), coordinates in input pixels.
import { countedNonMaxSuppression, type Box } from './nms.js';
import type { Point } from './similarity.js';

export const BLAZEFACE_INPUT = 256;
/** Keypoint order of BlazeFace: the subject's right eye comes first (it is on the image's left side). */
export const BLAZEFACE_KEYPOINTS = ['right_eye', 'left_eye', 'nose_tip', 'mouth_centre', 'right_ear_tragion', 'left_ear_tragion'] as const;
/** Output names of the converted graph: score logits and regressors of the 16×16 (×2) and 8×8 (×6) grids. */
export const BLAZEFACE_OUTPUTS = { logits16: 'Identity', logits8: 'Identity_1', boxes16: 'Identity_2', boxes8: 'Identity_3' } as const;

export interface FaceDetection {
  /** [x1, y1, x2, y2] in the coordinates of the image given to the letterbox (after EXIF orientation). */
  box: [number, number, number, number];
  /** The six keypoints in BLAZEFACE_KEYPOINTS order, same coordinates. */
  keypoints: [number, number][];
  /** Sigmoid of the anchor's logit, in [0, 1]. */
  confidence: number;
}

export interface DetectorOptions {
  minScore: number;
  iouThreshold: number;
  maxDetections: number;
}

/**
 * Suppression IoU 0.3 as in MediaPipe; score 0.7 rather than MediaPipe's 0.5, which let a coffee cup and a cat
 * through as faces (calibration in the README, "Face detection"); at most 20 faces per photo unless the caller
 * raises it (`uad score --max-faces`), and a photo with more says so.
 */
export const DEFAULT_DETECTOR_OPTIONS: DetectorOptions = { minScore: 0.7, iouThreshold: 0.3, maxDetections: 20 };

/** Anchor centres [x, y] in input pixels, in the order of the concatenated outputs (16-stride grid first). */
export function blazefaceAnchors(inputSize = BLAZEFACE_INPUT): [number, number][] {
  const anchors: [number, number][] = [];
  for (const [stride, perCell] of [[inputSize / 16, 2], [inputSize / 8, 6]] as const) {
    const cells = Math.ceil(inputSize / stride);
    for (let gy = 0; gy < cells; gy++) {
      for (let gx = 0; gx < cells; gx++) {
        for (let n = 0; n < perCell; n++) anchors.push([stride * (gx + 0.5), stride * (gy + 0.5)]);
      }
    }
  }
  return anchors;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Decodes one image's outputs. logits: [A] (16-grid then 8-grid), regressors: [A, 16] = centre offset
 * (dx, dy), size (w, h), six keypoint offsets, all in input pixels relative to the anchor centre.
 * Returns the faces kept by NMS, best first, in input-pixel coordinates.
 */
export function decodeBlazeface(logits: ArrayLike<number>, regressors: ArrayLike<number>, options: DetectorOptions = DEFAULT_DETECTOR_OPTIONS,
  anchors: [number, number][] = blazefaceAnchors()): FaceDetection[] {
  return decodeBlazefaceCounted(logits, regressors, options, anchors).faces;
}

/** As decodeBlazeface, with `found`: the faces NMS would keep without the maxDetections cap. */
export function decodeBlazefaceCounted(logits: ArrayLike<number>, regressors: ArrayLike<number>, options: DetectorOptions = DEFAULT_DETECTOR_OPTIONS,
  anchors: [number, number][] = blazefaceAnchors()): { faces: FaceDetection[]; found: number } {
  const count = anchors.length;
  if (logits.length !== count || regressors.length !== count * 16) {
    throw new Error(`BlazeFace outputs: expected ${count} logits and ${count * 16} regressors, got ${logits.length} and ${regressors.length}`);
  }
  const scores = new Float64Array(count);
  const boxes: Box[] = [];
  for (let i = 0; i < count; i++) {
    scores[i] = sigmoid(logits[i]!);
    const [ax, ay] = anchors[i]!;
    const r = i * 16;
    const cx = ax + regressors[r]!, cy = ay + regressors[r + 1]!;
    const w = Math.abs(regressors[r + 2]!), h = Math.abs(regressors[r + 3]!);
    boxes.push([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2]);
  }
  const { kept, found } = countedNonMaxSuppression(boxes, scores, options);
  const faces = kept.map((i): FaceDetection => {
    const [ax, ay] = anchors[i]!;
    const keypoints: [number, number][] = [];
    for (let k = 0; k < 6; k++) keypoints.push([ax + regressors[i * 16 + 4 + 2 * k]!, ay + regressors[i * 16 + 5 + 2 * k]!]);
    return { box: [...boxes[i]!] as [number, number, number, number], keypoints, confidence: scores[i]! };
  });
  return { faces, found };
}

/** Where a width × height image sits inside the square detector input: scaled to fit, centred, zero-padded. */
export interface Letterbox {
  /** Size of the scaled image inside the input. */
  width: number;
  height: number;
  left: number;
  top: number;
  /** Input pixels per image pixel (x and y; equal up to rounding). */
  scaleX: number;
  scaleY: number;
}

/**
 * The letterbox of an image in a size × size input. zoomOut > 1 shrinks the image further (padding all round),
 * which lets a detector made for faces of moderate size find a face that fills a tight crop.
 */
export function letterbox(imageWidth: number, imageHeight: number, size = BLAZEFACE_INPUT, zoomOut = 1): Letterbox {
  if (!(imageWidth > 0 && imageHeight > 0)) throw new Error('letterbox: image has no pixels');
  const fit = size / (Math.max(imageWidth, imageHeight) * zoomOut);
  const width = Math.max(1, Math.round(imageWidth * fit));
  const height = Math.max(1, Math.round(imageHeight * fit));
  return { width, height, left: Math.floor((size - width) / 2), top: Math.floor((size - height) / 2), scaleX: width / imageWidth, scaleY: height / imageHeight };
}

function unbox(lb: Letterbox, p: Point): [number, number] {
  return [(p[0] - lb.left) / lb.scaleX, (p[1] - lb.top) / lb.scaleY];
}

/** Maps a detection from detector-input pixels back to image pixels. */
export function detectionToImage(d: FaceDetection, lb: Letterbox): FaceDetection {
  const [x1, y1] = unbox(lb, [d.box[0], d.box[1]]);
  const [x2, y2] = unbox(lb, [d.box[2], d.box[3]]);
  return { box: [x1, y1, x2, y2], keypoints: d.keypoints.map((p) => unbox(lb, p)), confidence: d.confidence };
}
