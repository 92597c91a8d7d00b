// Makes untrusted text (titles, names, paths from case files and lists) safe to show on one line: every
// control character, line break and bidirectional override is written as a visible escape, so it can
// neither move the terminal cursor, erase a line, forge a line of its own nor reorder what is read.
// Pure shared code (common/); used by the CLI and the renderer alike.

/** C0/C1 controls, DEL, line/paragraph separators and the bidi embedding/override/isolate marks. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** `text` with every unsafe character replaced by a visible escape (\n, \e, \u{202e}, …), and backslashes doubled. */
export function escapeForDisplay(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(UNSAFE, (c) => NAMED[c] ?? `\\u{${c.codePointAt(0)!.toString(16).padStart(4, '0')}}`);
}

/** Whether `text` holds anything escapeForDisplay would rewrite (other than backslashes). */
export const hasUnsafeCharacters = (text: string): boolean => new RegExp(UNSAFE.source).test(text);
