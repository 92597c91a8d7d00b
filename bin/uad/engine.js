import { a as requiredOutputs } from "./sidecar.js";
import { i as PendingRequests, r as providerOrder } from "./providers.js";
import { siblingWorkerUrl, spawnModuleWorker } from "./spawn-worker.js";
import { t as loadModelFiles } from "./model-files.js";
import { t as cancelFlagFor } from "./cancel-flag.js";
import { availableParallelism } from "node:os";
// electron/inference/engine.ts
/** The worker runs from the compiled .js, or from source through tsx's loader (see spawn-worker.ts). */
function spawnWorker() {
	return spawnModuleWorker(siblingWorkerUrl(import.meta.url, "worker"));
}
var InferenceEngine = class InferenceEngine {
	worker;
	pending;
	model;
	provider;
	providerAttempts;
	decodeThreads;
	progress = /* @__PURE__ */ new Map();
	dead = null;
	constructor(worker, pending, model, provider, providerAttempts, decodeThreads) {
		this.worker = worker;
		this.pending = pending;
		this.model = model;
		this.provider = provider;
		this.providerAttempts = providerAttempts;
		this.decodeThreads = decodeThreads;
	}
	get sidecar() {
		return this.model.sidecar;
	}
	static async start(options) {
		const model = await loadModelFiles(options.modelPath);
		const worker = spawnWorker();
		const pending = new PendingRequests(0);
		const onMessage = (message) => settle(pending, message);
		worker.on("message", onMessage);
		worker.once("error", (err) => pending.rejectAll(err));
		const boot = pending.open((id) => worker.postMessage({
			type: "load",
			id,
			onnxPath: model.onnxPath,
			sidecar: model.sidecar,
			providers: providerOrder(options.provider),
			intraOpThreads: options.intraOpThreads ?? defaultThreads(),
			...options.decodeThreads ? { decodeThreads: options.decodeThreads } : {},
			...options.keepAppearance ? { keepAppearance: true } : {}
		}));
		let loaded;
		try {
			loaded = await boot;
		} catch (err) {
			await worker.terminate();
			throw err;
		}
		if (loaded.type !== "loaded") throw new Error("unexpected worker reply while loading");
		const missing = requiredOutputs(model.sidecar).filter((name) => !loaded.outputNames.includes(name));
		if (missing.length > 0) {
			await worker.terminate();
			throw new Error(`model does not follow the contract: missing output(s) ${missing.join(", ")} (graph outputs: ${loaded.outputNames.join(", ")}; a model of another layout needs an io block: uad model init)`);
		}
		if (!loaded.inputNames.includes(model.sidecar.io.input)) {
			await worker.terminate();
			throw new Error(`model has no input '${model.sidecar.io.input}' (graph inputs: ${loaded.inputNames.join(", ")})`);
		}
		const engine = new InferenceEngine(worker, pending, model, loaded.provider, loaded.attempts, loaded.decodeThreads);
		worker.off("message", onMessage);
		worker.on("message", (message) => engine.onMessage(message));
		worker.on("error", (err) => engine.fail(err));
		worker.on("exit", (code) => engine.fail(/* @__PURE__ */ new Error(`inference worker exited (code ${code})`)));
		return engine;
	}
	onMessage(message) {
		if (message.type === "progress") {
			this.progress.get(message.id)?.(message.done, message.total);
			return;
		}
		settle(this.pending, message);
	}
	fail(err) {
		this.dead ??= err;
		this.pending.rejectAll(err);
	}
	request(message) {
		if (this.dead) return Promise.reject(this.dead);
		return this.pending.open((id) => this.worker.postMessage({
			...message,
			id
		}));
	}
	async score(items) {
		const reply = await this.request({
			type: "score",
			items
		});
		if (reply.type !== "scored") throw new Error("unexpected worker reply to score");
		return {
			items: reply.items,
			decodeMs: reply.decodeMs,
			inferMs: reply.inferMs
		};
	}
	/** face: keypoints of a detected face, so the detail shows the aligned crop the model scored. */
	async detail(path, face) {
		const reply = await this.request({
			type: "detail",
			path,
			...face ? { face } : {}
		});
		if (reply.type !== "detail") throw new Error("unexpected worker reply to detail");
		return reply.detail;
	}
	/**
	* Runs an occlusion or perturbation probe of one image on the worker, reporting progress; aborting the
	* signal stops it between batches (the promise then rejects with 'cancelled'). face: as for detail().
	*/
	async probe(path, job, options = {}) {
		const { cancel, release } = cancelFlagFor(options.signal);
		const id = this.pending.nextId;
		if (options.onProgress) this.progress.set(id, options.onProgress);
		try {
			const reply = await this.request({
				type: "probe",
				path,
				job,
				cancel,
				...options.face ? { face: options.face } : {}
			});
			if (reply.type !== "probed") throw new Error("unexpected worker reply to probe");
			return {
				sha256: reply.sha256,
				result: reply.result
			};
		} finally {
			this.progress.delete(id);
			release();
		}
	}
	async close() {
		if (!this.dead) await this.request({ type: "close" }).catch(() => void 0);
		this.dead ??= /* @__PURE__ */ new Error("engine closed");
		await this.worker.terminate();
	}
};
/** Settles the request a worker reply answers: an 'error' reply rejects it. */
function settle(pending, message) {
	const waiter = pending.take(message.id);
	if (message.type === "error") waiter?.reject(new Error(message.message));
	else waiter?.resolve(message);
}
/**
* One core is left to the decoder thread: ORT's intra-op threads spin while waiting and would take it
* (bench:inference, quiet 2-core run: 316 img/s end to end with 1 ORT thread against 260 with 2).
*/
function defaultThreads() {
	return Math.max(1, availableParallelism() - 1);
}
export { InferenceEngine as t };
