import { n as unneutralise } from "./formula.js";
// common/result.ts
var ok = (value) => ({
	ok: true,
	value
});
var fail = (code, message, detail) => ({
	ok: false,
	error: detail === void 0 ? {
		code,
		message
	} : {
		code,
		message,
		detail
	}
});
// common/dataset/species.ts
var CATEGORY_BY_LABEL = [
	"bona-fide",
	"physical",
	"adversarial",
	"digital"
];
var BONA_FIDE_SPECIES = "bona-fide";
var LIVE_DIRS = /* @__PURE__ */ new Set([
	"live",
	"real",
	"bona-fide",
	"bonafide",
	"bona_fide",
	"genuine"
]);
var ATTACK_DIRS = /* @__PURE__ */ new Set([
	"attack",
	"attacks",
	"spoof",
	"fake"
]);
var FACE_EDIT_ALGOS = /* @__PURE__ */ new Set([
	"dagan",
	"facedancer",
	"insightface",
	"oneshotth",
	"safa",
	"simswap"
]);
var IDENTITY = /^[A-Za-z]{1,4}-\d{2,}$/;
/** Split on either separator and drop empty and '.' components. */
function pathComponents(relativePath) {
	return relativePath.split(/[\\/]+/).filter((part) => part !== "" && part !== ".");
}
/**
* Strips a dataset's leading `<DatasetName>/Data/` (UniAttackData's own `UniAttackData/Data/`, or a
* copy under another name) or a bare `Data/`, so the rules see the category directory first.
*/
function stripDatasetRoot(parts) {
	if (parts[1]?.toLowerCase() === "data" && parts.length > 3) return parts.slice(2);
	if (parts[0]?.toLowerCase() === "data" || parts[0]?.toLowerCase() === "uniattackdata") return parts.slice(1);
	return parts;
}
function firstIdentity(parts) {
	for (const part of parts) {
		const head = part.split("-To-")[0] ?? part;
		if (IDENTITY.test(head)) return head;
	}
	return "";
}
/**
* Attributes from the UniAttackData path shapes:
*   live/<eth>/<id>/real.rssdk/...                       → bona fide
*   spoof/<eth>/<id>/<cloth-indoor|cloth-outdoor|screen-rs>/...  → physical, species = that dir
*   adv-attacks/<algo>/<algo>_<eth>-112x112/<id>/...      → adversarial, species = algo
*   <DaGAN|FaceDancer|...|simswap>/<eth>/<id>-To-<ref>/... → digital, species = algo
* and from generic folders: live/… (bona fide), attack|spoof|fake/<species>/… (attack).
* Returns null when the path names no known class.
*/
function attributesFromPath(relativePath) {
	const parts = stripDatasetRoot(pathComponents(relativePath));
	if (parts.length < 2) return null;
	const top = parts[0].toLowerCase();
	const identity = firstIdentity(parts.slice(1));
	if (LIVE_DIRS.has(top)) return {
		isAttack: false,
		category: "bona-fide",
		species: BONA_FIDE_SPECIES,
		identity
	};
	if (top === "spoof" && parts.length >= 5 && IDENTITY.test(parts[2])) return {
		isAttack: true,
		category: "physical",
		species: parts[3],
		identity
	};
	if (top === "adv-attacks" && parts.length >= 3) return {
		isAttack: true,
		category: "adversarial",
		species: parts[1],
		identity
	};
	if (FACE_EDIT_ALGOS.has(top)) return {
		isAttack: true,
		category: "digital",
		species: parts[0],
		identity
	};
	if (ATTACK_DIRS.has(top)) return {
		isAttack: true,
		category: "attack",
		species: parts.length >= 3 ? parts[1] : "unspecified",
		identity
	};
	return null;
}
/** Category implied by a UniAttackData label, or null when the label is outside 0..3. */
function categoryFromLabel(label) {
	return Number.isInteger(label) && label >= 0 && label <= 3 ? CATEGORY_BY_LABEL[label] : null;
}
// common/csv/read.ts
/** A quote opened and never closed: nothing after it can be read. */
var CsvUnclosedQuoteError = class extends Error {
	line;
	constructor(line) {
		super(`line ${line}: a quoted field is never closed (missing ")`);
		this.line = line;
		this.name = "CsvUnclosedQuoteError";
	}
};
/**
* Records of RFC 4180 CSV, one at a time: comma-separated fields, optionally in double quotes (then
* holding commas, line breaks and "" for a quote); CRLF, LF or lone CR line ends; a leading UTF-8 BOM
* skipped; blank (empty or whitespace-only) lines dropped. A defect inside one record (text after its
* closing quote, a quote inside an unquoted field) marks that record's `problem`; a quote never closed
* throws CsvUnclosedQuoteError.
* A field that a spreadsheet-safe writer prefixed with "'" (common/csv/formula.ts) is read back without
* that prefix. O(text length).
*/
function* csvRecords(text) {
	let fields = [];
	let field = "";
	let fieldQuoted = false;
	let problem;
	let line = 1;
	let recordLine = 1;
	const endField = () => {
		fields.push(unneutralise(field));
		field = "";
		fieldQuoted = false;
	};
	let i = text.charCodeAt(0) === 65279 ? 1 : 0;
	const length = text.length;
	while (i < length) {
		const c = text[i];
		if (c === "\"" && field === "" && !fieldQuoted) {
			const openedOn = line;
			fieldQuoted = true;
			i += 1;
			for (;;) {
				const quote = text.indexOf("\"", i);
				if (quote === -1) throw new CsvUnclosedQuoteError(openedOn);
				const chunk = text.slice(i, quote);
				line += countLineBreaks(chunk);
				field += chunk;
				if (text[quote + 1] === "\"") {
					field += "\"";
					i = quote + 2;
					continue;
				}
				i = quote + 1;
				break;
			}
			continue;
		}
		if (c === ",") {
			endField();
			i += 1;
			continue;
		}
		if (c === "\r" || c === "\n") {
			const blank = fields.length === 0 && field.trim() === "" && !fieldQuoted;
			endField();
			if (!blank) yield problem === void 0 ? {
				line: recordLine,
				fields
			} : {
				line: recordLine,
				fields,
				problem
			};
			fields = [];
			problem = void 0;
			i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
			line += 1;
			recordLine = line;
			continue;
		}
		if (fieldQuoted) problem ??= `unexpected text after a closing quote (field ${fields.length + 1})`;
		else if (c === "\"") problem ??= `stray quote inside unquoted field ${fields.length + 1}`;
		let end = i + 1;
		while (end < length) {
			const code = text.charCodeAt(end);
			if (code === 44 || code === 13 || code === 10 || code === 34) break;
			end += 1;
		}
		field += text.slice(i, end);
		i = end;
	}
	if (field.trim() !== "" || fieldQuoted || fields.length > 0) {
		endField();
		yield problem === void 0 ? {
			line: recordLine,
			fields
		} : {
			line: recordLine,
			fields,
			problem
		};
	}
}
/** Line breaks (CRLF, LF or CR, each counted once) inside a quoted chunk. */
function countLineBreaks(chunk) {
	let count = 0;
	for (let k = 0; k < chunk.length; k++) {
		const code = chunk.charCodeAt(k);
		if (code === 10) count += 1;
		else if (code === 13) {
			count += 1;
			if (chunk.charCodeAt(k + 1) === 10) k += 1;
		}
	}
	return count;
}
/** All records at once; fails (code 'csv-unterminated', detail 'line N') for a quote never closed. */
function parseCsv(text) {
	try {
		return ok([...csvRecords(text)]);
	} catch (error) {
		if (!(error instanceof CsvUnclosedQuoteError)) throw error;
		return fail("csv-unterminated", `CSV line ${error.line}: a quoted field is never closed.`, `line ${error.line}`);
	}
}
export { attributesFromPath as a, fail as c, BONA_FIDE_SPECIES as i, ok as l, csvRecords as n, categoryFromLabel as o, parseCsv as r, pathComponents as s, CsvUnclosedQuoteError as t };
