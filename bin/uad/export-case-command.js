import { _ as LIMITATIONS, a as ensureSigningKey, b as MANIFEST_SIG, g as CASE_JSON, h as CASE_FORMAT, i as KeystoreError, m as signManifest, r as buildZip, t as DEFAULT_ZIP_LIMITS, v as MANIFEST_HASH, x as REPORT_HTML, y as MANIFEST_JSON } from "./zip-reader.js";
import { n as decisionOf, t as DECISION_RULE } from "./decision.js";
import { i as meanImageTokenMass, n as dominantImageExpert, t as dominantExperts } from "./expert-mass.js";
import { a as custodyEntries, c as unpackRoutingRow, r as listRuns, s as connectionOf, t as Workspace } from "./workspace.js";
import { n as sha256File } from "./model-files.js";
import { t as runtimeVersions } from "./versions.js";
import { a as viridis, c as validateCaseJson, d as latestAnnotations, f as event, h as objectOf, i as expertColour, l as annotationsOf, m as noPayload, o as buildManifest, p as method, r as renderReportHtml, s as sha256Hex, u as bookmarkedSampleIds } from "./import-case.js";
import { i as parseSidecar } from "./sidecar.js";
import { l as occlusionDeltas, o as flipStrength } from "./perturb.js";
import { i as preprocessImage } from "./preprocess.js";
import "./engine.js";
import path from "node:path";
import sharp from "sharp";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
// electron/workspace/models.ts
/** The registered model, or null when this workspace does not know it. Throws on an unreadable stored sidecar. */
function modelRecord(workspace, sha256) {
	const row = connectionOf(workspace).get("SELECT sha256, name, onnx_path, sidecar_json, registered_at FROM models WHERE sha256 = ?", [sha256]);
	if (!row) return null;
	return {
		sha256: row.sha256,
		name: row.name,
		onnxPath: row.onnx_path,
		sidecar: parseSidecar(JSON.parse(row.sidecar_json)),
		sidecarJson: row.sidecar_json,
		registeredAt: row.registered_at
	};
}
// electron/workspace/predictions.ts
function numbers(text) {
	try {
		const parsed = JSON.parse(text);
		return Array.isArray(parsed) && parsed.every((v) => typeof v === "number") ? parsed : null;
	} catch {
		return null;
	}
}
/** The sample's prediction by the model, or null when it has none. */
function predictionOf(workspace, sampleId, modelSha256) {
	const row = connectionOf(workspace).get("SELECT score, logits, run_id, scored_at, sample_sha256, domain_distance, in_domain FROM predictions WHERE sample_id = ? AND model_sha256 = ?", [sampleId, modelSha256]);
	return row ? {
		score: row.score,
		logits: numbers(row.logits),
		runId: row.run_id,
		scoredAt: row.scored_at,
		sampleSha256: row.sample_sha256,
		domainDistance: row.domain_distance,
		inDomain: row.in_domain === null ? null : row.in_domain === 1
	} : null;
}
var routingFromRow = (r) => ({
	layer: r.layer,
	tokens: r.tokens,
	experts: r.experts,
	expertMassF16: r.expert_mass_f16,
	dispatchMassF16: r.dispatch_mass_f16
});
/** The routing summaries stored for one sample under one model, in layer order. */
function routingOf(workspace, sampleId, modelSha256) {
	return connectionOf(workspace).all("SELECT layer, tokens, experts, expert_mass_f16, dispatch_mass_f16 FROM routing_summaries WHERE sample_id = ? AND model_sha256 = ? ORDER BY layer", [sampleId, modelSha256]).map(routingFromRow);
}
// electron/workspace/samples.ts
var COLUMNS$1 = "id, dataset_id, path, abs_path, sha256, size_bytes, label, category, species, split, identity, file_status, file_path, face_index, face_box, face_keypoints, face_confidence";
function json(text) {
	if (text === null) return null;
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}
function fromRow$2(r) {
	return {
		id: r.id,
		datasetId: r.dataset_id,
		path: r.path,
		absPath: r.abs_path,
		sha256: r.sha256,
		sizeBytes: r.size_bytes,
		label: r.label,
		category: r.category,
		species: r.species,
		split: r.split,
		identity: r.identity,
		fileStatus: r.file_status,
		face: r.face_index === null ? null : {
			index: r.face_index,
			box: json(r.face_box),
			keypoints: json(r.face_keypoints),
			confidence: r.face_confidence,
			filePath: r.file_path
		}
	};
}
/** One sample, or null when it is not in this workspace. */
function sampleRecord(workspace, sampleId) {
	const row = connectionOf(workspace).get(`SELECT ${COLUMNS$1} FROM samples WHERE id = ?`, [sampleId]);
	return row ? fromRow$2(row) : null;
}
// electron/workspace/thresholds.ts
var COLUMNS = "id, model_sha256, value, criterion, split, data_hash, provenance, created_at";
function fromRow$1(row) {
	let provenance = {};
	try {
		const parsed = JSON.parse(row.provenance);
		if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) provenance = parsed;
	} catch {}
	return {
		id: row.id,
		modelSha256: row.model_sha256,
		value: row.value,
		criterion: row.criterion,
		split: row.split,
		dataHash: row.data_hash,
		provenance,
		createdAt: row.created_at
	};
}
/** Saved thresholds, newest first; only those of `modelSha256` when given. */
function listThresholds(workspace, modelSha256) {
	const sql = connectionOf(workspace);
	return (modelSha256 === void 0 ? sql.all(`SELECT ${COLUMNS} FROM thresholds ORDER BY id DESC`) : sql.all(`SELECT ${COLUMNS} FROM thresholds WHERE model_sha256 = ? ORDER BY id DESC`, [modelSha256.toLowerCase()])).map(fromRow$1);
}
/** The newest saved threshold equal to this operating point (for this model or a scores file), if any. */
function matchingThreshold(workspace, modelSha256, criterion, value) {
	const row = connectionOf(workspace).get(`SELECT ${COLUMNS} FROM thresholds WHERE (model_sha256 = ? OR model_sha256 IS NULL) AND criterion = ? AND abs(value - ?) < 1e-12
     ORDER BY id DESC LIMIT 1`, [
		modelSha256,
		criterion,
		value
	]);
	return row ? fromRow$1(row) : null;
}
// electron/cases/case-data.ts
var CaseExportError = class extends Error {
	code;
	constructor(code, message) {
		super(message);
		this.code = code;
		this.name = "CaseExportError";
	}
};
function routingSummary(layer, tokens, experts, mass) {
	const argmax = dominantExperts(mass, tokens, experts);
	const share = new Array(experts).fill(0);
	for (let token = 1; token < tokens; token++) share[argmax[token]] += 1;
	const round = (v) => Math.round(v * 1e6) / 1e6;
	return {
		layer,
		tokens,
		experts,
		meanExpertMass: Array.from(meanImageTokenMass(mass, tokens, experts), round),
		argmaxShare: share.map((count) => round(count / Math.max(1, tokens - 1))),
		dominantExpert: dominantImageExpert(mass, tokens, experts)
	};
}
async function fileIntegrity(row) {
	if (!(await stat(row.absPath).catch(() => null))?.isFile()) {
		if (!row.sha256) throw new CaseExportError("missing-evidence", `Sample ${row.id} (${row.path}) has no recorded hash and its file is missing; score it or restore the file first.`);
		return {
			sha256: row.sha256,
			integrity: "missing",
			warning: `${row.path}: the file is missing now; the case keeps the hash recorded when it was scored.`
		};
	}
	const now = await sha256File(row.absPath);
	if (!row.sha256) return {
		sha256: now,
		integrity: "hashed-at-export"
	};
	if (now === row.sha256) return {
		sha256: row.sha256,
		integrity: "matches"
	};
	return {
		sha256: row.sha256,
		integrity: "changed",
		warning: `${row.path}: the file changed since it was scored; the case keeps the scored file's hash and does not embed it.`
	};
}
function modelIdentity(workspace, modelSha256) {
	const row = modelRecord(workspace, modelSha256);
	if (!row) throw new CaseExportError("no-model", `Model ${modelSha256.slice(0, 12)}… is not registered in this workspace; score with it first.`);
	const sidecar = row.sidecar;
	const moe = sidecar.moe;
	const training = sidecar.training;
	const note = typeof sidecar.metrics_note === "string" ? sidecar.metrics_note : "";
	return {
		sidecar,
		model: {
			name: sidecar.name,
			version: sidecar.version,
			sha256: modelSha256,
			onnxFile: path.basename(row.onnxPath),
			sidecarSha256: createHash("sha256").update(row.sidecarJson).digest("hex"),
			architecture: {
				variant: sidecar.architecture.variant,
				imageSize: sidecar.architecture.image_size,
				patchSize: sidecar.architecture.patch_size,
				grid: sidecar.architecture.grid,
				tokens: sidecar.architecture.tokens
			},
			moe: moe ? {
				layers: moe.layers,
				experts: moe.experts,
				slots: moe.slots,
				weighting: moe.weighting,
				placement: moe.placement
			} : null,
			classes: {
				names: sidecar.classes.names,
				prompts: sidecar.classes.prompts,
				attackIndex: sidecar.classes.attack_index
			},
			score: sidecar.score ?? {},
			trainingNote: [typeof training?.data === "string" ? `Trained on: ${training.data}.` : "", note].filter(Boolean).join(" ")
		}
	};
}
function recordedThreshold(workspace, modelSha256, point) {
	const saved = matchingThreshold(workspace, modelSha256, point.criterion, point.threshold);
	return saved ? {
		id: saved.id,
		createdAt: saved.createdAt,
		provenance: saved.provenance
	} : null;
}
/** Reads everything the case says. Overlay lists and evidence file names are filled in by the exporter. */
async function gatherCase(workspace, options) {
	const { model, sidecar } = modelIdentity(workspace, options.modelSha256);
	const threshold = options.operatingPoint.threshold;
	const warnings = [];
	const samples = [];
	const runIds = /* @__PURE__ */ new Set();
	for (const id of [...new Set(options.sampleIds)].sort((a, b) => a - b)) {
		const row = sampleRecord(workspace, id);
		if (!row) throw new CaseExportError("not-found", `No sample ${id} in this workspace.`);
		const integrity = await fileIntegrity(row);
		if (integrity.warning) warnings.push(integrity.warning);
		const prediction = predictionOf(workspace, id, options.modelSha256);
		if (!prediction) warnings.push(`${row.path}: not scored by ${model.name}; the case lists it without a result.`);
		if (prediction) runIds.add(prediction.runId);
		const mass = routingOf(workspace, id, options.modelSha256).filter((r) => r.experts > 0).flatMap((r) => unpackRoutingRow(r.expertMassF16, r.layer, r.tokens, r.experts, sidecar.moe?.layers ?? []).map(({ layer, mass }) => ({
			layer,
			tokens: r.tokens,
			experts: r.experts,
			values: mass
		})));
		const score = prediction?.score ?? null;
		samples.push({
			absPath: row.absPath,
			mass,
			evidence: {
				sampleId: id,
				path: row.path,
				fileName: path.basename(row.path),
				sha256: integrity.sha256,
				sizeBytes: row.sizeBytes ?? null,
				dataset: {
					label: row.label === 1 ? "attack" : "bona-fide",
					category: row.category,
					species: row.species,
					split: row.split,
					identity: row.identity
				},
				file: null,
				integrityAtExport: integrity.integrity
			},
			result: {
				sampleId: id,
				score,
				decision: decisionOf(score, threshold),
				margin: score === null ? null : score - threshold,
				...row.face && row.face.box && row.face.keypoints ? { face: {
					index: row.face.index,
					box: row.face.box,
					keypoints: row.face.keypoints,
					confidence: row.face.confidence ?? 0
				} } : {},
				...prediction ? { domain: {
					distance: prediction.domainDistance,
					inDomain: prediction.inDomain
				} } : {},
				logits: prediction?.logits ?? null,
				runId: prediction?.runId ?? null,
				scoredAt: prediction?.scoredAt ?? null,
				routing: mass.map((m) => routingSummary(m.layer, m.tokens, m.experts, m.values)),
				overlays: []
			}
		});
	}
	if (samples.length === 0) throw new CaseExportError("empty", "No samples to export: bookmark, annotate or select samples first.");
	const runs = listRuns(workspace, { order: "oldest" }).filter((r) => runIds.has(r.id)).map((r) => ({
		runId: r.id,
		provider: r.provider,
		providerAttempts: r.providerAttempts,
		versions: r.versions,
		startedAt: r.startedAt,
		finishedAt: r.finishedAt,
		status: r.status
	}));
	const chain = workspace.verifyCustody();
	if (!chain.ok) warnings.push(`The workspace custody chain is broken at entry ${chain.seq} (${chain.problem}); the case records this.`);
	const entries = custodyEntries(workspace);
	return {
		caseFile: {
			format: CASE_FORMAT,
			case: {
				...options.header,
				createdAt: (/* @__PURE__ */ new Date()).toISOString(),
				workspace: {
					file: workspace.file,
					schemaVersion: workspace.schemaVersion()
				}
			},
			limitations: [...LIMITATIONS],
			software: {
				exporter: runtimeVersions(),
				runs
			},
			model,
			operatingPoint: {
				threshold,
				rule: DECISION_RULE,
				criterion: options.operatingPoint.criterion,
				split: options.operatingPoint.split ?? "",
				dataHash: options.operatingPoint.dataHash ?? "",
				setAt: options.operatingPoint.at,
				recorded: recordedThreshold(workspace, options.modelSha256, options.operatingPoint)
			},
			evidence: samples.map((s) => s.evidence),
			results: samples.map((s) => s.result),
			annotations: annotationsOf(workspace, samples.map((s) => s.evidence.sampleId)),
			custody: {
				verifiedAtExport: chain.ok,
				head: entries.at(-1)?.hash ?? "0".repeat(64),
				entries
			},
			report: REPORT_HTML
		},
		samples,
		sidecar,
		warnings
	};
}
// electron/workspace/probes.ts
var fromRow = (row) => ({
	kind: row.kind,
	sampleId: row.sample_id,
	modelSha256: row.model_sha256,
	sampleSha256: row.sample_sha256,
	createdAt: row.created_at,
	result: JSON.parse(row.result)
});
/** The probes saved for one sample under one model, in kind order. */
function savedProbes(workspace, sampleId, modelSha256) {
	return connectionOf(workspace).all("SELECT sample_id, model_sha256, kind, sample_sha256, result, created_at FROM probes WHERE sample_id = ? AND model_sha256 = ? ORDER BY kind", [sampleId, modelSha256]).map(fromRow);
}
// common/routing/maps.ts
/** Column `expert` of a [n, e] matrix: [n]. */
function expertColumn(mass, n, e, expert) {
	const out = new Float32Array(n);
	for (let token = 0; token < n; token++) out[token] = mass[token * e + expert];
	return out;
}
/** The patch-grid part of a per-token vector (drops CLS at index 0): [n] → [gh·gw]. */
function patchGrid(values, gh, gw) {
	if (values.length !== gh * gw + 1) throw new Error(`expected ${gh * gw + 1} tokens for a ${gh}×${gw} grid plus CLS, got ${values.length}`);
	const out = new Float32Array(gh * gw);
	for (let i = 0; i < gh * gw; i++) out[i] = values[i + 1];
	return out;
}
/** Min and max of the finite values (0, 0 for none). */
function valueRange(values) {
	let min = Number.POSITIVE_INFINITY;
	let max = Number.NEGATIVE_INFINITY;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (!Number.isFinite(v)) continue;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	return Number.isFinite(min) ? {
		min,
		max
	} : {
		min: 0,
		max: 0
	};
}
// electron/cases/overlays.ts
/** Overlays are drawn at about this many pixels across (an integer multiple of the model input). */
var TARGET_SIZE = 336;
var MAX_EVIDENCE_BYTES_FOR_OVERLAY = 268435456;
var OVERLAY_ALPHA = .55;
/** The image exactly as the model saw it, or null when the file cannot be read (reported by the caller). */
async function modelInputImage(absPath, spec) {
	const info = await stat(absPath).catch(() => null);
	if (!info?.isFile() || info.size > MAX_EVIDENCE_BYTES_FOR_OVERLAY) return null;
	try {
		const image = await preprocessImage(await readFile(absPath), spec);
		return {
			rgb: image.rgb,
			size: image.size
		};
	} catch {
		return null;
	}
}
function scaled(input, size) {
	const factor = Math.max(1, Math.round(TARGET_SIZE / size));
	const side = size * factor;
	const rgb = new Uint8Array(side * side * 3);
	if (!input) return {
		rgb: rgb.fill(96),
		side
	};
	for (let y = 0; y < side; y++) {
		const sy = Math.floor(y / factor);
		for (let x = 0; x < side; x++) {
			const source = (sy * size + Math.floor(x / factor)) * 3;
			const target = (y * side + x) * 3;
			rgb[target] = input.rgb[source];
			rgb[target + 1] = input.rgb[source + 1];
			rgb[target + 2] = input.rgb[source + 2];
		}
	}
	return {
		rgb,
		side
	};
}
var png = (rgb, side) => sharp(Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), { raw: {
	width: side,
	height: side,
	channels: 3
} }).png({ compressionLevel: 9 }).toBuffer();
/** The model input at overlay scale (nearest-neighbour, so pixels stay honest). */
async function renderModelInput(input, size) {
	const { rgb, side } = scaled(input, size);
	return png(rgb, side);
}
/** Blends one colour per patch cell over the image, with thin darker cell borders. */
async function renderCells(input, size, grid, colourOf) {
	const { rgb, side } = scaled(input, size);
	const [gh, gw] = grid;
	for (let y = 0; y < side; y++) {
		const gy = Math.min(gh - 1, Math.floor(y * gh / side));
		const borderY = Math.floor((y + 1) * gh / side) !== Math.floor(y * gh / side);
		for (let x = 0; x < side; x++) {
			const gx = Math.min(gw - 1, Math.floor(x * gw / side));
			const borderX = Math.floor((x + 1) * gw / side) !== Math.floor(x * gw / side);
			const colour = colourOf(gy * gw + gx);
			const alpha = borderX || borderY ? .85 : OVERLAY_ALPHA;
			const at = (y * side + x) * 3;
			for (let c = 0; c < 3; c++) {
				const tint = borderX || borderY ? colour[c] * .5 : colour[c];
				rgb[at + c] = Math.round(rgb[at + c] * (1 - alpha) + tint * alpha);
			}
		}
	}
	return png(rgb, side);
}
/** Each patch coloured by the expert that carries most of its mass (Okabe–Ito palette, CLS excluded). */
function renderArgmaxExperts(input, size, grid, mass, tokens, experts) {
	const argmax = patchGrid(dominantExperts(mass, tokens, experts), grid[0], grid[1]);
	return renderCells(input, size, grid, (cell) => expertColour(argmax[cell]));
}
/**
* One expert's mass per patch in viridis, stretched over this image's range (a fixed 0–1 scale leaves
* every patch near 1/experts and unreadable); the range is returned so the case states it.
*/
async function renderExpertMass(input, size, grid, mass, tokens, experts, expert) {
	const values = patchGrid(expertColumn(mass, tokens, experts, expert), grid[0], grid[1]);
	const { min, max } = valueRange(values);
	const span = max - min || 1;
	return {
		png: await renderCells(input, size, grid, (cell) => viridis((values[cell] - min) / span)),
		range: [Math.round(min * 1e4) / 1e4, Math.round(max * 1e4) / 1e4]
	};
}
/** Occlusion sensitivity: each cell's score change (base − masked) in viridis over this probe's range. */
async function renderOcclusion(input, size, grid, deltas) {
	const { min, max } = valueRange(deltas);
	const span = max - min || 1;
	return {
		png: await renderCells(input, size, grid, (cell) => viridis((deltas[cell] - min) / span)),
		range: [Math.round(min * 1e4) / 1e4, Math.round(max * 1e4) / 1e4]
	};
}
var escapeXml = (text) => text.replace(/[<>&"']/g, (c) => ({
	"<": "&lt;",
	">": "&gt;",
	"&": "&amp;",
	"\"": "&quot;",
	"'": "&apos;"
})[c]);
/** A small card: the score on a 0–1 bar with the threshold marked, the decision and the margin. */
async function renderScoreCard(facts) {
	const width = 480;
	const height = 160;
	const bar = {
		x: 20,
		y: 84,
		w: 440,
		h: 18
	};
	const at = (v) => bar.x + Math.min(1, Math.max(0, v)) * bar.w;
	const colour = facts.decision === "attack" ? "#c0392b" : facts.decision === "bona-fide" ? "#1e8449" : "#555";
	const decisionText = facts.decision === null ? "not scored" : facts.decision === "attack" ? "attack (score ≥ threshold)" : "bona fide (score < threshold)";
	const margin = facts.score === null ? "" : `margin ${facts.score - facts.threshold >= 0 ? "+" : ""}${(facts.score - facts.threshold).toFixed(4)}`;
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Arial, sans-serif">
  <rect width="${width}" height="${height}" fill="#ffffff" stroke="#999" />
  <text x="20" y="26" font-size="14" fill="#333">${escapeXml(facts.sampleLabel)}</text>
  <text x="20" y="54" font-size="22" font-weight="bold" fill="${colour}">${facts.score === null ? "—" : facts.score.toFixed(4)}  ${escapeXml(decisionText)}</text>
  <rect x="${bar.x}" y="${bar.y}" width="${bar.w}" height="${bar.h}" fill="#e8e8e8" stroke="#888" />
  ${facts.score === null ? "" : `<rect x="${bar.x}" y="${bar.y}" width="${at(facts.score) - bar.x}" height="${bar.h}" fill="${colour}" opacity="0.75" />`}
  <line x1="${at(facts.threshold)}" y1="${bar.y - 6}" x2="${at(facts.threshold)}" y2="${bar.y + bar.h + 6}" stroke="#000" stroke-width="2" />
  <text x="${bar.x}" y="${bar.y + bar.h + 18}" font-size="11" fill="#555">0</text>
  <text x="${bar.x + bar.w - 8}" y="${bar.y + bar.h + 18}" font-size="11" fill="#555">1</text>
  <text x="${Math.min(at(facts.threshold) + 4, 330)}" y="${bar.y - 8}" font-size="11" fill="#000">τ = ${facts.threshold.toFixed(4)} (${escapeXml(facts.criterion)})</text>
  <text x="20" y="148" font-size="12" fill="#333">${escapeXml(facts.modelName)}  ${escapeXml(margin)}  · investigative finding, not proof</text>
</svg>`;
	return sharp(Buffer.from(svg)).png().toBuffer();
}
var LADDER_COLOURS = [
	"#1f77b4",
	"#ff7f0e",
	"#2ca02c",
	"#d62728",
	"#9467bd",
	"#8c564b",
	"#e377c2",
	"#7f7f7f"
];
/** The perturbation probe as a chart: score against strength step per family, τ dashed, flips listed. */
async function renderPerturbationChart(chart) {
	const width = 640;
	const height = 300;
	const plot = {
		x: 48,
		y: 20,
		w: 360,
		h: 230
	};
	const steps = Math.max(1, ...chart.families.map((f) => f.scores.length));
	const px = (step) => plot.x + step / steps * plot.w;
	const py = (score) => plot.y + (1 - Math.min(1, Math.max(0, score))) * plot.h;
	const lines = chart.families.map((f, i) => {
		return `<polyline points="${[chart.baseScore, ...f.scores].map((score, step) => `${px(step).toFixed(1)},${py(score).toFixed(1)}`).join(" ")}" fill="none" stroke="${LADDER_COLOURS[i % LADDER_COLOURS.length]}" stroke-width="2" />`;
	}).join("");
	const legend = chart.families.map((f, i) => {
		const y = plot.y + 14 + i * 22;
		const flip = f.flipsAt === null ? "no flip" : `flips at ${f.flipsAt}`;
		return `<rect x="${plot.x + plot.w + 20}" y="${y - 9}" width="12" height="12" fill="${LADDER_COLOURS[i % LADDER_COLOURS.length]}" />
  <text x="${plot.x + plot.w + 38}" y="${y + 1}" font-size="11" fill="#222">${escapeXml(f.label)}: ${escapeXml(flip)}</text>`;
	}).join("");
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Arial, sans-serif">
  <rect width="${width}" height="${height}" fill="#ffffff" stroke="#999" />
  ${[
		0,
		.25,
		.5,
		.75,
		1
	].map((v) => `<text x="${plot.x - 6}" y="${py(v) + 4}" font-size="10" text-anchor="end" fill="#555">${v}</text>
  <line x1="${plot.x}" y1="${py(v)}" x2="${plot.x + plot.w}" y2="${py(v)}" stroke="#e4e4e4" />`).join("")}
  <rect x="${plot.x}" y="${plot.y}" width="${plot.w}" height="${plot.h}" fill="none" stroke="#888" />
  <line x1="${plot.x}" y1="${py(chart.threshold)}" x2="${plot.x + plot.w}" y2="${py(chart.threshold)}" stroke="#000" stroke-width="1.5" stroke-dasharray="6 4" />
  <text x="${plot.x + plot.w - 4}" y="${py(chart.threshold) - 4}" font-size="11" text-anchor="end" fill="#000">τ = ${chart.threshold.toFixed(4)}</text>
  ${lines}
  <text x="${plot.x + plot.w / 2}" y="286" font-size="11" text-anchor="middle" fill="#333">strength step (0 = unperturbed)</text>
  <text x="14" y="${plot.y + plot.h / 2}" font-size="11" fill="#333" transform="rotate(-90 14 ${plot.y + plot.h / 2})">attack score</text>
  ${legend}
</svg>`;
	return sharp(Buffer.from(svg)).png().toBuffer();
}
// electron/cases/export-case.ts
/** Embedded evidence stays well inside what the verifier accepts (DEFAULT_ZIP_LIMITS). */
var MAX_EMBEDDED_EVIDENCE_BYTES = 805306368;
function newCaseId(now = /* @__PURE__ */ new Date()) {
	return `case-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "").replace("T", "-")}-${randomBytes(3).toString("hex")}`;
}
var safeFileName = (name) => name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "").slice(-100) || "file";
async function resolveOutPath(workspace, caseId, requested) {
	const out = requested ? path.resolve(requested) : path.join(path.dirname(workspace.file), "cases", `${caseId}.zip`);
	if (!out.toLowerCase().endsWith(".zip")) throw new CaseExportError("invalid-argument", `The case file name must end in .zip: ${out}`);
	if (!requested) await mkdir(path.dirname(out), { recursive: true });
	if (!(await stat(path.dirname(out)).catch(() => null))?.isDirectory()) throw new CaseExportError("invalid-argument", `The folder for the case file does not exist: ${path.dirname(out)}`);
	if (await stat(out).catch(() => null)) throw new CaseExportError("exists", `${out} already exists; case files are never overwritten. Choose another name.`);
	return out;
}
/** A saved probe as the case records it; perturbation flips are taken at the case's threshold. */
function caseProbe(probe, threshold) {
	const result = probe.result;
	const common = {
		kind: probe.kind,
		sampleSha256: probe.sampleSha256,
		createdAt: probe.createdAt,
		baseScore: result.baseScore
	};
	if (result.kind === "occlusion") return {
		...common,
		grid: result.grid,
		mask: result.mask,
		scores: result.scores
	};
	return {
		...common,
		families: result.families.map((f) => ({
			...f,
			flipsAt: flipStrength(result.baseScore, f.strengths, f.scores, threshold)
		}))
	};
}
/** Renders one sample's overlays (and those of its saved probes) and records them in its result. */
async function addOverlays(gathered, sample, threshold, criterion, files, probes) {
	const id = sample.evidence.sampleId;
	const folder = `overlays/s${id}`;
	const { sidecar } = gathered;
	const size = sidecar.preprocessing.crop;
	const grid = sidecar.architecture.grid;
	const trusted = sample.evidence.integrityAtExport === "matches" || sample.evidence.integrityAtExport === "hashed-at-export";
	const input = trusted ? await modelInputImage(sample.absPath, sidecar.preprocessing) : null;
	if (trusted && !input) gathered.warnings.push(`${sample.evidence.path}: the image could not be decoded for the overlays; heatmaps are drawn on grey.`);
	const overlays = [];
	const add = (overlay, data) => {
		overlays.push(overlay);
		files.push({
			name: overlay.file,
			data,
			store: true
		});
	};
	add({
		kind: "model-input",
		file: `${folder}/model-input.png`
	}, await renderModelInput(input, size));
	add({
		kind: "score-card",
		file: `${folder}/score-card.png`
	}, await renderScoreCard({
		sampleLabel: `sample ${id} · ${sample.evidence.fileName}`,
		score: sample.result.score,
		threshold,
		decision: sample.result.decision,
		modelName: gathered.caseFile.model.name,
		criterion
	}));
	for (const layer of sample.mass) {
		if (layer.tokens !== grid[0] * grid[1] + 1) {
			gathered.warnings.push(`${sample.evidence.path}: layer ${layer.layer} has ${layer.tokens} tokens, not a ${grid[0]}×${grid[1]} grid plus CLS; no heatmap drawn.`);
			continue;
		}
		add({
			kind: "routing-argmax",
			layer: layer.layer,
			file: `${folder}/routing-argmax-l${layer.layer}.png`
		}, await renderArgmaxExperts(input, size, grid, layer.values, layer.tokens, layer.experts));
	}
	const last = sample.mass.at(-1);
	const lastSummary = sample.result.routing.at(-1);
	if (last && lastSummary && last.tokens === grid[0] * grid[1] + 1) {
		const expert = lastSummary.dominantExpert;
		const { png, range } = await renderExpertMass(input, size, grid, last.values, last.tokens, last.experts, expert);
		add({
			kind: "expert-mass",
			layer: last.layer,
			expert,
			range,
			file: `${folder}/expert-mass-l${last.layer}-e${expert}.png`
		}, png);
	}
	const recorded = [];
	for (const probe of probes) {
		if (probe.sampleSha256 !== sample.evidence.sha256) {
			gathered.warnings.push(`${sample.evidence.path}: the ${probe.kind} probe was run on another version of the file; it is not exported.`);
			continue;
		}
		const entry = caseProbe(probe, threshold);
		recorded.push(entry);
		const result = probe.result;
		if (result.kind === "occlusion") {
			const { png, range } = await renderOcclusion(input, size, result.grid, occlusionDeltas(result.baseScore, result.scores));
			add({
				kind: "occlusion",
				range,
				file: `${folder}/occlusion-${result.grid[0]}x${result.grid[1]}.png`
			}, png);
		} else add({
			kind: "perturbation",
			file: `${folder}/perturbation.png`
		}, await renderPerturbationChart({
			baseScore: result.baseScore,
			threshold,
			families: entry.families.map((f) => ({
				label: f.label,
				scores: f.scores,
				flipsAt: f.flipsAt
			}))
		}));
	}
	if (recorded.length > 0) sample.result.probes = recorded;
	sample.result.overlays = overlays;
}
/** Embeds evidence files whose bytes still match the recorded hash (re-hashed as read, so a swap is caught). */
async function addEvidence(gathered, files) {
	let budget = MAX_EMBEDDED_EVIDENCE_BYTES;
	for (const sample of gathered.samples) {
		const evidence = sample.evidence;
		if (evidence.integrityAtExport !== "matches" && evidence.integrityAtExport !== "hashed-at-export") continue;
		const info = await stat(sample.absPath).catch(() => null);
		if (!info || info.size > Math.min(budget, DEFAULT_ZIP_LIMITS.maxEntryBytes)) throw new CaseExportError("too-large", `${evidence.path} cannot be embedded (the evidence would exceed ${MAX_EMBEDDED_EVIDENCE_BYTES / 2 ** 20} MiB); export with hashes only.`);
		const data = await readFile(sample.absPath);
		if (sha256Hex(data) !== evidence.sha256) throw new CaseExportError("evidence-changed", `${evidence.path} changed while the case was being written; export again.`);
		budget -= data.length;
		evidence.file = `evidence/s${evidence.sampleId}-${safeFileName(evidence.fileName)}`;
		files.push({
			name: evidence.file,
			data
		});
	}
}
/** A case this exporter writes must pass its own verifier: refuse up front what the reader's limits would refuse. */
function assertVerifiable(entries) {
	const limits = DEFAULT_ZIP_LIMITS;
	const total = entries.reduce((sum, e) => sum + e.data.length, 0);
	if (entries.length > limits.maxEntries) throw new CaseExportError("too-large", `The case would hold ${entries.length} files (limit ${limits.maxEntries}); export fewer samples at once.`);
	if (total > limits.maxTotalBytes) throw new CaseExportError("too-large", `The case would unpack to ${total} bytes (limit ${limits.maxTotalBytes}); export fewer samples or hashes only.`);
	const big = entries.find((e) => e.data.length > limits.maxEntryBytes);
	if (big) throw new CaseExportError("too-large", `${big.name} is larger than a case file may hold (${limits.maxEntryBytes} bytes); export fewer samples at once.`);
}
async function exportCase(workspace, options) {
	if (!Number.isFinite(options.operatingPoint.threshold)) throw new CaseExportError("invalid-argument", "The threshold must be a finite number.");
	const title = options.title.trim();
	const examiner = options.examiner.trim();
	if (!title) throw new CaseExportError("invalid-argument", "Give the case a title.");
	if (!examiner) throw new CaseExportError("invalid-argument", "Name the examiner exporting the case.");
	const caseId = newCaseId();
	const outPath = await resolveOutPath(workspace, caseId, options.outPath);
	const gathered = await gatherCase(workspace, {
		header: {
			id: caseId,
			title,
			examiner,
			description: options.description?.trim() ?? "",
			source: options.source,
			evidenceMode: options.evidence
		},
		sampleIds: options.sampleIds,
		modelSha256: options.modelSha256,
		operatingPoint: options.operatingPoint
	});
	const overlayFiles = [];
	for (const sample of gathered.samples) {
		const probes = savedProbes(workspace, sample.evidence.sampleId, options.modelSha256);
		await addOverlays(gathered, sample, options.operatingPoint.threshold, options.operatingPoint.criterion, overlayFiles, probes);
	}
	const evidenceFiles = [];
	if (options.evidence === "embed") await addEvidence(gathered, evidenceFiles);
	const caseFile = gathered.caseFile;
	const violations = validateCaseJson(caseFile);
	if (violations.length > 0) throw new CaseExportError("internal", `The case does not satisfy its own schema (${violations[0].pointer || "/"} ${violations[0].message}); nothing was written.`);
	const files = [
		{
			name: CASE_JSON,
			data: Buffer.from(JSON.stringify(caseFile, null, 2) + "\n", "utf8")
		},
		{
			name: REPORT_HTML,
			data: Buffer.from(renderReportHtml(caseFile), "utf8")
		},
		...overlayFiles,
		...evidenceFiles
	];
	const { manifest, manifestHashFile, manifestSha256 } = buildManifest(caseId, caseFile.custody.head, files);
	let key;
	try {
		key = ensureSigningKey();
	} catch (err) {
		if (err instanceof KeystoreError) throw new CaseExportError("signing-key", `Cannot sign the case: ${err.message}`);
		throw err;
	}
	const signature = signManifest(manifest, key.privateKey, key.publicKey);
	const entries = [
		...files,
		{
			name: MANIFEST_JSON,
			data: manifest
		},
		{
			name: MANIFEST_HASH,
			data: manifestHashFile
		},
		{
			name: MANIFEST_SIG,
			data: signature
		}
	];
	assertVerifiable(entries);
	const zip = buildZip(entries);
	if (zip.length > DEFAULT_ZIP_LIMITS.maxArchiveBytes) throw new CaseExportError("too-large", `The case would be ${zip.length} bytes, above what a verifier accepts; export fewer samples or hashes only.`);
	const partial = `${outPath}.partial-${process.pid}`;
	try {
		await writeFile(partial, zip, { flag: "wx" });
		await rename(partial, outPath);
	} catch (err) {
		await rm(partial, { force: true });
		throw new CaseExportError("write-error", `Cannot write ${outPath}: ${err instanceof Error ? err.message : String(err)}`);
	}
	workspace.custody("export", {
		case: caseId,
		manifestSha256,
		signer: key.fingerprint,
		path: outPath,
		samples: gathered.samples.map((s) => s.evidence.sampleId),
		model: options.modelSha256,
		threshold: options.operatingPoint.threshold,
		criterion: options.operatingPoint.criterion,
		evidence: options.evidence
	}, examiner);
	return {
		path: outPath,
		caseId,
		manifestSha256,
		signerFingerprint: key.fingerprint,
		samples: gathered.samples.length,
		files: entries.length,
		bytes: zip.length,
		evidence: options.evidence,
		warnings: gathered.warnings
	};
}
// common/contract/model.ts
var MODEL_SLOTS = ["A", "B"];
method()(objectOf({
	path: { kind: "string" },
	slot: {
		kind: "enum",
		values: MODEL_SLOTS
	}
})), method()(noPayload), method()(objectOf({ slot: {
	kind: "enum",
	values: MODEL_SLOTS
} }));
method()(objectOf({
	sampleId: {
		kind: "number",
		integer: true,
		min: 1
	},
	modelSha256: {
		kind: "string",
		maxLength: 64
	},
	k: {
		kind: "number",
		integer: true,
		min: 1,
		max: 200
	}
})), method()(objectOf({
	sampleId: {
		kind: "number",
		integer: true,
		min: 1
	},
	slot: {
		kind: "enum",
		values: MODEL_SLOTS
	},
	grid: {
		kind: "enum",
		values: ["tokens", "7x7"]
	}
})), method()(objectOf({
	sampleId: {
		kind: "number",
		integer: true,
		min: 1
	},
	slot: {
		kind: "enum",
		values: MODEL_SLOTS
	}
})), method()(noPayload), method()(objectOf({
	sampleId: {
		kind: "number",
		integer: true,
		min: 1
	},
	modelSha256: {
		kind: "string",
		maxLength: 64
	}
})), event(), method()(objectOf({
	modelSha256: {
		kind: "string",
		maxLength: 64
	},
	method: {
		kind: "enum",
		values: ["umap", "pca"]
	}
})), method()(noPayload), event();
// common/encoding.ts
var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
var LOOKUP = /* @__PURE__ */ new Uint8Array(128);
for (let i = 0; i < 64; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;
// electron/services/session.ts
var SessionError = class extends Error {
	code;
	constructor(code, message) {
		super(message);
		this.code = code;
		this.name = "SessionError";
	}
};
// electron/services/cases-handlers.ts
/** The samples a request names: its selection, the bookmarks, or every annotated sample. */
function caseSampleIds(workspace, request) {
	const ids = request.source === "bookmarks" ? bookmarkedSampleIds(workspace) : request.source === "annotated" ? latestAnnotations(workspace).map((a) => a.sampleId) : request.sampleIds ?? [];
	if (ids.length === 0) throw new SessionError("empty", request.source === "bookmarks" ? "No bookmarked samples: bookmark samples in the inspector first." : request.source === "annotated" ? "No annotated samples: annotate samples in the inspector first." : "Select samples to export.");
	return ids;
}
// electron/cli/export-case-command.ts
var USAGE = `usage: uad export-case --workspace <dir> (--samples 1,2,3 | --bookmarks | --annotated) --examiner <name>
         [--title <text>] [--description <text>] [--out case.zip] [--model <sha256 prefix>] [--evidence embed|hashes]
         [--threshold <τ> --criterion <name> [--split <name>]]   (default: the model's latest saved threshold, else 0.5 fixed)
         [--json]

exit status: 0 written, 1 export refused or unreadable workspace, 2 bad usage`;
function fail(message, code = 2) {
	console.error(`uad export-case: ${message}${code === 2 ? `\n${USAGE}` : ""}`);
	return code;
}
async function runExportCaseCommand(argv) {
	let values;
	try {
		({values} = parseArgs({
			args: argv,
			options: {
				workspace: { type: "string" },
				samples: { type: "string" },
				bookmarks: { type: "boolean" },
				annotated: { type: "boolean" },
				out: { type: "string" },
				model: { type: "string" },
				evidence: { type: "string" },
				threshold: { type: "string" },
				criterion: { type: "string" },
				split: { type: "string" },
				title: { type: "string" },
				examiner: { type: "string" },
				description: { type: "string" },
				json: { type: "boolean" },
				help: {
					type: "boolean",
					short: "h"
				}
			}
		}));
	} catch (err) {
		return fail(err.message);
	}
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	if (!values.workspace || !values.examiner) return fail("need --workspace and --examiner");
	const sources = [
		values.samples ? "selection" : null,
		values.bookmarks ? "bookmarks" : null,
		values.annotated ? "annotated" : null
	].filter(Boolean);
	if (sources.length !== 1) return fail("choose the samples with exactly one of --samples, --bookmarks, --annotated");
	const sampleIds = values.samples?.split(",").map((s) => Number(s.trim()));
	if (sampleIds?.some((id) => !Number.isInteger(id) || id < 1)) return fail("--samples takes sample ids, e.g. --samples 3,7,12");
	const evidence = values.evidence ?? "embed";
	if (evidence !== "embed" && evidence !== "hashes") return fail("--evidence is embed or hashes");
	if (values.threshold === void 0 !== (values.criterion === void 0)) return fail("give --threshold and --criterion together");
	const threshold = values.threshold === void 0 ? void 0 : Number(values.threshold);
	if (threshold !== void 0 && !Number.isFinite(threshold)) return fail("--threshold must be a number");
	let workspace;
	try {
		workspace = Workspace.openExisting(values.workspace, { readOnly: false });
	} catch (err) {
		return fail(`cannot open the workspace: ${err.message}`, 1);
	}
	try {
		const models = workspace.scoredModels().filter((m) => !values.model || m.sha256.startsWith(values.model.toLowerCase()));
		if (models.length !== 1) return fail(models.length === 0 ? "no scored model matches; run `uad score` first" : "several scored models; choose one with --model", 1);
		const model = models[0];
		const saved = listThresholds(workspace, model.sha256)[0];
		const operatingPoint = threshold !== void 0 ? {
			threshold,
			criterion: values.criterion,
			split: values.split,
			at: (/* @__PURE__ */ new Date()).toISOString()
		} : saved ? {
			threshold: saved.value,
			criterion: saved.criterion,
			split: saved.split,
			dataHash: saved.dataHash,
			at: saved.createdAt
		} : {
			threshold: .5,
			criterion: "fixed",
			at: (/* @__PURE__ */ new Date()).toISOString()
		};
		const summary = await exportCase(workspace, {
			source: sources[0],
			sampleIds: caseSampleIds(workspace, {
				source: sources[0],
				sampleIds
			}),
			modelSha256: model.sha256,
			operatingPoint,
			title: values.title ?? `Case from ${model.name}`,
			examiner: values.examiner,
			description: values.description,
			evidence,
			outPath: values.out
		});
		for (const warning of summary.warnings) console.warn(`warning: ${warning}`);
		if (values.json) {
			console.log(JSON.stringify(summary));
			return 0;
		}
		console.log(`wrote ${summary.path}: case ${summary.caseId}, ${summary.samples} sample(s), ${summary.files} files, ${summary.bytes} bytes`);
		console.log(`manifest sha256 ${summary.manifestSha256}`);
		return 0;
	} catch (err) {
		if (err instanceof CaseExportError || err instanceof SessionError) return fail(err.message, 1);
		throw err;
	} finally {
		workspace.close();
	}
}
export { runExportCaseCommand };
