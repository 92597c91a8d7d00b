import { n as bundledDir } from "./paths.js";
import { t as pca } from "./pca.js";
import { n as openSession } from "./providers.js";
import path from "node:path";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import * as ort from "onnxruntime-node";
// common/faces/appearance.ts
/** The pretrained network the appearance view runs (converted by models/tfjs_onnx, origin in models/face/ORIGIN.md). */
var APPEARANCE_NETWORK = {
	file: "faceres.onnx",
	input: "input_1",
	output: "global_pooling/Mean",
	/** Input side in pixels (the network's own, NHWC RGB with values 0–255). */
	side: 224,
	dims: 1024
};
/** ε of v = log(r + ε): the pooled features are ReLU6 outputs, many of them 0. */
var APPEARANCE_EPS = .01;
/**
* The network's input for one classifier input: x (normalised CHW of side s, from `offset`) mapped back to
* 0–255 RGB and resized to S × S bilinearly (half-pixel centres, edges clamped); written NHWC into `out` at
* `outOffset`. u[y, x, c] = (x_c · std_c + mean_c) / rescale (colour c's tensor channel) sampled at ((y + ½) · s / S − ½, (x + ½) · s / S − ½).
*/
function appearanceInput(chw, s, offset, norm, out, outOffset = 0, side = APPEARANCE_NETWORK.side) {
	if (chw.length < offset + 3 * s * s) throw new Error(`appearance input: need a [3, ${s}, ${s}] image`);
	if (out.length < outOffset + side * side * 3) throw new Error(`appearance input: output holds fewer than ${side}×${side}×3 values`);
	const plane = s * s;
	const scale = s / side;
	const bgr = norm.colour_order === "BGR";
	for (let y = 0; y < side; y++) {
		const sy = Math.min(s - 1, Math.max(0, (y + .5) * scale - .5));
		const y0 = Math.floor(sy), y1 = Math.min(s - 1, y0 + 1), wy = sy - y0;
		for (let x = 0; x < side; x++) {
			const sx = Math.min(s - 1, Math.max(0, (x + .5) * scale - .5));
			const x0 = Math.floor(sx), x1 = Math.min(s - 1, x0 + 1), wx = sx - x0;
			const o = outOffset + (y * side + x) * 3;
			for (let c = 0; c < 3; c++) {
				const t = bgr ? 2 - c : c;
				const base = offset + t * plane;
				const top = chw[base + y0 * s + x0] * (1 - wx) + chw[base + y0 * s + x1] * wx;
				const bottom = chw[base + y1 * s + x0] * (1 - wx) + chw[base + y1 * s + x1] * wx;
				out[o + c] = ((top * (1 - wy) + bottom * wy) * norm.std[t] + norm.mean[t]) / norm.rescale;
			}
		}
	}
}
/** v = log(r + ε) of one row of pooled features. */
function appearanceLog(raw, offset = 0, dims = APPEARANCE_NETWORK.dims) {
	const v = new Float64Array(dims);
	for (let i = 0; i < dims; i++) v[i] = Math.log(Math.max(0, raw[offset + i]) + APPEARANCE_EPS);
	return v;
}
/** f = [B (v − c), ‖(v − c) − Bᵀ B (v − c)‖], k + 1 numbers. */
function appearanceFeatures(v, b) {
	const d = b.center.length;
	if (v.length !== d) throw new Error(`appearance features: ${v.length} dims, the basis ${d}`);
	const k = b.basis.length / d;
	if (!Number.isInteger(k) || k < 1) throw new Error("appearance features: the basis is not k × D");
	const centred = new Float64Array(d);
	for (let i = 0; i < d; i++) centred[i] = v[i] - b.center[i];
	const a = [];
	for (let j = 0; j < k; j++) {
		let dot = 0;
		for (let i = 0; i < d; i++) dot += b.basis[j * d + i] * centred[i];
		a.push(dot);
	}
	let residual = 0;
	for (let i = 0; i < d; i++) {
		let back = 0;
		for (let j = 0; j < k; j++) back += b.basis[j * d + i] * a[j];
		residual += (centred[i] - back) ** 2;
	}
	a.push(Math.sqrt(residual));
	return a;
}
/** Feature names written into the sidecar: pc1 … pck, residual. */
function appearanceFeatureNames(k) {
	return [...Array.from({ length: k }, (_, j) => `pc${j + 1}`), "residual"];
}
/**
* c and B from training rows v (log pooled features): their mean and top-k principal axes (orthogonal iteration,
* common/embeddings/pca.ts), rounded to `digits` significant digits — the stored numbers are the ones every
* later distance, the thresholds included, is computed with.
*/
function fitAppearanceBasis(rows, k, digits = 6, iterations = 60) {
	const n = rows.length;
	const d = rows[0]?.length ?? 0;
	if (n < 2 || d === 0) throw new Error("appearance basis: need at least two training rows");
	if (!(k >= 1 && k < d)) throw new Error(`appearance basis: k must be in [1, ${d - 1}]`);
	const flat = new Float32Array(n * d);
	rows.forEach((r, i) => {
		for (let j = 0; j < d; j++) flat[i * d + j] = r[j];
	});
	const result = pca(flat, n, d, k, {
		iterations,
		seed: 0
	});
	const round = (v) => +v.toPrecision(digits);
	return {
		center: Array.from(result.mean, round),
		basis: Array.from(result.components, round)
	};
}
// electron/faces/appearance-network.ts
function defaultAppearancePath() {
	return path.join(bundledDir("models"), "face", APPEARANCE_NETWORK.file);
}
async function readNetwork(modelPath) {
	return readFile(modelPath).catch((err) => {
		throw new Error(`appearance network ${modelPath}: ${err.code === "ENOENT" ? "file not found" : err.message}`);
	});
}
/** sha256 of the network file (what a sidecar's appearance statistics name). */
async function appearanceFileSha256(modelPath = defaultAppearancePath()) {
	return createHash("sha256").update(await readNetwork(modelPath)).digest("hex");
}
var AppearanceNetwork = class AppearanceNetwork {
	session;
	sha256;
	modelPath;
	constructor(session, sha256, modelPath) {
		this.session = session;
		this.sha256 = sha256;
		this.modelPath = modelPath;
	}
	/** Reads the file once: its bytes are hashed and handed to onnxruntime. */
	static async open(order, intraOpThreads = 1, modelPath = defaultAppearancePath()) {
		const bytes = await readNetwork(modelPath);
		const sha256 = createHash("sha256").update(bytes).digest("hex");
		const opened = await openSession(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), order, intraOpThreads);
		return new AppearanceNetwork(opened.session, sha256, modelPath);
	}
	/** Pooled features r [g, D] of g stacked normalised inputs `pixels` [g, 3, s, s]. */
	async pooled(pixels, g, s, norm) {
		const side = APPEARANCE_NETWORK.side;
		const per = side * side * 3;
		const input = new Float32Array(g * per);
		for (let b = 0; b < g; b++) appearanceInput(pixels, s, b * 3 * s * s, norm, input, b * per);
		const tensor = (await this.session.run({ [APPEARANCE_NETWORK.input]: new ort.Tensor("float32", input, [
			g,
			side,
			side,
			3
		]) }, [APPEARANCE_NETWORK.output]))[APPEARANCE_NETWORK.output];
		const pooled = Float32Array.from(tensor.data);
		tensor.dispose?.();
		if (pooled.length !== g * APPEARANCE_NETWORK.dims) throw new Error(`appearance network gave ${pooled.length} values for ${g} images`);
		return pooled;
	}
	async close() {
		await this.session.release();
	}
};
// common/faces/domain.ts
/** Mahalanobis distance of x to the nearest class mean; P row-major d × d. */
function minClassMahalanobis(x, means, precision) {
	const d = x.length;
	if (precision.length !== d * d) throw new Error(`domain: precision has ${precision.length} entries, expected ${d * d}`);
	let best = Infinity;
	const diff = new Float64Array(d);
	for (const mean of means) {
		if (mean.length !== d) throw new Error(`domain: class mean has ${mean.length} dims, the embedding ${d}`);
		for (let i = 0; i < d; i++) diff[i] = x[i] - mean[i];
		let q = 0;
		for (let i = 0; i < d; i++) {
			let row = 0;
			for (let j = 0; j < d; j++) row += precision[i * d + j] * diff[j];
			q += diff[i] * row;
		}
		best = Math.min(best, Math.sqrt(Math.max(0, q)));
	}
	return best;
}
/**
* The verdict for one sample from its embedding and the features of the sidecar's other views (input statistics,
* appearance); "unknown" when the model's sidecar has no statistics or they do not fit. In domain only if every
* distance is within its threshold; with more than one view `distance` is the largest distance over its threshold.
*/
function domainVerdict(spec, embedding, views = {}) {
	if (!spec) return {
		known: false,
		reason: "the model's sidecar has no domain statistics"
	};
	if (!embedding) return {
		known: false,
		reason: "no embedding was kept for this sample"
	};
	if (embedding.length !== spec.dims) return {
		known: false,
		reason: `embedding has ${embedding.length} dims, the statistics ${spec.dims}`
	};
	const distance = minClassMahalanobis(embedding, spec.classes.map((c) => c.mean), spec.precision);
	if (!spec.image && !spec.appearance) return {
		known: true,
		distance,
		inDomain: distance <= spec.threshold,
		threshold: spec.threshold,
		percentile: spec.percentile
	};
	const parts = [];
	for (const [name, view, features, what] of [[
		"imageDistance",
		spec.image,
		views.image,
		"input statistics"
	], [
		"appearanceDistance",
		spec.appearance,
		views.appearance,
		"appearance features"
	]]) {
		if (!view) continue;
		if (!features) return {
			known: false,
			reason: `no ${what} were computed for this sample`
		};
		if (features.length !== view.features.length) return {
			known: false,
			reason: `${what} have ${features.length} values, the sidecar ${view.features.length}`
		};
		parts.push({
			name,
			value: minClassMahalanobis(features, view.classes.map((c) => c.mean), view.precision),
			threshold: view.threshold
		});
	}
	let ratio = distance / spec.threshold;
	let inDomain = distance <= spec.threshold;
	for (const p of parts) {
		ratio = Math.max(ratio, p.value / p.threshold);
		inDomain &&= p.value <= p.threshold;
	}
	return {
		known: true,
		distance: ratio,
		inDomain,
		threshold: 1,
		percentile: spec.percentile,
		embeddingDistance: distance,
		...Object.fromEntries(parts.map((p) => [p.name, p.value]))
	};
}
// common/faces/image-stats.ts
/** Feature names, in the order imageStats returns them (also written into the sidecar). */
var IMAGE_STAT_FEATURES = [
	"mean_c0",
	"mean_c1",
	"mean_c2",
	"log_std_c0",
	"log_std_c1",
	"log_std_c2",
	"sat_mean",
	"log_sat_std",
	"log_grad",
	"log_laplacian",
	"log_grad_coarse",
	"quadrant_std",
	"log_lap_p25",
	"log_lap_median",
	...Array.from({ length: 16 }, (_, i) => `layout_${Math.floor(i / 4)}${i % 4}`)
];
var EPS = 1e-6;
function meanAbsGradient(l, s) {
	if (s < 2) return 0;
	let sum = 0;
	for (let y = 0; y < s; y++) for (let x = 0; x + 1 < s; x++) sum += Math.abs(l[y * s + x + 1] - l[y * s + x]);
	for (let y = 0; y + 1 < s; y++) for (let x = 0; x < s; x++) sum += Math.abs(l[(y + 1) * s + x] - l[y * s + x]);
	return sum / (2 * s * (s - 1));
}
/**
* The 30 features of IMAGE_STAT_FEATURES for one CHW image of side s starting at `offset`: channel means, log channel
* standard deviations, saturation mean and log std, log mean |∇L|, log mean |ΔL|, log mean |∇L| of L averaged over
* 2 × 2 blocks, the standard deviation of the four quadrant means of L, log of the 25th percentile and median of |ΔL|
* (lower entries of the sorted values), and the coarse layout: the means of L over a 4 × 4 grid of cells (row-major;
* cell (r, c) spans pixels ⌊r·s/4⌋ … ⌊(r+1)·s/4⌋ − 1), minus the mean of L, over the standard deviation of L.
*/
function imageStats(chw, s, offset = 0) {
	const p = s * s;
	if (s < 4 || chw.length < offset + 3 * p) throw new Error(`image stats: need a [3, ${s}, ${s}] image of side ≥ 4`);
	const out = [];
	const l = new Float64Array(p);
	const sat = new Float64Array(p);
	const stds = [];
	for (let c = 0; c < 3; c++) {
		let sum = 0, sq = 0;
		for (let i = 0; i < p; i++) {
			const v = chw[offset + c * p + i];
			sum += v;
			sq += v * v;
		}
		const mean = sum / p;
		out.push(mean);
		stds.push(Math.log(Math.sqrt(Math.max(0, sq / p - mean * mean)) + EPS));
	}
	out.push(...stds);
	for (let i = 0; i < p; i++) {
		const a = chw[offset + i], b = chw[offset + p + i], c = chw[offset + 2 * p + i];
		l[i] = (a + b + c) / 3;
		sat[i] = Math.max(a, b, c) - Math.min(a, b, c);
	}
	let sSum = 0, sSq = 0;
	for (let i = 0; i < p; i++) {
		sSum += sat[i];
		sSq += sat[i] * sat[i];
	}
	const satMean = sSum / p;
	out.push(satMean, Math.log(Math.sqrt(Math.max(0, sSq / p - satMean * satMean)) + EPS));
	out.push(Math.log(meanAbsGradient(l, s) + EPS));
	let lap = 0;
	const laps = [];
	for (let y = 1; y + 1 < s; y++) for (let x = 1; x + 1 < s; x++) {
		const i = y * s + x;
		const a = Math.abs(l[i - 1] + l[i + 1] + l[i - s] + l[i + s] - 4 * l[i]);
		lap += a;
		laps.push(a);
	}
	laps.sort((a, b) => a - b);
	out.push(Math.log(lap / ((s - 2) * (s - 2)) + EPS));
	const h = Math.floor(s / 2);
	const coarse = new Float64Array(h * h);
	for (let y = 0; y < h; y++) for (let x = 0; x < h; x++) {
		const i = 2 * y * s + 2 * x;
		coarse[y * h + x] = (l[i] + l[i + 1] + l[i + s] + l[i + s + 1]) / 4;
	}
	out.push(Math.log(meanAbsGradient(coarse, h) + EPS));
	const quads = [
		0,
		0,
		0,
		0
	];
	const counts = [
		0,
		0,
		0,
		0
	];
	for (let y = 0; y < s; y++) for (let x = 0; x < s; x++) {
		const q = (y < s / 2 ? 0 : 2) + (x < s / 2 ? 0 : 1);
		quads[q] += l[y * s + x];
		counts[q]++;
	}
	const qm = quads.map((v, q) => v / counts[q]);
	const qMean = (qm[0] + qm[1] + qm[2] + qm[3]) / 4;
	out.push(Math.sqrt(qm.reduce((a, v) => a + (v - qMean) ** 2, 0) / 4));
	out.push(Math.log(laps[Math.floor(laps.length / 4)] + EPS), Math.log(laps[Math.floor(laps.length / 2)] + EPS));
	let lSum = 0, lSq = 0;
	for (let i = 0; i < p; i++) {
		lSum += l[i];
		lSq += l[i] * l[i];
	}
	const lMean = lSum / p;
	const lStd = Math.sqrt(Math.max(0, lSq / p - lMean * lMean)) + EPS;
	for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) {
		let sum = 0, n = 0;
		for (let y = Math.floor(r * s / 4); y < Math.floor((r + 1) * s / 4); y++) for (let x = Math.floor(c * s / 4); x < Math.floor((c + 1) * s / 4); x++) {
			sum += l[y * s + x];
			n++;
		}
		out.push((sum / n - lMean) / lStd);
	}
	return out;
}
export { AppearanceNetwork as a, appearanceFeatureNames as c, fitAppearanceBasis as d, minClassMahalanobis as i, appearanceFeatures as l, imageStats as n, appearanceFileSha256 as o, domainVerdict as r, APPEARANCE_NETWORK as s, IMAGE_STAT_FEATURES as t, appearanceLog as u };
