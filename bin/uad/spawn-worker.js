import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
// electron/spawn-worker.ts
/** `moduleUrl` is a .js module (compiled) or a .ts one (from source, through tsx's loader). */
function spawnModuleWorker(moduleUrl, options = {}) {
	if (!fileURLToPath(moduleUrl).endsWith(".ts")) return new Worker(moduleUrl, options);
	const tsxDir = path.dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
	const tsxApi = pathToFileURL(path.join(tsxDir, "dist", "esm", "api", "index.mjs")).href;
	const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl.href)}); });`;
	return new Worker(bootstrap, {
		...options,
		eval: true
	});
}
/** The URL of a sibling worker module of `importMetaUrl`, with the extension the caller itself has. */
function siblingWorkerUrl(importMetaUrl, baseName) {
	const ext = fileURLToPath(importMetaUrl).endsWith(".ts") ? ".ts" : ".js";
	return new URL(`./${baseName}${ext}`, importMetaUrl);
}
export { siblingWorkerUrl, spawnModuleWorker };
