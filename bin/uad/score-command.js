import { t as openDataset } from "./open-dataset.js";
import { t as InferenceEngine } from "./engine.js";
import { n as decodeOriented, t as FaceDetector } from "./detector.js";
import "./image-sniff.js";
import { r as providerOrder, t as KNOWN_PROVIDERS } from "./providers.js";
import { t as runtimeVersions } from "./versions.js";
import { t as escapeForDisplay } from "./display-text.js";
import { n as WorkspaceBusyError, t as Workspace } from "./workspace.js";
import path from "node:path";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
// electron/faces/expand.ts
var FACES_CHOICES = [
	"detect",
	"none",
	"auto"
];
var NO_FACE_REASON = "no face found";
/** `auto` follows the model's sidecar (`preprocessing.face.detect`); a sidecar without the block means none. */
function resolveFaces(choice, sidecar) {
	if (choice !== "auto") return choice;
	return sidecar.preprocessing.face?.detect === true ? "detect" : "none";
}
var round = (v) => Math.round(v * 10) / 10;
/** Runs the detector over every usable sample of the listing, in order; unusable samples pass through unchanged. */
async function expandFaces(listing, detector, onPhoto) {
	const started = performance.now();
	const samples = [];
	let photos = 0, faces = 0, withoutFace = 0;
	for (const [n, sample] of listing.samples.entries()) {
		onPhoto?.(n, listing.samples.length);
		if (sample.status !== "ok" || sample.face) {
			samples.push(sample);
			continue;
		}
		photos += 1;
		let found;
		try {
			const bytes = await readFile(path.join(listing.root, sample.path));
			if (bytes.length > 67108864) throw new Error("file too large");
			found = await detector.detect(await decodeOriented(bytes));
		} catch {
			samples.push(sample);
			continue;
		}
		if (found.length === 0) {
			withoutFace += 1;
			samples.push({
				...sample,
				nonResponse: NO_FACE_REASON
			});
			continue;
		}
		found.forEach((f, k) => {
			faces += 1;
			samples.push({
				...sample,
				path: `${sample.path}#face${k + 1}`,
				file: sample.path,
				face: {
					index: k + 1,
					box: f.box.map(round),
					keypoints: f.keypoints.map(([x, y]) => [round(x), round(y)]),
					confidence: Math.round(f.confidence * 1e4) / 1e4
				}
			});
		});
	}
	const renumbered = samples.map((s, id) => ({
		...s,
		id
	}));
	const bonaFide = renumbered.filter((s) => s.label === 0).length;
	return {
		listing: {
			...listing,
			samples: renumbered,
			counts: {
				...listing.counts,
				total: renumbered.length,
				bonaFide,
				attack: renumbered.length - bonaFide
			}
		},
		photos,
		faces,
		withoutFace,
		detectMs: performance.now() - started
	};
}
/** Batches kept in flight so decoding of the next overlaps inference of the current one (more with more decoder threads). */
var IN_FLIGHT = 3;
function chunk(items, size) {
	const out = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}
/** The list or manifest file a listing was read from, with its SHA-256 (null for a folder). */
async function datasetFile(listPath) {
	if (listPath === null) return null;
	return {
		path: listPath,
		sha256: createHash("sha256").update(await readFile(listPath)).digest("hex")
	};
}
/** Scores under the workspace's scoring lock: a second run on the same workspace gets WorkspaceBusyError. */
async function scoreDataset(options) {
	const file = await datasetFile(options.listPath ?? options.listing.sourceFile ?? null);
	const lock = options.workspace.lockForScoring();
	try {
		return await scoreLocked(options, file, (runId) => lock.setRun(runId));
	} finally {
		lock.release();
	}
}
async function scoreLocked(options, file, onRunStarted) {
	const { workspace, listing, engine } = options;
	const batchSize = Math.max(1, Math.floor(options.batchSize ?? 8));
	const started = performance.now();
	const { datasetId, sampleIds } = workspace.ingest(listing, file?.path ?? null);
	workspace.registerModel(engine.model);
	const modelSha = engine.model.sha256;
	const already = workspace.scoredSampleIds(modelSha, sampleIds);
	const unusable = [];
	const work = [];
	listing.samples.forEach((sample, index) => {
		const key = sampleIds[index];
		if (already.has(key)) return;
		if (sample.status !== "ok") {
			unusable.push({
				key,
				ok: false,
				reason: sample.reason ?? sample.status
			});
			return;
		}
		if (sample.nonResponse) {
			unusable.push({
				key,
				ok: false,
				reason: sample.nonResponse
			});
			return;
		}
		work.push({
			key,
			path: path.join(listing.root, sample.file ?? sample.path),
			...sample.face ? { face: { keypoints: sample.face.keypoints } } : {}
		});
	});
	const runId = workspace.startRun({
		modelSha256: modelSha,
		datasetId,
		provider: engine.provider,
		providerAttempts: engine.providerAttempts,
		versions: options.versions ?? {},
		batchSize,
		total: listing.samples.length,
		skipped: already.size,
		faces: options.faces ?? "none",
		datasetFile: file
	});
	onRunStarted(runId);
	const layers = engine.sidecar.moe?.layers ?? [];
	const experts = engine.sidecar.moe?.experts ?? 0;
	let scored = 0;
	let failed = 0;
	const report = () => {
		const done = already.size + scored + failed;
		const elapsed = (performance.now() - started) / 1e3;
		const rate = elapsed > 0 ? (scored + failed) / elapsed : 0;
		const remaining = listing.samples.length - done;
		options.onProgress?.({
			runId,
			total: listing.samples.length,
			done,
			scored,
			failed,
			skipped: already.size,
			imagesPerSecond: rate,
			etaSeconds: rate > 0 ? remaining / rate : null,
			provider: engine.provider
		});
	};
	const commit = (items, timing) => {
		workspace.recordBatch(runId, modelSha, layers, experts, items, timing);
		for (const item of items) if (item.ok) scored += 1;
		else failed += 1;
		options.onBatch?.(items, runId);
		report();
	};
	if (unusable.length > 0) commit(unusable, {
		decodeMs: 0,
		inferMs: 0
	});
	report();
	const batches = chunk(work, batchSize);
	let next = 0;
	const inFlight = [];
	try {
		const launch = () => {
			while (inFlight.length < Math.max(IN_FLIGHT, engine.decodeThreads + 2) && next < batches.length && !options.signal?.aborted) inFlight.push(engine.score(batches[next++]));
		};
		launch();
		while (inFlight.length > 0) {
			const result = await inFlight.shift();
			commit(result.items, result);
			launch();
		}
	} catch (err) {
		await Promise.allSettled(inFlight);
		return {
			run: workspace.finishRun(runId, "failed", err instanceof Error ? err.message : String(err)),
			failures: workspace.runFailures(runId),
			wallSeconds: (performance.now() - started) / 1e3
		};
	}
	const status = options.signal?.aborted && next < batches.length ? "cancelled" : "completed";
	return {
		run: workspace.finishRun(runId, status),
		failures: workspace.runFailures(runId),
		wallSeconds: (performance.now() - started) / 1e3
	};
}
// electron/cli/progress-bar.ts
function formatEta(seconds) {
	if (seconds === null || !Number.isFinite(seconds)) return "--:--";
	const s = Math.round(seconds);
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
/** 'bar' redraws one line on a TTY (plain lines every 5 s elsewhere); 'lines' prints every update. */
function progressReporter(style = "bar", stream = process.stderr) {
	if (style === "none") return {
		update: () => void 0,
		end: () => void 0
	};
	if (style === "lines") return {
		update: (p) => {
			stream.write(`progress done=${p.done} total=${p.total} scored=${p.scored} failed=${p.failed} skipped=${p.skipped}\n`);
		},
		end: () => void 0
	};
	let lastPlain = 0;
	let drewBar = false;
	return {
		update: (p) => {
			const fraction = p.total > 0 ? p.done / p.total : 1;
			const text = `${p.done}/${p.total} · ${p.imagesPerSecond.toFixed(1)} img/s · ETA ${formatEta(p.etaSeconds)} · ${p.failed} failed · ${p.provider}`;
			if (stream.isTTY) {
				const width = 30;
				const filled = Math.round(fraction * width);
				stream.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${text}\x1b[K`);
				drewBar = true;
			} else if (Date.now() - lastPlain > 5e3 || p.done === p.total) {
				stream.write(`${text}\n`);
				lastPlain = Date.now();
			}
		},
		end: () => {
			if (drewBar) stream.write("\n");
		}
	};
}
// electron/cli/score-command.ts
var USAGE = "usage: uad score <dataset folder | list.txt | manifest.csv> --model <model.onnx> --workspace <dir> [--batch N] [--provider cpu|cuda|webgpu] [--image-root DIR] [--faces detect|none|auto] [--progress bar|lines|none] [--json]\n\n--faces detect: one sample per detected face (aligned crop); a photograph without a face is a non-response. none: whole images. auto (default): as the model sidecar says (preprocessing.face.detect), else none.\n\nexit status: 0 completed, 1 failed (bad dataset, model or workspace; a failed run; nothing could be scored), 2 bad usage, 130 cancelled (resumable)\n\nevery list or manifest line that does not become a sample is reported with its line number and reason";
/** How a finished run ends the process: a run in which no sample has a score is a failure, not a success. */
function scoreExitCode(run) {
	if (run.status === "cancelled") return 130;
	if (run.status !== "completed") return 1;
	return run.scored + run.skipped === 0 ? 1 : 0;
}
async function runScoreCommand(argv) {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				model: { type: "string" },
				workspace: { type: "string" },
				batch: { type: "string" },
				provider: { type: "string" },
				"image-root": { type: "string" },
				faces: { type: "string" },
				progress: { type: "string" },
				json: { type: "boolean" },
				help: {
					type: "boolean",
					short: "h"
				}
			}
		});
	} catch (err) {
		console.error(`uad score: ${err.message}\n${USAGE}`);
		return 2;
	}
	const { values, positionals } = parsed;
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	if (positionals.length !== 1 || !values.model || !values.workspace) {
		console.error(`uad score: need one dataset, --model and --workspace\n${USAGE}`);
		return 2;
	}
	const batchSize = values.batch === void 0 ? 8 : Number(values.batch);
	if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1024) {
		console.error(`uad score: --batch must be an integer from 1 to 1024, got '${values.batch}'`);
		return 2;
	}
	if (values.progress !== void 0 && ![
		"bar",
		"lines",
		"none"
	].includes(values.progress)) {
		console.error("uad score: --progress must be bar, lines or none");
		return 2;
	}
	if (values.faces !== void 0 && !FACES_CHOICES.includes(values.faces)) {
		console.error(`uad score: --faces must be one of ${FACES_CHOICES.join(", ")}`);
		return 2;
	}
	if (values.provider !== void 0 && !KNOWN_PROVIDERS.includes(values.provider)) {
		console.error(`uad score: --provider must be one of ${KNOWN_PROVIDERS.join(", ")}`);
		return 2;
	}
	const listing = await openDataset(positionals[0], values["image-root"] ? { imageRoot: values["image-root"] } : {});
	if (!listing.ok) {
		console.error(`uad score: ${listing.error.message}`);
		return 1;
	}
	let engine;
	try {
		engine = await InferenceEngine.start({
			modelPath: values.model,
			...values.provider ? { provider: values.provider } : {}
		});
	} catch (err) {
		console.error(`uad score: cannot load the model: ${err.message}`);
		return 1;
	}
	let workspace;
	try {
		workspace = Workspace.open(values.workspace);
	} catch (err) {
		await engine.close();
		console.error(`uad score: cannot open the workspace: ${err.message}`);
		return 1;
	}
	const skippedLines = listing.value.skipped;
	const skippedCount = listing.value.skippedCount ?? skippedLines.length;
	if (skippedCount > 0 && !values.json) {
		console.error(`${skippedCount} ${listing.value.source === "folder" ? "file(s)" : "line(s)"} of ${escapeForDisplay(positionals[0])} not turned into samples:`);
		for (const skip of skippedLines.slice(0, 50)) console.error(`  ${escapeForDisplay(skip.reason)}${skip.path ? ` (${escapeForDisplay(skip.path)})` : ""}`);
		if (skippedCount > 50) console.error(`  … and ${skippedCount - 50} more (--json lists the first ${skippedLines.length})`);
	}
	const fallback = engine.providerAttempts.filter((a) => !a.ok && a.error !== "not available in this onnxruntime build");
	for (const attempt of fallback) console.error(`provider ${attempt.provider} unavailable: ${attempt.error}`);
	const faces = resolveFaces(values.faces ?? "auto", engine.sidecar);
	let dataset = listing.value;
	if (faces === "detect") try {
		const detector = await FaceDetector.open(providerOrder(values.provider));
		try {
			const found = await expandFaces(dataset, detector);
			dataset = found.listing;
			console.error(`face detection (BlazeFace on ${detector.info.provider}): ${found.faces} faces in ${found.photos} photographs, ${found.withoutFace} without a face — ${(found.detectMs / 1e3).toFixed(1)} s`);
		} finally {
			await detector.close();
		}
	} catch (err) {
		workspace.close();
		await engine.close();
		console.error(`uad score: face detection failed: ${err.message}`);
		return 1;
	}
	const device = engine.providerAttempts.find((a) => a.ok)?.device;
	console.error(`model ${engine.sidecar.name} (${engine.model.sha256.slice(0, 12)}…) on ${engine.provider}${device ? ` (${device})` : ""}; ${dataset.samples.length} samples; faces ${faces}; batch ${batchSize}`);
	const controller = new AbortController();
	const onSignal = () => {
		console.error("\ncancelling after the batches in flight…");
		controller.abort();
	};
	process.once("SIGINT", onSignal);
	const bar = progressReporter(values.progress ?? (values.json ? "none" : "bar"));
	try {
		let summary;
		try {
			summary = await scoreDataset({
				workspace,
				listing: dataset,
				engine,
				batchSize,
				signal: controller.signal,
				faces,
				versions: runtimeVersions(),
				onProgress: bar.update
			});
		} catch (err) {
			bar.end();
			if (!(err instanceof WorkspaceBusyError)) throw err;
			console.error(`uad score: ${err.message}; wait for it to finish (one run writes to a workspace at a time)`);
			return 1;
		}
		bar.end();
		const { run, failures } = summary;
		const code = scoreExitCode(run);
		if (values.json) {
			console.log(JSON.stringify({
				run,
				failures,
				skippedLines,
				skippedLineCount: skippedCount,
				wallSeconds: summary.wallSeconds,
				workspace: workspace.file
			}));
			return code;
		}
		console.log(`run ${run.id} ${run.status}: ${run.scored} scored, ${run.skipped} already scored by this model, ${run.failed} failed, ${skippedCount} ${listing.value.source === "folder" ? "file(s)" : "line(s)"} not samples — ${summary.wallSeconds.toFixed(1)} s, provider ${run.provider}`);
		const listed = failures.slice(0, 20);
		for (const failure of listed) console.log(`  failed: ${escapeForDisplay(failure.path)}: ${escapeForDisplay(failure.reason)}`);
		if (failures.length > listed.length) console.log(`  … and ${failures.length - listed.length} more failures (see the workspace)`);
		if (run.status === "completed" && code !== 0) console.error("uad score: nothing could be scored: no sample of this dataset has a score from this model");
		console.log(`workspace: ${workspace.file}`);
		return code;
	} finally {
		process.off("SIGINT", onSignal);
		workspace.close();
		await engine.close();
	}
}
export { runScoreCommand };
