// common/display-text.ts
/** C0/C1 controls, DEL, line/paragraph separators and the bidi embedding/override/isolate marks. */
var UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
var NAMED = {
	"\n": "\\n",
	"\r": "\\r",
	"	": "\\t",
	"\x1B": "\\e"
};
/** `text` with every unsafe character replaced by a visible escape (\n, \e, \u{202e}, …), and backslashes doubled. */
function escapeForDisplay(text) {
	return text.replace(/\\/g, "\\\\").replace(UNSAFE, (c) => NAMED[c] ?? `\\u{${c.codePointAt(0).toString(16).padStart(4, "0")}}`);
}
export { escapeForDisplay as t };
