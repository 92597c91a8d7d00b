// Makes untrusted text (titles, names, paths from case files and lists) safe to show on one line: every
// control character, line break and bidirectional override is written as a visible escape, so it can
// neither move the terminal cursor, erase a line, forge a line of its own nor reorder what is read.
// Pure shared code (common/); used by the CLI and the renderer alike.

/** C0/C1 controls, DEL, line/paragraph separators and the bidi embedding/override/isolate marks. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

const visible = (c: string): string => NAMED[c] ?? `\\u{${c.codePointAt(0)!.toString(16).padStart(4, '0')}}`;

/** `text` with every unsafe character replaced by a visible escape (\n, \e, \u{202e}, …), and backslashes doubled. */
export function escapeForDisplay(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(UNSAFE, visible);
}

/** Controls and bidi marks other than tab, line feed and carriage return. */
const INVISIBLE = new RegExp(UNSAFE.source.replace('\\u0000-\\u001f', '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f'), 'g');

/**
 * For text laid out as a block (an HTML page): the same visible escapes for controls and bidi marks,
 * but tabs and line breaks are kept and backslashes are left as written (paths read as they are).
 */
export function escapeInvisible(text: string): string {
  return text.replace(INVISIBLE, visible);
}

/** Whether `text` holds anything escapeForDisplay would rewrite (other than backslashes). */
export const hasUnsafeCharacters = (text: string): boolean => new RegExp(UNSAFE.source).test(text);

/** What JSON.stringify leaves raw that a terminal or a page would act on: DEL, C1, separators, bidi marks. */
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify with every control, line/paragraph separator and bidi mark written as \uXXXX: still
 * valid JSON that parses to the same value, but nothing in it can move a cursor or reorder the text.
 */
export function jsonForDisplay(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
