import * as ort from "onnxruntime-node";
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
export { openSession as n, providerOrder as r, KNOWN_PROVIDERS as t };
