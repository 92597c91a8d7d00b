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
export { ok as a, fail as i, csvRecords as n, parseCsv as r, CsvUnclosedQuoteError as t };
