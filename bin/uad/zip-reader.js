import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { promisify } from "node:util";
import { deflateRawSync, inflateRaw } from "node:zlib";
// common/cases/case-types.ts
var CASE_FORMAT = "uad-workbench-case/1";
/** Fixed names inside the zip. Every other entry lives under overlays/ or evidence/. */
var CASE_JSON = "case.json";
var REPORT_HTML = "report.html";
var MANIFEST_JSON = "manifest.json";
var MANIFEST_HASH = "manifest.sha256";
/** Detached Ed25519 signature over manifest.json with the signer's public key (not listed in the manifest). */
var MANIFEST_SIG = "manifest.sig";
/**
* What a case file can and cannot say. A detector's score is an investigative lead, never proof: the
* wording is part of every case.json and report, and the schema requires it.
*/
var LIMITATIONS = [
	"These are investigative findings produced with an automated face attack detector and an analyst's review. They are not proof that any image is fake or genuine, and must not be reported as such.",
	"A score is the model's estimate that an image shows an attack; a decision only says on which side of the stated operating point the score falls. Error rates measured on benchmark data (often a synthetic proxy) need not hold for other capture conditions, attack types or populations.",
	"Routing heatmaps show how the model distributed image patches among its experts. They describe the model's internal processing; they are not evidence of where an image was manipulated.",
	"Conclusions should rest on the full context of the case, corroborating examinations and the judgement of a qualified examiner; a second examiner should verify any finding relied upon."
];
// electron/cases/signing.ts
var SIGNATURE_FORMAT = "uad-workbench-case-signature/1";
/** A key's fingerprint: SHA-256 of its DER public key (SubjectPublicKeyInfo), as `SHA256:<hex>`. */
function fingerprintOf(publicKey) {
	return `SHA256:${createHash("sha256").update(publicKey.export({
		type: "spki",
		format: "der"
	})).digest("hex")}`;
}
var publicKeyPem = (publicKey) => publicKey.export({
	type: "spki",
	format: "pem"
}).toString();
/** The manifest.sig file for these manifest bytes. */
function signManifest(manifest, privateKey, publicKey) {
	const body = {
		format: SIGNATURE_FORMAT,
		algorithm: "ed25519",
		signed: "manifest.json",
		publicKey: publicKeyPem(publicKey),
		fingerprint: fingerprintOf(publicKey),
		signature: sign(null, manifest, privateKey).toString("base64")
	};
	return Buffer.from(JSON.stringify(body, null, 2) + "\n", "utf8");
}
/**
* Checks manifest.sig against the manifest bytes. The fingerprint is recomputed from the key the file
* carries (the stated one must agree), so a file cannot claim someone else's fingerprint.
*/
function checkManifestSignature(signatureFile, manifest) {
	let body;
	try {
		const parsed = JSON.parse(Buffer.from(signatureFile).toString("utf8"));
		if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {
			valid: false,
			fingerprint: null,
			reason: "manifest.sig is not a JSON object"
		};
		body = parsed;
	} catch {
		return {
			valid: false,
			fingerprint: null,
			reason: "manifest.sig is not valid JSON"
		};
	}
	if (body.format !== "uad-workbench-case-signature/1" || body.algorithm !== "ed25519" || body.signed !== "manifest.json") return {
		valid: false,
		fingerprint: null,
		reason: "manifest.sig has an unknown format or algorithm"
	};
	if (typeof body.publicKey !== "string" || typeof body.signature !== "string" || typeof body.fingerprint !== "string") return {
		valid: false,
		fingerprint: null,
		reason: "manifest.sig lacks its public key, fingerprint or signature"
	};
	let key;
	try {
		key = createPublicKey(body.publicKey);
	} catch {
		return {
			valid: false,
			fingerprint: null,
			reason: "manifest.sig carries an unreadable public key"
		};
	}
	if (key.asymmetricKeyType !== "ed25519") return {
		valid: false,
		fingerprint: null,
		reason: "manifest.sig carries a key that is not Ed25519"
	};
	const fingerprint = fingerprintOf(key);
	if (fingerprint !== body.fingerprint) return {
		valid: false,
		fingerprint,
		reason: "manifest.sig states a fingerprint that is not its key's"
	};
	const signature = Buffer.from(body.signature, "base64");
	if (signature.length !== 64 || !verify(null, manifest, key, signature)) return {
		valid: false,
		fingerprint,
		reason: "the signature does not match manifest.json (the manifest was changed after signing)"
	};
	return {
		valid: true,
		fingerprint,
		publicKeyPem: publicKeyPem(key)
	};
}
// electron/cases/keystore.ts
var PRODUCT = "UAD Workbench";
var PRIVATE_KEY = "signing-key.pem";
var PUBLIC_KEY = "signing-key.pub.pem";
var TRUST_LIST = "trusted-keys.json";
var KeystoreError = class extends Error {
	constructor(message) {
		super(message);
		this.name = "KeystoreError";
	}
};
/** The per-user application data folder, as Electron's app.getPath('userData') names it on each platform. */
function userDataDir() {
	if (process.platform === "win32") return path.join(process.env.APPDATA ?? path.join(homedir(), "AppData", "Roaming"), PRODUCT);
	if (process.platform === "darwin") return path.join(homedir(), "Library", "Application Support", PRODUCT);
	return path.join(process.env.XDG_CONFIG_HOME || path.join(homedir(), ".config"), PRODUCT);
}
/** Where the keys live: $UAD_KEYS_DIR when set (tests, several profiles), else <user data>/keys. */
var keysDir = () => path.resolve(process.env.UAD_KEYS_DIR || path.join(userDataDir(), "keys"));
function ensureDir(dir) {
	mkdirSync(dir, {
		recursive: true,
		mode: 448
	});
}
/** Writes a file only if the name is free, atomically (complete content or nothing); false when it exists. */
function createExclusive(file, data, mode) {
	const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
	writeFileSync(temp, data, {
		flag: "wx",
		mode
	});
	try {
		linkSync(temp, file);
		return true;
	} catch (err) {
		if (err.code === "EEXIST") return false;
		throw err;
	} finally {
		unlinkSync(temp);
	}
}
function readPrivateKey(file) {
	if (process.platform !== "win32" && (statSync(file).mode & 63) !== 0) throw new KeystoreError(`${file} is readable by other users; restrict it (chmod 600) before signing with it`);
	let privateKey;
	try {
		privateKey = createPrivateKey(readFileSync(file, "utf8"));
	} catch (err) {
		throw new KeystoreError(`cannot read the signing key ${file}: ${err instanceof Error ? err.message : String(err)}`);
	}
	if (privateKey.asymmetricKeyType !== "ed25519") throw new KeystoreError(`${file} is not an Ed25519 key`);
	const publicKey = createPublicKey(privateKey);
	return {
		privateKey,
		publicKey,
		fingerprint: fingerprintOf(publicKey)
	};
}
/** This profile's key, or null when none was made yet. */
function ownSigningKey() {
	const file = path.join(keysDir(), PRIVATE_KEY);
	try {
		statSync(file);
	} catch {
		return null;
	}
	return readPrivateKey(file);
}
/** This profile's key, created (owner-only file) on first use; two processes racing get the same key. */
function ensureSigningKey() {
	const existing = ownSigningKey();
	if (existing) return existing;
	const dir = keysDir();
	ensureDir(dir);
	const { privateKey, publicKey } = generateKeyPairSync("ed25519");
	const file = path.join(dir, PRIVATE_KEY);
	if (createExclusive(file, privateKey.export({
		type: "pkcs8",
		format: "pem"
	}).toString(), 384)) createExclusive(path.join(dir, PUBLIC_KEY), publicKeyPem(publicKey), 420);
	return readPrivateKey(file);
}
function trustedKeys() {
	let text;
	try {
		text = readFileSync(path.join(keysDir(), TRUST_LIST), "utf8");
	} catch {
		return [];
	}
	const parsed = JSON.parse(text);
	if (!Array.isArray(parsed)) throw new KeystoreError(`${path.join(keysDir(), TRUST_LIST)} is not a list of keys`);
	return parsed.filter((k) => typeof k === "object" && k !== null && typeof k.fingerprint === "string" && typeof k.publicKey === "string" && typeof k.name === "string");
}
function writeTrustList(keys) {
	const dir = keysDir();
	ensureDir(dir);
	const file = path.join(dir, TRUST_LIST);
	const temp = `${file}.${process.pid}.tmp`;
	writeFileSync(temp, JSON.stringify(keys, null, 2) + "\n", { mode: 384 });
	chmodSync(temp, 384);
	renameSync(temp, file);
}
/**
* Adds a public key (PEM) to the trust list under a name. The fingerprint the user confirmed out of band
* (read over the phone, on paper) must match the key's own: trusting is a decision about a fingerprint.
*/
function trustKey(pem, name, confirmedFingerprint) {
	let key;
	try {
		key = createPublicKey(pem);
	} catch {
		throw new KeystoreError("that is not a PEM public key");
	}
	if (key.asymmetricKeyType !== "ed25519") throw new KeystoreError("only Ed25519 keys sign case files");
	const fingerprint = fingerprintOf(key);
	if (confirmedFingerprint.trim().toLowerCase().replace(/^sha256:/, "").replace(/:/g, "") !== fingerprint.slice(7)) throw new KeystoreError(`the key's fingerprint is ${fingerprint}, not the ${confirmedFingerprint} you confirmed; nothing was trusted`);
	const keys = trustedKeys().filter((k) => k.fingerprint !== fingerprint);
	const entry = {
		fingerprint,
		publicKey: publicKeyPem(key),
		name: name.trim() || "unnamed",
		addedAt: (/* @__PURE__ */ new Date()).toISOString()
	};
	writeTrustList([...keys, entry]);
	return entry;
}
function untrustKey(fingerprint) {
	const keys = trustedKeys();
	const kept = keys.filter((k) => k.fingerprint !== fingerprint);
	if (kept.length === keys.length) return false;
	writeTrustList(kept);
	return true;
}
function profileTrust() {
	const own = ownSigningKey();
	const listed = trustedKeys();
	return (fingerprint) => {
		if (own && own.fingerprint === fingerprint) return {
			name: "this profile's own key",
			own: true
		};
		const key = listed.find((k) => k.fingerprint === fingerprint);
		return key ? {
			name: key.name,
			own: false
		} : null;
	};
}
// electron/cases/zip-writer.ts
var CRC_TABLE = (() => {
	const table = /* @__PURE__ */ new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();
/** CRC-32 (IEEE 802.3, as zip uses it). O(n). */
function crc32(data) {
	let crc = 4294967295;
	for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 255] ^ crc >>> 8;
	return (crc ^ 4294967295) >>> 0;
}
var FLAG_UTF8 = 2048;
var STORE_ABOVE_BYTES = 524288;
var STORE_ABOVE_RATIO = 100;
var MADE_BY_UNIX = 788;
var ZIP32_LIMIT = 4294967295;
function dosDateTime(date) {
	const year = Math.max(1980, date.getFullYear());
	return {
		time: date.getHours() << 11 | date.getMinutes() << 5 | Math.floor(date.getSeconds() / 2),
		date: year - 1980 << 9 | date.getMonth() + 1 << 5 | date.getDate()
	};
}
/** Builds a zip archive in memory from the given entries, in order. */
function buildZip(entries, modified = /* @__PURE__ */ new Date()) {
	if (entries.length >= 65535) throw new Error(`too many files for a zip without zip64 (${entries.length})`);
	const stamp = dosDateTime(modified);
	const locals = [];
	const centrals = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, "utf8");
		const deflated = entry.store ? Buffer.alloc(0) : deflateRawSync(entry.data, { level: 6 });
		const extreme = entry.data.length > STORE_ABOVE_BYTES && entry.data.length / Math.max(1, deflated.length) > STORE_ABOVE_RATIO;
		const stored = entry.store === true || deflated.length >= entry.data.length || extreme;
		const payload = stored ? Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength) : deflated;
		const crc = crc32(entry.data);
		if (entry.data.length > ZIP32_LIMIT || offset > ZIP32_LIMIT) throw new Error("case file too large for a zip without zip64");
		const local = Buffer.alloc(30);
		local.writeUInt32LE(67324752, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(FLAG_UTF8, 6);
		local.writeUInt16LE(stored ? 0 : 8, 8);
		local.writeUInt16LE(stamp.time, 10);
		local.writeUInt16LE(stamp.date, 12);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(payload.length, 18);
		local.writeUInt32LE(entry.data.length, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(33639248, 0);
		central.writeUInt16LE(MADE_BY_UNIX, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(FLAG_UTF8, 8);
		central.writeUInt16LE(stored ? 0 : 8, 10);
		central.writeUInt16LE(stamp.time, 12);
		central.writeUInt16LE(stamp.date, 14);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(payload.length, 20);
		central.writeUInt32LE(entry.data.length, 24);
		central.writeUInt16LE(name.length, 28);
		central.writeUInt32LE((entry.unixMode ?? 33188) << 16 >>> 0, 38);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, payload);
		centrals.push(central, name);
		offset += local.length + name.length + payload.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(101010256, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([
		...locals,
		directory,
		end
	]);
}
// electron/cases/zip-reader.ts
var inflateRawAsync = promisify(inflateRaw);
var MiB = 1048576;
var DEFAULT_ZIP_LIMITS = {
	maxArchiveBytes: 1024 * MiB,
	maxEntries: 65e3,
	maxEntryBytes: 256 * MiB,
	maxTotalBytes: 1024 * MiB,
	maxRatio: 200,
	ratioFloorBytes: 1 * MiB
};
var ZipStructureError = class extends Error {
	code;
	constructor(message, code = "corrupt") {
		super(message);
		this.code = code;
	}
};
var SIG_LOCAL = 67324752;
var SIG_CENTRAL = 33639248;
var SIG_END = 101010256;
var S_IFMT = 61440;
var S_IFREG = 32768;
var S_IFDIR = 16384;
var S_IFLNK = 40960;
var DOS_DIRECTORY = 16;
var DOS_REPARSE_POINT = 1024;
var CONTROL = /[\u0000-\u001f\u007f]/;
/** Why an entry name is unsafe to unpack anywhere, or null when it is a plain relative path. */
function unsafeNameProblem(name) {
	const where = name;
	if (name === "" || name.length > 512) return {
		code: "bad-name",
		message: "an entry has an empty or overlong name",
		where
	};
	if (CONTROL.test(name)) return {
		code: "bad-name",
		message: "entry name contains control characters",
		where
	};
	if (name.includes("\\")) return {
		code: "bad-name",
		message: "entry name uses backslashes, which some systems treat as folder separators",
		where
	};
	if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return {
		code: "absolute-path",
		message: "entry has an absolute path",
		where
	};
	const segments = name.replace(/\/$/, "").split("/");
	if (segments.includes("..")) return {
		code: "zip-slip",
		message: "entry path climbs out of the case folder (..)",
		where
	};
	if (segments.some((s) => s === "" || s === ".")) return {
		code: "bad-name",
		message: "entry path has empty or \".\" segments",
		where
	};
	return null;
}
function decodeName(bytes, utf8) {
	if (!utf8) return bytes.every((b) => b < 128) ? bytes.toString("latin1") : null;
	try {
		return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
	} catch {
		return null;
	}
}
function findEnd(buffer) {
	const lowest = Math.max(0, buffer.length - 22 - 65535);
	for (let at = buffer.length - 22; at >= lowest; at--) if (buffer.readUInt32LE(at) === SIG_END) return at;
	throw new ZipStructureError("not a zip file (no end-of-central-directory record)");
}
function need(buffer, start, length, what) {
	if (start < 0 || start + length > buffer.length) throw new ZipStructureError(`${what} lies outside the file (truncated or corrupt archive)`);
}
/** Parses the central directory, collecting per-entry problems; structural damage throws. */
function readDirectory(buffer, limits, problems) {
	const end = findEnd(buffer);
	const disk = buffer.readUInt16LE(end + 4);
	const directoryDisk = buffer.readUInt16LE(end + 6);
	const count = buffer.readUInt16LE(end + 10);
	const directorySize = buffer.readUInt32LE(end + 12);
	const directoryStart = buffer.readUInt32LE(end + 16);
	if (disk !== 0 || directoryDisk !== 0) throw new ZipStructureError("multi-volume zip archives are not supported", "unsupported");
	if (count === 65535 || directoryStart === 4294967295 || directorySize === 4294967295) throw new ZipStructureError("zip64 archives are not supported for case files", "unsupported");
	if (count > limits.maxEntries) throw new ZipStructureError(`the archive has ${count} entries, above the limit of ${limits.maxEntries}`, "too-many-entries");
	if (directoryStart + directorySize > end) throw new ZipStructureError("the central directory overlaps its end record (corrupt archive)");
	const entries = [];
	const seen = /* @__PURE__ */ new Map();
	let total = 0;
	let at = directoryStart;
	for (let i = 0; i < count; i++) {
		need(buffer, at, 46, "a central directory record");
		if (buffer.readUInt32LE(at) !== SIG_CENTRAL) throw new ZipStructureError("bad central directory record (corrupt archive)");
		const madeBy = buffer.readUInt16LE(at + 4) >> 8;
		const flags = buffer.readUInt16LE(at + 8);
		const method = buffer.readUInt16LE(at + 10);
		const crc = buffer.readUInt32LE(at + 16);
		const compressedSize = buffer.readUInt32LE(at + 20);
		const size = buffer.readUInt32LE(at + 24);
		const nameLength = buffer.readUInt16LE(at + 28);
		const extraLength = buffer.readUInt16LE(at + 30);
		const commentLength = buffer.readUInt16LE(at + 32);
		const external = buffer.readUInt32LE(at + 38);
		const localOffset = buffer.readUInt32LE(at + 42);
		need(buffer, at + 46, nameLength + extraLength + commentLength, "an entry name");
		const nameBytes = buffer.subarray(at + 46, at + 46 + nameLength);
		at += 46 + nameLength + extraLength + commentLength;
		const name = decodeName(nameBytes, (flags & 2048) !== 0);
		if (name === null) {
			problems.push({
				code: "bad-name",
				message: "entry name is not valid UTF-8 (or non-ASCII without the UTF-8 flag)"
			});
			continue;
		}
		const nameProblem = unsafeNameProblem(name);
		if (nameProblem) {
			problems.push(nameProblem);
			continue;
		}
		const key = name.normalize("NFC").toLowerCase();
		if (seen.has(key)) {
			problems.push({
				code: "duplicate",
				message: `entry name appears twice (as "${seen.get(key)}" and "${name}")`,
				where: name
			});
			continue;
		}
		seen.set(key, name);
		const mode = external >>> 16;
		const unixType = madeBy === 3 ? mode & S_IFMT : 0;
		if (unixType === S_IFLNK || madeBy !== 3 && (external & DOS_REPARSE_POINT) !== 0) {
			problems.push({
				code: "symlink",
				message: "entry is a symbolic link; case files hold plain files only",
				where: name
			});
			continue;
		}
		if (unixType !== 0 && unixType !== S_IFREG && unixType !== S_IFDIR) {
			problems.push({
				code: "special-file",
				message: "entry is a device, pipe or socket; case files hold plain files only",
				where: name
			});
			continue;
		}
		const directory = name.endsWith("/") || unixType === S_IFDIR || madeBy !== 3 && (external & DOS_DIRECTORY) !== 0;
		if (directory && size !== 0) {
			problems.push({
				code: "bad-name",
				message: "a folder entry carries data",
				where: name
			});
			continue;
		}
		if (flags & 65) {
			problems.push({
				code: "encrypted",
				message: "entry is encrypted",
				where: name
			});
			continue;
		}
		if (method !== 0 && method !== 8) {
			problems.push({
				code: "unsupported-compression",
				message: `entry uses compression method ${method} (only stored and deflate are accepted)`,
				where: name
			});
			continue;
		}
		if (method === 0 && compressedSize !== size) {
			problems.push({
				code: "corrupt",
				message: "stored entry has different packed and unpacked sizes",
				where: name
			});
			continue;
		}
		if (size > limits.maxEntryBytes) {
			problems.push({
				code: "oversized",
				message: `entry unpacks to ${size} bytes, above the ${limits.maxEntryBytes}-byte limit per file`,
				where: name
			});
			continue;
		}
		if (size > limits.ratioFloorBytes && size / Math.max(1, compressedSize) > limits.maxRatio) {
			problems.push({
				code: "zip-bomb",
				message: `entry expands ${Math.round(size / Math.max(1, compressedSize))}:1, above the ${limits.maxRatio}:1 limit`,
				where: name
			});
			continue;
		}
		total += size;
		entries.push({
			name,
			nameBytes,
			flags,
			method,
			crc,
			compressedSize,
			size,
			localOffset,
			directory
		});
	}
	if (total > limits.maxTotalBytes) problems.push({
		code: "oversized",
		message: `the archive unpacks to ${total} bytes, above the ${limits.maxTotalBytes}-byte limit`
	});
	return {
		entries,
		directoryStart,
		layout: {
			directoryEnd: at,
			declaredDirectoryEnd: directoryStart + directorySize,
			endRecord: end,
			commentLength: buffer.readUInt16LE(end + 20)
		}
	};
}
/**
* The archive must be exactly its entries back to back, then the directory, then the end record: bytes
* before the first entry, between entries or after the end (a polyglot, an appended payload) or an
* archive comment could carry content no hash covers.
*/
function checkTight(buffer, ranges, directoryStart, layout, problems) {
	const extra = (message) => problems.push({
		code: "extra-data",
		message
	});
	if (layout.commentLength !== 0) problems.push({
		code: "archive-comment",
		message: `the archive carries a ${layout.commentLength}-byte comment; case files have none`
	});
	if (layout.endRecord + 22 + layout.commentLength !== buffer.length) extra(`${buffer.length - layout.endRecord - 22 - layout.commentLength} bytes follow the end of the archive (appended data)`);
	if (layout.directoryEnd !== layout.declaredDirectoryEnd || layout.declaredDirectoryEnd !== layout.endRecord) extra("bytes hide between the central directory and its end record");
	let expected = 0;
	for (const [entry, range] of [...ranges.entries()].sort((a, b) => a[1].headerStart - b[1].headerStart)) {
		if (range.headerStart > expected) extra(expected === 0 ? `${range.headerStart} bytes precede the first entry (a prefixed or polyglot file)` : `${range.headerStart - expected} unlisted bytes lie before ${entry.name}`);
		expected = Math.max(expected, range.end);
	}
	if (expected !== directoryStart) extra(`${directoryStart - expected} unlisted bytes lie before the central directory`);
}
/** Locates each entry's data through its local header; refuses mismatched names and overlapping entries. */
function locateData(buffer, entries, directoryStart, problems) {
	const ranges = /* @__PURE__ */ new Map();
	for (const entry of entries) {
		need(buffer, entry.localOffset, 30, `the local header of ${entry.name}`);
		if (buffer.readUInt32LE(entry.localOffset) !== SIG_LOCAL) throw new ZipStructureError(`bad local header for ${entry.name} (corrupt archive)`);
		const nameLength = buffer.readUInt16LE(entry.localOffset + 26);
		const extraLength = buffer.readUInt16LE(entry.localOffset + 28);
		need(buffer, entry.localOffset + 30, nameLength + extraLength, `the local header of ${entry.name}`);
		if (!buffer.subarray(entry.localOffset + 30, entry.localOffset + 30 + nameLength).equals(entry.nameBytes)) {
			problems.push({
				code: "name-mismatch",
				message: "the entry is named differently in its local header and in the central directory",
				where: entry.name
			});
			continue;
		}
		const start = entry.localOffset + 30 + nameLength + extraLength;
		const end = start + entry.compressedSize;
		if (end > directoryStart) throw new ZipStructureError(`the data of ${entry.name} runs into the central directory (corrupt archive)`);
		ranges.set(entry, {
			headerStart: entry.localOffset,
			dataStart: start,
			end
		});
	}
	const sorted = [...ranges.entries()].sort((a, b) => a[1].headerStart - b[1].headerStart);
	for (let i = 1; i < sorted.length; i++) if (sorted[i][1].headerStart < sorted[i - 1][1].end) problems.push({
		code: "zip-bomb",
		message: "entries overlap each other in the archive (a zip-bomb construction)",
		where: sorted[i][0].name
	});
	return ranges;
}
async function inflateEntry(buffer, entry, range) {
	const packed = buffer.subarray(range.dataStart, range.end);
	let data;
	if (entry.method === 0) data = Buffer.from(packed);
	else try {
		data = await inflateRawAsync(packed, { maxOutputLength: Math.max(1, entry.size) });
	} catch (err) {
		return err instanceof RangeError || /maxOutputLength|buffer larger/i.test(String(err)) ? {
			code: "size-mismatch",
			message: "entry unpacks to more than its declared size",
			where: entry.name
		} : {
			code: "corrupt",
			message: `entry data cannot be inflated (${err instanceof Error ? err.message : String(err)})`,
			where: entry.name
		};
	}
	if (data.length !== entry.size) return {
		code: "size-mismatch",
		message: `entry unpacks to ${data.length} bytes but declares ${entry.size}`,
		where: entry.name
	};
	if (crc32(data) !== entry.crc) return {
		code: "crc-mismatch",
		message: "entry data does not match its CRC-32 (damaged)",
		where: entry.name
	};
	return data;
}
/** Reads every plain file of an archive, or says precisely why the archive is refused. Never throws. */
async function readZipSafely(file, limits = DEFAULT_ZIP_LIMITS) {
	try {
		const info = await stat(file);
		if (!info.isFile()) return {
			ok: false,
			problems: [{
				code: "not-a-file",
				message: `${file} is not a file`
			}]
		};
		if (info.size > limits.maxArchiveBytes) return {
			ok: false,
			problems: [{
				code: "oversized",
				message: `the archive is ${info.size} bytes, above the ${limits.maxArchiveBytes}-byte limit`
			}]
		};
		const buffer = await readFile(file);
		const problems = [];
		const { entries, directoryStart, layout } = readDirectory(buffer, limits, problems);
		if (problems.length > 0) return {
			ok: false,
			problems
		};
		const ranges = locateData(buffer, entries, directoryStart, problems);
		if (problems.length > 0) return {
			ok: false,
			problems
		};
		checkTight(buffer, ranges, directoryStart, layout, problems);
		if (problems.length > 0) return {
			ok: false,
			problems
		};
		const out = [];
		for (const entry of entries) {
			if (entry.directory) continue;
			const data = await inflateEntry(buffer, entry, ranges.get(entry));
			if (Buffer.isBuffer(data)) out.push({
				name: entry.name,
				data
			});
			else problems.push(data);
		}
		return problems.length > 0 ? {
			ok: false,
			problems
		} : {
			ok: true,
			entries: out
		};
	} catch (err) {
		if (err instanceof ZipStructureError) return {
			ok: false,
			problems: [{
				code: err.code,
				message: err.message
			}]
		};
		if (err.code === "ENOENT") return {
			ok: false,
			problems: [{
				code: "not-found",
				message: `no file at ${file}`
			}]
		};
		return {
			ok: false,
			problems: [{
				code: "unreadable",
				message: `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`
			}]
		};
	}
}
export { LIMITATIONS as _, ensureSigningKey as a, MANIFEST_SIG as b, profileTrust as c, untrustKey as d, checkManifestSignature as f, CASE_JSON as g, CASE_FORMAT as h, KeystoreError as i, trustKey as l, signManifest as m, readZipSafely as n, keysDir as o, publicKeyPem as p, buildZip as r, ownSigningKey as s, DEFAULT_ZIP_LIMITS as t, trustedKeys as u, MANIFEST_HASH as v, REPORT_HTML as x, MANIFEST_JSON as y };
