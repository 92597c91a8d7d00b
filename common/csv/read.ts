// The one CSV reader (RFC 4180) of the project: scores files, manifests, anything else tabular.
// Pure shared code (common/): text in, records out; no Node, no DOM.
import { fail, ok, type Result } from '../result.js';
import { unneutralise } from './formula.js';

export interface CsvRecord {
  /** 1-based line on which the record starts (a quoted field may span lines). */
  line: number;
  fields: string[];
  /** Set when the record is malformed (text after a closing quote, a stray quote): callers refuse it. */
  problem?: string;
}

/** A quote opened and never closed: nothing after it can be read. */
export class CsvUnclosedQuoteError extends Error {
  constructor(readonly line: number) {
    super(`line ${line}: a quoted field is never closed (missing ")`);
    this.name = 'CsvUnclosedQuoteError';
  }
}

/**
 * Records of RFC 4180 CSV, one at a time: comma-separated fields, optionally in double quotes (then
 * holding commas, line breaks and "" for a quote); CRLF, LF or lone CR line ends; a leading UTF-8 BOM
 * skipped; blank (empty or whitespace-only) lines dropped. A defect inside one record (text after its
 * closing quote, a quote inside an unquoted field) marks that record's `problem`; a quote never closed
 * throws CsvUnclosedQuoteError.
 * A field that a spreadsheet-safe writer prefixed with "'" (common/csv/formula.ts) is read back without
 * that prefix. O(text length).
 */
export function* csvRecords(text: string): Generator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let fieldQuoted = false;
  let problem: string | undefined;
  let line = 1;
  let recordLine = 1;
  const endField = () => {
    fields.push(unneutralise(field));
    field = '';
    fieldQuoted = false;
  };
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const length = text.length;
  while (i < length) {
    const c = text[i]!;
    if (c === '"' && field === '' && !fieldQuoted) {
      const openedOn = line;
      fieldQuoted = true;
      i += 1;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) throw new CsvUnclosedQuoteError(openedOn);
        const chunk = text.slice(i, quote);
        line += countLineBreaks(chunk);
        field += chunk;
        if (text[quote + 1] === '"') { field += '"'; i = quote + 2; continue; }
        i = quote + 1;
        break;
      }
      continue;
    }
    if (c === ',') { endField(); i += 1; continue; }
    if (c === '\r' || c === '\n') {
      const blank = fields.length === 0 && field.trim() === '' && !fieldQuoted;
      endField();
      if (!blank) yield problem === undefined ? { line: recordLine, fields } : { line: recordLine, fields, problem };
      fields = [];
      problem = undefined;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (fieldQuoted) problem ??= `unexpected text after a closing quote (field ${fields.length + 1})`;
    else if (c === '"') problem ??= `stray quote inside unquoted field ${fields.length + 1}`;
    // Unquoted run up to the next delimiter, taken in one slice rather than char by char.
    let end = i + 1;
    while (end < length) {
      const code = text.charCodeAt(end);
      if (code === 0x2c || code === 0x0d || code === 0x0a || code === 0x22) break;
      end += 1;
    }
    field += text.slice(i, end);
    i = end;
  }
  if (field.trim() !== '' || fieldQuoted || fields.length > 0) {
    endField();
    yield problem === undefined ? { line: recordLine, fields } : { line: recordLine, fields, problem };
  }
}

/** Line breaks (CRLF, LF or CR, each counted once) inside a quoted chunk. */
function countLineBreaks(chunk: string): number {
  let count = 0;
  for (let k = 0; k < chunk.length; k++) {
    const code = chunk.charCodeAt(k);
    if (code === 0x0a) count += 1;
    else if (code === 0x0d) {
      count += 1;
      if (chunk.charCodeAt(k + 1) === 0x0a) k += 1;
    }
  }
  return count;
}

/** All records at once; fails (code 'csv-unterminated', detail 'line N') for a quote never closed. */
export function parseCsv(text: string): Result<CsvRecord[]> {
  try {
    return ok([...csvRecords(text)]);
  } catch (error) {
    if (!(error instanceof CsvUnclosedQuoteError)) throw error;
    return fail('csv-unterminated', `CSV line ${error.line}: a quoted field is never closed.`, `line ${error.line}`);
  }
}
