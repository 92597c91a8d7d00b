import { i as minClassMahalanobis, r as domainVerdict, t as IMAGE_STAT_FEATURES } from "./image-stats.js";
import { t as decodeFloat16 } from "./float16.js";
import { t as openDataset } from "./open-dataset.js";
import { t as InferenceEngine } from "./engine.js";
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
// common/faces/domain-fit.ts
/** Gauss-Jordan inverse with partial pivoting of a row-major d × d matrix. */
function invertMatrix(m, d) {
	const a = Float64Array.from(m);
	const inv = new Float64Array(d * d);
	for (let i = 0; i < d; i++) inv[i * d + i] = 1;
	for (let col = 0; col < d; col++) {
		let pivot = col;
		for (let r = col + 1; r < d; r++) if (Math.abs(a[r * d + col]) > Math.abs(a[pivot * d + col])) pivot = r;
		const p = a[pivot * d + col];
		if (Math.abs(p) < 1e-300) throw new Error("matrix is singular");
		if (pivot !== col) for (let k = 0; k < d; k++) {
			[a[col * d + k], a[pivot * d + k]] = [a[pivot * d + k], a[col * d + k]];
			[inv[col * d + k], inv[pivot * d + k]] = [inv[pivot * d + k], inv[col * d + k]];
		}
		for (let k = 0; k < d; k++) {
			a[col * d + k] /= p;
			inv[col * d + k] /= p;
		}
		for (let r = 0; r < d; r++) {
			if (r === col) continue;
			const f = a[r * d + col];
			if (f === 0) continue;
			for (let k = 0; k < d; k++) {
				a[r * d + k] -= f * a[col * d + k];
				inv[r * d + k] -= f * inv[col * d + k];
			}
		}
	}
	return inv;
}
/** Linear-interpolated percentile (0–100) of values, as numpy's default. */
function percentile(values, p) {
	if (values.length === 0) throw new Error("percentile of no values");
	const sorted = [...values].sort((x, y) => x - y);
	const pos = p / 100 * (sorted.length - 1);
	const lo = Math.floor(pos), hi = Math.ceil(pos);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
/**
* Pooled within-class covariance of centred rows (each row minus its class mean), shrunk by the Ledoit-Wolf
* α = min(1, Σ_k ‖x_k x_kᵀ − S‖²_F / (n² ‖S − F‖²_F)).
*/
function ledoitWolf(centred, d) {
	const n = centred.length;
	if (n < 2) throw new Error("covariance needs at least two samples");
	const s = new Float64Array(d * d);
	for (const x of centred) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s[i * d + j] += x[i] * x[j] / n;
	let mu = 0;
	for (let i = 0; i < d; i++) mu += s[i * d + i] / d;
	let delta = 0;
	for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) delta += (s[i * d + j] - (i === j ? mu : 0)) ** 2;
	let beta = 0;
	for (const x of centred) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) beta += (x[i] * x[j] - s[i * d + j]) ** 2;
	beta /= n * n;
	const alpha = delta > 0 ? Math.min(1, beta / delta) : 1;
	const covariance = new Float64Array(d * d);
	for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) covariance[i * d + j] = (1 - alpha) * s[i * d + j] + (i === j ? alpha * mu : 0);
	return {
		covariance,
		shrinkage: alpha
	};
}
/** Means and shrunk precision from labelled training embeddings; threshold at `pct` of the reference distances. */
function fitDomain(train, reference, classNames, pct) {
	const d = train[0]?.embedding.length ?? 0;
	if (d === 0) throw new Error("no training embeddings");
	const classes = classNames.map((name, c) => {
		const rows = train.filter((t) => t.label === c);
		if (rows.length === 0) throw new Error(`no training samples of class ${name}`);
		const mean = new Array(d).fill(0);
		for (const r of rows) for (let i = 0; i < d; i++) mean[i] += r.embedding[i] / rows.length;
		return {
			name,
			mean
		};
	});
	const { covariance, shrinkage } = ledoitWolf(train.map((t) => Array.from({ length: d }, (_, i) => t.embedding[i] - classes[t.label].mean[i])), d);
	const precision = Array.from(invertMatrix(covariance, d));
	const referenceDistances = reference.map((x) => minClassMahalanobis(x, classes.map((c) => c.mean), precision));
	return {
		classes,
		precision,
		shrinkage,
		threshold: percentile(referenceDistances, pct),
		referenceDistances
	};
}
// electron/cli/domain-stats-command.ts
var USAGE = "usage: uad domain-stats --model <model.onnx> --train <list|folder|csv> --reference <list|folder|csv> [--check <list>] [--image-root DIR] [--percentile 99] [--image-percentile P] [--write] [--json]\n\n--image-percentile sets the threshold percentile of the input-statistics view (default: --percentile).\n--write puts the `domain` block into the model.json sidecar (the .onnx is not touched).\nexit status: 0 done, 1 unreadable data or model, 2 bad usage";
async function embed(engine, input, imageRoot) {
	const listing = await openDataset(input, imageRoot ? { imageRoot } : {});
	if (!listing.ok) throw new Error(listing.error.message);
	const samples = listing.value.samples.filter((s) => s.status === "ok");
	const out = [];
	for (let i = 0; i < samples.length; i += 32) {
		const chunk = samples.slice(i, i + 32);
		const result = await engine.score(chunk.map((s, k) => ({
			key: i + k,
			path: `${listing.value.root}/${s.path}`
		})));
		for (const item of result.items) if (item.ok && item.embedding && item.inputStats) out.push({
			embedding: decodeFloat16(item.embedding),
			stats: item.inputStats,
			label: samples[item.key].label
		});
	}
	if (out.length === 0) throw new Error(`no sample of ${input} could be embedded`);
	return out;
}
async function runDomainStatsCommand(argv) {
	let values;
	try {
		({values} = parseArgs({
			args: argv,
			options: {
				model: { type: "string" },
				train: { type: "string" },
				reference: { type: "string" },
				check: { type: "string" },
				"image-root": { type: "string" },
				percentile: { type: "string" },
				"image-percentile": { type: "string" },
				write: { type: "boolean" },
				json: { type: "boolean" },
				help: {
					type: "boolean",
					short: "h"
				}
			}
		}));
	} catch (err) {
		console.error(`uad domain-stats: ${err.message}\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	if (!values.model || !values.train || !values.reference) {
		console.error(`uad domain-stats: need --model, --train and --reference\n${USAGE}`);
		return 2;
	}
	const pct = values.percentile === void 0 ? 99 : Number(values.percentile);
	const imagePct = values["image-percentile"] === void 0 ? pct : Number(values["image-percentile"]);
	if (!(pct > 0 && pct <= 100) || !(imagePct > 0 && imagePct <= 100)) {
		console.error("uad domain-stats: --percentile and --image-percentile must be in (0, 100]");
		return 2;
	}
	let engine;
	try {
		engine = await InferenceEngine.start({
			modelPath: values.model,
			provider: "cpu"
		});
	} catch (err) {
		console.error(`uad domain-stats: cannot load the model: ${err.message}`);
		return 1;
	}
	try {
		const root = values["image-root"];
		const train = await embed(engine, values.train, root);
		const reference = await embed(engine, values.reference, root);
		const classNames = ["bona fide", "attack"];
		const fit = fitDomain(train, reference.map((r) => r.embedding), classNames, pct);
		const imageFit = fitDomain(train.map((t) => ({
			embedding: t.stats,
			label: t.label
		})), reference.map((r) => r.stats), classNames, imagePct);
		const round = (v) => +v.toPrecision(7);
		const describe = (input, n, split) => ({
			split,
			count: n,
			data: input.split(/[\\/]/).pop()
		});
		const domain = {
			output: "embedding",
			dims: train[0].embedding.length,
			method: "mahalanobis-min-class",
			classes: fit.classes.map((c) => ({
				name: c.name,
				mean: c.mean.map((v) => +v.toPrecision(7))
			})),
			precision: fit.precision.map((v) => +v.toPrecision(7)),
			shrinkage: +fit.shrinkage.toPrecision(6),
			threshold: +fit.threshold.toPrecision(6),
			percentile: pct,
			reference: describe(values.reference, reference.length, "dev"),
			fitted_on: describe(values.train, train.length, "train"),
			image: {
				features: [...IMAGE_STAT_FEATURES],
				method: "mahalanobis-min-class",
				classes: imageFit.classes.map((c) => ({
					name: c.name,
					mean: c.mean.map(round)
				})),
				precision: imageFit.precision.map(round),
				shrinkage: +imageFit.shrinkage.toPrecision(6),
				threshold: +imageFit.threshold.toPrecision(6),
				percentile: imagePct
			}
		};
		const report = {
			model: engine.sidecar.name,
			train: train.length,
			reference: reference.length,
			shrinkage: domain.shrinkage,
			threshold: domain.threshold,
			percentile: pct,
			image_shrinkage: domain.image.shrinkage,
			image_threshold: domain.image.threshold,
			image_percentile: imagePct
		};
		if (values.check) {
			const check = await embed(engine, values.check, root);
			const inside = check.filter((c) => {
				const v = domainVerdict(domain, c.embedding, c.stats);
				return v.known && v.inDomain;
			}).length;
			const embeddingOnly = check.filter((c) => {
				const v = domainVerdict({
					...domain,
					image: void 0
				}, c.embedding);
				return v.known && v.inDomain;
			}).length;
			report.check = {
				data: values.check,
				count: check.length,
				in_domain: inside,
				share_in_domain: inside / check.length,
				in_domain_by_embedding: embeddingOnly
			};
		}
		if (values.write) {
			const sidecarPath = engine.model.sidecarPath;
			const json = JSON.parse(await readFile(sidecarPath, "utf8"));
			json.domain = domain;
			if (typeof json.metadata_props_note === "string" && !json.metadata_props_note.includes("domain")) json.metadata_props_note += "; the domain block is added afterwards by uad domain-stats (not in the ONNX metadata)";
			await writeFile(sidecarPath, JSON.stringify(json, null, 1) + "\n");
			report.written = sidecarPath;
		}
		console.log(values.json ? JSON.stringify(report) : Object.entries(report).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`).join("\n"));
		return 0;
	} catch (err) {
		console.error(`uad domain-stats: ${err.message}`);
		return 1;
	} finally {
		await engine.close();
	}
}
export { runDomainStatsCommand };
