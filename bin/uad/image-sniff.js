import { open } from "node:fs/promises";
// electron/dataset/image-sniff.ts
var IMAGE_EXTENSIONS = /* @__PURE__ */ new Set([
	".jpg",
	".jpeg",
	".png",
	".webp",
	".bmp",
	".tif",
	".tiff",
	".gif"
]);
/** Largest image file accepted (bytes); bigger files are listed as too large, never decoded. */
var MAX_IMAGE_BYTES = 67108864;
function looksLikeImage(head) {
	if (head.length >= 3 && head[0] === 255 && head[1] === 216 && head[2] === 255) return true;
	if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([
		137,
		80,
		78,
		71,
		13,
		10,
		26,
		10
	]))) return true;
	if (head.length >= 12 && head.toString("latin1", 0, 4) === "RIFF" && head.toString("latin1", 8, 12) === "WEBP") return true;
	if (head.length >= 2 && head.toString("latin1", 0, 2) === "BM") return true;
	if (head.length >= 4 && (head.toString("latin1", 0, 4) === "II*\0" || head.toString("latin1", 0, 4) === "MM\0*")) return true;
	if (head.length >= 4 && head.toString("latin1", 0, 4) === "GIF8") return true;
	return false;
}
/** Classifies one file without decoding it. Never throws. */
async function checkImageFile(absolutePath) {
	let handle;
	try {
		handle = await open(absolutePath, "r");
	} catch (err) {
		const code = err.code;
		if (code === "ENOENT") return {
			status: "missing",
			sizeBytes: 0,
			reason: "file not found"
		};
		return {
			status: "unreadable",
			sizeBytes: 0,
			reason: `cannot open file (${code ?? "error"})`
		};
	}
	try {
		const stat = await handle.stat();
		if (!stat.isFile()) return {
			status: "unreadable",
			sizeBytes: 0,
			reason: "not a regular file"
		};
		if (stat.size === 0) return {
			status: "empty",
			sizeBytes: 0,
			reason: "file is empty (0 bytes)"
		};
		if (stat.size > 67108864) return {
			status: "too-large",
			sizeBytes: stat.size,
			reason: `file is larger than ${MAX_IMAGE_BYTES / 1048576} MiB`
		};
		const head = Buffer.alloc(16);
		const { bytesRead } = await handle.read(head, 0, 16, 0);
		if (!looksLikeImage(head.subarray(0, bytesRead))) return {
			status: "not-an-image",
			sizeBytes: stat.size,
			reason: "content is not a JPEG, PNG, WebP, BMP, TIFF or GIF image"
		};
		return {
			status: "ok",
			sizeBytes: stat.size
		};
	} catch (err) {
		return {
			status: "unreadable",
			sizeBytes: 0,
			reason: `cannot read file (${err.code ?? "error"})`
		};
	} finally {
		await handle.close().catch(() => void 0);
	}
}
/** Runs `worker` over items with at most `limit` in flight, preserving order of results. */
async function mapLimited(items, limit, worker) {
	const results = new Array(items.length);
	let next = 0;
	const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await worker(items[index], index);
		}
	});
	await Promise.all(lanes);
	return results;
}
export { mapLimited as i, MAX_IMAGE_BYTES as n, checkImageFile as r, IMAGE_EXTENSIONS as t };
