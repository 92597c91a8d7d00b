import { i as parseSidecar, t as SidecarError } from "./sidecar.js";
import { createReadStream } from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
var ModelFileError = class extends Error {
	constructor(message) {
		super(message);
		this.name = "ModelFileError";
	}
};
async function sha256File(file) {
	const hash = createHash("sha256");
	for await (const chunk of createReadStream(file)) hash.update(chunk);
	return hash.digest("hex");
}
/** `<dir>/<name>.model.json` beside `<dir>/<name>.onnx`, else `<dir>/model.json`. */
async function findSidecar(onnxPath) {
	const candidates = [onnxPath.replace(/\.onnx$/i, "") + ".model.json", path.join(path.dirname(onnxPath), "model.json")];
	for (const candidate of candidates) if ((await stat(candidate).catch(() => null))?.isFile()) return candidate;
	throw new ModelFileError(`no sidecar for ${path.basename(onnxPath)}: expected ${path.basename(candidates[0])} or model.json beside it`);
}
async function loadModelFiles(modelPath) {
	const onnxPath = path.resolve(modelPath);
	const info = await stat(onnxPath).catch(() => null);
	if (!info) throw new ModelFileError(`model not found: ${onnxPath}`);
	if (!info.isFile()) throw new ModelFileError(`model path is not a file: ${onnxPath}`);
	if (info.size === 0) throw new ModelFileError(`model file is empty: ${onnxPath}`);
	if (info.size > 4294967296) throw new ModelFileError(`model file is larger than 4 GiB: ${onnxPath}`);
	const sidecarPath = await findSidecar(onnxPath);
	if ((await stat(sidecarPath)).size > 4194304) throw new ModelFileError(`sidecar is larger than 4 MiB: ${sidecarPath}`);
	let sidecar;
	try {
		sidecar = parseSidecar(JSON.parse(await readFile(sidecarPath, "utf8")));
	} catch (err) {
		if (err instanceof SyntaxError) throw new ModelFileError(`sidecar is not valid JSON (${sidecarPath}): ${err.message}`);
		if (err instanceof SidecarError) throw new ModelFileError(`sidecar ${path.basename(sidecarPath)}: ${err.message}`);
		throw err;
	}
	const sha256 = await sha256File(onnxPath);
	if (sidecar.sha256 !== void 0 && sidecar.sha256 !== sha256) throw new ModelFileError(`model file does not match its sidecar: SHA-256 ${sha256.slice(0, 12)}… ≠ ${sidecar.sha256.slice(0, 12)}… (${path.basename(onnxPath)})`);
	return {
		onnxPath,
		sidecarPath,
		sidecar,
		sha256,
		sizeBytes: info.size
	};
}
export { sha256File as n, loadModelFiles as t };
