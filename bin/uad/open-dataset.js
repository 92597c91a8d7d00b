import { a as ok, i as fail, r as parseCsv } from "./read.js";
import { a as categoryFromLabel, i as attributesFromPath, o as pathComponents, r as BONA_FIDE_SPECIES } from "./formula.js";
import { a as unsupportedExtensionReason, i as nonRegularKind, n as checkImageFile, r as mapLimited } from "./image-sniff.js";
import path from "node:path";
import { readFile, readdir, stat } from "node:fs/promises";
// electron/dataset/listed-files.ts
/** Largest list or manifest accepted: far above UniAttackData's lists (≈ 2 MB), far below memory trouble. */
var MAX_LIST_BYTES = 268435456;
var MAX_LIST_LINES = 5e6;
/** Longest path accepted on one line; longer ones are garbage, not file names. */
var MAX_PATH_CHARS = 4096;
/** Files checked at once: enough to hide disk latency, few enough to leave libuv threads for others. */
var CHECK_CONCURRENCY = 32;
/** Decodes UTF-8 (BOM or not) and UTF-16 with a BOM, as Windows editors write it. */
function decodeText(bytes) {
	let text;
	if (bytes.length >= 2 && bytes[0] === 255 && bytes[1] === 254) text = new TextDecoder("utf-16le").decode(bytes);
	else if (bytes.length >= 2 && bytes[0] === 254 && bytes[1] === 255) text = new TextDecoder("utf-16be").decode(bytes);
	else text = new TextDecoder("utf-8").decode(bytes);
	return text.charCodeAt(0) === 65279 ? text.slice(1) : text;
}
/**
* Reads a list or manifest with size and line-count bounds. `what` names the kind of file in messages.
* Fails with a clear error for a missing, non-regular, oversized, binary or over-long file.
*/
async function readBoundedText(file, what) {
	let info;
	try {
		info = await stat(file);
	} catch {
		return fail("not-found", `${what} not found: ${file}`, file);
	}
	if (!info.isFile()) return fail("not-a-file", `${what} is not a regular file: ${file}`, file);
	if (info.size > 268435456) return fail("too-large", `${what} is ${(info.size / 1048576).toFixed(0)} MiB; the limit is ${MAX_LIST_BYTES / 1048576} MiB.`, file);
	let bytes;
	try {
		bytes = await readFile(file);
	} catch (err) {
		return fail("unreadable", `Cannot read ${what.toLowerCase()} ${file} (${err.code ?? "error"}).`, file);
	}
	const text = decodeText(bytes);
	if (text.slice(0, 65536).includes("\0")) return fail("not-text", `${what} is not a text file (it contains NUL bytes): ${file}`, file);
	let lines = 1;
	for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) if (++lines > 5e6) return fail("too-many-lines", `${what} has more than ${MAX_LIST_LINES} lines: ${file}`, file);
	return ok(text);
}
/** Split names as stored on samples: train/dev/test; val, valid and validation mean dev. */
function normaliseSplit(text) {
	const lower = text.trim().toLowerCase();
	return lower === "val" || lower === "valid" || lower === "validation" ? "dev" : lower;
}
/** Collects findings, keeping every count but only the first MAX_REPORTED_ISSUES entries. */
var CappedLog = class {
	count = 0;
	entries = [];
	add(entry) {
		this.count += 1;
		if (this.entries.length < 1e3) this.entries.push(entry);
	}
};
/** The listing's `skipped`, with one closing entry saying how many more were not listed. */
function skippedList(log, what = "bad lines") {
	const hidden = log.count - log.entries.length;
	return hidden > 0 ? [...log.entries, {
		path: "",
		reason: `${hidden} more ${what} not listed`
	}] : [...log.entries];
}
function warningsOf(log) {
	return {
		count: log.count,
		messages: [...log.entries]
	};
}
function countListing(samples) {
	const byCategory = {};
	for (const sample of samples) byCategory[sample.category] = (byCategory[sample.category] ?? 0) + 1;
	return {
		...countSamples(samples),
		byCategory
	};
}
/**
* Checks each listed file under `root` (paths relative, '/' separated, already proven not to escape
* root). Directory existence is memoised parent-first, so a list whose images are absent costs a
* handful of stats instead of one failed open per line; files in existing folders get checkImageFile.
*/
async function checkListedFiles(root, relativePaths, onProgress) {
	const directoryKnown = /* @__PURE__ */ new Map();
	const directoryExists = (dir) => {
		let known = directoryKnown.get(dir);
		if (known === void 0) {
			const parent = path.dirname(dir);
			known = (dir === root || parent === dir ? Promise.resolve(true) : directoryExists(parent)).then((yes) => yes && stat(dir).then((info) => info.isDirectory(), () => false));
			directoryKnown.set(dir, known);
		}
		return known;
	};
	const notFound = {
		status: "missing",
		sizeBytes: 0,
		reason: `file not found under ${root}`
	};
	let checked = 0;
	return mapLimited(relativePaths, CHECK_CONCURRENCY, async (relative) => {
		const absolute = path.join(root, relative);
		const check = await directoryExists(path.dirname(absolute)) ? await checkImageFile(absolute) : notFound;
		checked += 1;
		if (checked % 500 === 0) onProgress?.(checked, "checking");
		return check.status === "missing" ? notFound : check;
	});
}
/** A listed sample from its file check: the status and, for an unusable file, the reason. */
function listedSample(id, relativePath, check, fields) {
	const sample = {
		id,
		path: relativePath,
		...fields,
		sizeBytes: check.sizeBytes,
		status: check.status
	};
	if (check.reason !== void 0) sample.reason = check.reason;
	return sample;
}
/** Warns once per repeated path (lists and manifests repeat a few lines); each stays its own sample. */
function warnRepeatedPaths(items, warnings, what) {
	const firstLine = /* @__PURE__ */ new Map();
	for (const { path: listed, line } of items) {
		const earlier = firstLine.get(listed);
		if (earlier === void 0) firstLine.set(listed, line);
		else warnings.add(`line ${line}: same ${what} as line ${earlier}; kept as a separate sample`);
	}
}
// electron/dataset/folder-loader.ts
/** Upper bound on listed files, so a mistaken root (e.g. '/') cannot exhaust memory. */
var MAX_FOLDER_FILES = 2e6;
/** True when the bytes of a file name are valid UTF-8 (and so survive the round trip through a string path). */
function isUtf8Name(name) {
	return Buffer.from(name.toString("utf8"), "utf8").equals(name);
}
var NON_UTF8_REASON = "file name is not valid UTF-8; rename the file to score it";
async function walk(root, sink) {
	const pending = [""];
	while (pending.length > 0) {
		const relativeDir = pending.pop();
		let entries;
		try {
			entries = await readdir(path.join(root, relativeDir), {
				withFileTypes: true,
				encoding: "buffer"
			});
		} catch (err) {
			sink.skip(relativeDir || ".", `folder cannot be read (${err.code ?? "error"}); its files are not listed`);
			continue;
		}
		for (const entry of entries) {
			const raw = entry.name;
			const name = raw.toString("utf8");
			const relative = relativeDir === "" ? name : `${relativeDir}/${name}`;
			const utf8 = isUtf8Name(raw);
			if (entry.isDirectory()) {
				if (name.startsWith(".")) sink.skip(relative, "hidden folder, not searched");
				else if (utf8) pending.push(relative);
				else sink.skip(relative, "folder name is not valid UTF-8; its files cannot be listed");
			} else if (name.startsWith(".")) sink.skip(relative, "hidden file, not listed");
			else if (entry.isFile()) sink.file(relative, utf8);
			else if (entry.isSymbolicLink()) {
				if ((await stat(path.join(root, relative)).catch(() => null))?.isDirectory()) sink.skip(relative, "symbolic link to a folder, not followed");
				else sink.file(relative, utf8);
			} else sink.skip(relative, `not a regular file (${nonRegularKind(entry)})`);
		}
		sink.folderDone();
	}
}
async function listFolder(rootInput, options = {}) {
	const root = path.resolve(rootInput);
	let rootStat;
	try {
		rootStat = await stat(root);
	} catch {
		return fail("not-found", `Folder not found: ${root}`, root);
	}
	if (!rootStat.isDirectory()) return fail("not-a-folder", `Not a folder: ${root}`, root);
	const imagePaths = [];
	const skippedLog = new CappedLog();
	let tooMany = false;
	const nonUtf8 = /* @__PURE__ */ new Set();
	await walk(root, {
		file: (relative, utf8) => {
			if (imagePaths.length >= 2e6) {
				tooMany = true;
				return;
			}
			const unsupported = unsupportedExtensionReason(path.extname(relative));
			if (unsupported) {
				skippedLog.add({
					path: relative,
					reason: unsupported
				});
				return;
			}
			imagePaths.push(relative);
			if (!utf8) nonUtf8.add(relative);
		},
		skip: (relative, reason) => skippedLog.add({
			path: relative,
			reason
		}),
		folderDone: () => options.onProgress?.(imagePaths.length, "walking")
	});
	imagePaths.sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
	if (tooMany) return fail("too-many-files", `More than ${MAX_FOLDER_FILES} images under ${root}; open a narrower folder.`, root);
	const classified = [];
	for (const relative of imagePaths) {
		const attrs = attributesFromPath(relative);
		if (attrs) classified.push({
			relative,
			attrs
		});
		else skippedLog.add({
			path: relative,
			reason: "no class folder (expected live/…, attack/<species>/… or a UniAttackData layout)"
		});
	}
	let checked = 0;
	const samples = await mapLimited(classified, 32, async ({ relative, attrs }, id) => {
		const check = nonUtf8.has(relative) ? {
			status: "unreadable",
			sizeBytes: 0,
			reason: NON_UTF8_REASON
		} : await checkImageFile(path.join(root, relative));
		checked += 1;
		if (checked % 500 === 0) options.onProgress?.(checked, "checking");
		const sample = {
			id,
			path: relative,
			label: attrs.isAttack ? 1 : 0,
			category: attrs.category,
			species: attrs.species,
			identity: attrs.identity,
			split: "",
			sizeBytes: check.sizeBytes,
			status: check.status
		};
		if (check.reason !== void 0) sample.reason = check.reason;
		return sample;
	});
	options.onProgress?.(samples.length, "done");
	return ok({
		root,
		source: "folder",
		samples,
		skipped: skippedList(skippedLog, "files"),
		skippedCount: skippedLog.count,
		counts: countSamples(samples)
	});
}
function countSamples(samples) {
	const bySpecies = {};
	let bonaFide = 0;
	let unusable = 0;
	for (const sample of samples) {
		if (sample.label === 0) bonaFide += 1;
		if (sample.status !== "ok") unusable += 1;
		bySpecies[sample.species] = (bySpecies[sample.species] ?? 0) + 1;
	}
	return {
		total: samples.length,
		bonaFide,
		attack: samples.length - bonaFide,
		unusable,
		bySpecies
	};
}
// electron/dataset/manifest.ts
var REQUIRED_COLUMNS = ["path", "label"];
var OPTIONAL_COLUMNS = [
	"species",
	"identity",
	"split",
	"category"
];
var CATEGORIES = /* @__PURE__ */ new Set([
	"bona-fide",
	"physical",
	"adversarial",
	"digital",
	"attack"
]);
/** Column index per known name; fails for a missing required or duplicated column. */
function readHeader(header) {
	const names = header.fields.map((name) => name.trim().toLowerCase());
	const index = {};
	for (const [at, name] of names.entries()) {
		if (!REQUIRED_COLUMNS.includes(name) && !OPTIONAL_COLUMNS.includes(name)) continue;
		if (index[name] !== void 0) return fail("manifest-header", `Manifest header (line ${header.line}) names column '${name}' twice.`, `line ${header.line}`);
		index[name] = at;
	}
	const absent = REQUIRED_COLUMNS.filter((name) => index[name] === void 0);
	if (absent.length > 0) return fail("manifest-header", `Manifest header (line ${header.line}) has no ${absent.map((n) => `'${n}'`).join(" or ")} column; found ${names.map((n) => `'${n}'`).join(", ")}. Required: path, label (comma-separated); optional: ${OPTIONAL_COLUMNS.join(", ")}.`, `line ${header.line}`);
	return ok(index);
}
/** Path attributes from the first suffix of the path that has a recognised shape (absolute paths carry foreign prefixes). */
function attributesFromAnyDepth(relativePath) {
	const parts = pathComponents(relativePath);
	for (let start = 0; start < parts.length - 1; start++) {
		const attrs = attributesFromPath(parts.slice(start).join("/"));
		if (attrs !== null) return attrs;
	}
	return null;
}
/** Strictly below `folder`: a sample path must name something inside root, never root itself. */
function isInside(folder, target) {
	const relative = path.relative(folder, target);
	return relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
/** One data record → row, or the reason it is skipped. */
function readRow(record, columns, width, base) {
	if (record.problem !== void 0) return record.problem;
	if (record.fields.length !== width) return `has ${record.fields.length} fields, the header has ${width}`;
	const cell = (name) => columns[name] === void 0 ? "" : record.fields[columns[name]].trim();
	const pathText = cell("path");
	if (pathText === "") return "empty path";
	if (pathText.length > 4096) return `path is longer than ${MAX_PATH_CHARS} characters`;
	if (pathText.includes("\0")) return "path contains a NUL character";
	if (pathText.includes("�")) return "path is not valid UTF-8 text";
	if (process.platform !== "win32" && /^[A-Za-z]:[\\/]/.test(pathText)) return "Windows drive path cannot be opened on this system";
	const labelText = cell("label");
	if (labelText !== "0" && labelText !== "1") return `label "${labelText.slice(0, 40)}" must be 0 (bona fide) or 1 (attack)`;
	const isAttack = labelText === "1";
	const categoryText = cell("category").toLowerCase();
	if (categoryText !== "" && !CATEGORIES.has(categoryText)) return `category "${categoryText.slice(0, 40)}" is not one of ${[...CATEGORIES].join(", ")}`;
	if (categoryText !== "" && categoryText !== "bona-fide" !== isAttack) return `category "${categoryText}" contradicts label ${labelText}`;
	const absolute = path.resolve(base, process.platform === "win32" ? pathText : pathText.replaceAll("\\", "/"));
	return {
		line: record.line,
		absolute,
		isAttack,
		species: cell("species"),
		identity: cell("identity"),
		split: normaliseSplit(cell("split")),
		category: categoryText
	};
}
/** Final attributes: explicit columns win, then the path's shape, then neutral defaults. */
function describeRow(row, relative, warnings) {
	const attrs = attributesFromAnyDepth(relative);
	const pathAgrees = attrs !== null && attrs.isAttack === row.isAttack;
	if (attrs !== null && !pathAgrees) warnings.add(`line ${row.line}: path implies ${attrs.category} (${attrs.species}) but label ${row.isAttack ? 1 : 0} says ${row.isAttack ? "attack" : "bona fide"}; the label is kept`);
	const identity = row.identity || attrs?.identity || "";
	if (!row.isAttack) {
		if (row.species !== "" && row.species !== "bona-fide") warnings.add(`line ${row.line}: species '${row.species}' ignored for a bona fide sample`);
		return {
			category: "bona-fide",
			species: BONA_FIDE_SPECIES,
			identity
		};
	}
	const category = row.category || (pathAgrees ? attrs.category : "attack");
	return {
		category,
		species: row.species || (pathAgrees ? attrs.species : category === "attack" ? "unspecified" : category),
		identity
	};
}
/**
* Opens a CSV manifest. Rules: label is binary, 0 bona fide or 1 attack (UniAttackData's 0..3 labels
* belong in a protocol list); header names are case-insensitive, unknown columns ignored; cells are
* trimmed. Relative paths resolve against `imageRoot` or the CSV's folder; absolute paths and '..' are
* allowed (a manifest is the user's own index) and normalised; the listing's root is then the deepest
* folder holding every sample, so each sample path stays relative to root, '/' separated. Explicit
* species/category/identity columns win over what the path implies; split 'val' is stored as 'dev'.
* Fails for an unreadable/oversized file, a bad header, an unclosed quote, an
* explicit image root that is not a folder, or a manifest with no valid row; other defects are per row.
*/
async function loadManifest(csvPathInput, options = {}) {
	const csvPath = path.resolve(csvPathInput);
	const text = await readBoundedText(csvPath, "Manifest");
	if (!text.ok) return text;
	const parsed = parseCsv(text.value);
	if (!parsed.ok) return fail(parsed.error.code, `Manifest ${parsed.error.detail}: a quoted field is never closed.`, parsed.error.detail);
	const [header, ...records] = parsed.value;
	if (header === void 0) return fail("no-samples", `Manifest is empty: ${csvPath}`, csvPath);
	const columns = readHeader(header);
	if (!columns.ok) return columns;
	let base = path.dirname(csvPath);
	if (options.imageRoot !== void 0) {
		base = path.resolve(options.imageRoot);
		if (!(await stat(base).catch(() => null))?.isDirectory()) return fail("not-found", `Image root is not a folder: ${base}`, base);
	}
	const skipped = new CappedLog();
	const rows = [];
	let root = base;
	for (const record of records) {
		const row = readRow(record, columns.value, header.fields.length, base);
		const pathText = (record.fields[columns.value.path] ?? "").trim().slice(0, 300);
		if (typeof row === "string") {
			skipped.add({
				path: pathText,
				reason: `line ${record.line}: ${row}`,
				line: record.line
			});
			continue;
		}
		while (!isInside(root, row.absolute) && path.dirname(root) !== root) root = path.dirname(root);
		if (!isInside(root, row.absolute)) {
			skipped.add({
				path: pathText,
				reason: `line ${record.line}: on another drive than ${base}`,
				line: record.line
			});
			continue;
		}
		rows.push(row);
	}
	options.onProgress?.(rows.length, "walking");
	if (rows.length === 0) {
		const why = skipped.entries.slice(0, 3).map((s) => s.reason).join("; ");
		return fail("no-samples", `No valid row in ${path.basename(csvPath)}: each row needs a path and a label of 0 or 1.`, why || csvPath);
	}
	const warnings = new CappedLog();
	const relativePaths = rows.map((row) => path.relative(root, row.absolute).split(path.sep).join("/"));
	warnRepeatedPaths(rows.map((row, i) => ({
		path: relativePaths[i],
		line: row.line
	})), warnings, "file");
	const checks = await checkListedFiles(root, relativePaths, options.onProgress);
	const samples = rows.map((row, id) => listedSample(id, relativePaths[id], checks[id], {
		label: row.isAttack ? 1 : 0,
		...describeRow(row, relativePaths[id], warnings),
		split: row.split
	}));
	options.onProgress?.(samples.length, "done");
	return ok({
		root,
		source: "manifest",
		samples,
		skipped: skippedList(skipped),
		skippedCount: skipped.count,
		counts: countListing(samples),
		sourceFile: csvPath,
		warnings: warningsOf(warnings)
	});
}
// electron/dataset/protocol-list.ts
/** How many listed paths are probed per candidate folder when detecting the image root. */
var ROOT_PROBE_SAMPLES = 24;
/** The list's own folder and this many ancestors are tried as the image root. */
var ROOT_SEARCH_ANCESTORS = 3;
var INTEGER = /^-?\d+$/;
var LABEL_MEANING = "0 (live), 1 (physical), 2 (adversarial) or 3 (digital editing)";
/** Relative path as stored, or why it cannot be used. Backslashes are accepted as separators (Windows-made lists). */
function normaliseListedPath(text) {
	if (text.length > 4096) return { reason: `path is longer than ${MAX_PATH_CHARS} characters` };
	const slashed = text.replaceAll("\\", "/");
	if (slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed)) return { reason: "absolute path; listed paths must be relative to the image root" };
	const normal = path.posix.normalize(slashed);
	if (normal === ".." || normal.startsWith("../")) return { reason: "path leaves the image root through '..'" };
	if (normal === "." || normal === "./") return { reason: "empty path" };
	return { path: normal.startsWith("./") ? normal.slice(2) : normal };
}
/**
* Parses list text. The label is the last whitespace-separated token, so paths may contain spaces.
* Blank lines are ignored; every other line is a sample or a skipped line with its number and reason
* (a line starting with '#' too, so a commented-out sample is never lost without a word). CR, LF and
* CRLF endings are all accepted.
*/
function parseProtocolList(text) {
	const entries = [];
	const skipped = new CappedLog();
	const lines = text.split(/\r\n|\n|\r/);
	for (let index = 0; index < lines.length; index++) {
		const line = lines[index].trim();
		if (line === "") continue;
		const skip = (pathText, reason) => skipped.add({
			path: pathText.slice(0, 300),
			reason: `line ${index + 1}: ${reason}`,
			line: index + 1
		});
		if (line.startsWith("#")) {
			skip(line, "starts with '#': read as a comment, not a sample");
			continue;
		}
		if (line.includes("\0")) {
			skip("", "contains a NUL character");
			continue;
		}
		if (line.includes("�")) {
			skip(line, "not valid UTF-8 text");
			continue;
		}
		const cut = Math.max(line.lastIndexOf(" "), line.lastIndexOf("	"));
		if (cut < 0) {
			if (INTEGER.test(line)) skip("", "no path before the label");
			else skip(line, "no label (expected \"<path> <label>\")");
			continue;
		}
		const pathText = line.slice(0, cut).trimEnd();
		const labelText = line.slice(cut + 1);
		if (!INTEGER.test(labelText)) {
			skip(pathText, `label "${labelText.slice(0, 40)}" is not an integer; expected ${LABEL_MEANING}`);
			continue;
		}
		const label = Number(labelText);
		if (categoryFromLabel(label) === null) {
			skip(pathText, `label ${labelText} is not ${LABEL_MEANING}`);
			continue;
		}
		const normalised = normaliseListedPath(pathText);
		if ("reason" in normalised) {
			skip(pathText, normalised.reason);
			continue;
		}
		entries.push({
			line: index + 1,
			path: normalised.path,
			label
		});
	}
	return {
		entries,
		skipped
	};
}
/** Protocol ('p1', 'p2.1', …) and split named in a list's file name, e.g. `UniAttackData@p2.1_image_dev.txt`. */
function protocolAndSplitFromFileName(fileName) {
	const tokens = path.basename(fileName).replace(/\.(txt|lst|csv)$/i, "").toLowerCase().split(/[@_\-\s]+/);
	const protocol = tokens.find((token) => /^p\d+(\.\d+)*$/.test(token)) ?? "";
	const splitToken = [...tokens].reverse().find((token) => [
		"train",
		"dev",
		"test"
	].includes(normaliseSplit(token)));
	return {
		protocol,
		split: splitToken === void 0 ? "" : normaliseSplit(splitToken)
	};
}
/**
* Label-authoritative attributes of one entry: the list's label fixes bona fide/attack and category;
* the path supplies species and identity. When the path implies another category the label is kept
* and a warning recorded; an attack path keeps its species, otherwise the species falls back to the
* category name (or 'bona-fide').
*/
function describeEntry(entry, warnings) {
	const category = categoryFromLabel(entry.label);
	const isAttack = entry.label !== 0;
	const fallbackSpecies = isAttack ? category : BONA_FIDE_SPECIES;
	const attrs = attributesFromPath(entry.path);
	if (attrs === null) {
		if (isAttack) warnings.add(`line ${entry.line}: path names no known attack species; species set to '${category}'`);
		return {
			category,
			species: fallbackSpecies,
			identity: ""
		};
	}
	const agrees = attrs.category === category || attrs.category === "attack" && isAttack;
	if (!agrees) warnings.add(`line ${entry.line}: path implies ${attrs.category} (${attrs.species}) but label ${entry.label} says ${category}; the label is kept`);
	return {
		category,
		species: agrees || isAttack && attrs.isAttack ? attrs.species : fallbackSpecies,
		identity: attrs.identity
	};
}
async function anyExists(folder, relativePaths) {
	return (await Promise.all(relativePaths.map((relative) => stat(path.join(folder, relative)).then(() => true, () => false)))).includes(true);
}
/**
* The list's folder or the nearest of its ROOT_SEARCH_ANCESTORS ancestors under which some of a
* spread-out sample of the listed paths exists; null when none does (images absent).
*/
async function resolveImageRoot(listFolder, relativePaths) {
	const step = Math.max(1, Math.floor(relativePaths.length / ROOT_PROBE_SAMPLES));
	const probe = relativePaths.filter((_, index) => index % step === 0).slice(0, ROOT_PROBE_SAMPLES);
	let candidate = listFolder;
	for (let up = 0; up <= ROOT_SEARCH_ANCESTORS; up++) {
		if (await anyExists(candidate, probe)) return candidate;
		const parent = path.dirname(candidate);
		if (parent === candidate) break;
		candidate = parent;
	}
	return null;
}
/**
* Opens a protocol list. Fails only for an unreadable/oversized file, an explicit image root that is
* not a folder, or a list with no valid line; everything else is reported inside the listing.
*/
async function loadProtocolList(listPathInput, options = {}) {
	const listPath = path.resolve(listPathInput);
	const text = await readBoundedText(listPath, "Protocol list");
	if (!text.ok) return text;
	const { entries, skipped } = parseProtocolList(text.value);
	options.onProgress?.(entries.length, "walking");
	if (entries.length === 0) {
		const why = skipped.entries.slice(0, 3).map((s) => s.reason).join("; ");
		return fail("no-samples", `No valid line in ${path.basename(listPath)}: each line must be "<relative path> <label>" with label ${LABEL_MEANING}.`, why || listPath);
	}
	let root;
	if (options.imageRoot !== void 0) {
		root = path.resolve(options.imageRoot);
		if (!(await stat(root).catch(() => null))?.isDirectory()) return fail("not-found", `Image root is not a folder: ${root}`, root);
	} else root = await resolveImageRoot(path.dirname(listPath), entries.map((e) => e.path)) ?? path.dirname(listPath);
	const { protocol, split } = protocolAndSplitFromFileName(listPath);
	const warnings = new CappedLog();
	warnRepeatedPaths(entries, warnings, "path");
	const described = entries.map((entry) => describeEntry(entry, warnings));
	const checks = await checkListedFiles(root, entries.map((e) => e.path), options.onProgress);
	const samples = entries.map((entry, id) => listedSample(id, entry.path, checks[id], {
		label: entry.label === 0 ? 0 : 1,
		...described[id],
		split
	}));
	options.onProgress?.(samples.length, "done");
	return ok({
		root,
		source: "protocol-list",
		samples,
		skipped: skippedList(skipped),
		skippedCount: skipped.count,
		counts: countListing(samples),
		sourceFile: listPath,
		protocol,
		split,
		warnings: warningsOf(warnings)
	});
}
// electron/dataset/open-dataset.ts
var PROTOCOL_LIST_EXTENSIONS = /* @__PURE__ */ new Set([".txt", ".lst"]);
var MANIFEST_EXTENSIONS = /* @__PURE__ */ new Set([".csv"]);
async function openDataset(input, options = {}) {
	const target = path.resolve(input);
	const info = await stat(target).catch(() => null);
	if (info === null) return fail("not-found", `Nothing found at ${target}`, target);
	const progress = options.onProgress === void 0 ? {} : { onProgress: options.onProgress };
	if (info.isDirectory()) return listFolder(target, progress);
	const loaderOptions = options.imageRoot === void 0 ? progress : {
		...progress,
		imageRoot: options.imageRoot
	};
	const extension = path.extname(target).toLowerCase();
	if (PROTOCOL_LIST_EXTENSIONS.has(extension)) return loadProtocolList(target, loaderOptions);
	if (MANIFEST_EXTENSIONS.has(extension)) return loadManifest(target, loaderOptions);
	return fail("unsupported", `Cannot open ${path.basename(target)} as a dataset: choose a folder, a protocol list (.txt, .lst) or a CSV manifest (.csv).`, target);
}
export { openDataset as t };
