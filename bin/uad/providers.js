import { createRequire } from "node:module";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { constants as constants$1 } from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { execFileSync } from "node:child_process";
// common/pending-requests.ts
var PendingRequests = class {
	next;
	waiting = /* @__PURE__ */ new Map();
	constructor(firstId = 1) {
		this.next = firstId;
	}
	/** The id the next `open` will use (for state kept beside a request before it is sent). */
	get nextId() {
		return this.next;
	}
	get size() {
		return this.waiting.size;
	}
	/**
	* Opens a request under a fresh id; `send(id)` posts it. The promise settles when the request is
	* taken and settled; a `send` that throws rejects it at once.
	*/
	open(send, ...context) {
		const id = this.next++;
		return new Promise((resolve, reject) => {
			this.waiting.set(id, {
				id,
				context: context[0],
				resolve,
				reject
			});
			try {
				send(id);
			} catch (error) {
				this.waiting.delete(id);
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		});
	}
	/** Removes and returns request `id`, for the caller to settle; undefined when none waits under it. */
	take(id) {
		const waiter = this.waiting.get(id);
		this.waiting.delete(id);
		return waiter;
	}
	/** Removes and returns every waiting request, oldest first (e.g. to run them another way). */
	takeAll() {
		const all = [...this.waiting.values()];
		this.waiting.clear();
		return all;
	}
	/** Rejects every waiting request with `error` (the port died or was closed). */
	rejectAll(error) {
		for (const waiter of this.takeAll()) waiter.reject(error);
	}
};
// electron/inference/gpu-runtime.ts
/** What setup:gpu copies next to onnxruntime-node's binding (where the core looks for provider libraries). */
var CUDA_PROVIDER_FILES = ["libonnxruntime_providers_cuda.so", "libonnxruntime_providers_shared.so"];
/** Written by setup:gpu beside the provider files: what was installed, for which core, and the libraries found. */
var PROVIDER_STAMP = "uad-cuda-provider.json";
/** "1.29.0" → [1, 29, 0]; anything else → null. */
function parseVersion(text) {
	const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
	return match ? [
		Number(match[1]),
		Number(match[2]),
		Number(match[3])
	] : null;
}
/**
* A shared provider library talks to the core through a C++ interface table (ProviderHost) that the core hands
* over without any version check, so only the exact version it was built for is safe: patch releases included.
*/
function providerMatchesCore(providerVersion, coreVersion) {
	const a = parseVersion(providerVersion);
	const b = parseVersion(coreVersion);
	return a !== null && b !== null && a.every((part, i) => part === b[i]);
}
/** The refusal line when they differ, or null when the provider may load. */
function versionRefusal(providerVersion, coreVersion) {
	if (providerMatchesCore(providerVersion, coreVersion)) return null;
	return `CUDA provider built for onnxruntime ${providerVersion}, but this onnxruntime-node is ${coreVersion}: not loaded (a provider for another core version is undefined behaviour)`;
}
/**
* Distinct NUL-delimited version strings "1.N.M" in a binary: an ONNX Runtime library embeds the version it was
* built from as one such C string (ORT_VERSION). Linear in the buffer's size.
*/
function embeddedOrtVersions(binary) {
	const found = /* @__PURE__ */ new Set();
	for (let i = binary.indexOf(49); i >= 0 && i < binary.length; i = binary.indexOf(49, i + 1)) {
		if (i === 0 || binary[i - 1] !== 0 || binary[i + 1] !== 46) continue;
		let end = i;
		while (end < binary.length && end - i < 12 && (binary[end] === 46 || binary[end] >= 48 && binary[end] <= 57)) end++;
		if (binary[end] !== 0) continue;
		const text = String.fromCharCode(...binary.subarray(i, end));
		if (parseVersion(text)) found.add(text);
	}
	return [...found];
}
function readStamp(binDir) {
	try {
		const stamp = JSON.parse(readFileSync(path.join(binDir, PROVIDER_STAMP), "utf8"));
		if (typeof stamp.ortVersion !== "string" || typeof stamp.package !== "string") return null;
		return {
			package: stamp.package,
			packageVersion: String(stamp.packageVersion ?? ""),
			ortVersion: stamp.ortVersion,
			preload: Array.isArray(stamp.preload) ? stamp.preload.filter((p) => typeof p === "string") : []
		};
	} catch {
		return null;
	}
}
// electron/inference/cuda-provider.ts
/** glibc's RTLD_NODELETE: keeps a preloaded library mapped after Node's addon check lets go of it. */
var RTLD_NODELETE = 4096;
/** onnxruntime-node's binding folder for this platform: the core looks for provider libraries beside itself. */
function ortBinDir() {
	const require = createRequire(import.meta.url);
	const ortDir = path.dirname(require.resolve("onnxruntime-node/package.json"));
	return path.join(ortDir, "bin", "napi-v6", process.platform, process.arch);
}
function ortCoreVersion() {
	return createRequire(import.meta.url)("onnxruntime-node/package.json").version;
}
var cached = null;
/**
* Null when the CUDA provider may be tried, else the reason it is not. The provider's core version comes from
* setup:gpu's stamp, or — for a provider installed another way — from the version string it embeds.
*/
function cudaProviderRefusal(binDir = ortBinDir(), coreVersion = ortCoreVersion()) {
	const key = `${binDir}|${coreVersion}`;
	if (cached?.key === key) return cached.refusal;
	const refusal = computeRefusal(binDir, coreVersion);
	cached = {
		key,
		refusal
	};
	return refusal;
}
function computeRefusal(binDir, coreVersion) {
	if (process.platform !== "linux") return null;
	if (CUDA_PROVIDER_FILES.filter((file) => !existsSync(path.join(binDir, file))).length > 0) return "CUDA provider libraries not installed (run `npm run setup:gpu`)";
	const stamp = readStamp(binDir);
	let built = stamp?.ortVersion;
	if (!built) {
		const versions = embeddedOrtVersions(readFileSync(path.join(binDir, CUDA_PROVIDER_FILES[0])));
		if (versions.length !== 1) return "cannot tell which onnxruntime version the CUDA provider was built for: not loaded (run `npm run setup:gpu`)";
		built = versions[0];
	}
	const refusal = versionRefusal(built, coreVersion);
	if (refusal) return refusal;
	for (const file of stamp?.preload ?? []) {
		const error = preloadLibrary(file);
		if (error) return `cannot load ${path.basename(file)}: ${error}`;
	}
	return null;
}
/**
* Maps a shared library into the process with global symbols, so the provider's own dlopen finds it by soname.
* Node's addon loader maps it, finds no module in it and throws, but RTLD_NODELETE keeps it mapped.
*/
function preloadLibrary(file) {
	try {
		process.dlopen({ exports: {} }, file, constants$1.dlopen.RTLD_NOW | constants$1.dlopen.RTLD_GLOBAL | RTLD_NODELETE);
		return null;
	} catch (err) {
		const message = err instanceof Error ? err.message : String(err);
		return /did not self-register|Module did not/.test(message) ? null : message.split("\n")[0];
	}
}
/** The NVIDIA GPU's name, best effort: nvidia-smi, else the driver's /proc entry; null when neither answers. */
function nvidiaGpuName() {
	try {
		const first = execFileSync("nvidia-smi", ["--query-gpu=name", "--format=csv,noheader"], {
			encoding: "utf8",
			timeout: 5e3,
			stdio: [
				"ignore",
				"pipe",
				"ignore"
			]
		}).split("\n").map((l) => l.trim()).find(Boolean);
		if (first) return first;
	} catch {}
	try {
		const gpusDir = "/proc/driver/nvidia/gpus";
		for (const gpu of readdirSync(gpusDir)) {
			const info = readFileSync(path.join(gpusDir, gpu, "information"), "utf8");
			const model = /^Model:\s*(.+)$/m.exec(info)?.[1]?.trim();
			if (model) return model;
		}
	} catch {}
	return null;
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
		const refusal = provider === "cuda" ? cudaProviderRefusal() : null;
		if (refusal) {
			attempts.push({
				provider,
				ok: false,
				error: refusal
			});
			continue;
		}
		try {
			const options = {
				executionProviders: [provider],
				intraOpNumThreads: intraOpThreads,
				interOpNumThreads: 1,
				graphOptimizationLevel: "all"
			};
			const session = typeof modelPath === "string" ? await ort.InferenceSession.create(modelPath, options) : await ort.InferenceSession.create(modelPath, options);
			const device = provider === "cuda" ? nvidiaGpuName() : null;
			attempts.push({
				provider,
				ok: true,
				...device ? { device } : {}
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
export { PendingRequests as i, openSession as n, providerOrder as r, KNOWN_PROVIDERS as t };
