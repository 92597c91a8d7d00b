import { c as appearanceFeatureNames, d as fitAppearanceBasis, i as minClassMahalanobis, l as appearanceFeatures, o as appearanceFileSha256, r as domainVerdict, s as APPEARANCE_NETWORK, t as IMAGE_STAT_FEATURES, u as appearanceLog } from "./image-stats.js";
import { t as decodeFloat16 } from "./float16.js";
import { t as openDataset } from "./open-dataset.js";
import { t as InferenceEngine } from "./engine.js";
import { randomUUID } from "node:crypto";
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
/**
* Means and shrunk precision from labelled training embeddings; threshold at `pct` of the reference distances.
* digits: round the means and the precision to that many significant digits first, so that the reference
* distances and the threshold are those of the numbers a sidecar stores.
*/
function fitDomain(train, reference, classNames, pct, digits) {
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
	let precision = Array.from(invertMatrix(covariance, d));
	if (digits !== void 0) {
		const round = (v) => +v.toPrecision(digits);
		precision = precision.map(round);
		for (const c of classes) c.mean = c.mean.map(round);
	}
	const referenceDistances = reference.map((x) => minClassMahalanobis(x, classes.map((c) => c.mean), precision));
	return {
		classes,
		precision,
		shrinkage,
		threshold: percentile(referenceDistances, pct),
		referenceDistances
	};
}
/**
* One percentile for a check of several views: with each view's threshold t_v at `pct` of its own reference
* distances, the factor T such that `pct` of the reference rows have max_v D_v / t_v ≤ T. Scaling every t_v by
* T leaves exactly that share of the reference inside the whole check. distances: [view][row].
*/
function jointThresholdScale(distances, thresholds, pct) {
	const rows = distances[0]?.length ?? 0;
	if (rows === 0 || distances.length !== thresholds.length || distances.some((d) => d.length !== rows)) throw new Error("joint threshold: one row of distances per view and sample");
	return percentile(Array.from({ length: rows }, (_, i) => Math.max(...distances.map((d, v) => d[i] / thresholds[v]))), pct);
}
/** v rounded up to `digits` significant digits (a stored threshold never drops a sample it was set to keep). */
function ceilSignificant(v, digits) {
	if (!(v > 0) || !Number.isFinite(v)) return v;
	const scale = 10 ** (digits - 1 - Math.floor(Math.log10(v)));
	let up = +(Math.ceil(v * scale) / scale).toPrecision(digits);
	while (up < v) up = +((Math.round(up * scale) + 1) / scale).toPrecision(digits);
	return up;
}
// electron/cli/domain-stats-command.ts
var USAGE = "usage: uad domain-stats --model <model.onnx> --train <list|folder|csv> --reference <list|folder|csv> [--check <list>] [--image-root DIR] [--percentile 99] [--appearance-dims 64] [--write] [--json]\n\n--percentile: share of the reference samples inside the whole check (every view within its threshold).\n--appearance-dims: principal axes of the appearance view (0: no appearance view).\n--write puts the `domain` block into the model.json sidecar (the .onnx is not touched).\nexit status: 0 done, 1 unreadable data or model, 2 bad usage";
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
			label: samples[item.key].label,
			...item.appearancePooled ? { pooled: item.appearancePooled } : {}
		});
	}
	if (out.length === 0) throw new Error(`no sample of ${input} could be embedded`);
	return out;
}
var CLASS_NAMES = ["bona fide", "attack"];
/** Significant digits of the stored means and precisions (the fit computes its distances with the rounded numbers). */
var DIGITS = 7;
/** One view's statistics as the sidecar stores them (threshold scaled by the joint factor afterwards). */
function storedView(fit, features, pct) {
	return {
		features,
		method: "mahalanobis-min-class",
		classes: fit.classes,
		precision: fit.precision,
		shrinkage: +fit.shrinkage.toPrecision(6),
		threshold: fit.threshold,
		percentile: pct
	};
}
/** The `domain` block from the embedded training and reference samples (see the header). */
function fitAll(train, reference, pct, k, networkSha256, data) {
	const fit = fitDomain(train, reference.map((r) => r.embedding), CLASS_NAMES, pct, DIGITS);
	const imageFit = fitDomain(train.map((t) => ({
		embedding: t.stats,
		label: t.label
	})), reference.map((r) => r.stats), CLASS_NAMES, pct, DIGITS);
	const views = [{ fit }, { fit: imageFit }];
	let appearance;
	if (networkSha256 && k > 0) {
		const basis = fitAppearanceBasis(train.map((t) => appearanceLog(t.pooled)), k);
		const features = (rows) => rows.map((r) => appearanceFeatures(appearanceLog(r.pooled), basis));
		const appearanceFit = fitDomain(features(train).map((f, i) => ({
			embedding: f,
			label: train[i].label
		})), features(reference), CLASS_NAMES, pct, DIGITS);
		views.push({ fit: appearanceFit });
		appearance = {
			...storedView(appearanceFit, appearanceFeatureNames(k), pct),
			network: {
				file: APPEARANCE_NETWORK.file,
				sha256: networkSha256,
				input: APPEARANCE_NETWORK.input,
				output: APPEARANCE_NETWORK.output,
				side: APPEARANCE_NETWORK.side
			},
			center: basis.center,
			basis: basis.basis
		};
	}
	const joint = jointThresholdScale(views.map((v) => v.fit.referenceDistances), views.map((v) => v.fit.threshold), pct);
	const scaled = (t) => ceilSignificant(t * joint, 6);
	const image = storedView(imageFit, [...IMAGE_STAT_FEATURES], pct);
	return {
		domain: {
			output: "embedding",
			dims: train[0].embedding.length,
			method: "mahalanobis-min-class",
			classes: fit.classes,
			precision: fit.precision,
			shrinkage: +fit.shrinkage.toPrecision(6),
			threshold: scaled(fit.threshold),
			percentile: pct,
			reference: {
				split: "dev",
				count: reference.length,
				data: data.reference
			},
			fitted_on: {
				split: "train",
				count: train.length,
				data: data.train
			},
			image: {
				...image,
				threshold: scaled(imageFit.threshold)
			},
			...appearance ? { appearance: {
				...appearance,
				threshold: scaled(appearance.threshold)
			} } : {}
		},
		joint
	};
}
/** Shares of a checked list inside the whole check and inside each view alone. */
function checkReport(domain, check) {
	const inside = (spec, views) => check.filter((c) => {
		const v = domainVerdict(spec, c.embedding, views(c));
		return v.known && v.inDomain;
	}).length;
	const all = inside(domain, (c) => ({
		image: c.stats,
		...domain.appearance && c.pooled ? { appearance: appearanceFeatures(appearanceLog(c.pooled), domain.appearance) } : {}
	}));
	const report = {
		count: check.length,
		in_domain: all,
		share_in_domain: all / check.length
	};
	report.in_domain_by_embedding = inside({
		...domain,
		image: void 0,
		appearance: void 0
	}, () => ({}));
	return report;
}
/** The sidecar as text: indented JSON with every list of numbers on one line (the domain block holds ~10⁵ of them). */
function sidecarText(json) {
	const lists = [];
	const mark = `@numbers-${randomUUID()}-`;
	return JSON.stringify(json, (_key, value) => {
		if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "number")) {
			lists.push(JSON.stringify(value));
			return `${mark}${lists.length - 1}`;
		}
		return value;
	}, 1).replace(new RegExp(`"${mark}(\\d+)"`, "g"), (_, i) => lists[Number(i)]) + "\n";
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
				"appearance-dims": { type: "string" },
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
	if (!(pct > 0 && pct <= 100)) {
		console.error("uad domain-stats: --percentile must be in (0, 100]");
		return 2;
	}
	const k = values["appearance-dims"] === void 0 ? 64 : Number(values["appearance-dims"]);
	if (!Number.isInteger(k) || k < 0 || k >= APPEARANCE_NETWORK.dims) {
		console.error(`uad domain-stats: --appearance-dims must be an integer in [0, ${APPEARANCE_NETWORK.dims - 1}]`);
		return 2;
	}
	let engine;
	try {
		engine = await InferenceEngine.start({
			modelPath: values.model,
			provider: "cpu",
			keepAppearance: k > 0
		});
	} catch (err) {
		console.error(`uad domain-stats: cannot load the model: ${err.message}`);
		return 1;
	}
	try {
		const networkSha256 = k > 0 ? await appearanceFileSha256() : void 0;
		const root = values["image-root"];
		const train = await embed(engine, values.train, root);
		const reference = await embed(engine, values.reference, root);
		const name = (input) => input.split(/[\\/]/).pop();
		const { domain, joint } = fitAll(train, reference, pct, k, networkSha256, {
			train: name(values.train),
			reference: name(values.reference)
		});
		const report = {
			model: engine.sidecar.name,
			train: train.length,
			reference: reference.length,
			percentile: pct,
			joint_scale: +joint.toPrecision(6),
			threshold: domain.threshold,
			shrinkage: domain.shrinkage,
			image_threshold: domain.image.threshold,
			image_shrinkage: domain.image.shrinkage,
			...domain.appearance ? {
				appearance_dims: k,
				appearance_threshold: domain.appearance.threshold,
				appearance_shrinkage: domain.appearance.shrinkage
			} : {}
		};
		if (values.check) report.check = {
			data: values.check,
			...checkReport(domain, await embed(engine, values.check, root))
		};
		if (values.write) {
			const sidecarPath = engine.model.sidecarPath;
			const json = JSON.parse(await readFile(sidecarPath, "utf8"));
			json.domain = domain;
			if (typeof json.metadata_props_note === "string" && !json.metadata_props_note.includes("domain")) json.metadata_props_note += "; the domain block is added afterwards by uad domain-stats (not in the ONNX metadata)";
			await writeFile(sidecarPath, sidecarText(json));
			report.written = sidecarPath;
		}
		console.log(values.json ? JSON.stringify(report) : Object.entries(report).map(([key, v]) => `${key}: ${typeof v === "object" ? JSON.stringify(v) : String(v)}`).join("\n"));
		return 0;
	} catch (err) {
		console.error(`uad domain-stats: ${err.message}`);
		return 1;
	} finally {
		await engine.close();
	}
}
export { runDomainStatsCommand };
