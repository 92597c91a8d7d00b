import "node:module";
import { availableParallelism } from "node:os";
import { spawn } from "node:child_process";
// \0rolldown/runtime.js
var __defProp = Object.defineProperty;
var __exportAll = (all, no_symbols) => {
	let target = {};
	for (var name in all) __defProp(target, name, {
		get: all[name],
		enumerable: true
	});
	if (!no_symbols) __defProp(target, Symbol.toStringTag, { value: "Module" });
	return target;
};
// electron/inference/decode-threads.ts
var decode_threads_exports = /* @__PURE__ */ __exportAll({ relaunchWithThreadpool: () => relaunchWithThreadpool });
/**
* On the CPU provider ORT takes the cores, so one decoder thread feeds it; on a GPU the CPU only decodes, so the
* decoders scale with the cores (one is left to the inference thread and the caller).
*/
function decodeThreadCount(provider, cores = availableParallelism()) {
	return provider === "cpu" ? 1 : Math.max(1, cores - 1);
}
/** libuv's pool runs every sharp decode of the process (worker threads included): one thread per core, at least its default 4. */
function threadpoolSize(cores = availableParallelism()) {
	return Math.max(4, cores);
}
/**
* libuv reads UV_THREADPOOL_SIZE once, when its pool first starts, and Node's module loader starts it before any
* script runs; so a process that decodes at scale re-runs itself with the variable set. Resolves to the child's exit
* code, or to null when the variable is already set (then the caller carries on in this process).
*/
function relaunchWithThreadpool() {
	if (process.env.UV_THREADPOOL_SIZE) return null;
	const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
		stdio: "inherit",
		env: {
			...process.env,
			UV_THREADPOOL_SIZE: String(threadpoolSize())
		}
	});
	const ignore = () => void 0;
	process.on("SIGINT", ignore);
	process.on("SIGTERM", ignore);
	return new Promise((resolve) => {
		child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
		child.on("error", () => resolve(1));
	});
}
export { decode_threads_exports as n, decodeThreadCount as t };
