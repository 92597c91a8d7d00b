import { i as PendingRequests, n as openSession } from "./providers.js";
import { a as AppearanceNetwork, l as appearanceFeatures, n as imageStats, r as domainVerdict, s as APPEARANCE_NETWORK, u as appearanceLog } from "./image-stats.js";
import { a as requiredOutputs, n as attackScoreOf, o as routingOutputNames, r as classProbabilities } from "./sidecar.js";
import { n as encodeFloat16 } from "./float16.js";
import { r as expertMass } from "./expert-mass.js";
import { t as MAX_IMAGE_BYTES } from "./image-sniff.js";
import { i as preprocessImage, r as normaliseRgb, t as ImageDecodeError } from "./preprocess.js";
import { n as decodeOriented } from "./detector.js";
import { a as applyNoise, c as maskCell, i as applyMoire, n as applyGamma, r as applyHalftone, s as gridCells, t as PERTURBATIONS } from "./perturb.js";
import { spawnModuleWorker } from "./spawn-worker.js";
import { n as flagIsSet } from "./cancel-flag.js";
import { availableParallelism } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import sharp from "sharp";
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import * as ort from "onnxruntime-node";
// common/faces/similarity.ts
function applySimilarity(t, p) {
	return [t.a * p[0] - t.b * p[1] + t.tx, t.b * p[0] + t.a * p[1] + t.ty];
}
function invertSimilarity(t) {
	const d = t.a * t.a + t.b * t.b;
	if (!(d > 0)) throw new Error("similarity transform has zero scale and cannot be inverted");
	const a = t.a / d;
	const b = -t.b / d;
	return {
		a,
		b,
		tx: -(a * t.tx - b * t.ty),
		ty: -(b * t.tx + a * t.ty)
	};
}
/**
* The similarity that maps src onto dst with the least summed squared error. Needs ≥ 2 points not all
* equal; weights (default 1) let some keypoints count more than others.
*/
function estimateSimilarity(src, dst, weights) {
	if (src.length !== dst.length) throw new Error(`similarity: ${src.length} source but ${dst.length} target points`);
	if (src.length < 2) throw new Error("similarity: needs at least two point pairs");
	const w = weights ?? src.map(() => 1);
	let sw = 0, sx = 0, sy = 0, dx = 0, dy = 0;
	src.forEach((p, i) => {
		const wi = w[i];
		sw += wi;
		sx += wi * p[0];
		sy += wi * p[1];
		dx += wi * dst[i][0];
		dy += wi * dst[i][1];
	});
	if (!(sw > 0)) throw new Error("similarity: weights must sum to a positive number");
	sx /= sw;
	sy /= sw;
	dx /= sw;
	dy /= sw;
	let norm = 0, dot = 0, cross = 0;
	src.forEach((p, i) => {
		const wi = w[i];
		const px = p[0] - sx, py = p[1] - sy;
		const qx = dst[i][0] - dx, qy = dst[i][1] - dy;
		norm += wi * (px * px + py * py);
		dot += wi * (px * qx + py * qy);
		cross += wi * (px * qy - py * qx);
	});
	if (!(norm > 1e-12)) throw new Error("similarity: the source points coincide");
	const a = dot / norm;
	const b = cross / norm;
	return {
		a,
		b,
		tx: dx - (a * sx - b * sy),
		ty: dy - (b * sx + a * sy)
	};
}
// common/faces/align.ts
/**
* The ArcFace 112×112 five-point template (insightface) with its two mouth corners averaged into a mouth centre,
* as fractions of the square: right eye, left eye, nose tip, mouth centre (subject's right eye on the image's left).
*/
var ARCFACE_CANONICAL = [
	[38.2946 / 112, 51.6963 / 112],
	[73.5318 / 112, 51.5014 / 112],
	[56.0252 / 112, 71.7366 / 112],
	[56.1396 / 112, 92.2848 / 112]
];
/** Canonical keypoints in crop pixels. */
function canonicalInCrop(spec) {
	const shrink = 1 / (1 + 2 * spec.margin);
	return spec.canonical.map(([x, y]) => [((x - .5) * shrink + .5) * spec.size, ((y - .5) * shrink + .5) * spec.size]);
}
/** Image → crop transform from the first four detected keypoints (eyes, nose, mouth). */
function alignmentTransform(keypoints, spec) {
	if (keypoints.length < 4) throw new Error(`alignment needs eye, nose and mouth keypoints, got ${keypoints.length}`);
	return estimateSimilarity(keypoints.slice(0, 4).map(([x, y]) => [x - .5, y - .5]), canonicalInCrop(spec).map(([x, y]) => [x - .5, y - .5]));
}
/**
* Warps an interleaved RGB (HWC uint8) image into a size × size crop: crop pixel (u, v) samples the source at
* T⁻¹(u, v) bilinearly; outside the image the nearest edge pixel is repeated (so a face near the border keeps
* plausible context instead of black bars).
*/
function warpRgb(src, width, height, imageToCrop, size) {
	if (src.length !== width * height * 3) throw new Error(`warp: expected ${width * height * 3} bytes, got ${src.length}`);
	const inv = invertSimilarity(imageToCrop);
	const out = new Uint8Array(size * size * 3);
	const clampX = (x) => x < 0 ? 0 : x > width - 1 ? width - 1 : x;
	const clampY = (y) => y < 0 ? 0 : y > height - 1 ? height - 1 : y;
	for (let v = 0; v < size; v++) for (let u = 0; u < size; u++) {
		const [sx, sy] = applySimilarity(inv, [u, v]);
		const x = clampX(sx), y = clampY(sy);
		const x0 = Math.floor(x), y0 = Math.floor(y);
		const x1 = Math.min(x0 + 1, width - 1), y1 = Math.min(y0 + 1, height - 1);
		const fx = x - x0, fy = y - y0;
		const o = (v * size + u) * 3;
		for (let c = 0; c < 3; c++) {
			const top = src[(y0 * width + x0) * 3 + c] * (1 - fx) + src[(y0 * width + x1) * 3 + c] * fx;
			const bottom = src[(y1 * width + x0) * 3 + c] * (1 - fx) + src[(y1 * width + x1) * 3 + c] * fx;
			out[o + c] = Math.round(top * (1 - fy) + bottom * fy);
		}
	}
	return out;
}
// electron/faces/aligned-crop.ts
function faceAlignSpec(spec) {
	return {
		size: spec.crop,
		margin: spec.face?.margin ?? .44,
		canonical: spec.face?.canonical ?? ARCFACE_CANONICAL
	};
}
async function preprocessFace(input, keypoints, spec) {
	let image;
	try {
		image = await decodeOriented(input);
	} catch (err) {
		throw new ImageDecodeError(`cannot decode image (${err.message.split("\n")[0]})`);
	}
	const align = faceAlignSpec(spec);
	const rgb = warpRgb(image.rgb, image.width, image.height, alignmentTransform(keypoints, align), align.size);
	return {
		tensor: normaliseRgb(rgb, align.size, spec),
		rgb,
		size: align.size,
		original: {
			width: image.width,
			height: image.height,
			format: "decoded",
			channels: 3,
			space: "srgb",
			depth: "uchar",
			orientation: image.orientation,
			hasAlpha: false
		}
	};
}
// electron/inference/tensors.ts
/** CHW → HWC of one image, written at `offset` of `out` (for graphs whose input is NHWC). */
function putHwc(chw, size, out, offset) {
	const plane = size * size;
	for (let i = 0; i < plane; i++) {
		out[offset + 3 * i] = chw[i];
		out[offset + 3 * i + 1] = chw[plane + i];
		out[offset + 3 * i + 2] = chw[2 * plane + i];
	}
}
/** The input tensor of a batch of stacked CHW images, in the layout the sidecar's io names. */
function inputTensor(pixels, count, size, sidecar) {
	if (sidecar.io.layout === "NCHW") return new ort.Tensor("float32", pixels, [
		count,
		3,
		size,
		size
	]);
	const plane = 3 * size * size;
	const hwc = new Float32Array(pixels.length);
	for (let b = 0; b < count; b++) putHwc(pixels.subarray(b * plane, (b + 1) * plane), size, hwc, b * plane);
	return new ort.Tensor("float32", hwc, [
		count,
		size,
		size,
		3
	]);
}
/** Row `b` of an output holding `count` rows ([b] or [b, …] flattened). */
function outputRow(tensor, b, count) {
	const data = tensor.data;
	const width = data.length / count;
	return data.subarray(b * width, (b + 1) * width);
}
// electron/inference/probes.ts
var ProbeCancelled = class extends Error {
	constructor() {
		super("cancelled");
		this.name = "ProbeCancelled";
	}
};
var raw = (rgb, size) => sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), { raw: {
	width: size,
	height: size,
	channels: 3
} });
var bytes = (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
/** One perturbation of the model-input RGB crop (size × size × 3), as an RGB crop of the same size. */
async function perturb(rgb, size, id, strength) {
	switch (id) {
		case "jpeg": {
			const jpeg = await raw(rgb, size).jpeg({
				quality: strength,
				chromaSubsampling: "4:2:0"
			}).toBuffer();
			return bytes(await sharp(jpeg).removeAlpha().raw().toBuffer());
		}
		case "blur": return bytes(await raw(rgb, size).blur(strength).raw().toBuffer());
		case "rescale": {
			const small = Math.max(1, Math.round(size * strength));
			const down = await raw(rgb, size).resize(small, small, {
				kernel: "cubic",
				fit: "fill"
			}).raw().toBuffer();
			return bytes(await sharp(down, { raw: {
				width: small,
				height: small,
				channels: 3
			} }).resize(size, size, {
				kernel: "cubic",
				fit: "fill"
			}).raw().toBuffer());
		}
		case "gamma": return applyGamma(rgb, strength);
		case "noise": return applyNoise(rgb, strength);
		case "halftone": return applyHalftone(rgb, size, strength);
		case "moire": return applyMoire(rgb, size, strength);
	}
}
/** Scores the unmodified input and every variant of the job, in batches; results in job order. */
async function runProbe(session, sidecar, image, job, options = {}) {
	const size = sidecar.preprocessing.crop;
	const plane = 3 * size * size;
	const variants = [(out) => out.set(image.tensor)];
	if (job.kind === "occlusion") for (const cell of gridCells(size, job.grid)) variants.push((out) => maskCell(image.tensor, size, cell, out));
	else for (const family of PERTURBATIONS) for (const strength of family.strengths) variants.push(async (out) => out.set(normaliseRgb(await perturb(image.rgb, size, family.id, strength), size, sidecar.preprocessing)));
	const batch = Math.max(1, options.batch ?? 16);
	const scores = [];
	options.onProgress?.(0, variants.length);
	for (let start = 0; start < variants.length; start += batch) {
		if (options.cancelled?.()) throw new ProbeCancelled();
		const chunk = variants.slice(start, start + batch);
		const data = new Float32Array(chunk.length * plane);
		for (let b = 0; b < chunk.length; b++) await chunk[b](data.subarray(b * plane, (b + 1) * plane));
		const io = sidecar.io;
		const out = await session.run({ [io.input]: inputTensor(data, chunk.length, size, sidecar) }, [io.score.output]);
		for (let b = 0; b < chunk.length; b++) scores.push(attackScoreOf(outputRow(out[io.score.output], b, chunk.length), io.score));
		for (const tensor of Object.values(out)) tensor.dispose?.();
		options.onProgress?.(scores.length, variants.length);
	}
	const [baseScore, ...rest] = scores;
	if (job.kind === "occlusion") return {
		kind: "occlusion",
		grid: job.grid,
		mask: "preprocessing mean colour",
		baseScore,
		scores: rest
	};
	let at = 0;
	return {
		kind: "perturbation",
		baseScore,
		families: PERTURBATIONS.map((f) => {
			const familyScores = rest.slice(at, at + f.strengths.length);
			at += f.strengths.length;
			return {
				id: f.id,
				label: f.label,
				unit: f.unit,
				strengths: [...f.strengths],
				scores: familyScores
			};
		})
	};
}
// electron/inference/batch-runner.ts
async function readBounded(file) {
	const handle = await open(file, "r");
	try {
		const info = await handle.stat();
		if (!info.isFile()) throw new ImageDecodeError("not a regular file");
		if (info.size === 0) throw new ImageDecodeError("file is empty (0 bytes)");
		if (info.size > 67108864) throw new ImageDecodeError(`file is larger than ${MAX_IMAGE_BYTES / 1048576} MiB`);
		return await handle.readFile();
	} finally {
		await handle.close();
	}
}
function describeReadError(err) {
	if (err instanceof ImageDecodeError) return err.message;
	const code = err.code;
	if (code === "ENOENT") return "file not found";
	if (code === "EACCES" || code === "EPERM") return "permission denied: the file cannot be read";
	if (code === "EISDIR") return "is a folder, not an image";
	return `cannot read file (${code ?? (err instanceof Error ? err.message : String(err))})`;
}
async function loadImage(item, sidecar) {
	let bytes;
	try {
		bytes = await readBounded(item.path);
	} catch (err) {
		return {
			item,
			reason: describeReadError(err)
		};
	}
	const sha256 = createHash("sha256").update(bytes).digest("hex");
	try {
		const image = item.face ? await preprocessFace(bytes, item.face.keypoints, sidecar.preprocessing) : await preprocessImage(bytes, sidecar.preprocessing);
		return {
			item,
			sha256,
			sizeBytes: bytes.length,
			image
		};
	} catch (err) {
		return {
			item,
			sha256,
			sizeBytes: bytes.length,
			reason: describeReadError(err)
		};
	}
}
function stackLoaded(loaded, size) {
	const good = loaded.filter((l) => l.image);
	const plane = 3 * size * size;
	const pixels = new Float32Array(good.length * plane);
	good.forEach((g, b) => pixels.set(g.image.tensor, b * plane));
	return {
		items: loaded.map((l) => ({
			key: l.item.key,
			ok: l.image !== void 0,
			...l.sha256 !== void 0 ? {
				sha256: l.sha256,
				sizeBytes: l.sizeBytes
			} : {},
			...l.reason !== void 0 ? { reason: l.reason } : {}
		})),
		pixels
	};
}
/** Reads, hashes and decodes a batch concurrently (sharp on the libuv pool) and stacks the good images. */
async function decodeBatch(items, sidecar) {
	const started = performance.now();
	return {
		...stackLoaded(await Promise.all(items.map((item) => loadImage(item, sidecar))), sidecar.preprocessing.crop),
		decodeMs: performance.now() - started
	};
}
/** The outputs BatchRunner.score fetches (also what bench:inference times as pure inference). */
function scoreFetches(sidecar) {
	return requiredOutputs(sidecar);
}
var BatchRunner = class {
	session;
	sidecar;
	appearance;
	keepPooled;
	routing;
	n;
	e;
	s;
	/**
	* appearance: the appearance network when the sidecar's domain statistics have that view or `keepPooled` asks
	* for its raw features (what `uad domain-stats` fits the view on).
	*/
	constructor(session, sidecar, appearance = null, keepPooled = false) {
		this.session = session;
		this.sidecar = sidecar;
		this.appearance = appearance;
		this.keepPooled = keepPooled;
		this.routing = routingOutputNames(sidecar);
		this.n = sidecar.architecture.tokens;
		this.e = sidecar.moe?.experts ?? 0;
		this.s = sidecar.moe?.slots ?? 0;
		const spec = sidecar.domain?.appearance;
		if (spec && appearance?.network && appearance.network.sha256 !== spec.network.sha256) this.appearance = { problem: `the appearance network (${appearance.network.modelPath}) is not the one the domain statistics were fitted with (sha256 ${spec.network.sha256.slice(0, 12)}…)` };
	}
	/** Pooled appearance features [g, D] of the stacked inputs, when the network is open. */
	async pooled(pixels, g) {
		if (!this.appearance?.network) return void 0;
		return this.appearance.network.pooled(pixels, g, this.sidecar.preprocessing.crop, this.sidecar.preprocessing);
	}
	/** The domain verdict of one sample from its embedding, input statistics and pooled appearance row b. */
	verdict(embedding, inputStats, pooled, b) {
		const spec = this.sidecar.domain;
		if (spec?.appearance && !pooled) return {
			known: false,
			reason: this.appearance?.problem ?? "the appearance network is not open"
		};
		const appearance = spec?.appearance && pooled ? appearanceFeatures(appearanceLog(pooled, b * APPEARANCE_NETWORK.dims), spec.appearance) : void 0;
		return domainVerdict(spec, embedding, {
			image: inputStats,
			...appearance ? { appearance } : {}
		});
	}
	/** Runs a decoded, stacked batch (see decodeBatch); returns results in input order. */
	async score(batch) {
		const good = batch.items.filter((item) => item.ok);
		const results = /* @__PURE__ */ new Map();
		let inferMs = 0;
		if (good.length > 0) {
			const size = this.sidecar.preprocessing.crop;
			const fetches = scoreFetches(this.sidecar);
			const io = this.sidecar.io;
			const pixels = inputTensor(batch.pixels, good.length, size, this.sidecar);
			const started = performance.now();
			const out = await this.session.run({ [io.input]: pixels }, fetches);
			inferMs = performance.now() - started;
			const pooled = await this.pooled(batch.pixels, good.length);
			const per = this.n * this.e * this.s;
			good.forEach((g, b) => {
				const expertMassByLayer = this.routing.map((r) => {
					const combine = out[r.combine].data;
					return encodeFloat16(expertMass(combine, this.n, this.e, this.s, b * per));
				});
				const dispatchMassByLayer = this.routing.map((r) => {
					const dispatch = out[r.dispatch].data;
					return encodeFloat16(expertMass(dispatch, this.n, this.e, this.s, b * per));
				});
				const inputStats = imageStats(batch.pixels, size, b * 3 * size * size);
				results.set(g.key, {
					key: g.key,
					ok: true,
					sha256: g.sha256,
					sizeBytes: g.sizeBytes,
					score: attackScoreOf(outputRow(out[io.score.output], b, good.length), io.score),
					logits: Array.from(outputRow(out[io.logits], b, good.length)),
					expertMass: expertMassByLayer,
					dispatchMass: dispatchMassByLayer,
					inputStats,
					...pooled && this.keepPooled ? { appearancePooled: pooled.slice(b * APPEARANCE_NETWORK.dims, (b + 1) * APPEARANCE_NETWORK.dims) } : {},
					...io.embedding ? {
						embedding: encodeFloat16(outputRow(out[io.embedding], b, good.length)),
						domain: this.verdict(outputRow(out[io.embedding], b, good.length), inputStats, pooled, b)
					} : {}
				});
			});
			for (const tensor of Object.values(out)) tensor.dispose?.();
		}
		return {
			items: batch.items.map((l) => results.get(l.key) ?? {
				key: l.key,
				ok: false,
				reason: l.reason ?? "not scored",
				...l.sha256 ? {
					sha256: l.sha256,
					sizeBytes: l.sizeBytes
				} : {}
			}),
			inferMs
		};
	}
	/** Full routing tensors and the model-input image of one sample (recomputed on demand). */
	async detail(path, face) {
		const loaded = await loadImage({
			key: 0,
			path,
			...face ? { face } : {}
		}, this.sidecar);
		if (!loaded.image) throw new ImageDecodeError(loaded.reason ?? "cannot decode image");
		const size = this.sidecar.preprocessing.crop;
		const io = this.sidecar.io;
		const out = await this.session.run({ [io.input]: inputTensor(loaded.image.tensor, 1, size, this.sidecar) }, requiredOutputs(this.sidecar));
		const scoreRow = outputRow(out[io.score.output], 0, 1);
		const inputStats = imageStats(loaded.image.tensor, size);
		const pooled = io.embedding ? await this.pooled(loaded.image.tensor, 1) : void 0;
		return {
			path,
			sha256: loaded.sha256,
			original: loaded.image.original,
			rgb: loaded.image.rgb,
			size,
			score: attackScoreOf(scoreRow, io.score),
			logits: Array.from(outputRow(out[io.logits], 0, 1)),
			probabilities: classProbabilities(scoreRow, io.score),
			embedding: io.embedding ? Float32Array.from(out[io.embedding].data) : /* @__PURE__ */ new Float32Array(0),
			inputStats,
			...io.embedding ? { domain: this.verdict(outputRow(out[io.embedding], 0, 1), inputStats, pooled, 0) } : {},
			layers: this.routing.map((r) => ({
				layer: r.layer,
				dispatch: Float32Array.from(out[r.dispatch].data),
				combine: Float32Array.from(out[r.combine].data)
			})),
			tokens: this.n,
			experts: this.e,
			slots: this.s
		};
	}
	/** Occlusion or perturbation probe of one sample (see probes.ts). */
	async probe(path, face, job, options) {
		const loaded = await loadImage({
			key: 0,
			path,
			...face ? { face } : {}
		}, this.sidecar);
		if (!loaded.image) throw new ImageDecodeError(loaded.reason ?? "cannot decode image");
		return {
			sha256: loaded.sha256,
			result: await runProbe(this.session, this.sidecar, loaded.image, job, options)
		};
	}
};
// electron/inference/decode-threads.ts
/**
* On the CPU provider ORT takes the cores, so one decoder thread feeds it; on a GPU the CPU only decodes, so the
* decoders scale with the cores (one is left to the inference thread and the caller).
*/
function decodeThreadCount(provider, cores = availableParallelism()) {
	return provider === "cpu" ? 1 : Math.max(1, cores - 1);
}
// electron/inference/worker.ts
if (!parentPort) throw new Error("worker.ts must run as a worker thread");
var port = parentPort;
sharp.concurrency(1);
sharp.cache(false);
var decoderData = workerData;
if (decoderData?.role === "decoder") runDecoder(decoderData.sidecar);
else runInference();
/**
* Decoder thread. ORT's session.run is synchronous, so while it runs the inference thread's event loop cannot
* move a decode from one step to the next (read → hash → header → pixels → normalise); here it always can.
*/
function runDecoder(sidecar) {
	port.on("message", (request) => {
		decodeBatch(request.items, sidecar).then((batch) => port.postMessage({
			id: request.id,
			batch
		}, [batch.pixels.buffer]), (err) => port.postMessage({
			id: request.id,
			error: err instanceof Error ? err.message : String(err)
		}));
	});
}
/** Spawns this file again as a decoder thread (through tsx's loader when running from source). */
function spawnDecoder(sidecar) {
	const data = {
		role: "decoder",
		sidecar
	};
	return spawnModuleWorker(new URL(import.meta.url), { workerData: data });
}
/**
* Decodes batches on the decoder thread; should that thread fail, the batches it held (and all later ones)
* are decoded on this thread instead, so a run never fails for it.
*/
var Decoder = class {
	sidecar;
	worker;
	/** Batches sent to the decoder thread, each with its items (decoded here instead should the thread fail). */
	pending = new PendingRequests();
	constructor(sidecar) {
		this.sidecar = sidecar;
		try {
			this.worker = spawnDecoder(sidecar);
		} catch {
			this.worker = null;
			return;
		}
		this.worker.on("message", (reply) => {
			const waiter = this.pending.take(reply.id);
			if (!waiter) return;
			if ("batch" in reply) waiter.resolve(reply.batch);
			else waiter.resolve(this.local(waiter.context));
		});
		this.worker.on("error", () => this.fallBack());
		this.worker.on("exit", () => this.fallBack());
	}
	local(items) {
		return decodeBatch(items, this.sidecar);
	}
	fallBack() {
		this.worker = null;
		for (const waiter of this.pending.takeAll()) waiter.resolve(this.local(waiter.context));
	}
	decode(items) {
		if (!this.worker) return this.local(items);
		const worker = this.worker;
		return this.pending.open((id) => worker.postMessage({
			id,
			items
		}), items);
	}
	async close() {
		const worker = this.worker;
		this.worker = null;
		if (worker) {
			worker.removeAllListeners("exit");
			await worker.terminate();
		}
	}
};
/** Several decoder threads, batches handed out in turn (a GPU leaves the CPU cores to decoding). */
var DecoderPool = class {
	next = 0;
	decoders;
	constructor(sidecar, threads) {
		this.decoders = Array.from({ length: Math.max(1, threads) }, () => new Decoder(sidecar));
	}
	get size() {
		return this.decoders.length;
	}
	decode(items) {
		const decoder = this.decoders[this.next];
		this.next = (this.next + 1) % this.decoders.length;
		return decoder.decode(items);
	}
	async close() {
		await Promise.all(this.decoders.map((d) => d.close()));
	}
};
/**
* The appearance network, when the sidecar's domain statistics use it or the caller keeps its features; a
* network that cannot be opened makes the domain unknown (or, when its features were asked for, fails the load).
*/
async function openAppearance(request) {
	if (!request.sidecar.domain?.appearance && !request.keepAppearance) return null;
	try {
		return { network: await AppearanceNetwork.open(request.providers, request.intraOpThreads) };
	} catch (err) {
		if (request.keepAppearance) throw err;
		return { problem: `the appearance network cannot be opened: ${err instanceof Error ? err.message : String(err)}` };
	}
}
function runInference() {
	let runner = null;
	let decoder = null;
	let close = null;
	/** Inference runs strictly in request order; decoding does not wait for it. */
	let inferenceChain = Promise.resolve();
	const reply = (message, transfer = []) => {
		port.postMessage(message, transfer);
	};
	const failWith = (id, err) => {
		reply({
			type: "error",
			id,
			message: err instanceof Error ? err.message : String(err)
		});
	};
	port.on("message", (request) => {
		switch (request.type) {
			case "load":
				openSession(request.onnxPath, request.providers, request.intraOpThreads).then(async (opened) => {
					const appearance = await openAppearance(request);
					runner = new BatchRunner(opened.session, request.sidecar, appearance, request.keepAppearance === true);
					const previous = decoder;
					decoder = new DecoderPool(request.sidecar, request.decodeThreads ?? decodeThreadCount(opened.provider));
					close = async () => {
						await decoder?.close();
						await opened.session.release();
						await appearance?.network?.close();
					};
					previous?.close();
					reply({
						type: "loaded",
						id: request.id,
						provider: opened.provider,
						attempts: opened.attempts,
						inputNames: [...opened.session.inputNames],
						outputNames: [...opened.session.outputNames],
						decodeThreads: decoder.size
					});
				}, (err) => failWith(request.id, err));
				return;
			case "score": {
				if (!runner || !decoder) {
					failWith(request.id, /* @__PURE__ */ new Error("no model loaded"));
					return;
				}
				const activeRunner = runner;
				const decoding = decoder.decode(request.items);
				inferenceChain = inferenceChain.then(async () => {
					try {
						const batch = await decoding;
						const { items, inferMs } = await activeRunner.score(batch);
						reply({
							type: "scored",
							id: request.id,
							items,
							decodeMs: batch.decodeMs,
							inferMs
						});
					} catch (err) {
						failWith(request.id, err);
					}
				});
				return;
			}
			case "detail": {
				if (!runner) {
					failWith(request.id, /* @__PURE__ */ new Error("no model loaded"));
					return;
				}
				const activeRunner = runner;
				inferenceChain = inferenceChain.then(async () => {
					try {
						const detail = await activeRunner.detail(request.path, request.face);
						reply({
							type: "detail",
							id: request.id,
							detail
						});
					} catch (err) {
						failWith(request.id, err);
					}
				});
				return;
			}
			case "probe": {
				if (!runner) {
					failWith(request.id, /* @__PURE__ */ new Error("no model loaded"));
					return;
				}
				const activeRunner = runner;
				inferenceChain = inferenceChain.then(async () => {
					try {
						const { sha256, result } = await activeRunner.probe(request.path, request.face, request.job, {
							cancelled: () => flagIsSet(request.cancel),
							onProgress: (done, total) => reply({
								type: "progress",
								id: request.id,
								done,
								total
							})
						});
						reply({
							type: "probed",
							id: request.id,
							sha256,
							result
						});
					} catch (err) {
						failWith(request.id, err);
					}
				});
				return;
			}
			case "close":
				inferenceChain = inferenceChain.then(async () => {
					await close?.();
					runner = null;
					decoder = null;
					reply({
						type: "closed",
						id: request.id
					});
				});
				return;
		}
	});
}
export {};
