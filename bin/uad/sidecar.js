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
/** The statistics every view has, for features of `k` dims; `minThreshold` is the smallest threshold accepted. */
function viewStats(d, where, k, minThreshold) {
	if (d.method !== "mahalanobis-min-class") throw new BlockError(`${where}.method must be 'mahalanobis-min-class', got ${JSON.stringify(d.method)}`);
	if (!Array.isArray(d.classes) || d.classes.length < 1) throw new BlockError(`${where}.classes must list at least one class`);
	return {
		method: "mahalanobis-min-class",
		classes: d.classes.map((c, i) => {
			const o = obj(c, `${where}.classes[${i}]`);
			return {
				name: String(o.name ?? i),
				mean: numbers(o.mean, `${where}.classes[${i}].mean`, k)
			};
		}),
		precision: numbers(d.precision, `${where}.precision`, k * k),
		shrinkage: num(d.shrinkage, `${where}.shrinkage`, 0, 1),
		threshold: num(d.threshold, `${where}.threshold`, minThreshold),
		percentile: num(d.percentile, `${where}.percentile`, 0, 100)
	};
}
/** A feature view (`domain.image`, `domain.appearance`): named features and their statistics. */
function viewBlock(d, where) {
	if (!Array.isArray(d.features) || d.features.length < 1) throw new BlockError(`${where}.features must list at least one feature`);
	const features = d.features.map(String);
	return {
		features,
		...viewStats(d, where, features.length, Number.MIN_VALUE)
	};
}
function imageBlock(value) {
	if (value === void 0 || value === null) return void 0;
	return viewBlock(obj(value, "domain.image"), "domain.image");
}
function appearanceBlock(value) {
	if (value === void 0 || value === null) return void 0;
	const d = obj(value, "domain.appearance");
	const view = viewBlock(d, "domain.appearance");
	const n = obj(d.network, "domain.appearance.network");
	const network = {
		file: String(n.file ?? ""),
		sha256: String(n.sha256 ?? ""),
		input: String(n.input ?? ""),
		output: String(n.output ?? ""),
		side: num(n.side, "domain.appearance.network.side", 1, 4096)
	};
	if (!/^[0-9a-f]{64}$/.test(network.sha256)) throw new BlockError("domain.appearance.network.sha256 must be 64 hex digits");
	if (!Array.isArray(d.center) || d.center.length < 1) throw new BlockError("domain.appearance.center must list the feature means");
	const dims = d.center.length;
	const k = view.features.length - 1;
	if (k < 1) throw new BlockError("domain.appearance.features must name k projections and the residual");
	return {
		...view,
		network,
		center: numbers(d.center, "domain.appearance.center", dims),
		basis: numbers(d.basis, "domain.appearance.basis", k * dims)
	};
}
/** Validates the `domain` block; undefined when absent. Throws Error naming the field. */
function parseDomainSpec(value) {
	if (value === void 0 || value === null) return void 0;
	try {
		const d = obj(value, "domain");
		const dims = num(d.dims, "domain.dims", 1, 65536);
		if (!Number.isInteger(dims)) throw new BlockError("domain.dims must be an integer");
		const spec = {
			output: String(d.output ?? "embedding"),
			dims,
			...viewStats(d, "domain", dims, 0),
			reference: split(d.reference, "domain.reference"),
			fitted_on: split(d.fitted_on, "domain.fitted_on")
		};
		const image = imageBlock(d.image);
		const appearance = appearanceBlock(d.appearance);
		return {
			...spec,
			...image ? { image } : {},
			...appearance ? { appearance } : {}
		};
	} catch (err) {
		throw new Error(err instanceof Error ? err.message : String(err));
	}
}
// common/model/sidecar.ts
var CONTRACT_IO = {
	input: "pixel_values",
	layout: "NCHW",
	score: {
		output: "attack_score",
		kind: "probability",
		index: null,
		higher_means: "attack"
	},
	logits: "logits",
	embedding: "embedding"
};
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
	const hasMoe = root.moe !== null && root.moe !== void 0;
	const patch = arch.patch_size === void 0 && !hasMoe ? imageSize : positiveInt(arch.patch_size, "architecture.patch_size", 1024);
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
	const io = parseIo(root.io);
	if (io.score.kind === "logits" && io.score.index === null) throw new SidecarError("io.score.index is required for logits");
	if (io.score.index !== null && io.score.index >= names.length && io.score.kind === "logits") throw new SidecarError(`io.score.index (${io.score.index}) is out of range for ${names.length} classes`);
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
		domain,
		io
	};
}
function outputName(value, where) {
	if (typeof value !== "string" || value === "" || value.length > 256) throw new SidecarError(`${where} must be a tensor name`);
	return value;
}
function parseIo(value) {
	if (value === void 0 || value === null) return CONTRACT_IO;
	const io = record(value, "io");
	const score = record(io.score, "io.score");
	const index = score.index === void 0 || score.index === null ? null : positiveIntOrZero(score.index, "io.score.index");
	const scoreOutput = outputName(score.output, "io.score.output");
	return {
		input: outputName(io.input, "io.input"),
		layout: oneOf(io.layout, ["NCHW", "NHWC"], "io.layout", "NCHW"),
		score: {
			output: scoreOutput,
			kind: oneOf(score.kind, ["probability", "logits"], "io.score.kind"),
			index,
			higher_means: oneOf(score.higher_means, ["attack", "live"], "io.score.higher_means", "attack")
		},
		logits: io.logits === void 0 || io.logits === null ? scoreOutput : outputName(io.logits, "io.logits"),
		embedding: io.embedding === void 0 || io.embedding === null ? null : outputName(io.embedding, "io.embedding")
	};
}
function positiveIntOrZero(value, where) {
	if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 1 << 20) throw new SidecarError(`${where} must be an integer ≥ 0`);
	return value;
}
/**
* Attack score of one sample from its score-output row (ARCHITECTURE.md §3 score semantics, as the sidecar's io says):
* a probability (one value, or column `index`), flipped when higher means live; or softmax(logits)[index].
*/
function attackScoreOf(row, score) {
	if (score.kind === "logits") {
		let max = -Infinity;
		for (let i = 0; i < row.length; i++) max = Math.max(max, row[i]);
		let total = 0;
		for (let i = 0; i < row.length; i++) total += Math.exp(row[i] - max);
		const p = Math.exp(row[score.index ?? 0] - max) / total;
		return score.higher_means === "live" ? 1 - p : p;
	}
	const p = row[score.index ?? 0];
	return score.higher_means === "live" ? 1 - p : p;
}
/** Class probabilities shown for a sample: softmax of logits, or [live, attack] from a probability. */
function classProbabilities(row, score) {
	if (score.kind === "probability") {
		const attack = attackScoreOf(row, score);
		return [1 - attack, attack];
	}
	const values = Array.from(row);
	const max = Math.max(...values);
	const exps = values.map((v) => Math.exp(v - max));
	const total = exps.reduce((a, b) => a + b, 0);
	return exps.map((v) => v / total);
}
/** Every output the app fetches from this model: score, logits, embedding (when named) and routing. */
function requiredOutputs(sidecar) {
	const io = sidecar.io;
	const routing = routingOutputNames(sidecar).flatMap((r) => [r.dispatch, r.combine]);
	return [.../* @__PURE__ */ new Set([
		io.score.output,
		io.logits,
		...io.embedding ? [io.embedding] : [],
		...routing
	])];
}
/** Names of the routing outputs the contract requires for a sidecar's MoE layers. */
function routingOutputNames(sidecar) {
	return (sidecar.moe?.layers ?? []).map((layer) => ({
		layer,
		dispatch: `moe${layer}_dispatch`,
		combine: `moe${layer}_combine`
	}));
}
export { requiredOutputs as a, parseSidecar as i, attackScoreOf as n, routingOutputNames as o, classProbabilities as r, SidecarError as t };
