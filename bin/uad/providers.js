import sharp from "sharp";
import * as ort from "onnxruntime-node";
// common/model/face-domain.ts
var BlockError = class extends Error {};
function num(value, where, lo = -Infinity, hi = Infinity) {
	if (typeof value !== "number" || !Number.isFinite(value) || value < lo || value > hi) throw new BlockError(`${where} must be a number in [${lo}, ${hi}]`);
	return value;
}
function obj(value, where) {
	if (typeof value !== "object" || value === null || Array.isArray(value)) throw new BlockError(`${where} must be an object`);
	return value;
}
function numbers(value, where, length) {
	if (!Array.isArray(value) || value.length !== length) throw new BlockError(`${where} must be a list of ${length} numbers`);
	return value.map((v, i) => num(v, `${where}[${i}]`));
}
/** Validates `preprocessing.face`; undefined when absent. Throws Error naming the field. */
function parseFaceSpec(value) {
	if (value === void 0 || value === null) return void 0;
	try {
		const f = obj(value, "preprocessing.face");
		if (typeof f.detect !== "boolean") throw new BlockError("preprocessing.face.detect must be true or false");
		if (!Array.isArray(f.canonical) || f.canonical.length !== 4) throw new BlockError("preprocessing.face.canonical must list 4 points (right eye, left eye, nose tip, mouth centre)");
		const canonical = f.canonical.map((p, i) => numbers(p, `preprocessing.face.canonical[${i}]`, 2).map((v) => num(v, `preprocessing.face.canonical[${i}]`, 0, 1)));
		return {
			detect: f.detect,
			detector: String(f.detector ?? "blazeface"),
			margin: num(f.margin, "preprocessing.face.margin", 0, 4),
			canonical
		};
	} catch (err) {
		throw new Error(err instanceof Error ? err.message : String(err));
	}
}
function split(value, where) {
	const s = obj(value, where);
	return {
		split: String(s.split ?? ""),
		count: num(s.count, `${where}.count`, 1),
		data: String(s.data ?? "")
	};
}
/** Validates the `domain` block; undefined when absent. Throws Error naming the field. */
function parseDomainSpec(value) {
	if (value === void 0 || value === null) return void 0;
	try {
		const d = obj(value, "domain");
		if (d.method !== "mahalanobis-min-class") throw new BlockError(`domain.method must be 'mahalanobis-min-class', got ${JSON.stringify(d.method)}`);
		const dims = num(d.dims, "domain.dims", 1, 65536);
		if (!Number.isInteger(dims)) throw new BlockError("domain.dims must be an integer");
		if (!Array.isArray(d.classes) || d.classes.length < 1) throw new BlockError("domain.classes must list at least one class");
		const classes = d.classes.map((c, i) => {
			const o = obj(c, `domain.classes[${i}]`);
			return {
				name: String(o.name ?? i),
				mean: numbers(o.mean, `domain.classes[${i}].mean`, dims)
			};
		});
		return {
			output: String(d.output ?? "embedding"),
			dims,
			method: "mahalanobis-min-class",
			classes,
			precision: numbers(d.precision, "domain.precision", dims * dims),
			shrinkage: num(d.shrinkage, "domain.shrinkage", 0, 1),
			threshold: num(d.threshold, "domain.threshold", 0),
			percentile: num(d.percentile, "domain.percentile", 0, 100),
			reference: split(d.reference, "domain.reference"),
			fitted_on: split(d.fitted_on, "domain.fitted_on")
		};
	} catch (err) {
		throw new Error(err instanceof Error ? err.message : String(err));
	}
}
// common/model/sidecar.ts
var SidecarError = class extends Error {
	constructor(message) {
		super(message);
		this.name = "SidecarError";
	}
};
function record(value, where) {
	if (typeof value !== "object" || value === null || Array.isArray(value)) throw new SidecarError(`${where} must be an object`);
	return value;
}
function positiveInt(value, where, max = 1 << 20) {
	if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > max) throw new SidecarError(`${where} must be a positive integer (≤ ${max}), got ${JSON.stringify(value)}`);
	return value;
}
function finite(value, where) {
	if (typeof value !== "number" || !Number.isFinite(value)) throw new SidecarError(`${where} must be a finite number`);
	return value;
}
function triple(value, where, positive) {
	if (!Array.isArray(value) || value.length !== 3) throw new SidecarError(`${where} must be a list of 3 numbers`);
	const out = value.map((v, i) => finite(v, `${where}[${i}]`));
	if (positive && out.some((v) => v <= 0)) throw new SidecarError(`${where} must be positive`);
	return out;
}
function oneOf(value, allowed, where, fallback) {
	if (value === void 0 && fallback !== void 0) return fallback;
	if (typeof value !== "string" || !allowed.includes(value)) throw new SidecarError(`${where} must be one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`);
	return value;
}
/** Validates a parsed model.json; throws SidecarError naming the first offending field. */
function parseSidecar(input) {
	const root = record(input, "model.json");
	if (typeof root.name !== "string" || root.name === "") throw new SidecarError("name must be a non-empty string");
	const arch = record(root.architecture, "architecture");
	const imageSize = positiveInt(arch.image_size, "architecture.image_size", 4096);
	const patch = positiveInt(arch.patch_size, "architecture.patch_size", 1024);
	const gridSide = Math.floor(imageSize / patch);
	const grid = Array.isArray(arch.grid) ? arch.grid.map((g, i) => positiveInt(g, `architecture.grid[${i}]`, 4096)) : [gridSide, gridSide];
	const tokens = arch.tokens === void 0 ? grid[0] * grid[1] + 1 : positiveInt(arch.tokens, "architecture.tokens");
	if (tokens !== grid[0] * grid[1] + 1) throw new SidecarError(`architecture.tokens (${tokens}) must equal grid cells + 1 CLS (${grid[0] * grid[1] + 1})`);
	let moe = null;
	if (root.moe !== null && root.moe !== void 0) {
		const m = record(root.moe, "moe");
		if (!Array.isArray(m.layers)) throw new SidecarError("moe.layers must be a list of layer indices");
		moe = {
			...m,
			layers: m.layers.map((l, i) => {
				if (typeof l !== "number" || !Number.isInteger(l) || l < 0) throw new SidecarError(`moe.layers[${i}] must be a layer index`);
				return l;
			}),
			experts: positiveInt(m.experts, "moe.experts", 256),
			slots: positiveInt(m.slots, "moe.slots", 65536),
			weighting: oneOf(m.weighting, ["softmax", "linear"], "moe.weighting"),
			placement: oneOf(m.placement, ["parallel", "replace"], "moe.placement", "parallel")
		};
	}
	const classes = record(root.classes, "classes");
	const names = Array.isArray(classes.names) ? classes.names.map(String) : [];
	if (names.length < 2) throw new SidecarError("classes.names must list at least 2 classes");
	const attackIndex = typeof classes.attack_index === "number" ? classes.attack_index : 1;
	if (!Number.isInteger(attackIndex) || attackIndex < 0 || attackIndex >= names.length) throw new SidecarError("classes.attack_index is out of range");
	const pre = record(root.preprocessing, "preprocessing");
	const preprocessing = {
		resize: positiveInt(pre.resize, "preprocessing.resize", 8192),
		resize_mode: oneOf(pre.resize_mode, ["shorter_side", "exact"], "preprocessing.resize_mode", "shorter_side"),
		interpolation: oneOf(pre.interpolation, [
			"nearest",
			"bilinear",
			"bicubic",
			"lanczos"
		], "preprocessing.interpolation", "bicubic"),
		crop: positiveInt(pre.crop ?? imageSize, "preprocessing.crop", 8192),
		crop_mode: oneOf(pre.crop_mode, ["center"], "preprocessing.crop_mode", "center"),
		rescale: pre.rescale === void 0 ? 1 / 255 : finite(pre.rescale, "preprocessing.rescale"),
		mean: triple(pre.mean, "preprocessing.mean", false),
		std: triple(pre.std, "preprocessing.std", true),
		colour_order: oneOf(pre.colour_order, ["RGB", "BGR"], "preprocessing.colour_order", "RGB")
	};
	let face;
	let domain;
	try {
		face = parseFaceSpec(pre.face);
		domain = parseDomainSpec(root.domain);
	} catch (err) {
		throw new SidecarError(err.message);
	}
	if (face) preprocessing.face = face;
	if (preprocessing.crop !== imageSize) throw new SidecarError(`preprocessing.crop (${preprocessing.crop}) must equal architecture.image_size (${imageSize})`);
	if (preprocessing.resize < preprocessing.crop) throw new SidecarError("preprocessing.resize must be ≥ crop");
	if (root.sha256 !== void 0 && (typeof root.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(root.sha256))) throw new SidecarError("sha256 must be 64 lowercase hex digits");
	return {
		...root,
		name: root.name,
		version: String(root.version ?? "0"),
		architecture: {
			...arch,
			variant: String(arch.variant ?? (moe ? moe.weighting === "linear" ? "lasoftmoe" : "softmoe" : "dense")),
			image_size: imageSize,
			patch_size: patch,
			grid,
			tokens
		},
		moe,
		classes: {
			names,
			prompts: Array.isArray(classes.prompts) ? classes.prompts.map(String) : [],
			attack_index: attackIndex
		},
		preprocessing,
		domain
	};
}
/** Names of the routing outputs the contract requires for a sidecar's MoE layers. */
function routingOutputNames(sidecar) {
	return (sidecar.moe?.layers ?? []).map((layer) => ({
		layer,
		dispatch: `moe${layer}_dispatch`,
		combine: `moe${layer}_combine`
	}));
}
// electron/inference/preprocess.ts
/** Largest decoded image accepted: 100 megapixels (a 20000×20000 claim is refused before decoding). */
var MAX_INPUT_PIXELS = 1e8;
var ImageDecodeError = class extends Error {
	constructor(message) {
		super(message);
		this.name = "ImageDecodeError";
	}
};
var KERNELS = {
	nearest: "nearest",
	bilinear: "linear",
	bicubic: "cubic",
	lanczos: "lanczos3"
};
/** Output size of a shorter-side resize, rounding as torchvision's Resize(int) does. */
function shorterSideSize(width, height, target) {
	if (width <= height) return {
		width: target,
		height: Math.max(target, Math.floor(target * height / width))
	};
	return {
		width: Math.max(target, Math.floor(target * width / height)),
		height: target
	};
}
function describeSharpError(err) {
	const message = err instanceof Error ? err.message : String(err);
	if (/pixel limit/i.test(message)) return `image is larger than the ${MAX_INPUT_PIXELS / 1e6} megapixel limit`;
	if (/premature end|truncated|corrupt|bad (huffman|marker)|invalid/i.test(message)) return `image data is truncated or corrupt (${message.split("\n")[0]})`;
	if (/unsupported image format/i.test(message)) return "not a supported image format";
	return `cannot decode image (${message.split("\n")[0]})`;
}
var JPEG_END_OF_IMAGE = Buffer.from([255, 217]);
/**
* A JPEG without any end-of-image marker was cut short. Checked before decoding because libvips keeps
* one error buffer per thread pool: concurrent decodes can read each other's (or an empty) message, so a
* truncated file would sometimes be reported only as "Unknown error".
*/
function isTruncatedJpeg(input) {
	return input.length >= 3 && input[0] === 255 && input[1] === 216 && input[2] === 255 && input.lastIndexOf(JPEG_END_OF_IMAGE) < 0;
}
/** The model's input tensor (CHW float32, normalised as the sidecar says) of an RGB crop (HWC uint8, crop²·3). */
function normaliseRgb(raw, crop, spec) {
	const plane = crop * crop;
	const tensor = new Float32Array(3 * plane);
	const order = spec.colour_order === "BGR" ? [
		2,
		1,
		0
	] : [
		0,
		1,
		2
	];
	for (let c = 0; c < 3; c++) {
		const source = order[c];
		const scale = spec.rescale / spec.std[c];
		const shift = spec.mean[c] / spec.std[c];
		const out = c * plane;
		for (let i = 0; i < plane; i++) tensor[out + i] = raw[i * 3 + source] * scale - shift;
	}
	return tensor;
}
async function preprocessImage(input, spec) {
	const options = {
		limitInputPixels: MAX_INPUT_PIXELS,
		failOn: "error"
	};
	if (isTruncatedJpeg(input)) throw new ImageDecodeError("image data is truncated (the JPEG has no end-of-image marker)");
	let meta;
	try {
		meta = await sharp(input, {
			...options,
			limitInputPixels: false
		}).metadata();
	} catch (err) {
		throw new ImageDecodeError(describeSharpError(err));
	}
	if (!meta.width || !meta.height) throw new ImageDecodeError("image has no dimensions");
	if (meta.width * meta.height > 1e8) throw new ImageDecodeError(`image claims ${meta.width}×${meta.height} pixels, above the ${MAX_INPUT_PIXELS / 1e6} megapixel limit`);
	const orientation = meta.orientation ?? 1;
	const rotated = orientation >= 5;
	const width = rotated ? meta.height : meta.width;
	const height = rotated ? meta.width : meta.height;
	const resized = spec.resize_mode === "exact" ? {
		width: spec.resize,
		height: spec.resize
	} : shorterSideSize(width, height, spec.resize);
	const crop = spec.crop;
	const left = Math.round((resized.width - crop) / 2);
	const top = Math.round((resized.height - crop) / 2);
	let raw;
	let info;
	try {
		({data: raw, info} = await sharp(input, options).rotate().removeAlpha().toColourspace("srgb").resize({
			width: resized.width,
			height: resized.height,
			fit: "fill",
			kernel: KERNELS[spec.interpolation]
		}).extract({
			left,
			top,
			width: crop,
			height: crop
		}).raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true }));
	} catch (err) {
		throw new ImageDecodeError(describeSharpError(err));
	}
	if (info.channels !== 3 || info.width !== crop || info.height !== crop) throw new ImageDecodeError(`unexpected decoded shape ${info.width}×${info.height}×${info.channels}`);
	return {
		tensor: normaliseRgb(raw, crop, spec),
		rgb: new Uint8Array(raw.buffer, raw.byteOffset, raw.length),
		size: crop,
		original: {
			width,
			height,
			format: meta.format ?? "unknown",
			channels: meta.channels ?? 0,
			space: meta.space ?? "unknown",
			depth: meta.depth ?? "unknown",
			orientation,
			hasAlpha: meta.hasAlpha ?? false
		}
	};
}
// electron/inference/providers.ts
var KNOWN_PROVIDERS = [
	"cuda",
	"webgpu",
	"dml",
	"coreml",
	"cpu"
];
/** Default order per platform; the CPU provider always ends the list. */
function defaultProviderOrder(platform = process.platform) {
	if (platform === "win32") return [
		"cuda",
		"dml",
		"cpu"
	];
	if (platform === "darwin") return [
		"coreml",
		"webgpu",
		"cpu"
	];
	return [
		"cuda",
		"webgpu",
		"cpu"
	];
}
/** A user's preference first, then the platform order, CPU last, no duplicates. */
function providerOrder(preferred) {
	const wanted = preferred === void 0 ? [] : Array.isArray(preferred) ? preferred : [preferred];
	if (wanted.length === 1 && wanted[0] === "cpu") return ["cpu"];
	const order = [...wanted, ...defaultProviderOrder()];
	return [.../* @__PURE__ */ new Set([...order, "cpu"])];
}
/** The human part of an ORT provider error: drops source locations and assertion text. */
function conciseProviderError(err) {
	const first = (err instanceof Error ? err.message : String(err)).split("\n")[0];
	const sentences = first.split(/(?<=\.) |: (?=[A-Z])/).map((p) => p.trim()).filter((p) => p && !/\.(cc|cpp|h):\d+|<lambda|==/.test(p));
	return (sentences.length > 0 ? sentences.join(": ") : first).slice(0, 200);
}
async function openSession(modelPath, order, intraOpThreads) {
	const attempts = [];
	const available = new Set(ort.listSupportedBackends().map((b) => b.name));
	ort.env.logLevel = "fatal";
	for (const provider of order) {
		if (!available.has(provider)) {
			attempts.push({
				provider,
				ok: false,
				error: "not available in this onnxruntime build"
			});
			continue;
		}
		try {
			const session = await ort.InferenceSession.create(modelPath, {
				executionProviders: [provider],
				intraOpNumThreads: intraOpThreads,
				interOpNumThreads: 1,
				graphOptimizationLevel: "all"
			});
			attempts.push({
				provider,
				ok: true
			});
			return {
				session,
				provider,
				attempts
			};
		} catch (err) {
			attempts.push({
				provider,
				ok: false,
				error: conciseProviderError(err)
			});
		}
	}
	const detail = attempts.map((a) => `${a.provider}: ${a.error}`).join("; ");
	throw new Error(`no execution provider could open the model (${detail})`);
}
export { MAX_INPUT_PIXELS as a, SidecarError as c, ImageDecodeError as i, parseSidecar as l, openSession as n, normaliseRgb as o, providerOrder as r, preprocessImage as s, KNOWN_PROVIDERS as t, routingOutputNames as u };
