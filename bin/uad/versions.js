import { t as appVersion } from "./paths.js";
import { createRequire } from "node:module";
import sharp from "sharp";
// electron/services/versions.ts
var require = createRequire(import.meta.url);
function packageVersion(name) {
	try {
		return require(`${name}/package.json`).version;
	} catch {
		return "unavailable";
	}
}
function runtimeVersions() {
	return {
		app: appVersion(),
		node: process.versions.node,
		electron: process.versions.electron ?? "not running",
		onnxruntime: packageVersion("onnxruntime-node"),
		sharp: sharp.versions.sharp ?? packageVersion("sharp"),
		platform: `${process.platform}-${process.arch}`
	};
}
export { runtimeVersions as t };
