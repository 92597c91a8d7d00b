import * as ort from "onnxruntime-node";
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
		preprocessing
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
export { parseSidecar as a, SidecarError as i, openSession as n, routingOutputNames as o, providerOrder as r, KNOWN_PROVIDERS as t };
