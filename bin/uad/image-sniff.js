import { constants } from "node:fs";
import sharp from "sharp";
import { open, stat } from "node:fs/promises";
// electron/dataset/image-sniff.ts
var latin1 = (head, start, end) => head.toString("latin1", start, Math.min(end, head.length));
/** ISO-BMFF (HEIF family) brand at bytes 8..12, after the 'ftyp' box type at 4..8. */
var ftypBrand = (head) => latin1(head, 4, 8) === "ftyp" ? latin1(head, 8, 12) : "";
/** Raster formats a dataset may hold, in the order messages name them. */
var RASTER_FORMATS = [
	{
		name: "JPEG",
		extensions: [".jpg", ".jpeg"],
		sharpKey: "jpeg",
		matches: (h) => h.length >= 3 && h[0] === 255 && h[1] === 216 && h[2] === 255
	},
	{
		name: "PNG",
		extensions: [".png"],
		sharpKey: "png",
		matches: (h) => h.subarray(0, 8).equals(Buffer.from([
			137,
			80,
			78,
			71,
			13,
			10,
			26,
			10
		]))
	},
	{
		name: "WebP",
		extensions: [".webp"],
		sharpKey: "webp",
		matches: (h) => latin1(h, 0, 4) === "RIFF" && latin1(h, 8, 12) === "WEBP"
	},
	{
		name: "TIFF",
		extensions: [".tif", ".tiff"],
		sharpKey: "tiff",
		matches: (h) => ["II*\0", "MM\0*"].includes(latin1(h, 0, 4))
	},
	{
		name: "GIF",
		extensions: [".gif"],
		sharpKey: "gif",
		matches: (h) => latin1(h, 0, 4) === "GIF8"
	},
	{
		name: "AVIF",
		extensions: [".avif"],
		sharpKey: "heif",
		matches: (h) => ["avif", "avis"].includes(ftypBrand(h))
	}
];
/** Formats recognised only to say clearly that they are not read (vector, documents, undecodable rasters). */
var UNREAD_FORMATS = [
	{
		name: "BMP",
		extensions: [".bmp", ".dib"],
		sharpKey: null,
		matches: (h) => latin1(h, 0, 2) === "BM"
	},
	{
		name: "SVG",
		extensions: [".svg", ".svgz"],
		sharpKey: null,
		matches: (h) => /^(\uFEFF)?\s*<(\?xml|svg|!--)/i.test(latin1(h, 0, 64))
	},
	{
		name: "HEIC",
		extensions: [".heic", ".heif"],
		sharpKey: null,
		matches: (h) => [
			"heic",
			"heix",
			"hevc",
			"mif1",
			"msf1"
		].includes(ftypBrand(h))
	},
	{
		name: "JPEG 2000",
		extensions: [".jp2", ".j2k"],
		sharpKey: null,
		matches: (h) => latin1(h, 4, 8) === "jP  "
	},
	{
		name: "JPEG XL",
		extensions: [".jxl"],
		sharpKey: null,
		matches: (h) => h[0] === 255 && h[1] === 10 || latin1(h, 4, 8) === "JXL "
	},
	{
		name: "PDF",
		extensions: [".pdf"],
		sharpKey: null,
		matches: (h) => latin1(h, 0, 5) === "%PDF-"
	},
	{
		name: "ICO",
		extensions: [".ico"],
		sharpKey: null,
		matches: (h) => h.length >= 4 && h[0] === 0 && h[1] === 0 && h[2] === 1 && h[3] === 0
	}
];
var decodable = (format) => format.sharpKey !== null && sharp.format[format.sharpKey]?.input.file === true;
/** The raster formats this process's sharp can decode from a file: the only ones a dataset's images may use. */
var SUPPORTED_FORMATS = RASTER_FORMATS.filter(decodable);
var UNSUPPORTED_FORMATS = [...RASTER_FORMATS.filter((f) => !decodable(f)), ...UNREAD_FORMATS];
var SUPPORTED_FORMAT_NAMES = SUPPORTED_FORMATS.map((f) => f.name).join(", ");
var IMAGE_EXTENSIONS = new Set(SUPPORTED_FORMATS.flatMap((f) => f.extensions));
/** Why a file with this extension is not a sample in a folder listing ('' when the extension is readable). */
function unsupportedExtensionReason(extension) {
	const lower = extension.toLowerCase();
	if (IMAGE_EXTENSIONS.has(lower)) return "";
	const known = UNSUPPORTED_FORMATS.find((f) => f.extensions.includes(lower));
	return `unsupported format: ${known ? `${known.name} (${lower})` : lower === "" ? "no file extension" : `'${lower}' files`}; images must be ${SUPPORTED_FORMAT_NAMES}`;
}
/** Largest image file accepted (bytes); bigger files are listed as too large, never decoded. */
var MAX_IMAGE_BYTES = 67108864;
/** What a non-regular file is, for the reason shown ("not a regular file (named pipe)"). */
function nonRegularKind(info) {
	if (info.isDirectory()) return "folder";
	if (info.isFIFO()) return "named pipe";
	if (info.isSocket()) return "socket";
	if (info.isCharacterDevice()) return "character device";
	if (info.isBlockDevice()) return "block device";
	return "special file";
}
/** Classifies one file without decoding it. Never throws, never blocks on a pipe or device. */
async function checkImageFile(absolutePath) {
	let info;
	try {
		info = await stat(absolutePath);
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
	if (!info.isFile()) return {
		status: "unreadable",
		sizeBytes: 0,
		reason: `not a regular file (${nonRegularKind(info)})`
	};
	if (info.size === 0) return {
		status: "empty",
		sizeBytes: 0,
		reason: "file is empty (0 bytes)"
	};
	if (info.size > 67108864) return {
		status: "too-large",
		sizeBytes: info.size,
		reason: `file is larger than ${MAX_IMAGE_BYTES / 1048576} MiB`
	};
	let handle;
	try {
		handle = await open(absolutePath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
	} catch (err) {
		return {
			status: "unreadable",
			sizeBytes: 0,
			reason: `cannot open file (${err.code ?? "error"})`
		};
	}
	try {
		if (!(await handle.stat()).isFile()) return {
			status: "unreadable",
			sizeBytes: 0,
			reason: "not a regular file"
		};
		const head = Buffer.alloc(64);
		const { bytesRead } = await handle.read(head, 0, head.length, 0);
		const bytes = head.subarray(0, bytesRead);
		if (SUPPORTED_FORMATS.some((f) => f.matches(bytes))) return {
			status: "ok",
			sizeBytes: info.size
		};
		const known = UNSUPPORTED_FORMATS.find((f) => f.matches(bytes));
		return {
			status: "not-an-image",
			sizeBytes: info.size,
			reason: known ? `unsupported format: the content is ${known.name}; images must be ${SUPPORTED_FORMAT_NAMES}` : `content is not a ${SUPPORTED_FORMAT_NAMES} image`
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
export { unsupportedExtensionReason as a, nonRegularKind as i, checkImageFile as n, mapLimited as r, MAX_IMAGE_BYTES as t };
