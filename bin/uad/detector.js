import { n as MAX_INPUT_PIXELS } from "./preprocess.js";
import { n as openSession } from "./providers.js";
import { n as bundledDir } from "./paths.js";
import path from "node:path";
import sharp from "sharp";
import * as ort from "onnxruntime-node";
// common/faces/nms.ts
/** Intersection over union of two boxes; 0 when either has no area. */
function iou(a, b) {
	const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
	const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
	if (w <= 0 || h <= 0) return 0;
	const inter = w * h;
	const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
	return union > 0 ? inter / union : 0;
}
/**
* Indices of the kept boxes, best score first: a box is dropped when its score is below minScore or its
* IoU with an already kept box exceeds iouThreshold. Ties in score keep the lower index first.
*/
function nonMaxSuppression(boxes, scores, options) {
	if (boxes.length !== scores.length) throw new Error(`nms: ${boxes.length} boxes but ${scores.length} scores`);
	const order = boxes.map((_, i) => i).filter((i) => scores[i] >= options.minScore && Number.isFinite(scores[i])).sort((i, j) => scores[j] - scores[i] || i - j);
	const kept = [];
	for (const i of order) {
		if (kept.length >= options.maxDetections) break;
		if (kept.every((k) => iou(boxes[k], boxes[i]) <= options.iouThreshold)) kept.push(i);
	}
	return kept;
}
/** Output names of the converted graph: score logits and regressors of the 16×16 (×2) and 8×8 (×6) grids. */
var BLAZEFACE_OUTPUTS = {
	logits16: "Identity",
	logits8: "Identity_1",
	boxes16: "Identity_2",
	boxes8: "Identity_3"
};
/**
* Suppression IoU 0.3 as in MediaPipe; score 0.7 rather than MediaPipe's 0.5, which let a coffee cup and a cat
* through as faces (calibration in the README, "Face detection"); at most 20 faces per photo.
*/
var DEFAULT_DETECTOR_OPTIONS = {
	minScore: .7,
	iouThreshold: .3,
	maxDetections: 20
};
/** Anchor centres [x, y] in input pixels, in the order of the concatenated outputs (16-stride grid first). */
function blazefaceAnchors(inputSize = 256) {
	const anchors = [];
	for (const [stride, perCell] of [[inputSize / 16, 2], [inputSize / 8, 6]]) {
		const cells = Math.ceil(inputSize / stride);
		for (let gy = 0; gy < cells; gy++) for (let gx = 0; gx < cells; gx++) for (let n = 0; n < perCell; n++) anchors.push([stride * (gx + .5), stride * (gy + .5)]);
	}
	return anchors;
}
var sigmoid = (x) => 1 / (1 + Math.exp(-x));
/**
* Decodes one image's outputs. logits: [A] (16-grid then 8-grid), regressors: [A, 16] = centre offset
* (dx, dy), size (w, h), six keypoint offsets, all in input pixels relative to the anchor centre.
* Returns the faces kept by NMS, best first, in input-pixel coordinates.
*/
function decodeBlazeface(logits, regressors, options = DEFAULT_DETECTOR_OPTIONS, anchors = blazefaceAnchors()) {
	const count = anchors.length;
	if (logits.length !== count || regressors.length !== count * 16) throw new Error(`BlazeFace outputs: expected ${count} logits and ${count * 16} regressors, got ${logits.length} and ${regressors.length}`);
	const scores = new Float64Array(count);
	const boxes = [];
	for (let i = 0; i < count; i++) {
		scores[i] = sigmoid(logits[i]);
		const [ax, ay] = anchors[i];
		const r = i * 16;
		const cx = ax + regressors[r], cy = ay + regressors[r + 1];
		const w = Math.abs(regressors[r + 2]), h = Math.abs(regressors[r + 3]);
		boxes.push([
			cx - w / 2,
			cy - h / 2,
			cx + w / 2,
			cy + h / 2
		]);
	}
	return nonMaxSuppression(boxes, scores, options).map((i) => {
		const [ax, ay] = anchors[i];
		const keypoints = [];
		for (let k = 0; k < 6; k++) keypoints.push([ax + regressors[i * 16 + 4 + 2 * k], ay + regressors[i * 16 + 5 + 2 * k]]);
		return {
			box: [...boxes[i]],
			keypoints,
			confidence: scores[i]
		};
	});
}
/**
* The letterbox of an image in a size × size input. zoomOut > 1 shrinks the image further (padding all round),
* which lets a detector made for faces of moderate size find a face that fills a tight crop.
*/
function letterbox(imageWidth, imageHeight, size = 256, zoomOut = 1) {
	if (!(imageWidth > 0 && imageHeight > 0)) throw new Error("letterbox: image has no pixels");
	const fit = size / (Math.max(imageWidth, imageHeight) * zoomOut);
	const width = Math.max(1, Math.round(imageWidth * fit));
	const height = Math.max(1, Math.round(imageHeight * fit));
	return {
		width,
		height,
		left: Math.floor((size - width) / 2),
		top: Math.floor((size - height) / 2),
		scaleX: width / imageWidth,
		scaleY: height / imageHeight
	};
}
function unbox(lb, p) {
	return [(p[0] - lb.left) / lb.scaleX, (p[1] - lb.top) / lb.scaleY];
}
/** Maps a detection from detector-input pixels back to image pixels. */
function detectionToImage(d, lb) {
	const [x1, y1] = unbox(lb, [d.box[0], d.box[1]]);
	const [x2, y2] = unbox(lb, [d.box[2], d.box[3]]);
	return {
		box: [
			x1,
			y1,
			x2,
			y2
		],
		keypoints: d.keypoints.map((p) => unbox(lb, p)),
		confidence: d.confidence
	};
}
// electron/faces/detector.ts
/** models/face/blazeface.onnx of the bundled models (project tree or packaged resources, services/paths.ts). */
function defaultDetectorPath() {
	return path.join(bundledDir("models"), "face", "blazeface.onnx");
}
async function decodeOriented(input) {
	const meta = await sharp(input, { limitInputPixels: false }).metadata();
	if (!meta.width || !meta.height) throw new Error("image has no dimensions");
	if (meta.width * meta.height > 1e8) throw new Error(`image claims ${meta.width}×${meta.height} pixels, above the ${MAX_INPUT_PIXELS / 1e6} megapixel limit`);
	const { data, info } = await sharp(input, {
		limitInputPixels: MAX_INPUT_PIXELS,
		failOn: "error"
	}).rotate().removeAlpha().toColourspace("srgb").raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
	return {
		rgb: new Uint8Array(data.buffer, data.byteOffset, data.length),
		width: info.width,
		height: info.height,
		orientation: meta.orientation ?? 1
	};
}
/** Letterboxed detector input, NHWC float32 in [-1, 1], and the letterbox used. */
async function detectorInput(image, zoomOut) {
	const lb = letterbox(image.width, image.height, 256, zoomOut);
	const { data } = await sharp(Buffer.from(image.rgb.buffer, image.rgb.byteOffset, image.rgb.length), { raw: {
		width: image.width,
		height: image.height,
		channels: 3
	} }).resize(lb.width, lb.height, {
		fit: "fill",
		kernel: "linear"
	}).extend({
		left: lb.left,
		top: lb.top,
		right: 256 - lb.width - lb.left,
		bottom: 256 - lb.height - lb.top,
		background: {
			r: 0,
			g: 0,
			b: 0
		}
	}).raw().toBuffer({ resolveWithObject: true });
	const tensor = new Float32Array(data.length);
	for (let i = 0; i < data.length; i++) tensor[i] = data[i] / 127.5 - 1;
	return {
		tensor,
		lb
	};
}
/**
* The photo is letterboxed into a canvas 1.5× its longer side: the 256-pixel back-camera model scores a face
* that fills the whole frame (a tight crop) low, and at zoom 1 it scored a cat 0.79. Chosen together with
* DEFAULT_DETECTOR_OPTIONS on the 96 live crops of the demo dataset and 19 non-face photographs of
* scikit-image (README, "Face detection").
*/
var DETECTOR_ZOOM = 1.5;
var FaceDetector = class FaceDetector {
	session;
	info;
	options;
	constructor(session, info, options) {
		this.session = session;
		this.info = info;
		this.options = options;
	}
	static async open(order, intraOpThreads = 1, modelPath = defaultDetectorPath(), options = DEFAULT_DETECTOR_OPTIONS) {
		const opened = await openSession(modelPath, order, intraOpThreads);
		return new FaceDetector(opened.session, {
			provider: opened.provider,
			attempts: opened.attempts,
			modelPath
		}, options);
	}
	/** Faces in an oriented image, best first, in its pixel coordinates. */
	async detect(image) {
		const { tensor, lb } = await detectorInput(image, DETECTOR_ZOOM);
		const out = await this.session.run({ input: new ort.Tensor("float32", tensor, [
			1,
			256,
			256,
			3
		]) });
		const o = BLAZEFACE_OUTPUTS;
		const logits = concat(out[o.logits16].data, out[o.logits8].data);
		const boxes = concat(out[o.boxes16].data, out[o.boxes8].data);
		for (const t of Object.values(out)) t.dispose?.();
		return decodeBlazeface(logits, boxes, this.options).map((d) => detectionToImage(d, lb));
	}
	async close() {
		await this.session.release();
	}
};
function concat(a, b) {
	const out = new Float32Array(a.length + b.length);
	out.set(a);
	out.set(b, a.length);
	return out;
}
export { decodeOriented as n, FaceDetector as t };
